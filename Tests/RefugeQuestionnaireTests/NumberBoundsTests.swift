import Foundation
import RefugeExpressions
import XCTest
@testable import RefugeQuestionnaire

/// `min` and `max` of a number question are exact decimals, as answers are: kept with every
/// digit, refused at their place beyond 38 digits or when they are no plain decimal.
final class NumberBoundsTests: XCTestCase {
    private func load(min: String, max: String) -> LoadResult {
        let text = """
        format: 1
        id: tiny
        version: "1"
        title: Tiny
        languages: [en]
        sections:
          - id: s
            title: S
            items:
              - {id: amount, type: number, prompt: "Amount?", min: \(min), max: \(max)}
        """
        return QuestionnaireLoader.load(files: [SourceFile(relativePath: "q.yaml", bytes: Array(text.utf8))], displayRoot: "q.yaml", sourcePath: "q.yaml")
    }

    func testBoundsAreKeptWithEveryDigit() throws {
        let q = try XCTUnwrap(load(min: "-0.5", max: "9007199254740993").questionnaire)
        XCTAssertEqual(q.item("amount")?.min, ExactNumber("-0.5"))
        XCTAssertEqual(q.item("amount")?.max, ExactNumber("9007199254740993"))
        XCTAssertNotNil(load(min: "0", max: String(repeating: "9", count: 38)).questionnaire)
    }

    func testABoundBeyondTheRangeOrNotADecimalIsRefusedAtItsPlace() {
        let tooLong = load(min: "0", max: String(repeating: "9", count: 39))
        XCTAssertNil(tooLong.questionnaire)
        XCTAssertTrue(tooLong.diagnostics.contains { $0.description.contains("`max` of") && $0.description.contains("more than 38 digits") },
                      "\(tooLong.diagnostics)")
        for bad in ["1e3", "ten", "0x10"] {
            let result = load(min: bad, max: "20")
            XCTAssertNil(result.questionnaire, bad)
            XCTAssertTrue(result.diagnostics.contains { $0.description.contains("`min` of") && $0.description.contains("should be a number") },
                          "\(bad): \(result.diagnostics)")
        }
        let crossed = load(min: "20.000000000000000001", max: "20")
        XCTAssertTrue(crossed.diagnostics.contains { $0.description.contains("larger than its `max`") },
                      "a difference Double would not see: \(crossed.diagnostics)")
    }
}
