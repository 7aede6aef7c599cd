/// Inline Markdown: `**strong**` (bold), `*emphasis*` (underlined: terminals have no reliable
/// italics) and backslash escapes. A delimiter without a partner, or one that sits against a
/// space on the wrong side (`5 * 3`), stays a literal asterisk, so ordinary text is never eaten.
enum MarkdownInlineParser {
    static func parse(_ text: String, style: Style) -> [(Character, Style)] {
        let characters = Array(text)
        var output: [(Character, Style)] = []
        parse(characters, 0..<characters.count, style, into: &output)
        return output
    }

    private static func parse(
        _ characters: [Character],
        _ range: Range<Int>,
        _ style: Style,
        into output: inout [(Character, Style)]
    ) {
        var index = range.lowerBound
        while index < range.upperBound {
            let character = characters[index]
            if character == "\\", index + 1 < range.upperBound, isEscapable(characters[index + 1]) {
                output.append((characters[index + 1], style))
                index += 2
                continue
            }
            if character == "*" {
                let run = runLength(characters, index, range.upperBound)
                let size = run >= 2 ? 2 : 1
                if canOpen(characters, index + size, range.upperBound),
                   let close = closingDelimiter(characters, size, from: index + size, before: range.upperBound) {
                    var inner = style
                    if size == 2 {
                        inner.bold = true
                    } else {
                        inner.underline = true
                    }
                    parse(characters, (index + size)..<close, inner, into: &output)
                    index = close + size
                    continue
                }
                // Not a delimiter: the whole run of asterisks is text.
                for _ in 0..<run {
                    output.append(("*", style))
                }
                index += run
                continue
            }
            output.append((character, style))
            index += 1
        }
    }

    /// An opening delimiter must be followed by something other than a space.
    private static func canOpen(_ characters: [Character], _ next: Int, _ end: Int) -> Bool {
        next < end && !characters[next].isWhitespace
    }

    /// Finds the partner of a `size`-asterisk opener: a run of exactly `size` asterisks not
    /// preceded by a space. Bold runs inside emphasis (and the reverse) are stepped over.
    private static func closingDelimiter(_ characters: [Character], _ size: Int, from start: Int, before end: Int) -> Int? {
        var index = start
        while index < end {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if character == "*" {
                let run = runLength(characters, index, end)
                if run >= size, index > start, !characters[index - 1].isWhitespace {
                    if run == size || size == 2 {
                        return index
                    }
                }
                if run != size, canOpen(characters, index + run, end),
                   let nested = closingDelimiter(characters, run >= 2 ? 2 : 1, from: index + min(run, 2), before: end) {
                    index = nested + min(run, 2)
                    continue
                }
                index += run
                continue
            }
            index += 1
        }
        return nil
    }

    private static func runLength(_ characters: [Character], _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end, characters[index] == "*" {
            index += 1
        }
        return index - start
    }

    private static func isEscapable(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (0x21...0x2F).contains(ascii) || (0x3A...0x40).contains(ascii)
            || (0x5B...0x60).contains(ascii) || (0x7B...0x7E).contains(ascii)
    }
}
