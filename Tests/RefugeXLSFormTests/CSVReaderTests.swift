import XCTest
@testable import RefugeXLSForm

final class CSVReaderTests: XCTestCase {
    func testQuotesCommasAndLineBreaksInsideFields() throws {
        let text = "type,label\r\nnote,\"Hello, \"\"friend\"\"\nsecond line\"\r\ntext,plain\n"
        let rows = try CSVReader.records(text)
        XCTAssertEqual(rows.map(\.cells), [["type", "label"], ["note", "Hello, \"friend\"\nsecond line"], ["text", "plain"]])
        // Row numbers are records, as a spreadsheet numbers rows, not physical lines.
        XCTAssertEqual(rows.map(\.number), [1, 2, 3])
    }

    func testByteOrderMarkAndMissingFinalLineBreakAndEmptyFields() throws {
        let rows = try CSVReader.records("\u{FEFF}a,,c\n,\"\",")
        XCTAssertEqual(rows.map(\.cells), [["a", "", "c"], ["", "", ""]])
    }

    func testUnclosedQuoteIsAnErrorAtItsRecord() {
        XCTAssertThrowsError(try CSVReader.records("a\nb,\"open\nstill open")) { error in
            XCTAssertEqual((error as? CSVReader.Failure)?.row, 2)
        }
    }

    func testTextAfterAClosingQuoteIsAnError() {
        XCTAssertThrowsError(try CSVReader.records("\"a\"b,c"))
    }
}
