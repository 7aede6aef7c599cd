import RefugeText
import XCTest

final class WrapTests: XCTestCase {
    func testBreaksAtSpaces() {
        XCTAssertEqual(wrap("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(wrap("Привет мир как дела", width: 10), ["Привет мир", "как дела"])
    }

    func testWordThatFitsExactly() {
        XCTAssertEqual(wrap("abcde fghij", width: 5), ["abcde", "fghij"])
        XCTAssertEqual(wrap("abcde", width: 5), ["abcde"])
    }

    func testLongWordIsCutAtGraphemeBoundaries() {
        XCTAssertEqual(wrap("abcdefghijkl", width: 5), ["abcde", "fghij", "kl"])
        XCTAssertEqual(wrap("go abcdefghijkl", width: 5), ["go", "abcde", "fghij", "kl"])
        XCTAssertEqual(wrap("e\u{301}e\u{301}e\u{301}", width: 2), ["e\u{301}e\u{301}", "e\u{301}"])
    }

    func testWideCharactersAreNeverSplit() {
        XCTAssertEqual(wrap("漢字漢字漢", width: 5), ["漢字", "漢字", "漢"])
        XCTAssertEqual(wrap("a漢字", width: 2), ["a", "漢", "字"])
        XCTAssertEqual(wrap("👨‍👩‍👧👨‍👩‍👧🇺🇦", width: 5), ["👨‍👩‍👧👨‍👩‍👧", "🇺🇦"])
        XCTAssertEqual(wrap("漢字", width: 1), ["漢", "字"], "a wide character alone on a too-narrow line")
    }

    func testExplicitNewlinesAreKept() {
        XCTAssertEqual(wrap("one\n\ntwo three", width: 5), ["one", "", "two", "three"])
        XCTAssertEqual(wrap("end\n", width: 5), ["end", ""])
        XCTAssertEqual(wrap("", width: 5), [""])
        XCTAssertEqual(wrap("a\r\nb", width: 5), ["a", "b"])
    }

    func testSpacesAtBreaksDisappearButIndentationStays() {
        XCTAssertEqual(wrap("a   b", width: 3), ["a", "b"])
        XCTAssertEqual(wrap("  indented text", width: 20), ["  indented text"])
        XCTAssertEqual(wrap("trailing   ", width: 20), ["trailing"])
        XCTAssertEqual(wrap("    ", width: 20), ["    "], "a line of only spaces stays as typed")
    }

    func testZeroOrNegativeWidthIsTreatedAsOne() {
        XCTAssertEqual(wrap("ab", width: 0), ["a", "b"])
    }

    func testEveryLineFitsAndNoWordIsLost() {
        let text = "Меня зовут Иван. 我叫伊万。 I came here in 2022 with my family 👨‍👩‍👧 from a small town near the border; naïve café résumé."
        for width in 3...40 {
            let lines = wrap(text, width: width)
            for line in lines {
                XCTAssertLessThanOrEqual(line.displayWidth, width, "width \(width): \(line)")
            }
            XCTAssertEqual(
                lines.joined(separator: " ").split(separator: " ").joined(),
                text.split(separator: " ").joined(),
                "width \(width)"
            )
        }
    }

    func testLineBreakerRangesCoverTheTextWithoutGaps() {
        let characters = Array("one two\nthree  four five\n\nsix")
        let lines = LineBreaker.breakLines(characters, width: 6)
        var expectedStart = 0
        for line in lines {
            XCTAssertEqual(line.range.lowerBound, expectedStart)
            expectedStart = line.range.upperBound + (line.endsWithNewline ? 1 : 0)
        }
        XCTAssertEqual(expectedStart, characters.count)
        XCTAssertEqual(lines.map { String(characters[$0.contentRange]) }, ["one", "two", "three", "four", "five", "", "six"])
        XCTAssertEqual(lines.map(\.endsWithNewline), [false, true, false, false, true, true, false])
    }
}
