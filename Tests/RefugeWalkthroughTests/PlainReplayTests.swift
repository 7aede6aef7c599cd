import Foundation
import RefugeEngine
import RefugeExpressions
import RefugePlain
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// Replays the beginning of a credible-fear interview in plain mode from text files and compares
/// the printed transcript and the saved answers with expected files.
/// REFUGE_RECORD_SNAPSHOTS=1 rewrites the expected files.
final class CredibleFearPlainReplayTests: XCTestCase {
    static let replays = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Replays")

    func replay(_ name: String, id: String, language: String, interviewerLanguage: String)
        throws -> (transcript: String, answers: String, harness: WalkthroughHarness) {
        let input = try String(contentsOf: Self.replays.appendingPathComponent("\(name).input"), encoding: .utf8)
            .replacingOccurrences(of: "\\e", with: "\u{1B}")
        var lines = input.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let harness = try WalkthroughHarness(id: id, language: language, interviewerLanguage: interviewerLanguage, label: "CF-1")
        var io = ScriptedLineIO(input: lines)
        var plain = PlainInterview(controller: harness.controller)
        plain.run(&io)
        let saved = try harness.savedSession()
        // The answers as the session file holds them, laid out with sorted keys for reading.
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: saved.fileBody()) as? [String: Any])
        let written = try XCTUnwrap((body["session"] as? [String: Any])?["answers"])
        let layout = try JSONSerialization.data(withJSONObject: written, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        let answers = String(decoding: layout, as: UTF8.self) + "\n"
        return (io.transcript, answers, harness)
    }

    func compare(_ actual: String, _ file: String, line: UInt = #line) throws {
        let url = Self.replays.appendingPathComponent(file)
        let recording = ProcessInfo.processInfo.environment["REFUGE_RECORD_SNAPSHOTS"] == "1"
        if recording || !FileManager.default.fileExists(atPath: url.path) {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            if !recording { XCTFail("\(file) did not exist; it was written now: check it and run again", line: line) }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            XCTFail("\(file) differs at line \(first + 1):\n  expected: \(first < e.count ? e[first] : "<end>")\n  actual:   \(first < a.count ? a[first] : "<end>")", line: line)
        }
    }

    func testRussianReplayWithTwoTransitCountriesAConstraintErrorBackAndCommands() throws {
        let (transcript, answers, harness) = try replay("credible-fear-ru", id: "cfplain01", language: "ru", interviewerLanguage: "ru")
        defer { harness.close() }
        try compare(transcript, "credible-fear-ru.transcript")
        try compare(answers, "credible-fear-ru.answers.json")

        XCTAssertFalse(transcript.contains("\u{1B}"), "a plain transcript never holds an escape sequence")
        XCTAssertFalse(transcript.contains(ProgramWords.text(.fallbackMarker, "ru")), "no text fell back to English")
        XCTAssertTrue(transcript.hasPrefix("Подготовка к собеседованию об обоснованном страхе\n"))
        // The refusals, in Russian: a birth date in the future, an A-number of too few digits,
        // a transit stay that ends before it begins.
        XCTAssertTrue(transcript.contains("\n> 2030-01-01\nЭта дата ещё не наступила.\n"), "the birth date constraint refuses the future")
        XCTAssertTrue(transcript.contains("\n> 12345\nВ номере A от 7 до 9 цифр, например A123 456 789.\n"))
        XCTAssertTrue(transcript.contains("\n> 2026-03\nЭта дата должна быть позже даты прибытия в эту страну.\n"))
        XCTAssertFalse(transcript.contains("== Военная служба =="), "the replay stops before the military section")

        let interview = harness.controller.interview
        let transit = interview.entries(of: "transit")
        XCTAssertEqual(transit.count, 2)
        XCTAssertEqual(transit.map { $0.entry.answers["transit_country"]?.value }, [.choice("KZ"), .choice("MX")])
        XCTAssertEqual(transit[0].entry.answers["transit_left"]?.value, .date(PartialDate(year: 2026, month: 6)),
                       "the refused date was not kept; the corrected one was")
        XCTAssertEqual(transit[1].entry.answers["transit_problems"]?.value, .text("В Тихуане у меня украли телефон.\n:Больше ничего."))
        XCTAssertEqual(interview.answers[AnswerRef("birth_date")].value, .date(PartialDate(year: 1994, month: 5, day: 12)))
        XCTAssertEqual(interview.answers[AnswerRef("full_name")].value, .text("Алексей Смирнов"), "kept through :back and Enter")
        XCTAssertEqual(interview.answers[AnswerRef("a_number")].status, .dontKnow)
        XCTAssertEqual(interview.answers[AnswerRef("religion")].status, .refused)
        XCTAssertEqual(interview.answers[AnswerRef("nationality")].note, "Говорит, что паспорт остался у мамы")
        XCTAssertEqual(interview.answers[AnswerRef("languages_spoken")].value, .choices([]))
        XCTAssertEqual(interview.answers[AnswerRef("birth_country")].value, .choice("RU"), "a choice typed by its Russian label")
        XCTAssertEqual(interview.answers[AnswerRef("nationality")].value, .choice("RU"), "a choice typed by its number")
        XCTAssertEqual(interview.answers[AnswerRef("entry_way")].value, .choice("port_of_entry"), "answered after :помощь")
        XCTAssertFalse(interview.isOnPath(AnswerRef("interpreter_name")), "no interpreter: the interpreter's questions are skipped")
        XCTAssertTrue(interview.isOnPath(AnswerRef("military_intro")), "Russia opens the military section")
        XCTAssertEqual(harness.controller.session.position?.itemID, "entry_place", "the answer to entry_way moved on to the next question")
    }
}
