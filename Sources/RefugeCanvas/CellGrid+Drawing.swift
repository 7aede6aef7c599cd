import RefugeText

extension CellGrid {
    /// Fills a rectangle (clipped to the grid) with one character, blank by default.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        let characterWidth = max(1, character.displayWidth)
        let text = String(character)
        for row in area.row..<area.bottom {
            var column = area.column
            while column < area.right {
                if column + characterWidth > area.right {
                    place(" ", width: 1, style: style, row: row, column: column)
                } else {
                    place(text, width: characterWidth, style: style, row: row, column: column)
                }
                column += characterWidth
            }
        }
    }

    /// Blanks the whole grid in a style and hides the cursor.
    public mutating func clear(style: Style = .plain) {
        fill(bounds, style: style)
        cursor = nil
    }

    /// A horizontal line of `length` cells starting at (row, column).
    public mutating func horizontalRule(
        row: Int,
        column: Int = 0,
        length: Int? = nil,
        style: Style = .plain,
        character: Character = "─"
    ) {
        let count = length ?? (width - column)
        fill(Rect(row: row, column: column, width: count, height: 1), with: character, style: style)
    }

    /// A vertical line of `length` cells starting at (row, column).
    public mutating func verticalRule(
        row: Int,
        column: Int,
        length: Int,
        style: Style = .plain,
        character: Character = "│"
    ) {
        fill(Rect(row: row, column: column, width: 1, height: length), with: character, style: style)
    }

    /// A frame drawn on the outermost cells of `rect`, with an optional title set into the top
    /// edge. The inside is left as it was; `rect.inset(by: 1)` is the room within.
    public mutating func box(_ rect: Rect, style: Style = .plain, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        horizontalRule(row: rect.row, column: rect.column + 1, length: rect.width - 2, style: style)
        horizontalRule(row: rect.bottom - 1, column: rect.column + 1, length: rect.width - 2, style: style)
        verticalRule(row: rect.row + 1, column: rect.column, length: rect.height - 2, style: style)
        verticalRule(row: rect.row + 1, column: rect.right - 1, length: rect.height - 2, style: style)
        put("┌", row: rect.row, column: rect.column, style: style)
        put("┐", row: rect.row, column: rect.right - 1, style: style)
        put("└", row: rect.bottom - 1, column: rect.column, style: style)
        put("┘", row: rect.bottom - 1, column: rect.right - 1, style: style)
        if let title, !title.isEmpty, rect.width >= 5 {
            put(" \(title) ", row: rect.row, column: rect.column + 1, style: titleStyle ?? style, limit: rect.right - 1)
        }
    }

    /// Writes text within `rect` on its row `line` (relative), clipped to the rectangle.
    @discardableResult
    public mutating func put(_ text: String, in rect: Rect, line: Int, indent: Int = 0, style: Style = .plain) -> Int {
        guard line >= 0, line < rect.height else { return rect.column }
        return put(text, row: rect.row + line, column: rect.column + indent, style: style, limit: rect.right)
    }

    /// Writes styled lines (for instance from `MarkdownRenderer`) into a rectangle, one per
    /// row, from its top; lines that do not fit are left out.
    ///
    /// - Returns: the number of rows written.
    @discardableResult
    public mutating func put(lines: [[StyledRun]], in rect: Rect) -> Int {
        let count = min(lines.count, rect.height)
        for index in 0..<count {
            put(lines[index], row: rect.row + index, column: rect.column, limit: rect.right)
        }
        return count
    }
}
