@testable import RefugeExpressions
import XCTest

/// Properties over thousands of generated expressions and answers: printing and reading back
/// gives the same tree, every expression evaluates (no crash, no hang), the value is of the
/// checked type, and the two logics (routing's and constraints') never contradict each other.
final class ExpressionPropertyTests: XCTestCase {
    private static let rounds = 1_500

    func testPrintingAndReadingBackGivesTheSameTree() throws {
        var generator = ExpressionGenerator(seed: 11)
        for _ in 0..<Self.rounds {
            let source = generator.boolean(4)
            let first = try Parser.parse(source).get()
            let printed = first.description
            let second = try Parser.parse(printed).get()
            XCTAssertEqual(second.description, printed, "`\(source)`")
        }
    }

    func testEveryGeneratedExpressionChecksAndItsValueIsOfItsType() {
        var generator = ExpressionGenerator(seed: 12)
        for round in 0..<Self.rounds {
            let (source, expected): (String, ExprType) = switch round % 4 {
            case 0: (generator.number(4), .number)
            case 1: (generator.date(3), .date)
            case 2: (generator.text(3), .text)
            default: (generator.boolean(4), .boolean)
            }
            guard let expression = compiled(source, .calculate) else { continue }
            XCTAssertEqual(expression.type, expected, "`\(source)`")
            for _ in 0..<3 {
                let result = expression.evaluate(in: generator.answers())
                XCTAssertTrue(Self.value(result, isOf: expected), "`\(source)` gave \(result)")
            }
        }
    }

    func testRoutingDecidesAndAgreesWithConstraintsWhereTheyAreSure() {
        var generator = ExpressionGenerator(seed: 13)
        for _ in 0..<Self.rounds {
            let source = generator.boolean(4)
            guard let routing = compiled(source, .showIf),
                  let constraint = compiled(source, .constraint(dot: .number)) else { continue }
            for _ in 0..<3 {
                let answers = generator.answers()
                let routed = routing.evaluate(in: answers)
                // Inside routing, `and`, `or` and `not` never pass nothing on; only a bare comparison
                // at the top can be nothing, and `holds` reads it as false.
                if case .nothing = routed, Self.isLogic(source) { XCTFail("`\(source)` gave nothing in a show_if") }
                // Where the three-valued logic is sure, the answer cannot depend on the unknowns,
                // so routing (which reads an unknown as false) must say the same.
                if case .bool(let sure) = constraint.evaluate(in: answers) {
                    XCTAssertEqual(routing.holds(in: answers), sure, "`\(source)`")
                }
            }
        }
    }

    /// True when the generated text's outermost operator is `and`, `or` or `not`.
    private static func isLogic(_ source: String) -> Bool {
        guard let tree = try? Parser.parse(source).get() else { return false }
        switch tree.kind {
        case .and, .or, .not: return true
        default: return false
        }
    }

    private static func value(_ value: Value, isOf type: ExprType) -> Bool {
        switch (value, type) {
        case (.nothing, _), (.number, .number), (.date, .date), (.text, .text), (.bool, .boolean): return true
        default: return false
        }
    }
}
