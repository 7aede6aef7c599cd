/// One visual line found by `LineBreaker`, as indices into the character array it was given.
public struct BrokenLine: Hashable, Sendable {
    /// The characters of the line, including the spaces at which it was broken (they hang past
    /// the right edge and are not drawn) and excluding the newline that ended it, if any.
    public var range: Range<Int>
    /// Where the line's visible text ends: `range.upperBound` less the trailing break spaces.
    public var contentEnd: Int
    /// Whether a newline character follows the line (at index `range.upperBound`), as opposed
    /// to a soft break made only because the width ran out (or the end of the text).
    public var endsWithNewline: Bool

    public init(range: Range<Int>, contentEnd: Int, endsWithNewline: Bool) {
        self.range = range
        self.contentEnd = contentEnd
        self.endsWithNewline = endsWithNewline
    }

    /// The visible part: from the start of the line to `contentEnd`.
    public var contentRange: Range<Int> { range.lowerBound..<contentEnd }
}

/// Greedy word wrapping by display width: the one line wrapper of Refuge, used by the screen
/// (`wrap(_:width:)`, the Markdown renderer, the text editor) and by the printed report
/// (`wrap(_:width:first:rest:)`), so all of them break the same text at the same places.
///
/// Rules: lines break at spaces; a word that does not fit goes to the next line; only a word
/// wider than a whole line is cut, at grapheme boundaries, and a wide character is never split.
/// Newlines always end a line, so paragraphs and blank lines are kept.
public enum LineBreaker {
    /// Characters at which a line may break; they are kept at the end of the line they follow.
    public static func isBreakingSpace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\u{3000}"
    }

    /// Breaks `characters` into lines at most `width` cells wide (not counting the hanging break
    /// spaces); the very first line may have its own width (`firstLineWidth`, e.g. when it has a
    /// longer label in front of it than the others). A width below one is treated as one. Always
    /// returns at least one line.
    public static func breakLines(_ characters: [Character], width: Int, firstLineWidth: Int? = nil) -> [BrokenLine] {
        let limits = Limits(first: max(1, firstLineWidth ?? width), rest: max(1, width))
        let widths = characters.map { $0.displayWidth }
        var lines: [BrokenLine] = []
        var paragraphStart = 0
        var index = 0
        while index <= characters.count {
            if index == characters.count || characters[index].isNewline {
                let endsWithNewline = index < characters.count
                breakParagraph(characters, widths, paragraphStart..<index, limits, endsWithNewline, into: &lines)
                paragraphStart = index + 1
            }
            index += 1
        }
        return lines
    }

    private static func breakParagraph(
        _ characters: [Character],
        _ widths: [Int],
        _ paragraph: Range<Int>,
        _ limits: Limits,
        _ endsWithNewline: Bool,
        into lines: inout [BrokenLine]
    ) {
        var lineStart = paragraph.lowerBound
        var column = 0
        var lineHasWord = false
        var index = paragraph.lowerBound
        var limit = limits.width(ofLine: lines.count)

        func endLine(at end: Int) {
            lines.append(BrokenLine(
                range: lineStart..<end,
                contentEnd: contentEnd(characters, lineStart, end),
                endsWithNewline: false
            ))
            lineStart = end
            column = 0
            lineHasWord = false
            limit = limits.width(ofLine: lines.count)
        }

        while index < paragraph.upperBound {
            if isBreakingSpace(characters[index]) {
                column += widths[index]
                index += 1
                continue
            }
            var wordEnd = index
            var wordWidth = 0
            while wordEnd < paragraph.upperBound, !isBreakingSpace(characters[wordEnd]) {
                wordWidth += widths[wordEnd]
                wordEnd += 1
            }
            if column + wordWidth <= limit {
                column += wordWidth
                lineHasWord = true
                index = wordEnd
                continue
            }
            if lineHasWord {
                endLine(at: index)
            }
            if column + wordWidth <= limit {
                column += wordWidth
                lineHasWord = true
                index = wordEnd
                continue
            }
            // A word wider than the line: cut it between grapheme clusters.
            while index < wordEnd {
                if column + widths[index] > limit, column > 0 {
                    endLine(at: index)
                }
                column += widths[index]
                lineHasWord = true
                index += 1
            }
        }
        lines.append(BrokenLine(
            range: lineStart..<paragraph.upperBound,
            contentEnd: contentEnd(characters, lineStart, paragraph.upperBound),
            endsWithNewline: endsWithNewline
        ))
    }

    /// The widths lines may take: the first line of the text, then every other.
    private struct Limits {
        var first: Int
        var rest: Int

        func width(ofLine number: Int) -> Int { number == 0 ? first : rest }
    }

    /// The end of a line without its trailing break spaces; a line of nothing but spaces
    /// (indentation on an otherwise empty line) keeps them.
    private static func contentEnd(_ characters: [Character], _ start: Int, _ end: Int) -> Int {
        var last = end
        while last > start, isBreakingSpace(characters[last - 1]) {
            last -= 1
        }
        return last == start ? end : last
    }
}

extension LineBreaker {
    /// Wraps text to lines of at most `width` cells, prefixes included: the first line starts
    /// with `first`, every later one with `rest` (a hanging indent, a list number, a date
    /// column). Explicit newlines are kept as line ends, so an empty line between paragraphs
    /// stays an empty line; an empty line is its prefix without trailing spaces, so a printed
    /// page has no trailing blanks. A prefix as wide as the line leaves one cell for text.
    public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        let characters = Array(text)
        let lines = breakLines(
            characters,
            width: width - rest.displayWidth,
            firstLineWidth: width - first.displayWidth
        )
        return lines.enumerated().map { number, line in
            let prefix = number == 0 ? first : rest
            let content = String(characters: characters[line.contentRange])
            return content.isEmpty ? withoutTrailingSpaces(prefix) : prefix + content
        }
    }

    private static func withoutTrailingSpaces(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.last == " " {
            trimmed.removeLast()
        }
        return String(trimmed)
    }
}

/// Wraps text to lines of at most `width` cells (see `LineBreaker` for the rules). Explicit
/// newlines are kept as line ends, so an empty line between paragraphs stays an empty line.
public func wrap(_ text: String, width: Int) -> [String] {
    LineBreaker.wrap(text, width: width)
}
