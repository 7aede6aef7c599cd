/// A block of the small Markdown subset that questionnaire texts may use.
struct MarkdownBlock: Equatable {
    enum Kind: Equatable {
        case paragraph
        case heading
        /// A list item nested `level` deep (0 for a top-level item).
        case bullet(level: Int)
    }

    var kind: Kind
    /// The inline source of the block; soft line breaks are already spaces, hard breaks "\n".
    var text: String
    /// Whether an empty line separated this block from the one before it in the source.
    var followsBlankLine: Bool
}

/// Splits Markdown source into paragraphs, headings and bullet items.
///
/// Lines of a paragraph are joined with spaces (a soft break), as CommonMark does, unless the
/// line ends with two spaces or a backslash (a hard break). A line starting with `- `, `* ` or
/// `+ ` (after up to a few spaces of indentation) starts a bullet item; the following lines that
/// are neither blank nor another item continue it.
enum MarkdownBlockParser {
    static func parse(_ source: String) -> [MarkdownBlock] {
        // "\r\n" is a single Character in Swift, so this splits on every kind of line end.
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
        var blocks: [MarkdownBlock] = []
        var current: MarkdownBlock?
        var sawBlankLine = false

        func finish() {
            if let block = current {
                blocks.append(block)
            }
            current = nil
        }

        for rawLine in lines {
            let line = String(rawLine)
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                finish()
                sawBlankLine = !blocks.isEmpty
                continue
            }
            let indent = line.prefix { $0 == " " }.count
            let body = line.drop { $0 == " " }
            if let heading = headingText(body), indent < 4 {
                finish()
                blocks.append(MarkdownBlock(kind: .heading, text: heading, followsBlankLine: sawBlankLine))
                sawBlankLine = false
            } else if let item = bulletText(body) {
                finish()
                current = MarkdownBlock(kind: .bullet(level: indent / 2), text: item, followsBlankLine: sawBlankLine)
                sawBlankLine = false
            } else if var block = current {
                block.text = joinLine(block.text, String(body))
                current = block
            } else {
                current = MarkdownBlock(kind: .paragraph, text: String(body), followsBlankLine: sawBlankLine)
                sawBlankLine = false
            }
        }
        finish()
        return blocks.map { block in
            var trimmed = block
            trimmed.text = stripTrailingBreak(block.text)
            return trimmed
        }
    }

    /// `- text`, `* text` or `+ text` → "text".
    private static func bulletText(_ body: Substring) -> String? {
        guard let marker = body.first, marker == "-" || marker == "*" || marker == "+" else { return nil }
        let rest = body.dropFirst()
        guard rest.first == " " else { return nil }
        return String(rest.drop { $0 == " " })
    }

    /// `# Title` ... `###### Title` → "Title".
    private static func headingText(_ body: Substring) -> String? {
        let hashes = body.prefix { $0 == "#" }.count
        guard hashes >= 1, hashes <= 6 else { return nil }
        let rest = body.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        return String(rest.drop { $0 == " " })
    }

    /// Appends a source line to a block: a hard break ("  " or "\" at the end of the previous
    /// line) becomes a newline, anything else a single space.
    private static func joinLine(_ text: String, _ line: String) -> String {
        if text.hasSuffix("  ") {
            return String(text.dropLast(2).reversed().drop { $0 == " " }.reversed()) + "\n" + line
        }
        if text.hasSuffix("\\") {
            return String(text.dropLast()) + "\n" + line
        }
        return text + " " + line
    }

    /// The last line of a block has nothing to break before: drop its trailing spaces.
    private static func stripTrailingBreak(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " {
            result.removeLast()
        }
        return String(result)
    }
}
