/// Text that is safe to send to a terminal or a printer: typed answers may hold anything,
/// including escape sequences that would move a cursor or change a terminal's state.
public enum TerminalText {
    /// Removes terminal escape sequences (CSI, OSC, DCS and two-character ones) and every
    /// control character but the newline; a tab becomes a space and CR LF a newline. Nothing
    /// left can move a terminal's cursor or change its state.
    public static func sanitized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x0A:
                out.append(scalars[i]); i += 1
            case 0x09:
                out.append(" "); i += 1
            case 0x0D:
                if i + 1 < scalars.count, scalars[i + 1].value == 0x0A { i += 1 } else { out.append("\n"); i += 1 }
            case 0x1B:
                i = skipEscape(scalars, from: i)
            case 0x9B:      // C1 CSI
                i = skipControlSequence(scalars, from: i + 1)
            case 0x90, 0x9D, 0x9E, 0x9F, 0x98:  // C1 DCS, OSC, PM, APC, SOS: a string until its terminator
                i = skipString(scalars, from: i + 1)
            case 0x00..<0x20, 0x7F..<0xA0:
                i += 1
            default:
                out.append(scalars[i]); i += 1
            }
        }
        return String(out)
    }

    /// Skips an escape sequence starting at ESC, returning the index after it.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        let next = start + 1
        guard next < s.count else { return next }
        switch s[next] {
        case "[": return skipControlSequence(s, from: next + 1)
        case "]", "P", "X", "^", "_": return skipString(s, from: next + 1)
        default:
            // ESC, intermediate bytes (0x20-0x2F), then one final byte.
            var i = next
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            return min(i + 1, s.count)
        }
    }

    /// Parameters and intermediates, then one final byte (0x40-0x7E).
    private static func skipControlSequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, (0x20...0x3F).contains(s[i].value) { i += 1 }
        return min(i + 1, s.count)
    }

    /// A string ended by BEL, ST (ESC \) or C1 ST.
    private static func skipString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            if v == 0x07 || v == 0x9C { return i + 1 }
            if v == 0x1B { return i + 1 < s.count && s[i + 1] == "\\" ? i + 2 : i + 1 }
            i += 1
        }
        return i
    }
}
