import RefugeCanvas
import XCTest

/// What curses hands over (characters and matched sequences, in batches) turned into keys.
final class TerminalInputDecoderTests: XCTestCase {
    private func decode(_ inputs: [TerminalInput]) -> [KeyEvent] {
        var decoder = TerminalInputDecoder()
        return decoder.feed(inputs)
    }

    /// Characters as curses reads them, with `|` standing for nothing (an input to skip).
    private func text(_ string: String) -> [TerminalInput] {
        string.unicodeScalars.map(TerminalInput.scalar)
    }

    private func key(_ event: KeyEvent) -> TerminalInput { .sequence(.key(event)) }

    func testTextInEveryScript() {
        XCTAssertEqual(decode(text("aЖ漢😀 ")), [.character("a"), .character("Ж"), .character("漢"), .character("😀"), .character(" ")])
        XCTAssertEqual(decode(text("e\u{301}")), [.character("e"), .character("\u{301}")], "the editor joins clusters")
        XCTAssertEqual(decode(text("\u{85}x")), [.character("x")], "C1 controls are dropped")
    }

    func testControlKeys() {
        XCTAssertEqual(decode(text("\r")), [.enter])
        XCTAssertEqual(decode(text("\n")), [.enter])
        XCTAssertEqual(decode(text("\r\n")), [.enter], "CR LF is one Enter")
        XCTAssertEqual(decode(text("\r\r")), [.enter, .enter])
        XCTAssertEqual(decode(text("\t\u{7F}\u{8}")), [.tab, .backspace, .backspace])
        XCTAssertEqual(decode(text("\u{3}\u{E}\u{1}\u{1A}\u{0}")), [.ctrl("c"), .ctrl("n"), .ctrl("a"), .ctrl("z"), .ctrl("@")])
        XCTAssertEqual(decode(text("\u{1C}\u{1D}\u{1E}\u{1F}")), [.ctrl("\\"), .ctrl("]"), .ctrl("^"), .ctrl("_")])
    }

    func testKeysCursesMatchedPassThrough() {
        XCTAssertEqual(decode([key(.up), key(.function(12)), .scalar("x"), key(.delete)]),
                       [.up, .function(12), .character("x"), .delete])
    }

    func testEscapeEndingABatchIsTheEscapeKey() {
        // curses waited its Esc delay before handing the Esc over.
        XCTAssertEqual(decode(text("\u{1B}")), [.escape])
        XCTAssertEqual(decode(text("\u{1B}\u{1B}")), [.escape, .escape])
        XCTAssertEqual(decode(text("\u{1B}") + [key(.up)]), [.escape, .up])
        XCTAssertEqual(decode(text("\u{1B}\r")), [.escape, .enter])
    }

    func testEscapeThenACharacterIsAlt() {
        XCTAssertEqual(decode(text("\u{1B}x")), [.alt("x")])
        XCTAssertEqual(decode(text("\u{1B}ж")), [.alt("ж")])
        XCTAssertEqual(decode(text("\u{1B}[")), [.alt("[")])
        XCTAssertEqual(decode(text("\u{1B}O")), [.alt("O")])
    }

    func testSequencesCursesDidNotKnowAreDroppedNotTyped() {
        XCTAssertEqual(decode(text("\u{1B}[?1;2cx")), [.character("x")], "device attributes reply")
        XCTAssertEqual(decode(text("\u{1B}[Ix\u{1B}[O")), [.character("x")], "focus events")
        XCTAssertEqual(decode(text("\u{1B}[99~y")), [.character("y")])
        XCTAssertEqual(decode(text("\u{1B}Ozq")), [.character("q")])
        XCTAssertEqual(decode(text("\u{1B}[12;")), [], "an unfinished sequence is dropped")
        XCTAssertEqual(decode(text("\u{1B}[12\u{7}z")), [.ctrl("g"), .character("z")], "a broken sequence ends at the bad character")
    }

    func testCSIuKeysWithModifiers() {
        XCTAssertEqual(decode(text("\u{1B}[97;5u\u{1B}[1078u\u{1B}[13;2u")), [.ctrl("a"), .character("ж"), .enter])
        XCTAssertEqual(decode(text("\u{1B}[133u")), [], "a C1 code is no key")
    }

    func testBracketedPaste() {
        XCTAssertEqual(decode(text("a") + [.sequence(.pasteStart)] + text("hello\r\nworld\rагов") + [.sequence(.pasteEnd)] + text("b")),
                       [.character("a"), .paste("hello\nworld\nагов"), .character("b")])
        XCTAssertEqual(decode([.sequence(.pasteStart), .sequence(.pasteEnd)]), [], "an empty paste is nothing")
        XCTAssertEqual(decode([.sequence(.pasteStart)] + text("tab\there\u{7}\u{1B}") + [key(.up)] + text("x") + [.sequence(.pasteEnd)]),
                       [.paste("tab\therex")], "nothing pasted is a command: keys and control characters other than tab are dropped")
    }

    func testPasteAcrossBatchesAndAReturnAtTheCut() {
        var decoder = TerminalInputDecoder()
        XCTAssertEqual(decoder.feed([.sequence(.pasteStart)] + text("Привет,\r")), [])
        XCTAssertTrue(decoder.isInPaste)
        XCTAssertEqual(decoder.feed(text("\nмир 漢字") + [.sequence(.pasteEnd)] + text("x")), [.paste("Привет,\nмир 漢字"), .character("x")])
        XCTAssertFalse(decoder.isInPaste)
    }

    func testAnUnfinishedPasteIsHandedOverOnRequest() {
        var decoder = TerminalInputDecoder()
        XCTAssertEqual(decoder.feed([.sequence(.pasteStart)] + text("lost end")), [])
        XCTAssertEqual(decoder.finishPaste(), [.paste("lost end")])
        XCTAssertFalse(decoder.isInPaste)
        XCTAssertEqual(decoder.finishPaste(), [])
        XCTAssertEqual(decoder.feed(text("q")), [.character("q")])
    }

    func testMouseReports() {
        let report = { (body: String) in [TerminalInput.sequence(.mouseReport)] + self.text(body) }
        XCTAssertEqual(decode(report("0;12;5M")), [.click(row: 4, column: 11)], "a press is a click on a cell counted from 0")
        XCTAssertEqual(decode(report("0;12;5m")), [], "a release")
        XCTAssertEqual(decode(report("2;12;5M")), [], "another button")
        XCTAssertEqual(decode(report("64;1;1M") + report("65;1;1M")), [.up, .down], "the wheel")
        XCTAssertEqual(decode(report("0;12;5Mx")), [.click(row: 4, column: 11), .character("x")])
        XCTAssertEqual(decode(report("0;1x")), [.character("x")], "a broken report ends at the bad character")
    }
}
