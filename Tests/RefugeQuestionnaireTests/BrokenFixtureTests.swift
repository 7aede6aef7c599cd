import Foundation
import XCTest
@testable import RefugeQuestionnaire

/// Each file in Fixtures/broken has one mistake and a first line `# expect: LINE:COL: words`.
/// Loading it must fail (warnings count under --strict) with that message at that place.
final class BrokenFixtureTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/broken")

    func testEveryBrokenFixtureFailsAtTheRightPlace() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 12)
        for name in files {
            let path = Self.folder.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let firstLine = String(text.split(separator: "\n").first ?? "")
            XCTAssertTrue(firstLine.hasPrefix("# expect: "), "\(name) has no expectation line")
            let expectation = firstLine.dropFirst("# expect: ".count)
            let parts = expectation.split(separator: ":", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            let line = Int(parts[0])!, column = Int(parts[1])!, words = parts[2]
            let result = QuestionnaireLoader.load(path: path)
            let problems = result.diagnostics
            XCTAssertFalse(problems.isEmpty, "\(name) loaded without a problem")
            let match = problems.first { $0.location.line == line && $0.location.column == column && $0.description.contains(words) }
            XCTAssertNotNil(match, "\(name): expected \(line):\(column) \(words); got:\n" + problems.map(\.description).joined(separator: "\n"))
            if words.hasPrefix("warning:") {
                XCTAssertNotNil(result.questionnaire, "\(name): a warning alone must not stop loading")
            } else {
                XCTAssertNil(result.questionnaire, "\(name): a questionnaire with errors must never be built")
            }
            for p in problems { XCTAssertTrue(p.location.file.hasSuffix(name), "\(name): \(p) names another file") }
        }
    }
}
