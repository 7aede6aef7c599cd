extension StringProtocol {
    /// The text cut to at most `width` cells, ending with `ellipsis` when something was cut
    /// (for titles and list entries that must stay on one line). Never cuts a grapheme cluster.
    public func truncated(toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return String(self) }
        let room = width - ellipsis.displayWidth
        guard room >= 0 else { return String(ellipsis.prefix(width)) }
        var result = ""
        var used = 0
        for character in self {
            let characterWidth = character.displayWidth
            if used + characterWidth > room { break }
            result.append(character)
            used += characterWidth
        }
        return result + ellipsis
    }
}

extension CellGrid {
    /// Writes one line centred in a rectangle's row `line` (cut with an ellipsis if too wide),
    /// e.g. the "please enlarge the window" message.
    @discardableResult
    public mutating func putCentered(_ text: String, in rect: Rect, line: Int, style: Style = .plain) -> Int {
        let fitted = text.truncated(toWidth: rect.width)
        let indent = max(0, (rect.width - fitted.displayWidth) / 2)
        return put(fitted, in: rect, line: line, indent: indent, style: style)
    }
}
