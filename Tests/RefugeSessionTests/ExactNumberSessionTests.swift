import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// A typed number goes into the session file with the digits typed and comes back out of it
/// exactly: 9007199254740993 (one more than 2^53, where `Double` gives up) stays itself.
final class ExactNumberSessionTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("exact-numbers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private let yaml = """
    format: 1
    id: amounts
    version: "1"
    title: Amounts
    languages: [en]
    sections:
      - id: a
        title: A
        items:
          - {id: amount, type: number, prompt: "Amount?"}
          - {id: fee, type: number, prompt: "Fee?", max: 99999999999999999999.5}
          - {id: tiny, type: number, prompt: "Tiny?"}
          - {id: total, type: calculate, expression: "amount + tiny"}
    """

    func testATypedNumberIsSavedAsTypedAndReadBackExactly() throws {
        let path = folder.appendingPathComponent("amounts.yaml")
        try Data(yaml.utf8).write(to: path)
        let questionnaire = try XCTUnwrap(QuestionnaireLoader.load(path: path.path).questionnaire)
        let store = SessionStore(folder: folder.appendingPathComponent("sessions"))
        let session = NewSession.make(id: "n1", questionnaire: questionnaire, language: "en", interviewerLanguage: "en",
                                      label: "N-1", now: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        let controller = SessionController(file: try store.create(session, questionnaire: questionnaire, key: nil),
                                           questionnaire: questionnaire, now: { Date(timeIntervalSince1970: 1_795_000_100) })
        func typed(_ text: String, _ id: String) throws -> AnswerValue {
            try AnswerParser.parse(text, for: XCTUnwrap(questionnaire.item(id))).get()
        }
        let big = try typed("9007199254740993", "amount")
        XCTAssertEqual(big, .number(ExactNumber("9007199254740993")!))
        try controller.change(AnswerRef("amount")) { $0 = .answered(big) }
        let fee = try typed("99999999999999999999,5", "fee"), tiny = try typed("0.00000000000000000001", "tiny")
        try controller.change(AnswerRef("fee")) { $0 = .answered(fee) }
        try controller.change(AnswerRef("tiny")) { $0 = .answered(tiny) }
        controller.file.close()

        // The file holds the digits as typed, as JSON numbers (no exponent, no rounding).
        let bytes = try Data(contentsOf: store.url(for: "n1"))
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains(#""number":9007199254740993"#), "the typed digits in the file")
        XCTAssertTrue(text.contains(#""number":99999999999999999999.5"#))
        XCTAssertTrue(text.contains(#""number":0.00000000000000000001"#))
        XCTAssertFalse(text.contains("9007199254740992"))
        XCTAssertNil(text.range(of: #""number":-?[0-9.]*[eE]"#, options: .regularExpression), "no exponent")

        let (reopened, recovery) = try store.open(store.url(for: "n1"), passphrase: nil)
        defer { reopened.close() }
        XCTAssertNil(recovery)
        let answers = reopened.session.answers
        XCTAssertEqual(answers[AnswerRef("amount")].value, .number(ExactNumber("9007199254740993")!), "read back exactly")
        XCTAssertEqual(answers[AnswerRef("fee")].value, .number(ExactNumber("99999999999999999999.5")!))
        XCTAssertEqual(answers[AnswerRef("tiny")].value, .number(ExactNumber("0.00000000000000000001")!))
        XCTAssertEqual(reopened.session.answers, controller.session.answers)

        // Shown as typed; computed from it exactly.
        let interview = Interview(questionnaire: questionnaire, answers: answers, today: reopened.session.interviewDate)
        let formatter = AnswerFormatter(questionnaire: questionnaire, language: "en")
        XCTAssertEqual(formatter.display(answers[AnswerRef("amount")], for: questionnaire.item("amount")!), "9007199254740993")
        XCTAssertEqual(interview.calculatedValue(AnswerRef("total")), .number(ExactNumber("9007199254740993.00000000000000000001")!))
    }

    func testMinimumAndMaximumAreExactToo() throws {
        let questionnaire = try XCTUnwrap(QuestionnaireLoader.load(files: [SourceFile(relativePath: "q.yaml", bytes: Array(yaml.utf8))],
                                                                   displayRoot: "q.yaml", sourcePath: "q.yaml").questionnaire)
        let interview = Interview(questionnaire: questionnaire, answers: AnswerSet(), today: PartialDate(year: 2026, month: 11, day: 20))
        let fee = AnswerRef("fee")
        XCTAssertNil(interview.problem(with: .number(ExactNumber("99999999999999999999.5")!), for: fee), "the maximum itself")
        XCTAssertEqual(interview.problem(with: .number(ExactNumber("99999999999999999999.50000001")!), for: fee),
                       .aboveMaximum(ExactNumber("99999999999999999999.5")!), "as Double, these two are the same number")
        XCTAssertEqual(AnswerProblem.aboveMaximum(ExactNumber("99999999999999999999.5")!).message("en", defaultLanguage: "en"),
                       "Please give a number of at most 99999999999999999999.5.")
    }
}
