/// Renders the Markdown subset of questionnaire texts (paragraphs, `#` headings, `- ` bullets,
/// `**bold**`, `*emphasis*`) to styled lines of at most `width` cells.
///
/// Blocks are separated by an empty line where the source had one. A bullet item that wraps
/// continues under its first word (hanging indent), so the bullet stays visible on its own.
public struct MarkdownRenderer: Sendable {
    /// Drawn before each list item; its width is the hanging indent of wrapped item lines.
    public var bullet: String
    /// Extra cells of indentation per nesting level of a list.
    public var nestingIndent: Int

    public init(bullet: String = "• ", nestingIndent: Int = 2) {
        self.bullet = bullet
        self.nestingIndent = nestingIndent
    }

    /// Renders with the default settings.
    public static func render(_ markdown: String, width: Int, style: Style = .plain) -> [[StyledRun]] {
        MarkdownRenderer().render(markdown, width: width, style: style)
    }

    /// Styled lines for `markdown` laid out in `width` cells, every run based on `style`.
    public func render(_ markdown: String, width: Int, style: Style = .plain) -> [[StyledRun]] {
        var lines: [[StyledRun]] = []
        for (number, block) in MarkdownBlockParser.parse(markdown).enumerated() {
            if number > 0, block.followsBlankLine {
                lines.append([])
            }
            switch block.kind {
            case .paragraph:
                lines += layOut(block.text, style: style, width: width, firstPrefix: "", restPrefix: "")
            case .heading:
                lines += layOut(block.text, style: style.bolded, width: width, firstPrefix: "", restPrefix: "")
            case .bullet(let level):
                let indent = String(repeating: " ", count: level * nestingIndent)
                let hanging = String(repeating: " ", count: bullet.displayWidth)
                lines += layOut(
                    block.text,
                    style: style,
                    width: width,
                    firstPrefix: indent + bullet,
                    restPrefix: indent + hanging
                )
            }
        }
        return lines
    }

    private func layOut(
        _ text: String,
        style: Style,
        width: Int,
        firstPrefix: String,
        restPrefix: String
    ) -> [[StyledRun]] {
        let styled = MarkdownInlineParser.parse(text, style: style)
        let characters = styled.map(\.0)
        let available = max(1, width - firstPrefix.displayWidth)
        return LineBreaker.breakLines(characters, width: available).enumerated().map { number, line in
            let prefix = number == 0 ? firstPrefix : restPrefix
            var runs: [StyledRun] = prefix.isEmpty ? [] : [StyledRun(prefix, style: style)]
            runs += [StyledRun](styledCharacters: styled[line.contentRange])
            return runs
        }
    }
}
