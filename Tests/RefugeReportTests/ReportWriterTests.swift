import Foundation
import RefugeReport
import XCTest

final class ReportWriterTests: XCTestCase {
    func testWritesAPrivateFileNamedAfterTheLabel() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        session.label = "../A 2026/0117"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-report-writer-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = ReportOptions(redact: true, now: ReportFixtures.now)
        let path = try ReportWriter.write(session: session, questionnaire: q, format: .markdown, options: options, intoFolder: folder)
        XCTAssertEqual(path, folder.appendingPathComponent("_A_2026_0117-\(session.id)-2026-11-30-redacted.md").path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.path)
        XCTAssertEqual((folderAttributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(written, ReportWriter.render(session: session, questionnaire: q, format: .markdown, options: options))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 1, "no temporary file left")

        // Writing again replaces the file, still private.
        chmod(path, 0o644)
        try ReportWriter.write(session: session, questionnaire: q, format: .markdown, options: options, to: URL(fileURLWithPath: path))
        XCTAssertEqual(((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testTwoSessionsWithTheSameLabelOnTheSameDayNeverShareAReport() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var first = try ReportFixtures.exampleSession(q, language: "en")
        var second = first
        first.label = "A-1"; second.label = "A-1"
        second.id = first.id + "x"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-report-pair-\(UUID().uuidString)").appendingPathComponent("reports")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let options = ReportOptions(now: ReportFixtures.now)
        let a = try ReportWriter.write(session: first, questionnaire: q, format: .text, options: options, intoFolder: folder)
        let b = try ReportWriter.write(session: second, questionnaire: q, format: .text, options: options, intoFolder: folder)
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 2)
        for made in [folder, folder.deletingLastPathComponent()] {
            XCTAssertEqual(((try FileManager.default.attributesOfItem(atPath: made.path))[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        }
    }

    func testBidiControlsAndZeroWidthCharactersAreNeutralisedButJoinersInsideWordsStay() {
        XCTAssertEqual(InvisibleCharacters.neutralized("pay \u{202E}001\u{202C} now"), "pay 001 now")
        XCTAssertEqual(InvisibleCharacters.neutralized("\u{2066}a\u{2069}\u{200B}b\u{FEFF}"), "ab")
        XCTAssertEqual(InvisibleCharacters.neutralized("👩\u{200D}👧 می\u{200C}خواهم"), "👩\u{200D}👧 می\u{200C}خواهم")
        XCTAssertEqual(InvisibleCharacters.neutralized("a \u{200D} b\u{200C}"), "a  b")
        XCTAssertEqual(Escaping.html("<\u{202E}x>"), "&lt;x&gt;")
        XCTAssertEqual(Escaping.plain("\u{1B}[2J\u{202D}ok"), "ok")
    }

    func testAFolderThatCannotBeWrittenIsAClearError() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "en")
        let missing = URL(fileURLWithPath: "/nonexistent-folder-\(getpid())/report.txt")
        XCTAssertThrowsError(try ReportWriter.write(session: session, questionnaire: q, format: .text,
                                                    options: ReportOptions(now: ReportFixtures.now), to: missing)) { error in
            XCTAssertTrue("\(error)".contains("could not be written"))
        }
    }
}
