import Foundation
import RefugeLimits
import XCTest
@testable import RefugeQuestionnaire

/// Small files built to exhaust the loader (nested aliases, a 20,000-term sum, a FIFO, a huge
/// sparse file) are refused within a second, with a message at the right place, and a broken
/// file in the user's folder is listed as not valid without stopping the others.
final class HostileQuestionnaireTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-q-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    private func timed<T>(_ body: () -> T, file: StaticString = #filePath, line: UInt = #line) -> T {
        let started = Date()
        let result = body()
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "refused within seconds", file: file, line: line)
        return result
    }

    static let header = """
    format: 1
    id: hostile
    version: "1"
    title: Hostile
    languages: [en]

    """

    func testNestedAliasesAreRefusedAtTheAliasThatPassesTheLimit() throws {
        // Under 1 KB, standing for 10^12 values.
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...12 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let text = lines.joined(separator: "\n") + "\n"
        XCTAssertLessThan(text.utf8.count, 1024)
        let result = timed { QuestionnaireLoader.load(path: try! write("bomb.yaml", text)) }
        XCTAssertNil(result.questionnaire)
        let problem = try XCTUnwrap(result.errors.first)
        XCTAssertTrue(problem.message.contains("more than \(Limits.yamlNodes) YAML values"), problem.message)
        XCTAssertEqual(problem.location.line, 7, "the alias that passes the limit")
    }

    func testATwentyThousandTermSumIsRefusedCleanly() throws {
        let sum = Array(repeating: "1", count: 20_000).joined(separator: " + ")
        let text = Self.header + """
        sections:
          - id: a
            title: A
            items:
              - id: n
                type: number
                prompt: "N?"
                constraint: ". < \(sum)"
        """
        let result = timed { QuestionnaireLoader.load(path: try! write("sum.yaml", text)) }
        XCTAssertNil(result.questionnaire)
        XCTAssertTrue(result.errors.contains { $0.message.contains("longer than \(Limits.expressionCharacters) characters") },
                      result.errors.map(\.message).joined(separator: "\n"))
    }

    func testAFIFOAndAHugeFileInTheUsersFolderAreListedAsNotValidAndTheOthersStillLoad() throws {
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("fifo.yaml").path, 0o600), 0)
        let huge = open(folder.appendingPathComponent("huge.yaml").path, O_WRONLY | O_CREAT, 0o600)
        XCTAssertEqual(ftruncate(huge, off_t(Limits.questionnaireFileBytes) + 1), 0)
        close(huge)
        _ = try write("good.yaml", Self.header + """
        sections:
          - id: a
            title: A
            items:
              - id: n
                type: number
                prompt: "N?"
        """)
        let catalog = QuestionnaireCatalog(shippedFolders: [], userFolder: folder.path)
        let entries = timed { catalog.all() }
        XCTAssertEqual(entries.map { ($0.path as NSString).lastPathComponent }, ["fifo.yaml", "good.yaml", "huge.yaml"])
        XCTAssertEqual(entries.map { $0.result.questionnaire != nil }, [false, true, false])
        XCTAssertTrue(entries[0].result.errors[0].message.contains("not a regular file"))
        XCTAssertTrue(entries[2].result.errors[0].message.contains("larger than"))
        XCTAssertEqual(catalog.find("hostile")?.result.questionnaire?.id, "hostile", "a broken neighbour does not stop `new`")
    }
}
