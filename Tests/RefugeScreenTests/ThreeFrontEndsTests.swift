import Foundation
import RefugeCanvas
import RefugeEngine
import RefugePlain
import RefugeQuestionnaire
import RefugeScreen
import RefugeSession
import XCTest

/// The same interview given through the three front ends (the screen by keys, plain mode by
/// lines, `refuge answer` by requests) must leave byte-identical session bodies: each front end
/// only turns its input into `InterviewCommand`s, and the rules live in one place.
final class ThreeFrontEndsTests: XCTestCase {
    /// Every kind of question, "other" text, a repeat with two entries, a skipped optional
    /// question, don't know, prefer not to say, a note, a follow-up mark, the lawyer-only mark
    /// and a translation.
    static let yaml = """
    format: 1
    id: three-front-ends
    version: "1"
    title: "Three front ends"
    languages: [en]
    sections:
      - id: main
        title: "Main"
        items:
          - id: welcome
            type: info
            text: "Welcome."
          - id: name
            type: text
            required: true
            prompt: "Your name"
          - id: children_count
            type: number
            integer: true
            prompt: "How many children?"
          - id: left
            type: date
            precision: month
            prompt: "When did you leave?"
          - id: country
            type: choice
            other: true
            prompt: "Your country"
            choices:
              - {value: aa, label: "Aland"}
              - {value: bb, label: "Borduria"}
          - id: langs
            type: multichoice
            prompt: "Languages"
            choices:
              - {value: es, label: "Spanish"}
              - {value: en, label: "English"}
              - {value: mam, label: "Mam"}
          - id: family_with_you
            type: yesno
            prompt: "Did family come with you?"
          - id: family
            type: repeat
            show_if: "family_with_you == 'yes'"
            min_count: 1
            prompt: "Who came with you?"
            items:
              - id: fam_name
                type: text
                prompt: "Their name"
              - id: fam_rel
                type: choice
                prompt: "Relation"
                choices:
                  - {value: spouse, label: "Spouse"}
                  - {value: child, label: "Child"}
          - id: city
            type: text
            prompt: "Your city"
          - id: secret
            type: text
            prompt: "Anything else?"
          - id: story
            type: longtext
            prompt: "What happened?"
    """

    static let created = Date(timeIntervalSince1970: 1_795_000_000)

    var folder: URL!
    var questionnaire: Questionnaire!

    /// One questionnaire file for the three sessions (its path is in each session).
    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("three-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("three.yaml")
        try Self.yaml.write(to: file, atomically: true, encoding: .utf8)
        let load = QuestionnaireLoader.load(path: file.path)
        questionnaire = try XCTUnwrap(load.questionnaire, "\(load.diagnostics)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    /// A new session (the same id, the same clock) in a sessions folder of its own.
    func makeSession() throws -> (SessionController, SessionStore) {
        let q: Questionnaire = questionnaire
        let store = SessionStore(folder: folder.appendingPathComponent("sessions-\(UUID().uuidString)"))
        let session = NewSession.make(id: "threefronts1", questionnaire: q, language: "en", interviewerLanguage: "en",
                                      label: "T-1", now: Self.created, timeZone: TimeZone(identifier: "UTC")!)
        let open = try store.create(session, questionnaire: q, key: nil)
        return (SessionController(file: open, questionnaire: q, now: { Self.created }), store)
    }

    /// The body of the session file as it is on disk: the bytes between `"body":` and `,"sha256":`.
    func savedBody(_ store: SessionStore) throws -> String {
        let text = try String(contentsOf: store.url(for: "threefronts1"), encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: ",\"body\":"))
        let end = try XCTUnwrap(text.range(of: ",\"sha256\":", options: .backwards))
        return String(text[start.upperBound..<end.lowerBound])
    }

    func byScreen() throws -> String {
        let (controller, store) = try makeSession()
        defer { controller.file.close() }
        let screen = InterviewRunner(file: controller.file, questionnaire: questionnaire, width: 80, height: 24, now: { Self.created })
        func press(_ keys: KeyEvent...) { for k in keys { screen.handle(k) } }
        func type(_ text: String) { for c in text { screen.handle(.character(c)) } }
        press(.enter)                                           // welcome
        press(.function(3)); type("asked twice"); press(.ctrl("n"))
        type("Ana Pérez"); press(.enter)                        // name, after its note
        press(.enter)                                           // children_count skipped
        type("2022-09"); press(.enter)                          // left
        press(.character("3")); type("Narnia"); press(.enter)   // country: other
        press(.character("1"), .character("3"), .enter)         // langs: es, mam
        press(.function(4), .character("y"), .enter)            // family_with_you: flagged, yes
        press(.character("+")); type("Luis"); press(.enter, .character("2"), .enter)
        press(.character("+")); type("Marta"); press(.enter, .character("1"), .enter)
        press(.ctrl("n"))                                       // the list is complete
        press(.function(6), .enter)                             // city: don't know
        press(.function(7), .function(6), .down, .enter)        // secret: lawyer only, prefer not to say
        press(.function(9)); type("translated"); press(.ctrl("n"))
        type("line one"); press(.enter); type("line two"); press(.ctrl("n"))
        XCTAssertEqual(screen.cursor, .end, "the screen did not reach the end")
        screen.prepareToStop()
        controller.file.close()   // closing absorbs the journal: the session file holds every change
        return try savedBody(store)
    }

    func byPlainMode() throws -> String {
        let (controller, store) = try makeSession()
        defer { controller.file.close() }
        var io = ScriptedLineIO(input: [
            "",                                 // welcome
            ":note asked twice", "Ana Pérez",
            "",                                 // children_count skipped
            "2022-09",
            "3", "Narnia",
            "1,3",
            ":flag", "yes",
            ":add", "Luis", "2",
            ":add", "Marta", "1",
            "",                                 // the list is complete
            ":dontknow",
            ":lawyer", ":refuse",
            ":translation translated",
            "line one", "line two", ".",
        ])
        var plain = PlainInterview(controller: controller)
        plain.run(&io)
        XCTAssertNil(controller.session.position, "plain mode did not reach the end:\n\(io.transcript)")
        controller.file.close()   // closing absorbs the journal: the session file holds every change
        return try savedBody(store)
    }

    func byAnswerRequests() throws -> String {
        let (controller, store) = try makeSession()
        defer { controller.file.close() }
        let requests = [
            AnswerRequest(question: "name", value: nil, note: "asked twice"),
            AnswerRequest(question: "name", value: "Ana Pérez"),
            AnswerRequest(question: "left", value: "2022-09"),
            AnswerRequest(question: "country", value: "other", otherText: "Narnia"),
            AnswerRequest(question: "langs", value: "es,mam"),
            AnswerRequest(question: "family_with_you", value: nil, followUp: true),
            AnswerRequest(question: "family_with_you", value: "yes"),
            AnswerRequest(question: "family[1].fam_name", value: "Luis"),
            AnswerRequest(question: "family[1].fam_rel", value: "child"),
            AnswerRequest(question: "family[2].fam_name", value: "Marta"),
            AnswerRequest(question: "family[2].fam_rel", value: "spouse"),
            AnswerRequest(question: "family", value: "done"),
            AnswerRequest(question: "city", value: nil, dontKnow: true),
            AnswerRequest(question: "secret", value: nil, lawyerOnly: true),
            AnswerRequest(question: "secret", value: nil, refuse: true),
            AnswerRequest(question: "story", value: nil, translation: "translated"),
            AnswerRequest(question: "story", value: "line one\nline two"),
        ]
        for request in requests { try request.apply(to: controller) }
        controller.file.close()   // closing absorbs the journal: the session file holds every change
        return try savedBody(store)
    }

    /// The screen over a controller reuses the controller's walked interview only while it is
    /// the session's: after a screen saved answers past it, the next screen walks them again.
    func testAScreenOverAControllerShowsTheSessionAsItIsOnDisk() throws {
        let (controller, _) = try makeSession()
        defer { controller.file.close() }
        let fresh = InterviewRunner(file: controller.file, questionnaire: questionnaire, width: 80, height: 24, now: { Self.created })
        let reused = InterviewRunner(controller: controller, width: 80, height: 24)
        XCTAssertEqual(reused.view(), fresh.view())
        XCTAssertEqual(reused.interview.progress.answered, fresh.interview.progress.answered)
        // A screen answers two questions; the controller's own interview is now behind the file.
        for key: KeyEvent in [.enter] { fresh.handle(key) }
        for c in "Ana Pérez" { fresh.handle(.character(c)) }
        fresh.handle(.enter)
        XCTAssertNotEqual(controller.interview.answers, controller.session.answers)
        let next = InterviewRunner(controller: controller, width: 80, height: 24)
        XCTAssertEqual(next.interview.answers, controller.session.answers)
        XCTAssertEqual(next.interview.progress.answered, InterviewRunner(file: controller.file, questionnaire: questionnaire, width: 80, height: 24,
                                                                         now: { Self.created }).interview.progress.answered)
        XCTAssertEqual(next.view(), InterviewRunner(file: controller.file, questionnaire: questionnaire, width: 80, height: 24,
                                                    now: { Self.created }).view())
    }

    func testTheSameCommandsThroughTheScreenPlainModeAndRefugeAnswerGiveTheSameSessionBody() throws {
        let screen = try byScreen(), plain = try byPlainMode(), answer = try byAnswerRequests()
        // The walk really recorded what it gave (not three equally empty sessions).
        for needle in ["Ana Pérez", "Narnia", "Luis", "Marta", "asked twice", "translated", "line one\\nline two",
                       "dont_know", "refused", "\"lawyer_only\":true", "\"follow_up\":true"] {
            XCTAssertTrue(answer.contains(needle), "\(needle) is not in the session body:\n\(answer)")
        }
        XCTAssertEqual(screen, answer, "the screen and refuge answer left different sessions")
        XCTAssertEqual(plain, answer, "plain mode and refuge answer left different sessions")
    }
}
