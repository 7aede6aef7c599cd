import RefugeText

/// Every string that came from a file or a person (ids, labels, titles, paths, messages that
/// quote them) goes through here before a command prints it, as the full-screen and plain modes
/// already do: an escape sequence in a questionnaire's label (clear the screen, OSC 52 to write
/// the clipboard) must never reach the terminal.
enum TerminalSafe {
    /// Terminal escape sequences and control characters removed; newlines kept.
    static func text(_ text: String) -> String { TerminalText.sanitized(text) }

    /// `text`, on one line (a table cell, a tab-separated field): newlines become spaces, and
    /// bidirectional controls that could reorder the rest of the printed line are removed.
    static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in TerminalText.sanitized(text).unicodeScalars {
            switch scalar.value {
            case 0x0A: out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
