/// The escape sequences of the common terminals, as data: what each one means to Refuge.
///
/// The terminal backend hands this table to curses (`define_key`), so curses does the byte
/// matching and the Esc timing, and a key means the same under every `TERM`, even where the
/// terminfo entry lacks it (tmux with TERM=screen has no Ctrl-arrows, rxvt's Home differs).
///
/// Covered: xterm and its descendants (VTE, kitty, iTerm2, Windows Terminal), rxvt, the Linux
/// console, screen and tmux, in normal and application cursor mode. Modifiers (`ESC[1;5A` for
/// Ctrl-Up) are accepted and ignored: the program gives no meaning to modified keys.
public enum TerminalKeySequences {
    /// What a sequence stands for.
    public enum Meaning: Hashable, Sendable {
        case key(KeyEvent)
        /// `ESC [ 200 ~`: a bracketed paste starts; its text follows as typed characters.
        case pasteStart
        /// `ESC [ 201 ~`: the paste ends.
        case pasteEnd
        /// `ESC [ <`: xterm's SGR mouse report; `button ; column ; row` and `M` or `m` follow.
        case mouseReport
    }

    public struct Entry: Hashable, Sendable {
        public let sequence: String
        public let meaning: Meaning
    }

    /// Every sequence, each once; the first meaning given for a sequence wins.
    public static let all: [Entry] = {
        var entries: [Entry] = []
        var seen = Set<String>()
        func add(_ body: String, _ meaning: Meaning) {
            let sequence = "\u{1B}" + body
            if seen.insert(sequence).inserted { entries.append(Entry(sequence: sequence, meaning: meaning)) }
        }
        func add(_ body: String, _ key: KeyEvent) { add(body, .key(key)) }
        add("[200~", .pasteStart)
        add("[201~", .pasteEnd)
        add("[<", .mouseReport)
        // Modifier parameters 2...8 (Shift, Alt, Ctrl and their mixes) as xterm sends them.
        let modifiers = 2...8
        // CSI with a letter: arrows, Home/End (xterm), F1-F4 (xterm with modifiers), Shift-Tab.
        let letters: [(Character, KeyEvent)] = [
            ("A", .up), ("B", .down), ("C", .right), ("D", .left), ("H", .home), ("F", .end),
            ("P", .function(1)), ("Q", .function(2)), ("R", .function(3)), ("S", .function(4)),
        ]
        for (letter, key) in letters {
            if !"PQRS".contains(letter) { add("[\(letter)", key) }
            for modifier in modifiers { add("[1;\(modifier)\(letter)", key) }
        }
        add("[Z", .backTab)
        // SS3: application cursor mode, F1-F4, the keypad in application mode; old xterm put
        // a modifier digit right after the O (`ESC O 2 P`).
        for (letter, key) in letters {
            add("O\(letter)", key)
            for modifier in modifiers { add("O\(modifier)\(letter)", key) }
        }
        add("OM", .enter)
        add("OX", .character("="))
        let keypad: [Character] = ["*", "+", ",", "-", ".", "/", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        for (offset, character) in keypad.enumerated() {
            add("O" + String(Character(Unicode.Scalar(UInt8(ascii: "j") + UInt8(offset)))), .character(character))
        }
        // rxvt: Shift-arrows as `ESC [ a`, Ctrl-arrows as `ESC O a`.
        for (letter, key) in [("a", KeyEvent.up), ("b", .down), ("c", .right), ("d", .left)] {
            add("[\(letter)", key)
            add("O\(letter)", key)
        }
        // `ESC [ n ~` (VT220, xterm, screen, tmux, the Linux console), with xterm's modifiers,
        // and rxvt's `^`, `$`, `@` endings for Ctrl, Shift and both.
        for (number, key) in numberedKeys {
            add("[\(number)~", key)
            for modifier in modifiers { add("[\(number);\(modifier)~", key) }
            for ending in ["^", "$", "@"] { add("[\(number)\(ending)", key) }
        }
        // The Linux console's F1-F5.
        for (offset, letter) in ["A", "B", "C", "D", "E"].enumerated() {
            add("[[\(letter)", .function(offset + 1))
        }
        // "CSI u" for the keys that have a traditional code of their own, as kitty and tmux's
        // extended keys send them when asked (Refuge does not ask, but a terminal may insist).
        for (code, key) in [(9, KeyEvent.tab), (13, .enter), (27, .escape), (127, .backspace)] {
            add("[\(code)u", key)
        }
        return entries
    }()

    /// The VT220 numbers: `ESC [ n ~`.
    static let numberedKeys: [(Int, KeyEvent)] = {
        var keys: [(Int, KeyEvent)] = [
            (1, .home), (2, .insert), (3, .delete), (4, .end), (5, .pageUp), (6, .pageDown), (7, .home), (8, .end),
        ]
        keys += (11...15).map { ($0, .function($0 - 10)) }
        keys += (17...21).map { ($0, .function($0 - 11)) }
        keys += (23...26).map { ($0, .function($0 - 12)) }
        keys += [28, 29].map { ($0, .function($0 - 13)) }
        keys += (31...34).map { ($0, .function($0 - 14)) }
        return keys
    }()

    /// What a whole sequence means, if it is in the table (for tests and tools).
    public static func meaning(of sequence: String) -> Meaning? {
        index[sequence]
    }

    private static let index: [String: Meaning] = Dictionary(all.map { ($0.sequence, $0.meaning) }, uniquingKeysWith: { first, _ in first })
}
