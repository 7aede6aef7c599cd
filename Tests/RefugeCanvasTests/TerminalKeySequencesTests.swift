import RefugeCanvas
import XCTest

/// The table curses is given: every sequence of the common terminals means the key it stands
/// for, whatever TERM says.
final class TerminalKeySequencesTests: XCTestCase {
    private func keys(_ sequences: String...) -> [KeyEvent?] {
        sequences.map { sequence in
            if case .key(let key) = TerminalKeySequences.meaning(of: sequence) { return key }
            return nil
        }
    }

    func testArrowsInNormalApplicationAndModifiedForms() {
        XCTAssertEqual(keys("\u{1B}[A", "\u{1B}[B", "\u{1B}[C", "\u{1B}[D"), [.up, .down, .right, .left])
        XCTAssertEqual(keys("\u{1B}OA", "\u{1B}OB", "\u{1B}OC", "\u{1B}OD"), [.up, .down, .right, .left])
        XCTAssertEqual(keys("\u{1B}[1;5A", "\u{1B}[1;2D", "\u{1B}[1;8C"), [.up, .left, .right], "modifiers are ignored")
        XCTAssertEqual(keys("\u{1B}[a", "\u{1B}[b", "\u{1B}[c", "\u{1B}[d"), [.up, .down, .right, .left], "rxvt Shift")
        XCTAssertEqual(keys("\u{1B}Oa", "\u{1B}Od"), [.up, .left], "rxvt Ctrl")
    }

    func testHomeEndInEveryForm() {
        XCTAssertEqual(keys("\u{1B}[H", "\u{1B}[F", "\u{1B}OH", "\u{1B}OF"), [.home, .end, .home, .end])
        XCTAssertEqual(keys("\u{1B}[1~", "\u{1B}[4~", "\u{1B}[7~", "\u{1B}[8~"), [.home, .end, .home, .end])
        XCTAssertEqual(keys("\u{1B}[7^", "\u{1B}[8$", "\u{1B}[7@", "\u{1B}[1;5H"), [.home, .end, .home, .home])
    }

    func testEditingKeysAndTheKeypad() {
        XCTAssertEqual(keys("\u{1B}[2~", "\u{1B}[3~", "\u{1B}[5~", "\u{1B}[6~"), [.insert, .delete, .pageUp, .pageDown])
        XCTAssertEqual(keys("\u{1B}[3;5~", "\u{1B}[Z", "\u{1B}OM"), [.delete, .backTab, .enter])
        XCTAssertEqual(keys("\u{1B}Op", "\u{1B}Oy", "\u{1B}Ok", "\u{1B}OX"), [.character("0"), .character("9"), .character("+"), .character("=")])
    }

    func testFunctionKeysOfEveryFamily() {
        let xterm = ["\u{1B}OP", "\u{1B}OQ", "\u{1B}OR", "\u{1B}OS", "\u{1B}[15~", "\u{1B}[17~",
                     "\u{1B}[18~", "\u{1B}[19~", "\u{1B}[20~", "\u{1B}[21~", "\u{1B}[23~", "\u{1B}[24~"]
        let vt220 = ["\u{1B}[11~", "\u{1B}[12~", "\u{1B}[13~", "\u{1B}[14~"]
        let linux = ["\u{1B}[[A", "\u{1B}[[B", "\u{1B}[[C", "\u{1B}[[D", "\u{1B}[[E"]
        for (family, sequences, first) in [("xterm", xterm, 1), ("VT220", vt220, 1), ("Linux console", linux, 1)] {
            XCTAssertEqual(sequences.map { TerminalKeySequences.meaning(of: $0) },
                           (first..<(first + sequences.count)).map { .key(.function($0)) }, family)
        }
        XCTAssertEqual(keys("\u{1B}[1;2P", "\u{1B}[1;5S", "\u{1B}[15;2~", "\u{1B}O2P"),
                       [.function(1), .function(4), .function(5), .function(1)])
        XCTAssertEqual(keys("\u{1B}[25~", "\u{1B}[34~", "\u{1B}[23$", "\u{1B}[11^"),
                       [.function(13), .function(20), .function(11), .function(1)])
    }

    func testPasteMarkersMouseAndCSIu() {
        XCTAssertEqual(TerminalKeySequences.meaning(of: "\u{1B}[200~"), .pasteStart)
        XCTAssertEqual(TerminalKeySequences.meaning(of: "\u{1B}[201~"), .pasteEnd)
        XCTAssertEqual(TerminalKeySequences.meaning(of: "\u{1B}[<"), .mouseReport)
        XCTAssertEqual(keys("\u{1B}[13u", "\u{1B}[9u", "\u{1B}[27u", "\u{1B}[127u"), [.enter, .tab, .escape, .backspace])
    }

    func testUnknownSequencesAreNotInTheTable() {
        XCTAssertNil(TerminalKeySequences.meaning(of: "\u{1B}[99~"))
        XCTAssertNil(TerminalKeySequences.meaning(of: "\u{1B}[I"), "a focus report is no key")
    }

    /// curses waits for the rest of a sequence that is the start of another: no sequence may be
    /// the start of a longer one, or that key would lag by the Esc delay.
    func testNoSequenceIsTheStartOfAnotherAndEachAppearsOnce() {
        let sequences = TerminalKeySequences.all.map(\.sequence)
        XCTAssertEqual(Set(sequences).count, sequences.count)
        let sorted = sequences.sorted()
        for (shorter, longer) in zip(sorted, sorted.dropFirst()) {
            XCTAssertFalse(longer.hasPrefix(shorter), "\(shorter.debugDescription) starts \(longer.debugDescription)")
        }
        XCTAssertGreaterThan(sequences.count, 300)
    }
}
