import Foundation
import XCTest

/// The commands against hostile files and text: nothing they print can drive the terminal, and
/// a FIFO, a huge sparse file or a broken questionnaire costs a moment, not a hang.
final class HostileCommandTests: XCTestCase {
    static let escape = "\u{1B}]52;c;cGF3bmVk\u{07}\u{1B}[2J\u{9B}31m"

    private func assertNoControls(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F..<0xA0).contains($0.value) }
        XCTAssertTrue(bad.isEmpty, "\(what) printed control characters: \(bad.map { String($0.value, radix: 16) })", file: file, line: line)
    }

    func testLabelsTitlesAndDiagnosticsArePrintedWithoutEscapes() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        _ = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "A-1" + Self.escape])
        let list = try refuge.run(["list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("A-1"), list.stdout)
        assertNoControls(list.stdout, "list")

        let mine = refuge.home.appendingPathComponent("questionnaires")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try """
        format: 1
        id: hostile
        version: "1\\e]52;c;eA==\\a"
        title: "Title \\e[2J\\u009b31m"
        languages: [en]
        sections:
          - id: a
            title: A
            items:
              - id: n
                type: number
                prompt: "N?"
        """.write(to: mine.appendingPathComponent("hostile.yaml"), atomically: true, encoding: .utf8)
        try "format: 1\n\"bad\\e]52;c;eA==\\akey\": 1\n".write(to: mine.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let questionnaires = try refuge.run(["questionnaires"])
        XCTAssertTrue(questionnaires.stdout.contains("hostile") && questionnaires.stdout.contains("(not valid)"), questionnaires.stdout)
        assertNoControls(questionnaires.stdout, "questionnaires")
        let validate = try refuge.run(["validate", mine.path])
        XCTAssertEqual(validate.status, 1)
        XCTAssertTrue(validate.stdout.contains("badkey") || validate.stdout.contains("bad"), validate.stdout)
        assertNoControls(validate.stdout + validate.stderr, "validate")
        let missing = try refuge.run(["answer", "no-such\(Self.escape)", "q", "x"])
        XCTAssertEqual(missing.status, 1)
        assertNoControls(missing.stderr, "an error")
    }

    func testAFIFOAndAHugeSparseSessionFileDoNotHangOrExhaustList() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "kept"])
        XCTAssertEqual(mkfifo(refuge.sessionsFolder.appendingPathComponent("fifo0000.refuge").path, 0o600), 0)
        let huge = open(refuge.sessionsFolder.appendingPathComponent("huge0000.refuge").path, O_WRONLY | O_CREAT, 0o600)
        XCTAssertEqual(ftruncate(huge, 3 * 1024 * 1024 * 1024), 0)
        close(huge)
        let started = Date()
        let list = try refuge.run(["list"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains(id) && list.stdout.contains("fifo0000") && list.stdout.contains("huge0000"), list.stdout)
        let fifo = try refuge.run(["answer", "fifo0000", "full_name", "x"])
        XCTAssertEqual(fifo.status, 1)
        XCTAssertTrue(fifo.stderr.contains("not a regular file"), fifo.stderr)
    }
}
