@testable import RefugeExpressions
import XCTest

/// `Expression.textTest` recognises `q == 'text'` and its kin, and the test it gives must say
/// what the evaluator says for every value the question can have: the interview's walk decides
/// such conditions with the test alone.
final class TextTestTests: XCTestCase {
    /// Every value a question can hold, and the absence of one.
    private let values: [Value] = [
        .nothing, .text("yes"), .text("no"), .text(""), .text("Yes"), .number(ExactNumber(1)),
        .date(PartialDate(year: 2020, month: 1, day: 2)), .bool(true), .set(["yes"]), .set([]),
    ]

    func testEachShapeHoldsExactlyWhenTheExpressionHolds() throws {
        let shapes = [
            "fear == 'yes'", "fear != 'yes'", "'yes' == fear", "'no' != fear",
            "not (fear == 'no')", "not (fear != 'no')", "not ('yes' == fear)",
            "name == ''", "name != 'Yes'",
        ]
        for context in [ExpressionContext.showIf, .nextIf, .checkIf] {
            for source in shapes {
                let expression = try XCTUnwrap(compiled(source, context), source)
                let test = try XCTUnwrap(expression.textTest, "`\(source)` should be a text test")
                for value in values {
                    var answers = TestAnswers()
                    answers.values[test.question] = value
                    XCTAssertEqual(test.holds(for: value), expression.holds(in: answers), "`\(source)` with \(value)")
                }
            }
        }
    }

    func testTheTestKeepsTheQuestionAndTheText() throws {
        let test = try XCTUnwrap(compiled("not ('political' != ground)", .showIf)?.textTest)
        XCTAssertEqual(test, TextTest(question: "ground", text: "political", wantsEqual: false, inverted: true))
    }

    func testOtherShapesAreNotTextTests() {
        let others = [
            "fear == 'yes' and name == 'x'", "fear == 'yes' or fear == 'no'", "answered(fear)", "age > 3",
            "'beaten' in harms", "fear in ['yes', 'no']", "not answered(fear)", "not (not (fear == 'yes'))",
            "left == date('2020-01')", "age == 3", "true",
        ]
        for source in others {
            XCTAssertNil(compiled(source, .showIf)?.textTest, source)
        }
    }

    /// A calculation's `not` keeps an unknown unknown, which a show_if's does not: only the
    /// strict one is a test.
    func testANotThatKeepsNothingIsNotATextTest() {
        XCTAssertNil(compiled("not (fear == 'yes')", .calculate)?.textTest)
        XCTAssertNotNil(compiled("fear == 'yes'", .calculate)?.textTest)
    }
}
