import Foundation

/// Text for a line-by-line reader: no escape sequences or other control characters (a typed
/// answer can never move a cursor), and Markdown marks a screen reader would read aloud removed.
enum PlainText {
    static func clean(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            switch s.value {
            case 0x1B:
                // Skip an escape sequence: ESC [ ... final byte, or ESC and one character.
                if let next = scalars.next(), next == "[" || next == "]" {
                    while let t = scalars.next() {
                        if next == "[" && (0x40...0x7E).contains(t.value) { break }
                        if next == "]" && (t.value == 0x07 || t.value == 0x9C) { break }
                    }
                }
            case 0x0A: out.unicodeScalars.append(s)
            case 0x09: out += " "
            case 0x00...0x1F, 0x7F, 0x80...0x9F: continue
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// Removes `**` and `*` emphasis marks; keeps `-` bullets.
    static func unmark(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "**", with: "")
        s = s.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = String(line)
            let isBullet = l.trimmingCharacters(in: .whitespaces).hasPrefix("* ")
            if isBullet, let r = l.range(of: "* ") { l.replaceSubrange(r, with: "- ") }
            return l.replacingOccurrences(of: "*", with: "")
        }.joined(separator: "\n")
        return s
    }

    static func lines(_ text: String) -> [String] {
        clean(unmark(text)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
