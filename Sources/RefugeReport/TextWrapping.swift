import RefugeText
/// Wraps text to a width in display cells, at spaces, never inside a word unless the word
/// alone is wider than the line (then between characters, never inside one).
public enum TextWrapping {
    /// Each line of `text` (newlines kept as line breaks, empty lines kept) wrapped to
    /// `width` cells, the first line prefixed by `first` and the others by `rest`.
    public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var prefix = first
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let available = max(1, width - DisplayWidth.of(prefix))
            let wrapped = wrapLine(String(paragraph), width: available)
            for line in wrapped {
                lines.append(line.isEmpty ? trimmedRight(prefix) : prefix + line)
                prefix = rest
            }
        }
        return lines
    }

    /// Greedy filling of one line of text.
    static func wrapLine(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let wordWidth = DisplayWidth.of(word)
            if currentWidth > 0 && currentWidth + 1 + wordWidth <= width {
                current += " " + word
                currentWidth += 1 + wordWidth
                continue
            }
            if currentWidth > 0 {
                lines.append(current)
                current = ""; currentWidth = 0
            }
            if wordWidth <= width {
                current = word; currentWidth = wordWidth
                continue
            }
            // A word wider than the line: cut between characters.
            for character in word {
                let w = DisplayWidth.of(character)
                if currentWidth + w > width && currentWidth > 0 {
                    lines.append(current)
                    current = ""; currentWidth = 0
                }
                current.append(character); currentWidth += w
            }
        }
        lines.append(current)
        return lines
    }

    static func trimmedRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    /// `text` followed by spaces up to `width` cells.
    public static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }
}
