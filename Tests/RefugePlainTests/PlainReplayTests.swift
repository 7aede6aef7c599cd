import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession
@testable import RefugePlain
import XCTest

/// Replays whole interviews from text files through plain mode and compares the printed
/// transcript and the saved answers with expected files. REFUGE_RECORD_SNAPSHOTS=1 rewrites them.
final class PlainReplayTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let replays = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Replays")

    struct Harness {
        let folder: URL
        let store: SessionStore
        let controller: SessionController

        init(questionnaire path: String, language: String? = nil) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)")
            store = SessionStore(folder: folder)
            let q = try XCTUnwrap(QuestionnaireLoader.load(path: PlainReplayTests.root.appendingPathComponent(path).path).questionnaire)
            let created = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18
            let session = NewSession.make(id: "plaintest01", questionnaire: q, language: language, interviewerLanguage: nil,
                                          label: "T-1", now: created, timeZone: TimeZone(identifier: "UTC")!)
            let file = try store.create(session, questionnaire: q, key: nil)
            controller = SessionController(file: file, questionnaire: q, now: { created })
        }

        func close() {
            controller.file.close()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    func replay(_ name: String, questionnaire: String, language: String? = nil) throws -> (transcript: String, answers: String, harness: Harness) {
        let input = try String(contentsOf: Self.replays.appendingPathComponent("\(name).input"), encoding: .utf8)
            .replacingOccurrences(of: "\\e", with: "\u{1B}")
        var lines = input.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let harness = try Harness(questionnaire: questionnaire, language: language)
        var io = ScriptedLineIO(input: lines)
        var plain = PlainInterview(controller: harness.controller)
        plain.run(&io)
        // What is on disk, read back through the store (not the in-memory copy).
        let (saved, _) = try harness.store.read(harness.store.url(for: "plaintest01"), passphrase: nil)
        // The answers as the session file holds them, laid out with sorted keys for reading.
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: saved.fileBody()) as? [String: Any])
        let written = try XCTUnwrap((body["session"] as? [String: Any])?["answers"])
        let layout = try JSONSerialization.data(withJSONObject: written, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        let answers = String(decoding: layout, as: UTF8.self) + "\n"
        return (io.transcript, answers, harness)
    }

    func compare(_ actual: String, _ file: String, line: UInt = #line) throws {
        let url = Self.replays.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["REFUGE_RECORD_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            if ProcessInfo.processInfo.environment["REFUGE_RECORD_SNAPSHOTS"] != "1" {
                XCTFail("\(file) did not exist; it was written now: check it and run again", line: line)
            }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            XCTFail("\(file) differs at line \(first + 1):\n  expected: \(first < e.count ? e[first] : "<end>")\n  actual:   \(first < a.count ? a[first] : "<end>")", line: line)
        }
    }

    func testEnglishInterviewWithRepeatConstraintBackAndCommands() throws {
        let (transcript, answers, harness) = try replay("example-en", questionnaire: "Questionnaires/example-intake.yaml")
        defer { harness.close() }
        try compare(transcript, "example-en.transcript")
        try compare(answers, "example-en.answers.json")
        XCTAssertFalse(transcript.contains("\u{1B}"), "a plain transcript never holds an escape sequence")
        XCTAssertTrue(transcript.contains("This date could be read two ways"), "the ambiguous date is refused with one line")
        XCTAssertTrue(transcript.contains("Please answer this question"), "a required question repeats with its message")
        let saved = harness.controller.interview
        XCTAssertEqual(saved.entries(of: "family").count, 2)
        XCTAssertEqual(saved.answers[AnswerRef("why_left")].value, .text("They came to the shop.\n: that is what they said"))
        XCTAssertEqual(saved.answers[AnswerRef("full_name")].value, .text("Ana \u{1B}[31mPérez"), "typed words are kept exactly")
        XCTAssertTrue(saved.answers[AnswerRef("nationality")].followUp)
        XCTAssertEqual(saved.answers[AnswerRef("afraid_to_return")].note, "Cried when talking about the shop")
        XCTAssertEqual(saved.answers[AnswerRef("phone")].status, .dontKnow)
        XCTAssertEqual(harness.controller.session.position?.itemID, "consent")
    }

    func testSpanishInterviewSwitchesLanguageAndStopsAtEndOfInput() throws {
        let (transcript, answers, harness) = try replay("example-es", questionnaire: "Questionnaires/example-intake.yaml")
        defer { harness.close() }
        try compare(transcript, "example-es.transcript")
        try compare(answers, "example-es.answers.json")
        XCTAssertTrue(transcript.contains("¿Cuándo nació?"))
        XCTAssertTrue(transcript.hasSuffix("Fin de la entrada: todo está guardado.\n"), String(transcript.suffix(200)))
        XCTAssertEqual(harness.controller.session.language, "es")
        XCTAssertFalse(transcript.contains("\u{1B}"))
    }
}
