import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import XCTest

/// A `pattern` or a `matches` constraint that the regex engine gives up on refuses the answer
/// with its own message: never taken as fitting, never as "not the expected form".
final class UncheckableAnswerTests: XCTestCase {
    let yaml = """
    format: 1
    id: runaway
    version: "1"
    title: Runaway
    languages: [en]
    sections:
      - id: a
        title: A
        items:
          - {id: code, type: text, prompt: "Code?", pattern: "(a+)+b"}
          - {id: word, type: text, prompt: "Word?", constraint: "matches(., '(x+)+y')"}
          - {id: amount, type: number, prompt: "Amount?"}
    """

    func testAPatternOrConstraintThatGivesUpRefusesWithItsOwnMessage() throws {
        let q = try loadQuestionnaire(yaml)
        let interview = Interview(questionnaire: q, answers: AnswerSet(), today: day)
        XCTAssertEqual(interview.problem(with: .text(String(repeating: "a", count: 40)), for: AnswerRef("code")), .uncheckable)
        XCTAssertEqual(interview.problem(with: .text("aab"), for: AnswerRef("code")), nil)
        XCTAssertEqual(interview.problem(with: .text("aac"), for: AnswerRef("code")), .patternMismatch(message: nil))
        XCTAssertEqual(interview.problem(with: .text(String(repeating: "x", count: 40)), for: AnswerRef("word")), .uncheckable)
        XCTAssertEqual(interview.problem(with: .text("xxy"), for: AnswerRef("word")), nil)
        XCTAssertTrue(AnswerProblem.uncheckable.message("en", defaultLanguage: "en").contains("could not be checked"))
    }

    func testATypedNumberIsKeptExactlyOrRefusedNeverChanged() throws {
        let item = try XCTUnwrap(try loadQuestionnaire(yaml).item("amount"))
        XCTAssertEqual(try AnswerParser.parse("9007199254740992", for: item).get(), .number(9_007_199_254_740_992))
        XCTAssertEqual(try AnswerParser.parse("9007199254740993", for: item).get(), .number(ExactNumber("9007199254740993")!),
                       "one more than 2^53, kept as typed")
        XCTAssertEqual(try AnswerParser.parse("0,1", for: item).get(), .number(ExactNumber("0.1")!))
        XCTAssertEqual(try AnswerParser.parse("1.50", for: item).get(), .number(ExactNumber("1.5")!))
        let thirtyEight = String(repeating: "9", count: 38)
        XCTAssertEqual(try AnswerParser.parse(thirtyEight, for: item).get(), .number(ExactNumber(thirtyEight)!))
        guard case .failure(let problem) = AnswerParser.parse(thirtyEight + "9", for: item) else { return XCTFail("refused") }
        XCTAssertEqual(problem, .inexactNumber)
        XCTAssertEqual(problem.message("en", defaultLanguage: "en"),
                       "This number has too many digits to be kept exactly. Please give at most 38 digits.")
        XCTAssertTrue(problem.message("es", defaultLanguage: "en").contains("38"))
        XCTAssertTrue(problem.message("ru", defaultLanguage: "en").contains("38"))
        guard case .failure(.unreadableNumber) = AnswerParser.parse("12abc", for: item) else { return XCTFail("not a number") }
        guard case .failure(.unreadableNumber) = AnswerParser.parse("1e5", for: item) else { return XCTFail("no exponents") }
    }
}
