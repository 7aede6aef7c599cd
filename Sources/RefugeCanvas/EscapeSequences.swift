import RefugeText

/// What the escape sequences of the common terminals mean.
///
/// Covered: xterm and its descendants (VTE, kitty, iTerm2, Windows Terminal), rxvt, the Linux
/// console, screen and tmux, each in normal and application cursor mode. Modifiers (`ESC[1;5A`
/// for Ctrl-Up) are accepted and ignored: the program gives no meaning to modified keys.
enum EscapeSequences {
    /// `ESC [ <parameters> <final>`.
    /// xterm's SGR mouse report, `ESC [ < button ; column ; row M` (press) or `m` (release):
    /// a press of the main button is a click, the wheel moves as ↑ and ↓, the rest is ignored.
    static func mouse(_ parameters: Substring, final: UInt8) -> KeyEvent? {
        let numbers = parameters.split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 3, final == UInt8(ascii: "M") else { return nil }
        switch numbers[0] {
        case 0: return .click(row: numbers[2] - 1, column: numbers[1] - 1)
        case 64: return .up
        case 65: return .down
        default: return nil
        }
    }

    static func controlSequence(parameters: String, final: UInt8) -> KeyEvent? {
        if parameters.first == "<" { return mouse(parameters.dropFirst(), final: final) }
        // Replies to queries (`ESC [ ? ... c`) and other private sequences are not keys.
        if let lead = parameters.first, "<=>?".contains(lead) { return nil }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 }
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        // rxvt's Shift+arrows; they carry no parameters.
        case UInt8(ascii: "a") where parameters.isEmpty: return .up
        case UInt8(ascii: "b") where parameters.isEmpty: return .down
        case UInt8(ascii: "c") where parameters.isEmpty: return .right
        case UInt8(ascii: "d") where parameters.isEmpty: return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        case UInt8(ascii: "~"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "@"):
            return first.flatMap(numberedKey)
        case UInt8(ascii: "u"):
            let modifiers = numbers.count > 1 ? numbers[1] ?? 1 : 1
            return first.flatMap { unicodeKey(code: $0, modifiers: modifiers) }
        default:
            return nil
        }
    }

    /// `ESC [ <n> ~` (and rxvt's `^`, `$`, `@` endings for Ctrl, Shift and both).
    static func numberedKey(_ number: Int) -> KeyEvent? {
        switch number {
        case 1, 7: return .home
        case 2: return .insert
        case 3: return .delete
        case 4, 8: return .end
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(number - 10)
        case 17...21: return .function(number - 11)
        case 23...26: return .function(number - 12)
        case 28, 29: return .function(number - 13)
        case 31...34: return .function(number - 14)
        default: return nil
        }
    }

    /// `ESC O <final>`: application cursor keys, F1-F4, and the keypad in application mode.
    static func singleShift(final: UInt8) -> KeyEvent? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "X"): return .character("=")
        case UInt8(ascii: "j")...UInt8(ascii: "y"):
            let keypad: [Character] = ["*", "+", ",", "-", ".", "/", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
            return .character(keypad[Int(final - UInt8(ascii: "j"))])
        default:
            return nil
        }
    }

    /// The Linux console's `ESC [ [ A` ... `ESC [ [ E` for F1-F5.
    static func linuxConsoleFunctionKey(final: UInt8) -> KeyEvent? {
        guard final >= UInt8(ascii: "A"), final <= UInt8(ascii: "E") else { return nil }
        return .function(Int(final - UInt8(ascii: "A")) + 1)
    }

    /// `ESC [ <code> ; <modifiers> u` (the "CSI u" form some terminals and tmux's extended
    /// keys use for keys that have no traditional code).
    static func unicodeKey(code: Int, modifiers: Int) -> KeyEvent? {
        let ctrl = (max(1, modifiers) - 1) & 4 != 0
        switch code {
        case 9: return .tab
        case 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        default:
            guard let scalar = Unicode.Scalar(code), DisplayWidth.width(of: scalar) > 0 || code == 0x20 else {
                return nil
            }
            let character = Character(scalar)
            if ctrl, let ascii = character.asciiValue, ascii >= 0x40, ascii < 0x7F {
                return KeyDecoder.controlKey(ascii & 0x1F)
            }
            return .character(character)
        }
    }
}
