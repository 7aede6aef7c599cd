import RefugeText
import XCTest

final class MarkdownRendererTests: XCTestCase {
    private let bold = Style(bold: true)
    private let emphasis = Style(underline: true)

    private func plain(_ lines: [[StyledRun]]) -> [String] {
        lines.map(\.plainText)
    }

    func testInlineBoldAndEmphasis() {
        let lines = MarkdownRenderer.render("Say **yes** or *no*.", width: 40)
        XCTAssertEqual(lines, [[
            StyledRun("Say "), StyledRun("yes", style: bold), StyledRun(" or "),
            StyledRun("no", style: emphasis), StyledRun("."),
        ]])
    }

    func testStylesAreBasedOnTheGivenStyle() {
        let base = Style(role: .muted)
        let lines = MarkdownRenderer.render("a **b**", width: 10, style: base)
        XCTAssertEqual(lines, [[StyledRun("a ", style: base), StyledRun("b", style: Style(role: .muted, bold: true))]])
    }

    func testParagraphsJoinSoftBreaksAndKeepBlankLines() {
        let source = """
            First paragraph
            continues here.

            Second one.
            """
        XCTAssertEqual(plain(MarkdownRenderer.render(source, width: 20)), [
            "First paragraph", "continues here.", "", "Second one.",
        ])
    }

    func testHardLineBreaks() {
        XCTAssertEqual(plain(MarkdownRenderer.render("line one  \nline two\\\nline three", width: 40)), [
            "line one", "line two", "line three",
        ])
    }

    func testBulletsHaveHangingIndent() {
        let source = """
            Answer:
            - first item that wraps around
            - second
              continued
            """
        XCTAssertEqual(plain(MarkdownRenderer.render(source, width: 16)), [
            "Answer:",
            "• first item",
            "  that wraps",
            "  around",
            "• second",
            "  continued",
        ])
    }

    func testNestedBulletsAndOtherMarkers() {
        let source = "* top\n  + inner item here\n- last"
        XCTAssertEqual(plain(MarkdownRenderer(bullet: "- ").render(source, width: 14)), [
            "- top",
            "  - inner item",
            "    here",
            "- last",
        ])
    }

    func testBlankLineBeforeAListIsKept() {
        XCTAssertEqual(plain(MarkdownRenderer.render("Intro.\n\n- a\n- b", width: 20)), ["Intro.", "", "• a", "• b"])
    }

    func testHeadingIsBold() {
        let lines = MarkdownRenderer.render("## Your family\nText", width: 20)
        XCTAssertEqual(lines, [[StyledRun("Your family", style: bold)], [StyledRun("Text")]])
    }

    func testLiteralAsterisksStayText() {
        XCTAssertEqual(plain(MarkdownRenderer.render("5 * 3 * 2 = 30", width: 40)), ["5 * 3 * 2 = 30"])
        XCTAssertEqual(plain(MarkdownRenderer.render("**oops", width: 40)), ["**oops"])
        XCTAssertEqual(plain(MarkdownRenderer.render("\\*not emphasis\\*", width: 40)), ["*not emphasis*"])
        XCTAssertEqual(plain(MarkdownRenderer.render("-not a bullet", width: 40)), ["-not a bullet"])
        XCTAssertEqual(MarkdownRenderer.render("x * y*", width: 40), [[StyledRun("x * y*")]],
                       "an asterisk followed by a space opens nothing")
        XCTAssertEqual(MarkdownRenderer.render("*a *", width: 40), [[StyledRun("*a *")]],
                       "an asterisk after a space closes nothing")
        XCTAssertEqual(plain(MarkdownRenderer.render("*emphasis* first", width: 40)), ["emphasis first"],
                       "an asterisk without a space after it is not a bullet")
    }

    func testNestedEmphasisInsideBold() {
        let lines = MarkdownRenderer.render("**very *much* so**", width: 40)
        XCTAssertEqual(lines, [[
            StyledRun("very ", style: bold),
            StyledRun("much", style: Style(bold: true, underline: true)),
            StyledRun(" so", style: bold),
        ]])
    }

    func testBoldSpanningAWrap() {
        let lines = MarkdownRenderer.render("Do **not sign anything** yet", width: 10)
        XCTAssertEqual(plain(lines), ["Do not", "sign", "anything", "yet"])
        XCTAssertEqual(lines[0], [StyledRun("Do "), StyledRun("not", style: bold)])
        XCTAssertEqual(lines[2], [StyledRun("anything", style: bold)])
        XCTAssertEqual(lines[3], [StyledRun("yet")])
    }

    func testWideTextAndEveryLineFits() {
        let source = "- 我们 **必须** 知道 您的 名字 和 您的 家人 的 名字\n- Ваше *имя* и имена членов семьи"
        for width in 6...30 {
            for line in MarkdownRenderer.render(source, width: width) {
                XCTAssertLessThanOrEqual(line.displayWidth, width, "width \(width)")
            }
        }
    }
}
