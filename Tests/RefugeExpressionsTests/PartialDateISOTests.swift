@testable import RefugeExpressions
import XCTest

/// `PartialDate(iso:)` reads the stored forms byte by byte when it can; it must decide every
/// text exactly as the reading by characters always did.
final class PartialDateISOTests: XCTestCase {
    private func check(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(PartialDate(iso: text), PartialDate.byCharacters(text), text.debugDescription, file: file, line: line)
    }

    func testTheStoredFormsAndTheirNeighboursAreReadAsBefore() {
        for text in ["2024", "2024-02", "2024-02-29", "2023-02-29", "~1990", "~1990-04", "~1990-04-31", "0000", "0001", "9999",
                     "2024-00", "2024-13", "2024-12-00", "2024-12-32", "2024-1", "2024-01-1", "24-01-01", "12345", "2024-",
                     "-2024", "2024--01", "2024-01-", "~", "~~2024", "", " 2024", "2024 ", "+2024", "2024-01-01T00",
                     "２０２４", "٢٠٢٤", "2024-0\u{0661}", "~\u{301}2024", "2024-01-0\u{301}", "2024\r\n", "2024-01-01-01"] {
            check(text)
        }
        XCTAssertEqual(PartialDate(iso: "~2024-02-29"), PartialDate(year: 2024, month: 2, day: 29, approximate: true))
    }

    func testRandomTextsAreReadAsBefore() {
        let pieces = ["0", "1", "2", "3", "9", "-", "~", "a", " ", "\u{661}", "２", "\u{301}", "-0", "20", "1999", "12", "31"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...8, using: &generator)
            check((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
    }
}
