/// A piece of text drawn in one style; a line of styled text is `[StyledRun]`.
public struct StyledRun: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

extension Array where Element == StyledRun {
    /// The line's text without styles.
    public var plainText: String { map(\.text).joined() }

    /// Cells the line occupies.
    public var displayWidth: Int { reduce(0) { $0 + $1.text.displayWidth } }

    /// Builds runs from characters with their styles, joining neighbours of the same style.
    init<C: Collection>(styledCharacters: C) where C.Element == (Character, Style) {
        self.init()
        for (character, style) in styledCharacters {
            if let last = self.last, last.style == style {
                self[count - 1].text.append(character)
            } else {
                append(StyledRun(String(character), style: style))
            }
        }
    }
}
