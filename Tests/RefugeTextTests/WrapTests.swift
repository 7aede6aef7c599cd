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

    func testPrefixedWrappingNeverSplitsWordsOrWideCharacters() {
        let lines = LineBreaker.wrap("one two three four five", width: 9)
        XCTAssertEqual(lines, ["one two", "three", "four five"])
        let wide = LineBreaker.wrap("漢字漢字漢字", width: 5)
        XCTAssertEqual(wide, ["漢字", "漢字", "漢字"])
        let long = LineBreaker.wrap("abcdefghij", width: 4, first: "", rest: "")
        XCTAssertEqual(long, ["abcd", "efgh", "ij"])
        XCTAssertEqual(LineBreaker.wrap("a\n\nb", width: 10, first: "  ", rest: "  "), ["  a", "", "  b"])
    }

    func testEveryPrefixedLineFitsWhenTheLaterPrefixIsWider() {
        // A hanging indent wider than the first prefix: the later lines get less room.
        XCTAssertEqual(LineBreaker.wrap("aaaaa bbbbbb", width: 8, first: "  ", rest: "    "),
                       ["  aaaaa", "    bbbb", "    bb"])
        let text = "Мы уехали в марте 2019 года, потому что угрозы не прекращались и полиция не помогла."
        for width in 6...40 {
            for (first, rest) in [("", "  "), ("  ", "    "), ("12 March 2019  ", "               "), ("1.   ", "     ")] {
                for line in LineBreaker.wrap(text, width: width, first: first, rest: rest) {
                    XCTAssertLessThanOrEqual(line.displayWidth, max(width, first.displayWidth + 1, rest.displayWidth + 1),
                                             "width \(width), first \"\(first)\"")
                }
            }
        }
    }

    func testTheFirstLineMayHaveItsOwnWidth() {
        let characters = Array("aa bb cc dd")
        let lines = LineBreaker.breakLines(characters, width: 5, firstLineWidth: 2)
        XCTAssertEqual(lines.map { String(characters[$0.contentRange]) }, ["aa", "bb cc", "dd"])
    }

    func testPrefixedLinesKeepTheTextsOwnSpacing() {
        // The client's own spacing and indentation are kept, as on the screen.
        XCTAssertEqual(LineBreaker.wrap("- one\n    - two  words", width: 20, first: "> ", rest: "> "),
                       ["> - one", ">     - two  words"])
        XCTAssertEqual(LineBreaker.wrap("", width: 10, first: "1.   ", rest: "     "), ["1."])
    }

    func testPaddedToAWidth() {
        XCTAssertEqual("3.".padded(toWidth: 5), "3.   ")
        XCTAssertEqual("漢字".padded(toWidth: 6), "漢字  ")
        XCTAssertEqual("too wide".padded(toWidth: 3), "too wide")
    }
}
