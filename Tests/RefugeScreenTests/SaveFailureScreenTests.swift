import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeScreen
import RefugeSession
import XCTest

/// A save that fails never loses the answer: the screen keeps it, says so calmly, and offers to
/// retry or to save a copy elsewhere.
final class SaveFailureScreenTests: XCTestCase {
    func testFolderRemovedMidInterview() throws {
        let rescue = FileManager.default.temporaryDirectory.appendingPathComponent("rescue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: rescue, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: rescue) }
        let h = try ScreenHarness("Questionnaires/example-intake.yaml", services: ScreenServices(rescueFolder: rescue))
        h.press(.enter, .down, .enter)
        try FileManager.default.removeItem(at: h.folder)           // a pulled USB stick
        h.type("Ana"); h.press(.enter)
        XCTAssertTrue(h.text.contains("could not be saved"), h.text)
        XCTAssertEqual(h.interview.answers[AnswerRef("full_name")].value, .text("Ana"), "the answer stays in memory")
        h.press(.character("r"))                                    // still failing: the message comes back
        XCTAssertTrue(h.text.contains("could not be saved"), h.text)
        h.press(.character("e"))                                    // a copy elsewhere
        let copies = try FileManager.default.contentsOfDirectory(atPath: rescue.path).filter { $0.hasSuffix(".refuge") }
        XCTAssertEqual(copies.count, 1, h.text)
        let (saved, _) = try SessionStore(folder: rescue).read(rescue.appendingPathComponent(copies[0]), passphrase: nil)
        XCTAssertEqual(saved.answers[AnswerRef("full_name")].value, .text("Ana"))
    }

    func testHideShowsABlankScreenUntilAKey() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter)
        h.press(.function(8))
        XCTAssertEqual(h.text.trimmingCharacters(in: .whitespacesAndNewlines), "", "nothing at all is shown")
        h.press(.character("x"))
        XCTAssertTrue(h.text.contains("interpretation"), h.text)
    }

    func testHiddenProtectedSessionNeedsItsPassphrase() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml", services: ScreenServices(checkPassphrase: { $0 == "open sesame" }))
        h.press(.enter, .function(8))
        h.type("wrong"); h.press(.enter)
        XCTAssertFalse(h.text.contains("interpretation"))
        XCTAssertTrue(h.text.contains("does not open"), h.text)
        h.type("open sesame"); h.press(.enter)
        XCTAssertTrue(h.text.contains("interpretation"), h.text)
    }
}
