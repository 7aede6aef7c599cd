import RefugeExpressions
import XCTest

/// Every operator of the grammar, with real values: precedence, comparison, membership and arithmetic.
final class OperatorTests: XCTestCase {
    let answers = TestAnswers(values: [
        "age": n(34), "children": n(2), "name": .text("Ana"), "fear": .text("yes"), "ground": .text("political"),
        "harms": .set(["beaten", "detained"]), "left": day("2022-09-21"), "entered": day("2022-11-03"),
    ])

    func testLiterals() {
        XCTAssertEqual(value("42"), n(42))
        XCTAssertEqual(value("10.5"), n("10.5"))
        XCTAssertEqual(value("'it\\'s'"), .text("it's"), "a backslash before the quote keeps the quote")
        XCTAssertEqual(value("\"say \\\"no\\\"\""), .text("say \"no\""))
        XCTAssertEqual(value("'a\\d+'"), .text("a\\d+"), "other backslashes stay as written")
        XCTAssertEqual(value("true", .showIf), .bool(true))
        XCTAssertEqual(value("false", .showIf), .bool(false))
    }

    func testEqualityOfEachKind() {
        XCTAssertEqual(value("age == 34", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("age != 34", .showIf, answers: answers), .bool(false))
        XCTAssertEqual(value("name == 'Ana'", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("name == 'ana'", .showIf, answers: answers), .bool(false), "texts compare exactly")
        XCTAssertEqual(value("fear == 'yes'", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("ground != 'religion'", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("left == date('2022-09-21')", .showIf, answers: answers), .bool(true))
    }

    func testOrderingOfNumbersAndDates() {
        XCTAssertEqual(value("age < 35", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("age <= 34", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("age > 34", .showIf, answers: answers), .bool(false))
        XCTAssertEqual(value("age >= 34", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("left < entered", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("entered >= left", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("left > date('2023')", .showIf, answers: answers), .bool(false))
    }

    func testMembership() {
        XCTAssertEqual(value("'beaten' in harms", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("'threatened' in harms", .showIf, answers: answers), .bool(false))
        XCTAssertEqual(value("'threatened' not in harms", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("ground in ['political', 'religion']", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("ground not in ['political', 'religion']", .showIf, answers: answers), .bool(false))
        XCTAssertEqual(value("name in [ground, 'Ana']", .showIf, answers: answers), .bool(true), "list elements may be questions")
    }

    func testArithmetic() {
        XCTAssertEqual(value("age + children", answers: answers), n(36))
        XCTAssertEqual(value("age - children - 2", answers: answers), n(30), "minus is left-associative")
        XCTAssertEqual(value("-age", answers: answers), n(-34))
        XCTAssertEqual(value("- - 3"), n(3))
        XCTAssertEqual(value("1.5 + 2.25"), n("3.75"))
    }

    func testLogicAndPrecedence() {
        // `and` binds tighter than `or`; `not` tighter than `and`; comparison tighter than `not`.
        XCTAssertEqual(value("true or false and false", .showIf), .bool(true))
        XCTAssertEqual(value("(true or false) and false", .showIf), .bool(false))
        XCTAssertEqual(value("not age == 34 or children == 2", .showIf, answers: answers), .bool(true))
        XCTAssertEqual(value("not (age == 34 or children == 2)", .showIf, answers: answers), .bool(false))
        XCTAssertEqual(value("not not true", .showIf), .bool(true))
        XCTAssertEqual(value("age + 1 > 34 and children - 2 == 0", .showIf, answers: answers), .bool(true),
                       "arithmetic binds tighter than comparison")
    }
}
