import RefugeExpressions
import XCTest

/// The *nothing* rules: comparisons and arithmetic with nothing are nothing; routing turns
/// nothing into false before `and`/`or`/`not`; constraints keep it unknown and refuse only false.
final class NothingRuleTests: XCTestCase {
    let unknownAge = TestAnswers(values: ["children": n(2)], dontKnow: ["age"])

    func testComparisonsAndArithmeticWithNothingAreNothing() {
        for source in ["age == 3", "age != 3", "age < 3", "age >= 3", "name == 'x'", "left < today()", "fear == 'no'"] {
            XCTAssertEqual(value(source, .calculate, answers: unknownAge), .nothing, source)
        }
        XCTAssertEqual(value("age + 1", answers: unknownAge), .nothing)
        XCTAssertEqual(value("children - age", answers: unknownAge), .nothing)
        XCTAssertEqual(value("-age", answers: unknownAge), .nothing)
        XCTAssertEqual(value("'beaten' in harms", .calculate), .nothing)
    }

    func testRoutingTurnsNothingIntoFalseFirst() {
        for context in [ExpressionContext.showIf, .nextIf, .checkIf] {
            XCTAssertEqual(compiled("age > 3", context)?.holds(in: unknownAge), false, "a bare comparison on nothing does not hold")
            XCTAssertEqual(value("not (age > 3)", context, answers: unknownAge), .bool(true),
                           "the `not (...)` form includes an uncertain answer")
            XCTAssertEqual(value("age > 3 or children == 2", context, answers: unknownAge), .bool(true))
            XCTAssertEqual(value("age > 3 and children == 2", context, answers: unknownAge), .bool(false))
            XCTAssertEqual(compiled("fear != 'no'", context)?.holds(in: TestAnswers()), false, "`a != 'no'` is not true when a is unknown")
            XCTAssertEqual(value("not (fear == 'no')", context), .bool(true))
        }
    }

    func testConstraintsKeepNothingUnknown() {
        let constraint = ExpressionContext.constraint(dot: .number)
        var answers = unknownAge
        answers.dot = n(5)
        XCTAssertEqual(value(". > age", constraint, answers: answers), .nothing)
        XCTAssertEqual(value(". > age and . < 3", constraint, answers: answers), .bool(false), "nothing and false is false")
        XCTAssertEqual(value(". > age or . > 3", constraint, answers: answers), .bool(true), "nothing or true is true")
        XCTAssertEqual(value(". > age and . > 3", constraint, answers: answers), .nothing)
        XCTAssertEqual(value(". > age or . < 3", constraint, answers: answers), .nothing)
        XCTAssertEqual(value("not (. > age)", constraint, answers: answers), .nothing)
        let accepts = compiled(". > age", constraint)!
        XCTAssertFalse(accepts.refuses(in: answers), "a constraint refuses only when it is false")
        let refuses = compiled(". < 3", constraint)!
        XCTAssertTrue(refuses.refuses(in: answers))
    }

    func testTheSpecsDateConstraintExample() {
        // `. >= birth_date and . <= today()` accepts 2026-11 on 2026-11-20, and any date while the
        // birth date is unknown.
        let constraint = ExpressionContext.constraint(dot: .date)
        let check = compiled(". >= born and . <= today()", constraint)!
        var answers = TestAnswers(values: ["born": day("1990-04-02")])
        answers.dot = day("2026-11")
        XCTAssertFalse(check.refuses(in: answers))
        answers.dot = day("2027-01")
        XCTAssertTrue(check.refuses(in: answers))
        answers.dot = day("1980")
        XCTAssertTrue(check.refuses(in: answers))
        answers.values = [:]
        answers.dot = day("1890")
        XCTAssertFalse(check.refuses(in: answers), "unknown birth date: nothing to hold it against")
    }

    func testCalculationsKeepNothing() {
        XCTAssertEqual(value("if(answered(age), age, 0) + 1", answers: unknownAge), n(1))
        XCTAssertEqual(value("age + children", .count, answers: unknownAge), .nothing)
        XCTAssertEqual(value("not (age > 3)", .calculate, answers: unknownAge), .nothing, "calculate keeps nothing")
    }

    func testHoldsAndRefusesReadTheValue() {
        let showIf = compiled("age > 3", .showIf)!
        XCTAssertFalse(showIf.holds(in: unknownAge))
        XCTAssertTrue(showIf.holds(in: TestAnswers(values: ["age": n(4)])))
    }
}
