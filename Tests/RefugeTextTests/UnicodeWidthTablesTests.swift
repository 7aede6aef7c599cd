@testable import RefugeText
import XCTest

/// The generated width tables (scripts/unicode-width-tables.py) are well formed and current.
final class UnicodeWidthTablesTests: XCTestCase {
    func testTheTablesAreSortedAndDisjoint() {
        for table in [UnicodeWidthTables.wide, UnicodeWidthTables.zeroWidth] {
            for (before, after) in zip(table, table.dropFirst()) {
                XCTAssertLessThan(before.upperBound, after.lowerBound, "\(before) and \(after)")
            }
        }
        // A combining mark inside a wide block (the ideographic tone marks U+302A-U+302D) is in
        // both tables: zero width is looked up first and wins.
        XCTAssertEqual(DisplayWidth.width(of: "\u{302A}"), 0)
        XCTAssertEqual(DisplayWidth.width(of: "\u{3029}"), 2)
    }

    func testTheTablesComeFromUnicode15Point1OrLater() {
        let parts = UnicodeWidthTables.unicodeVersion.split(separator: ".").compactMap { Int($0) }
        XCTAssertFalse(parts.lexicographicallyPrecedes([15, 1]), UnicodeWidthTables.unicodeVersion)
        // Added in 15.1: ideographic description characters and a CJK stroke, both wide.
        XCTAssertEqual(DisplayWidth.width(of: "\u{2FFC}"), 2)
        XCTAssertEqual(DisplayWidth.width(of: "\u{31EF}"), 2)
        // Added in 15.0: a Nag Mundari combining mark takes no cell of its own.
        XCTAssertEqual(DisplayWidth.width(of: "\u{1E4EC}"), 0)
    }
}
