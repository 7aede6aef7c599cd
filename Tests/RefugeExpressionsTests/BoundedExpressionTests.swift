@testable import RefugeExpressions
import RefugeLimits
import XCTest

/// Every expression shape is bounded: long chains and deep nesting are refused with a message,
/// never a stack overflow, and what is within the limits still parses.
final class BoundedExpressionTests: XCTestCase {
    private func parse(_ source: String) -> Result<SyntaxNode, ExpressionDiagnostic> { Parser.parse(source) }

    func testATwentyThousandTermChainIsRefusedNotOverflowed() {
        let sum = Array(repeating: "1", count: 20_000).joined(separator: "+")
        guard case .failure(let problem) = parse(sum) else { return XCTFail("refused") }
        XCTAssertTrue(problem.message.contains("longer than"), problem.message)
        let shorter = Array(repeating: "1", count: 2_000).joined(separator: "+")
        guard case .failure(let chain) = parse(shorter) else { return XCTFail("refused") }
        XCTAssertTrue(chain.message.contains("chain of `+` and `-` is too long"), chain.message)
    }

    func testAChainWithinTheLimitParsesAndOneBeyondIsRefused() {
        let within = Array(repeating: "1", count: Limits.expressionDepth).joined(separator: " - ")
        XCTAssertNotNil(try? parse(within).get())
        let beyond = Array(repeating: "1", count: Limits.expressionDepth + 2).joined(separator: " - ")
        XCTAssertNil(try? parse(beyond).get())
    }

    func testChainsInsideBracketsShareTheDepth() {
        // 60 terms inside 60 brackets would be 3,600 levels if each were counted alone.
        let chain = Array(repeating: "1", count: 60).joined(separator: "+")
        let nested = String(repeating: "(", count: 60) + chain + String(repeating: ")", count: 60)
        guard case .failure(let problem) = parse(nested) else { return XCTFail("refused") }
        XCTAssertTrue(problem.message.contains("too long") || problem.message.contains("nested too deeply"), problem.message)
    }

    func testLongAndOrListsAreFlatAndAccepted() {
        let many = Array(repeating: "true", count: 1_000).joined(separator: " and ")
        XCTAssertNotNil(try? parse(many).get())
    }
}
