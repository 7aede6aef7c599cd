import RefugeCanvas
import XCTest

/// Widths as glibc's wcwidth gives them in a UTF-8 locale (measured: see the research notes),
/// for the scalars these tests use.
private func glibcWidth(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x301, 0x308, 0x200D, 0xFE0F, 0x1F3FD: return scalar.value == 0x1F3FD ? 2 : 0
    case 0x1F1E6...0x1F1FF: return 1
    case 0x2764: return 1
    case 0x1F600, 0x1F468, 0x1F469, 0x1F467, 0x1F44D, 0x6F22: return 2
    case 0xE000: return -1
    default: return 1
    }
}

final class TerminalGlyphsTests: XCTestCase {
    private func glyphs(_ text: String) -> [TerminalGlyph] {
        TerminalGlyphs.glyphs(for: Cell(text), scalarWidth: glibcWidth)
    }

    func testPlainAndWideCharactersPassUnchanged() {
        XCTAssertEqual(glyphs("Ж"), [TerminalGlyph(["Ж"], columns: 1)])
        XCTAssertEqual(glyphs("漢"), [TerminalGlyph(["漢"], columns: 2)])
        XCTAssertEqual(glyphs("😀"), [TerminalGlyph(["😀"], columns: 2)])
    }

    func testCombiningMarksTravelWithTheirBase() {
        XCTAssertEqual(glyphs("e\u{301}\u{308}"), [TerminalGlyph(["e", "\u{301}", "\u{308}"], columns: 1)])
        let many = "a" + String(repeating: "\u{301}", count: 7)
        XCTAssertEqual(glyphs(many).first?.scalars.count, 5, "one spacing character and at most four marks")
    }

    func testFlagIsSentAsTwoHalves() {
        XCTAssertEqual(glyphs("🇺🇦"), [TerminalGlyph(["\u{1F1FA}"], columns: 1), TerminalGlyph(["\u{1F1E6}"], columns: 1)])
    }

    func testEmojiSequencesKeepTheirFirstEmoji() {
        XCTAssertEqual(glyphs("👨‍👩‍👧"), [TerminalGlyph(["👨"], columns: 2)])
        XCTAssertEqual(glyphs("👍🏽"), [TerminalGlyph(["👍"], columns: 2)])
    }

    func testEmojiThatCursesCountsNarrowIsPaddedWithASpace() {
        XCTAssertEqual(glyphs("❤️"), [TerminalGlyph(["❤"], columns: 1), TerminalGlyph([" "], columns: 1)])
    }

    func testUnprintableOrDisagreeingWidthsBecomeReplacementCharacters() {
        XCTAssertEqual(glyphs("\u{E000}"), [TerminalGlyph(["\u{FFFD}"], columns: 1)])
        let narrowInCurses = TerminalGlyphs.glyphs(for: Cell("漢"), scalarWidth: { _ in 1 })
        XCTAssertEqual(narrowInCurses, [TerminalGlyph(["漢"], columns: 1), TerminalGlyph([" "], columns: 1)])
        let wideInCurses = TerminalGlyphs.glyphs(for: Cell("Ж"), scalarWidth: { _ in 2 })
        XCTAssertEqual(wideInCurses, [TerminalGlyph(["\u{FFFD}"], columns: 1)])
        let unknownWide = TerminalGlyphs.glyphs(for: Cell("漢"), scalarWidth: { _ in -1 })
        XCTAssertEqual(unknownWide, [TerminalGlyph(["\u{FFFD}"], columns: 1), TerminalGlyph([" "], columns: 1)])
    }

    func testContinuationCellsHaveNoGlyphs() {
        XCTAssertEqual(TerminalGlyphs.glyphs(for: .continuation(.plain), scalarWidth: glibcWidth), [])
    }

    func testColumnsAlwaysAddUpToTheCellWidth() {
        for text in ["a", "漢", "😀", "🇺🇦", "👨‍👩‍👧", "❤️", "e\u{301}", "\u{E000}", "1️⃣"] {
            let cell = Cell(text)
            XCTAssertEqual(glyphs(text).map(\.columns).reduce(0, +), cell.width, text)
        }
    }
}
