import RefugeText

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
