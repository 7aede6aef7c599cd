import RefugeExpressions
import XCTest

/// The type checker refuses what the format calls a type error, with a message naming the ids.
final class TypeCheckTests: XCTestCase {
    func testComparisonsNeedOneKind() {
        assertRefused("fear == 1", .showIf, saying: "fear")
        assertRefused("age == 'ten'", .showIf, saying: "age")
        assertRefused("left < 3", .showIf, saying: "left")
        assertRefused("name < 'b'", .showIf, saying: "name")
        assertRefused("age + name", saying: "name")
        assertRefused("-name", saying: "name")
    }

    func testAYesNoIsAChoiceNotABoolean() {
        assertRefused("fear", .showIf, saying: "fear")
        assertRefused("fear and true", .showIf, saying: "fear")
        XCTAssertTrue(errors("fear == 'yes'", .showIf).isEmpty)
    }

    func testAChoiceValueMustBeOffered() {
        assertRefused("fear == 'maybe'", .showIf, saying: "maybe")
        assertRefused("'shot' in harms", .showIf, saying: "shot")
        assertRefused("ground in ['political', 'race']", .showIf, saying: "race")
        XCTAssertTrue(errors("ground == 'other'", .showIf).isEmpty)
    }

    func testMembershipNeedsAStringAndACollection() {
        assertRefused("age in harms", .showIf, saying: "age")
        assertRefused("'x' in name", .showIf, saying: "name")
    }

    func testBooleanPlacesNeedBooleans() {
        for context in [ExpressionContext.showIf, .nextIf, .checkIf, .constraint(dot: .number)] {
            XCTAssertFalse(errors("age + 1", context).isEmpty, "\(context)")
        }
        XCTAssertTrue(errors("age + 1", .calculate).isEmpty, "a calculation may be a number")
    }

    func testUnknownIdsGetASuggestion() {
        assertRefused("agee > 3", .showIf, saying: "age")
        assertRefused("zzzzzz > 3", .showIf, saying: "zzzzzz")
    }

    func testTheDotOnlyInAConstraint() {
        assertRefused(". > 3", .showIf, saying: ".")
        XCTAssertTrue(errors(". > 3", .constraint(dot: .number)).isEmpty)
        assertRefused(". == 'x'", .constraint(dot: .number), saying: ".")
    }

    func testRepeatFieldsOnlyInsideTheirRepeat() {
        assertRefused("person_age > 3", .showIf, saying: "person_age")
        XCTAssertTrue(errors("any(people, person_age > 3)", .showIf).isEmpty)
        assertRefused("any(age, age > 3)", .showIf, saying: "age")
    }

    func testSyntaxErrorsHaveAColumn() {
        let cases: [(String, Int)] = [("age >", 5), ("(age > 3", 0), ("age > > 3", 6), ("'open", 0), ("age $ 3", 4)]
        for (source, column) in cases {
            let diagnostics = RefugeExpressions.Expression.compile(source, context: .showIf, symbols: TestSymbols.standard).diagnostics
            XCTAssertEqual(diagnostics.first?.column, column, "`\(source)`: \(diagnostics.map(\.message))")
        }
        XCTAssertFalse(errors("").isEmpty, "the empty expression")
    }

    func testTypesOfResults() {
        XCTAssertEqual(compiled("age + 1")?.type, .number)
        XCTAssertEqual(compiled("today()")?.type, .date)
        XCTAssertEqual(compiled("age > 1", .showIf)?.type, .boolean)
        XCTAssertEqual(compiled("if(true, name, 'x')")?.type, .text)
        XCTAssertEqual(compiled("count(people)")?.references, ["people"])
        XCTAssertEqual(compiled("any(people, person_age > age)", .showIf)?.references, ["people", "person_age", "age"])
    }
}
