import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// The interview's commands on a session value: no folder, no file, no clock. Each rule is
/// checked here once; the front ends only translate input into these commands.
final class InterviewCommandTests: XCTestCase {
    static let yaml = """
    format: 1
    id: commands
    version: "1"
    title: "Commands"
    languages: [en]
    sections:
      - id: main
        title: "Main"
        items:
          - id: name
            type: text
            required: true
            prompt: "Name"
          - id: age
            type: number
            prompt: "Age"
            allow_dont_know: false
          - id: has_children
            type: yesno
            prompt: "Children?"
          - id: children
            type: repeat
            show_if: "has_children == 'yes'"
            min_count: 1
            max_count: 2
            prompt: "Children"
            items:
              - id: child_name
                type: text
                prompt: "Name"
              - id: child_age
                type: number
                prompt: "Age"
          - id: city
            type: text
            prompt: "City"
          - id: siblings_count
            type: number
            prompt: "How many siblings?"
          - id: siblings
            type: repeat
            count: "siblings_count"
            prompt: "Siblings"
            items:
              - id: sibling_name
                type: text
                prompt: "Name"
    """
    static let time = Date(timeIntervalSince1970: 1_795_000_000)

    var state: SessionState!

    override func setUpWithError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("commands-\(UUID().uuidString).yaml")
        try Self.yaml.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let load = QuestionnaireLoader.load(path: url.path)
        let q = try XCTUnwrap(load.questionnaire, "\(load.diagnostics)")
        let session = NewSession.make(id: "commands1", questionnaire: q, language: "en", interviewerLanguage: "en",
                                      label: "", now: Self.time, timeZone: TimeZone(identifier: "UTC")!)
        state = SessionState(session: session, questionnaire: q)
    }

    @discardableResult
    func perform(_ command: InterviewCommand, at cursor: InterviewCursor) -> Result<CommandOutcome, CommandProblem> {
        state.perform(command, at: cursor, time: Self.time)
    }

    func answer(_ id: String) -> Answer { state.interview.answers[AnswerRef(id)] }

    func testAFrontEndIsToldWhetherToSave() {
        var changed = false
        _ = state.perform(.back, at: .step("age"), time: Self.time, changed: &changed)
        XCTAssertFalse(changed, "a move changes no answer")
        _ = state.perform(.answer("Ana"), at: .step("name"), time: Self.time, changed: &changed)
        XCTAssertTrue(changed)
        changed = false
        _ = state.perform(.answer("Ana"), at: .step("name"), time: Self.time, changed: &changed)
        XCTAssertFalse(changed, "the same answer again changes nothing")
    }

    func testAnAnswerIsParsedCheckedRecordedAndGoesOn() {
        XCTAssertEqual(try perform(.answer(" Ana "), at: .step("name")).get().cursor, .step("age"))
        XCTAssertEqual(answer("name").value, .text("Ana"))
        XCTAssertEqual(state.session.answers, state.interview.answers, "the session carries the interview's answers")
        XCTAssertEqual(state.session.history.count, 1)
        XCTAssertEqual(state.session.progress.answered, 1)
    }

    func testARefusedCommandChangesNothing() {
        let before = state.session
        XCTAssertEqual(perform(.answer("many"), at: .step("age")), .failure(.refused(.unreadableNumber)))
        XCTAssertEqual(perform(.dontKnow, at: .step("age")), .failure(.refused(.dontKnowNotAllowed)))
        XCTAssertEqual(perform(.skip, at: .step("name")), .failure(.refused(.required)))
        XCTAssertEqual(perform(.back, at: .step("name")), .failure(.atStart))
        XCTAssertEqual(perform(.addEntry, at: .step("name")), .failure(.notHere))
        XCTAssertEqual(state.session, before)
    }

    func testConfirmingNothingAsksOnARequiredQuestionAndTakesBackAnOptionalAnswer() throws {
        perform(.answer("Ana"), at: .step("name"))
        perform(.answer("30"), at: .step("age"))
        XCTAssertEqual(perform(.confirmEmpty, at: .step("name")), .failure(.refused(.required)))
        XCTAssertEqual(answer("name").value, .text("Ana"), "a required answer is kept")
        XCTAssertEqual(try perform(.confirmEmpty, at: .step("age")).get().cursor, .step("has_children"))
        XCTAssertNil(answer("age").status, "an optional answer is taken back")
        XCTAssertEqual(answer("age").draft, nil)
    }

    func testSkipKeepsWhatIsRecorded() throws {
        perform(.answer("Ana"), at: .step("name"))
        XCTAssertEqual(try perform(.skip, at: .step("name")).get().cursor, .step("age"))
        XCTAssertEqual(answer("name").value, .text("Ana"))
        XCTAssertEqual(try perform(.skip, at: .step("age")).get().cursor, .step("has_children"))
        XCTAssertNil(answer("age").status)
    }

    func testSeveralCommandsAreOneActWithOneHistoryEntryPerQuestion() {
        let before = state.session
        let refused = state.transaction(time: Self.time) { t throws(CommandProblem) in
            try t.perform(.note("asked twice"), at: .step("age"))
            try t.perform(.answer("many"), at: .step("age"))
        }
        XCTAssertEqual(refused.map { _ in 0 }, .failure(.refused(.unreadableNumber)))
        XCTAssertEqual(state.session, before, "the note of a refused act is not kept")
        _ = state.transaction(time: Self.time) { t throws(CommandProblem) in
            try t.perform(.note("asked twice"), at: .step("age"))
            try t.perform(.answer("30"), at: .step("age"))
        }
        XCTAssertEqual(state.session.history.count, 1)
        XCTAssertEqual(state.session.history.first?.new?.note, "asked twice")
        XCTAssertEqual(state.session.history.first?.new?.value, .number(30))
    }

    func testARepeatIsFilledAndFinishedByItsRules() throws {
        perform(.answer("Ana"), at: .step("name"))
        XCTAssertEqual(try perform(.choose(.choice("yes")), at: .step("has_children")).get().cursor, .step("children"))
        XCTAssertEqual(perform(.finishRepeat, at: .step("children")), .failure(.refused(.tooFewEntries(min: 1))))
        let added = try perform(.addEntry, at: .step("children")).get()
        let entry = try XCTUnwrap(added.entryID)
        XCTAssertEqual(added.cursor, .field(repeatID: "children", entryID: entry, field: "child_name"))
        let named = try perform(.answer("Luis"), at: added.cursor).get()
        XCTAssertEqual(named.cursor, .field(repeatID: "children", entryID: entry, field: "child_age"))
        let done = try perform(.answer("7"), at: named.cursor).get()
        XCTAssertEqual(done.cursor, .step("children"))
        XCTAssertTrue(done.finishedEntry)
        // From inside an entry, finishing goes back to the list and leaves the entry as it is.
        let second = try perform(.addEntry, at: .step("children")).get()
        XCTAssertEqual(try perform(.finishRepeat, at: second.cursor).get().cursor, .step("children"))
        XCTAssertEqual(perform(.addEntry, at: .step("children")), .failure(.refused(.tooManyEntries(max: 2))))
        XCTAssertEqual(try perform(.finishRepeat, at: .step("children")).get().cursor, .step("city"))
        XCTAssertEqual(answer("children").status, .answered)
        _ = try perform(.deleteEntry(XCTUnwrap(second.entryID)), at: .step("children")).get()
        XCTAssertEqual(state.interview.entries(of: "children").count, 1)
        XCTAssertEqual(state.session.history.last?.question, "children[\(second.entryID!)]")
    }

    func testDontKnowOnAListShortOfItsCountIsKeptAndSaysWhyItCannotGoOn() throws {
        perform(.answer("2"), at: .step("siblings_count"))
        for _ in 0..<2 {
            // Twice: the second records the same answer again and is not refused for it.
            let outcome = try perform(.dontKnow, at: .step("siblings")).get()
            XCTAssertEqual(outcome.cursor, .step("siblings"))
            XCTAssertEqual(outcome.held, .tooFewEntries(min: 2))
            XCTAssertEqual(answer("siblings").status, .dontKnow)
        }
        XCTAssertEqual(perform(.forward, at: .step("siblings")), .failure(.refused(.tooFewEntries(min: 2))))
        XCTAssertEqual(perform(.deleteEntry("e1"), at: .step("siblings")), .failure(.notHere), "a counted list keeps its entries")
    }

    func testDontKnowAndMarksAndMoves() throws {
        XCTAssertEqual(try perform(.preferNotToSay, at: .step("name")).get().cursor, .step("age"))
        XCTAssertEqual(answer("name").status, .refused)
        _ = try perform(.note("  "), at: .step("name")).get()
        XCTAssertNil(answer("name").note, "a blank note is none")
        _ = try perform(.followUp(true), at: .step("name")).get()
        _ = try perform(.lawyerOnly(true), at: .step("name")).get()
        _ = try perform(.translation("in English"), at: .step("name")).get()
        XCTAssertTrue(answer("name").followUp && answer("name").lawyerOnly)
        XCTAssertEqual(answer("name").translation, "in English")
        XCTAssertEqual(try perform(.back, at: .step("age")).get().cursor, .step("name"))
        XCTAssertEqual(try perform(.jump(AnswerRef("city")), at: .step("name")).get().cursor, .step("city"))
        _ = try perform(.clear, at: .step("name")).get()
        XCTAssertNil(answer("name").status)
        XCTAssertTrue(answer("name").followUp, "clearing keeps the marks")
    }
}
