import RefugeText
import XCTest

final class DisplayWidthTests: XCTestCase {
    func testLatinCyrillicAndArabicAreOneCellPerLetter() {
        XCTAssertEqual("A".displayWidth, 1)
        XCTAssertEqual("Привет".displayWidth, 6)
        XCTAssertEqual("مرحبا".displayWidth, 5)
        XCTAssertEqual("ｶ".displayWidth, 1, "half-width katakana is narrow")
    }

    func testEastAsianWideAndFullWidthAreTwoCells() {
        XCTAssertEqual("漢字".displayWidth, 4)
        XCTAssertEqual("한국어".displayWidth, 6)
        XCTAssertEqual("Ａ".displayWidth, 2, "full-width Latin")
        XCTAssertEqual("。".displayWidth, 2)
        XCTAssertEqual("\u{20000}".displayWidth, 2, "CJK extension B (plane 2)")
    }

    func testCombiningMarksJoinTheirBase() {
        XCTAssertEqual("e\u{301}".displayWidth, 1)
        XCTAssertEqual("é".displayWidth, 1)
        XCTAssertEqual("Z\u{324}\u{308}".displayWidth, 1)
        XCTAssertEqual(Character("\u{301}").displayWidth, 0, "a combining mark alone takes no cell")
        XCTAssertEqual("\u{1100}\u{1161}\u{11A8}".displayWidth, 2, "conjoining Hangul jamo form one syllable")
    }

    func testZeroWidthAndControlCharacters() {
        XCTAssertEqual("\u{200B}".displayWidth, 0)
        XCTAssertEqual("\u{200D}".displayWidth, 0)
        XCTAssertEqual("\u{FEFF}".displayWidth, 0)
        XCTAssertEqual("\u{7}".displayWidth, 0)
        XCTAssertEqual("\n".displayWidth, 0)
        XCTAssertEqual("\u{1B}".displayWidth, 0)
        XCTAssertEqual("\u{85}".displayWidth, 0)
        XCTAssertEqual("\u{AD}".displayWidth, 1, "soft hyphen is shown by terminals")
    }

    func testEmojiClustersAreTwoCells() {
        XCTAssertEqual("😀".displayWidth, 2)
        XCTAssertEqual("👍🏽".displayWidth, 2, "skin tone modifier")
        XCTAssertEqual("🇺🇦".displayWidth, 2, "flag")
        XCTAssertEqual("👨‍👩‍👧".displayWidth, 2, "ZWJ family")
        XCTAssertEqual("❤️".displayWidth, 2, "text emoji with VS16")
        XCTAssertEqual("❤".displayWidth, 1, "text emoji without VS16")
        XCTAssertEqual("1️⃣".displayWidth, 2, "keycap")
        XCTAssertEqual("🫠".displayWidth, 2)
        XCTAssertEqual("🇺".displayWidth, 1, "a lone regional indicator")
    }

    func testScalarWidths() {
        XCTAssertEqual(DisplayWidth.width(of: "a"), 1)
        XCTAssertEqual(DisplayWidth.width(of: "\u{0}"), 0)
        XCTAssertEqual(DisplayWidth.width(of: "\u{7F}"), 0)
        XCTAssertEqual(DisplayWidth.width(of: "\u{301}"), 0)
        XCTAssertEqual(DisplayWidth.width(of: "\u{4E00}"), 2)
        XCTAssertEqual(DisplayWidth.width(of: "\u{1F600}"), 2)
        XCTAssertEqual(DisplayWidth.width(of: "\u{2500}"), 1, "box drawing (ambiguous) counts as narrow")
    }

    func testStringWidthIsSumOfClusters() {
        XCTAssertEqual("Да 漢 😀 é!".displayWidth, 2 + 1 + 2 + 1 + 2 + 1 + 1 + 1)
        XCTAssertEqual("".displayWidth, 0)
    }

    /// The printable-ASCII shortcut gives what the clusters give, for every kind of byte next to
    /// printable ones (controls, DEL, CR LF, a combining mark after a letter, wide and emoji).
    func testPrintableASCIIShortcutAgreesWithClusters() {
        let pieces = ["a", "Z", " ", "~", "\u{7F}", "\t", "\r\n", "\u{301}", "é", "界", "👍🏽", "\u{200B}", "\u{0}", "1",
                      "─", "\u{1F1E6}", "\u{1F1FA}", "\u{FE0F}", "❤"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let clusters = text.reduce(0) { $0 + DisplayWidth.of($1) }
            XCTAssertEqual(DisplayWidth.of(text), clusters, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(DisplayWidth.of(text.dropFirst()), text.dropFirst().reduce(0) { $0 + DisplayWidth.of($1) })
        }
        XCTAssertEqual(DisplayWidth.of("Press Enter to go on"), 20)
        XCTAssertEqual(DisplayWidth.of("a\u{301}"), 1, "a combining mark joins the ASCII letter before it")
        XCTAssertEqual(DisplayWidth.of("\u{7F}x"), 1)
        // One scalar on its own, through the `String` and the generic forms alike.
        for scalar in ["─", "ж", "界", "\u{301}", "\u{200B}", "\u{1F1E6}", "👍", "\u{7F}", "é"] {
            XCTAssertEqual(DisplayWidth.of(scalar), DisplayWidth.of(Character(scalar)), scalar)
            XCTAssertEqual(DisplayWidth.of(Substring(scalar)), DisplayWidth.of(Character(scalar)), scalar)
        }
    }
}
