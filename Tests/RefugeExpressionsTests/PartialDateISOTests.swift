import RefugeExpressions
import XCTest

/// `PartialDate(iso:)` reads the stored forms byte by byte when it can; it must decide every
/// text exactly as the reading by characters always did.
final class PartialDateISOTests: XCTestCase {
    /// The reading by characters, as it was before the byte-by-byte one.
    private func byCharacters(_ iso: String) -> PartialDate? {
        var text = Substring(iso)
        var approximate = false
        if text.first == "~" {
            approximate = true
            text = text.dropFirst()
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        let widths = [4, 2, 2]
        var numbers: [Int] = []
        for (index, part) in parts.enumerated() {
            guard part.count == widths[index], part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int(part) else { return nil }
            numbers.append(number)
        }
        let month = numbers.count > 1 ? numbers[1] : nil
        let day = numbers.count > 2 ? numbers[2] : nil
        guard PartialDate.isValid(year: numbers[0], month: month, day: day) else { return nil }
        return PartialDate(year: numbers[0], month: month, day: day, approximate: approximate)
    }

    private func check(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(PartialDate(iso: text), byCharacters(text), text.debugDescription, file: file, line: line)
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
