import RefugeCanvas
import XCTest

final class KeyDecoderTests: XCTestCase {
    private func decode(_ text: String) -> [KeyEvent] {
        var decoder = KeyDecoder()
        return decoder.feed(Array(text.utf8))
    }

    private func decodeBytes(_ bytes: [UInt8]) -> [KeyEvent] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes)
    }

    /// Feeds the bytes one at a time: the result must not depend on how reads split the input.
    private func decodeByteByByte(_ text: String) -> [KeyEvent] {
        var decoder = KeyDecoder()
        return Array(text.utf8).flatMap { decoder.feed([$0]) }
    }

    func testPlainTextInEveryScript() {
        XCTAssertEqual(decode("aЖ漢😀"), [.character("a"), .character("Ж"), .character("漢"), .character("😀")])
        XCTAssertEqual(decode(" "), [.character(" ")])
    }

    func testClustersArriveAsScalarsThatTheEditorJoins() {
        XCTAssertEqual(decode("e\u{301}"), [.character("e"), .character("\u{301}")])
    }

    func testUTF8SplitAcrossReads() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed([0xD0]), [])
        XCTAssertTrue(decoder.hasPendingInput)
        XCTAssertEqual(decoder.feed([0x96, 0xF0, 0x9F]), [.character("Ж")])
        XCTAssertEqual(decoder.feed([0x98, 0x80]), [.character("😀")])
        XCTAssertFalse(decoder.hasPendingInput)
    }

    func testInvalidAndUnfinishedUTF8BecomeReplacementCharacters() {
        XCTAssertEqual(decodeBytes([0xFF, 0x41]), [.character("\u{FFFD}"), .character("A")])
        XCTAssertEqual(decodeBytes([0xC0, 0x80]), [.character("\u{FFFD}"), .character("\u{FFFD}")], "overlong form")
        XCTAssertEqual(decodeBytes([0xED, 0xA0, 0x80]).first, .character("\u{FFFD}"), "surrogate")
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed([0xE6, 0xBC]), [])
        XCTAssertEqual(decoder.timeoutElapsed(), [.character("\u{FFFD}")])
        XCTAssertFalse(decoder.hasPendingInput)
    }

    func testControlKeys() {
        XCTAssertEqual(decodeBytes([0x0D]), [.enter])
        XCTAssertEqual(decodeBytes([0x0A]), [.enter])
        XCTAssertEqual(decodeBytes([0x0D, 0x0A]), [.enter], "CR LF is one Enter")
        XCTAssertEqual(decodeBytes([0x0D, 0x0D]), [.enter, .enter])
        XCTAssertEqual(decodeBytes([0x09]), [.tab])
        XCTAssertEqual(decodeBytes([0x7F]), [.backspace])
        XCTAssertEqual(decodeBytes([0x08]), [.backspace])
        XCTAssertEqual(decodeBytes([0x03]), [.ctrl("c")])
        XCTAssertEqual(decodeBytes([0x0E]), [.ctrl("n")])
        XCTAssertEqual(decodeBytes([0x10]), [.ctrl("p")])
        XCTAssertEqual(decodeBytes([0x01]), [.ctrl("a")])
        XCTAssertEqual(decodeBytes([0x1A]), [.ctrl("z")])
        XCTAssertEqual(decodeBytes([0x00]), [.ctrl("@")])
        XCTAssertEqual(decodeBytes([0x1C, 0x1D, 0x1E, 0x1F]), [.ctrl("\\"), .ctrl("]"), .ctrl("^"), .ctrl("_")])
    }

    func testArrowsInNormalAndApplicationMode() {
        XCTAssertEqual(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D"), [.up, .down, .right, .left])
        XCTAssertEqual(decode("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD"), [.up, .down, .right, .left])
        XCTAssertEqual(decode("\u{1B}[1;5A\u{1B}[1;2D"), [.up, .left], "modifiers are ignored")
        XCTAssertEqual(decode("\u{1B}[a\u{1B}[b\u{1B}[c\u{1B}[d"), [.up, .down, .right, .left], "rxvt shifted arrows")
    }

    func testHomeEndInEveryForm() {
        XCTAssertEqual(decode("\u{1B}[H\u{1B}[F"), [.home, .end], "xterm")
        XCTAssertEqual(decode("\u{1B}OH\u{1B}OF"), [.home, .end], "xterm application mode")
        XCTAssertEqual(decode("\u{1B}[1~\u{1B}[4~"), [.home, .end], "linux console, screen, tmux")
        XCTAssertEqual(decode("\u{1B}[7~\u{1B}[8~"), [.home, .end], "rxvt")
        XCTAssertEqual(decode("\u{1B}[7^\u{1B}[8$\u{1B}[7@"), [.home, .end, .home], "rxvt with modifiers")
    }

    func testEditingKeys() {
        XCTAssertEqual(decode("\u{1B}[2~\u{1B}[3~\u{1B}[5~\u{1B}[6~"), [.insert, .delete, .pageUp, .pageDown])
        XCTAssertEqual(decode("\u{1B}[3;5~"), [.delete])
        XCTAssertEqual(decode("\u{1B}[Z"), [.backTab])
        XCTAssertEqual(decode("\u{1B}OM"), [.enter], "keypad Enter in application mode")
        XCTAssertEqual(decode("\u{1B}Op\u{1B}Oy\u{1B}Ok"), [.character("0"), .character("9"), .character("+")])
    }

    func testFunctionKeysXterm() {
        let sequences = ["\u{1B}OP", "\u{1B}OQ", "\u{1B}OR", "\u{1B}OS", "\u{1B}[15~", "\u{1B}[17~",
                         "\u{1B}[18~", "\u{1B}[19~", "\u{1B}[20~", "\u{1B}[21~", "\u{1B}[23~", "\u{1B}[24~"]
        XCTAssertEqual(decode(sequences.joined()), (1...12).map(KeyEvent.function))
        XCTAssertEqual(decode("\u{1B}[1;2P\u{1B}[1;5S\u{1B}[15;2~"), [.function(1), .function(4), .function(5)])
        XCTAssertEqual(decode("\u{1B}O2P"), [.function(1)], "old xterm modifier form")
    }

    func testFunctionKeysRxvtAndVT220() {
        let sequences = ["\u{1B}[11~", "\u{1B}[12~", "\u{1B}[13~", "\u{1B}[14~", "\u{1B}[15~", "\u{1B}[17~",
                         "\u{1B}[18~", "\u{1B}[19~", "\u{1B}[20~", "\u{1B}[21~", "\u{1B}[23~", "\u{1B}[24~"]
        XCTAssertEqual(decode(sequences.joined()), (1...12).map(KeyEvent.function))
        XCTAssertEqual(decode("\u{1B}[25~\u{1B}[34~"), [.function(13), .function(20)])
        XCTAssertEqual(decode("\u{1B}[23$\u{1B}[11^"), [.function(11), .function(1)])
    }

    func testFunctionKeysLinuxConsole() {
        XCTAssertEqual(decode("\u{1B}[[A\u{1B}[[B\u{1B}[[C\u{1B}[[D\u{1B}[[E\u{1B}[17~"),
                       [.function(1), .function(2), .function(3), .function(4), .function(5), .function(6)])
    }

    func testFunctionKeysTmuxAndScreen() {
        // tmux (TERM=screen or tmux) sends SS3 for F1-F4 and the VT220 numbers for the rest.
        XCTAssertEqual(decode("\u{1B}OP\u{1B}OS\u{1B}[15~\u{1B}[24~\u{1B}[1~\u{1B}[4~"),
                       [.function(1), .function(4), .function(5), .function(12), .home, .end])
    }

    func testCSIuKeys() {
        XCTAssertEqual(decode("\u{1B}[13u\u{1B}[9u\u{1B}[27u\u{1B}[127u"), [.enter, .tab, .escape, .backspace])
        XCTAssertEqual(decode("\u{1B}[97;5u"), [.ctrl("a")])
        XCTAssertEqual(decode("\u{1B}[1078u"), [.character("ж")])
    }

    func testUnknownSequencesAreSwallowed() {
        XCTAssertEqual(decode("\u{1B}[?1;2cx"), [.character("x")], "device attributes reply")
        XCTAssertEqual(decode("\u{1B}[Ix\u{1B}[O"), [.character("x")], "focus events")
        XCTAssertEqual(decode("\u{1B}[99~y"), [.character("y")])
        XCTAssertEqual(decode("\u{1B}[12\u{7}z"), [.ctrl("g"), .character("z")], "a broken sequence is dropped up to the bad byte")
    }

    func testLoneEscapeNeedsTheTimeout() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed([0x1B]), [])
        XCTAssertTrue(decoder.hasPendingInput)
        XCTAssertEqual(decoder.timeoutElapsed(), [.escape])
        XCTAssertFalse(decoder.hasPendingInput)
        XCTAssertEqual(decoder.timeoutElapsed(), [])
    }

    func testEscapeSequenceSplitAcrossReads() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed([0x1B]), [])
        XCTAssertEqual(decoder.feed(Array("[1".utf8)), [])
        XCTAssertEqual(decoder.feed(Array("5~".utf8)), [.function(5)])
        XCTAssertEqual(decoder.feed([0x1B, UInt8(ascii: "O")]), [])
        XCTAssertEqual(decoder.feed([UInt8(ascii: "Q")]), [.function(2)])
    }

    func testEscapeThenKeyIsAlt() {
        XCTAssertEqual(decode("\u{1B}x"), [.alt("x")])
        XCTAssertEqual(decode("\u{1B}ж"), [.alt("ж")])
        XCTAssertEqual(decode("\u{1B}\u{1B}[A"), [.escape, .up])
        XCTAssertEqual(decodeBytes([0x1B, 0x0D]), [.escape, .enter])
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed(Array("\u{1B}[".utf8)), [])
        XCTAssertEqual(decoder.timeoutElapsed(), [.alt("[")])
        XCTAssertEqual(decoder.feed(Array("\u{1B}[12;".utf8)), [])
        XCTAssertEqual(decoder.timeoutElapsed(), [], "an unfinished sequence is dropped, not typed")
        XCTAssertFalse(decoder.hasPendingInput)
    }

    func testBracketedPaste() {
        XCTAssertEqual(decode("a\u{1B}[200~hello\r\nworld\rагов\u{1B}[201~b"),
                       [.character("a"), .paste("hello\nworld\nагов"), .character("b")])
        XCTAssertEqual(decode("\u{1B}[200~\u{1B}[201~"), [], "an empty paste is nothing")
        XCTAssertEqual(decode("\u{1B}[200~tab\there\u{7}\u{1B}[A\u{1B}[201~"), [.paste("tab\there[A")],
                       "keys inside a paste are text; control characters other than tab are dropped")
    }

    func testPasteSplitAcrossReadsIncludingTheEndMarker() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed(Array("\u{1B}[200~Привет, ".utf8)), [])
        XCTAssertTrue(decoder.isInPaste)
        XCTAssertFalse(decoder.hasPendingInput, "no Esc timeout while a paste is open")
        let rest = Array("мир 漢字\u{1B}[201~x".utf8)
        XCTAssertEqual(decoder.feed(rest[0..<3]), [], "a UTF-8 character cut in two inside a paste")
        XCTAssertEqual(decoder.feed(rest[3..<(rest.count - 4)]), [])
        XCTAssertEqual(decoder.feed(rest[(rest.count - 4)...]), [.paste("Привет, мир 漢字"), .character("x")])
        XCTAssertFalse(decoder.isInPaste)
    }

    func testUnfinishedPasteIsHandedOverOnRequest() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.feed(Array("\u{1B}[200~lost end\u{1B}[20".utf8)), [])
        XCTAssertEqual(decoder.timeoutElapsed(), [])
        XCTAssertEqual(decoder.finishPaste(), [.paste("lost end[20")])
        XCTAssertFalse(decoder.isInPaste)
        XCTAssertEqual(decoder.feed(Array("q".utf8)), [.character("q")])
    }

    func testSplittingTheInputAnywhereGivesTheSameEvents() {
        let input = "Да\u{1B}[A\u{1B}OP\u{1B}[[C漢😀\u{1B}[200~x\r\ny\u{1B}[201~\u{1B}[3~\r\u{1B}[24~é"
        XCTAssertEqual(decodeByteByByte(input), decode(input))
        XCTAssertEqual(decode(input), [
            .character("Д"), .character("а"), .up, .function(1), .function(3), .character("漢"),
            .character("😀"), .paste("x\ny"), .delete, .enter, .function(12), .character("é"),
        ])
    }
}
