import CNcursesw
import RefugeCanvas

/// The key codes curses returns, and what they mean to Refuge.
///
/// curses matches escape sequences itself (keypad mode): those of the terminfo entry, and every
/// sequence of `TerminalKeySequences`, which `defineOnce()` adds under codes of Refuge's own so a
/// key means the same whatever `TERM` says.
struct CursesKeys {
    /// Codes for Refuge's own sequences start here, far above curses' codes (KEY_MAX is 0777)
    /// and the extended ones it numbers from there for terminfo's user-defined capabilities.
    private static let firstOwnCode: Int32 = 0x4000

    private var meanings: [Int32: TerminalKeySequences.Meaning] = [:]
    /// Whether the bindings are made and the terminfo entry's names learnt (`defineOnce`).
    private var defined = false

    /// Binds every sequence of `TerminalKeySequences` in the current screen and learns the codes
    /// of the terminfo entry, the first time it is called on a new `CursesKeys` (one per start of
    /// the screen): the terminal calls it before it reads the first key, so after the first frame
    /// is drawn. Binding the 400 sequences takes curses about 0.2 ms, and asking it for the names
    /// of a thousand codes (`keyname` searches every bound sequence for each) over a millisecond:
    /// together most of curses' set-up, which the first frame no longer waits for.
    mutating func defineOnce() {
        guard !defined else { return }
        defined = true
        meanings = Self.standardMeanings()
        for (offset, entry) in TerminalKeySequences.all.enumerated() {
            let code = Self.firstOwnCode + Int32(offset)
            if define_key(entry.sequence, code) == OK {
                meanings[code] = entry.meaning
            }
        }
        learnExtendedNames()
    }

    /// What curses' code means; nil for codes Refuge gives no meaning (KEY_RESIZE: resizes come
    /// from SIGWINCH through the signal relay).
    func meaning(of code: Int32) -> TerminalKeySequences.Meaning? {
        meanings[code]
    }

    /// The terminfo keys every curses knows by number.
    private static func standardMeanings() -> [Int32: TerminalKeySequences.Meaning] {
        var meanings: [Int32: TerminalKeySequences.Meaning] = [
            KEY_UP: .key(.up), KEY_DOWN: .key(.down), KEY_LEFT: .key(.left), KEY_RIGHT: .key(.right),
            KEY_HOME: .key(.home), KEY_END: .key(.end), KEY_PPAGE: .key(.pageUp), KEY_NPAGE: .key(.pageDown),
            KEY_IC: .key(.insert), KEY_DC: .key(.delete), KEY_BACKSPACE: .key(.backspace),
            KEY_ENTER: .key(.enter), KEY_BTAB: .key(.backTab),
            // The keypad's corners and centre (when it is not in numeric mode).
            KEY_A1: .key(.home), KEY_A3: .key(.pageUp), KEY_C1: .key(.end), KEY_C3: .key(.pageDown),
            // Shifted keys: modifiers mean nothing in Refuge.
            KEY_SLEFT: .key(.left), KEY_SRIGHT: .key(.right), KEY_SR: .key(.up), KEY_SF: .key(.down),
            KEY_SHOME: .key(.home), KEY_SEND: .key(.end), KEY_SDC: .key(.delete), KEY_SIC: .key(.insert),
            KEY_SPREVIOUS: .key(.pageUp), KEY_SNEXT: .key(.pageDown),
        ]
        for number in 1...20 {
            meanings[KEY_F0 + Int32(number)] = .key(.function(number))
        }
        // Shift-F1...F12 are F13...F24 in terminfo; the program treats them as their base keys
        // beyond F20, as `KeyEvent.function` documents.
        return meanings
    }

    /// Modified keys from terminfo's extended names (kUP5 is Ctrl-Up, kDC3 Alt-Delete...), for
    /// terminals whose strings differ from those Refuge binds itself. Each name Refuge could use
    /// is asked for directly (its string with `tigetstr`, then the code curses bound to that
    /// string with `key_defined`): 80 questions in all. Asking `keyname` for the name of each of a
    /// thousand codes instead cost several milliseconds before the first key could be read
    /// (`keyname` searches every bound sequence for each code).
    private mutating func learnExtendedNames() {
        let bases: [(String, KeyEvent)] = [
            ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home), ("kEND", .end),
            ("kPRV", .pageUp), ("kNXT", .pageDown), ("kDC", .delete), ("kIC", .insert),
        ]
        // The name alone (some entries give the shifted key so), then xterm's modifier numbers:
        // 2 Shift, 3 Alt, 4 Shift-Alt, 5 Ctrl ... 8 Ctrl-Alt-Shift.
        let suffixes = [""] + (2...8).map(String.init)
        for (base, key) in bases {
            for suffix in suffixes {
                guard let code = Self.codeOfCapability(base + suffix),
                      meanings[code] == nil else { continue }
                meanings[code] = .key(key)
            }
        }
    }

    /// The code curses returns for the string of terminfo capability `name`, or nil when the
    /// entry has no such string or curses bound no key to it.
    private static func codeOfCapability(_ name: String) -> Int32? {
        guard let string = tigetstr(name),
              Int(bitPattern: string) != -1,   // (char *)-1: the name is not a string capability
              string.pointee != 0 else { return nil }
        let code = key_defined(string)
        return code > 0 ? code : nil
    }
}
