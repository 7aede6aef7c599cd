import RefugeExpressions
import XCTest

/// Dates are spans of days: a comparison has a value only when every pair of days agrees.
final class DateSpanTests: XCTestCase {
    func testTheSpecsExamples() {
        XCTAssertEqual(value("date('2022-09') < date('2022-10-01')"), .bool(true))
        XCTAssertEqual(value("date('2022-09') < date('2022-09-15')"), .nothing)
        XCTAssertEqual(value("date('2022-09') == date('2022-09')"), .nothing, "two months are equal only as single days")
        XCTAssertEqual(value("date('2022-09-15') == date('2022-09-15')"), .bool(true))
    }

    func testEveryOperatorOnSpans() {
        XCTAssertEqual(value("date('2021') < date('2022-01-01')"), .bool(true))
        XCTAssertEqual(value("date('2021') <= date('2021-12-31')"), .bool(true))
        XCTAssertEqual(value("date('2021') <= date('2021-12-30')"), .nothing)
        XCTAssertEqual(value("date('2023') > date('2022-12')"), .bool(true))
        XCTAssertEqual(value("date('2022-12') >= date('2022-12-01')"), .bool(true))
        XCTAssertEqual(value("date('2022') != date('2023')"), .bool(true))
        XCTAssertEqual(value("date('2022') != date('2022-06-01')"), .nothing)
        XCTAssertEqual(value("date('2022-02') > date('2022-01')"), .bool(true))
    }

    func testLeapYearsAndMonthEnds() {
        XCTAssertEqual(value("date('2024-02') < date('2024-02-29')"), .nothing, "2024-02 includes the 29th")
        XCTAssertEqual(value("date('2023-02') < date('2023-03-01')"), .bool(true))
        XCTAssertEqual(value("date('2024-02') <= date('2024-02-29')"), .bool(true))
        XCTAssertEqual(value("date('2023-02') <= date('2023-02-28')"), .bool(true))
        assertRefused("date('2023-02-29')", saying: "date")
    }

    func testTheApproximateMarkDoesNotChangeComparisons() {
        let answers = TestAnswers(values: ["left": day("~2022-09"), "entered": day("2022-11-03")])
        XCTAssertEqual(value("left < entered", answers: answers), .bool(true))
        XCTAssertEqual(value("left < date('2022-09-10')", answers: answers), .nothing)
        let exact = TestAnswers(values: ["left": day("2022-09-05")])
        let approximate = TestAnswers(values: ["left": day("~2022-09-05")])
        for source in ["left < date('2022-09-10')", "left == date('2022-09-05')", "left > date('2022')"] {
            XCTAssertEqual(value(source, answers: exact), value(source, answers: approximate), source)
        }
    }

    func testAPartialDateInRoutingGetsAWarning() {
        let (expression, diagnostics) = RefugeExpressions.Expression.compile("left < date('2023-05-11')", context: .showIf, symbols: TestSymbols.standard)
        XCTAssertNotNil(expression)
        XCTAssertTrue(diagnostics.contains { $0.severity == .warning && $0.message.contains("not (") },
                      "\(diagnostics.map(\.message))")
        let quiet = RefugeExpressions.Expression.compile("not (left < date('2023-05-11'))", context: .showIf, symbols: TestSymbols.standard)
        XCTAssertTrue(quiet.diagnostics.isEmpty, "\(quiet.diagnostics.map(\.message))")
    }
}
