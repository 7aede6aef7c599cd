import RefugeReport
import RefugeText
import XCTest

final class TextToolsTests: XCTestCase {
    func testDisplayWidth() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("Жизнь"), 5)
        XCTAssertEqual(DisplayWidth.of("漢字"), 4)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining accent takes no cell")
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2)
        XCTAssertEqual(DisplayWidth.of("❤️"), 2, "emoji presentation selector")
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)
    }

    func testPlainEscapingKeepsNewlinesAndDropsSequences() {
        XCTAssertEqual(Escaping.plain("a\u{1B}[1;31mb\u{1B}[0m\nc\td\r\ne"), "ab\nc d\ne")
        XCTAssertEqual(Escaping.plain("x\u{1B}]8;;http://e\u{1B}\\link\u{1B}]8;;\u{1B}\\y"), "xlinky")
        XCTAssertEqual(Escaping.plain("\u{1B}Pq#0\u{1B}\\ok"), "ok")
    }

    func testHTMLAndCSSEscaping() {
        XCTAssertEqual(Escaping.html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        XCTAssertEqual(Escaping.cssString("A-1 \"x\"</style>"), "A\\2D 1 \\22 x\\22 \\3C \\2F style\\3E ")
    }
}
