import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
@testable import RefugeReport
import XCTest

/// Every report format prints a number with the digits it has: 9007199254740993 (where `Double`
/// would print ...992), integers without `.0`, computed values canonically, never an exponent.
final class ExactNumberReportTests: XCTestCase {
    static let yaml = """
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
          - {id: share, type: number, prompt: "Share?"}
          - {id: total, type: calculate, expression: "amount + share", report: true, prompt: "Total"}
    """

    func testEveryFormatPrintsTheExactDigits() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let s = ReportFixtures.session(q, language: "en") { i in
            i.update(AnswerRef("amount")) { $0 = .answered(.number(ExactNumber("9007199254740993")!)) }
            i.update(AnswerRef("share")) { $0 = .answered(.number(ExactNumber("0.000001")!)) }
        }
        let json = ReportFixtures.render(s, q, .json)
        XCTAssertTrue(json.contains(#""number": 9007199254740993"#) || json.contains(": 9007199254740993"), json)
        XCTAssertTrue(json.contains("0.000001"), "no exponent")
        XCTAssertTrue(json.contains("9007199254740993.000001"), "the calculated total, exactly")
        for format in ReportFormat.allCases where format != .json {
            let text = ReportFixtures.render(s, q, format)
            XCTAssertTrue(text.contains("9007199254740993"), "\(format)")
            XCTAssertFalse(text.contains("9007199254740992"), "\(format)")
            XCTAssertFalse(text.contains("1e-06") || text.contains("1.0e"), "\(format): no exponent")
        }
        XCTAssertEqual(OrderedJSON.number(ExactNumber(3)).pretty(), "3\n")
        XCTAssertEqual(OrderedJSON.number(ExactNumber("-2.50")!).pretty(), "-2.5\n")
        XCTAssertEqual(OrderedJSON.object([("n", .number(ExactNumber("9007199254740993")!))]).pretty(), "{\n  \"n\": 9007199254740993\n}\n")
    }
}
