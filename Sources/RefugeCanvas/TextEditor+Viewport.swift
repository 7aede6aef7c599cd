import RefugeText

/// The part of an editor's text that fits in its field, ready to draw.
public struct TextViewport: Hashable, Sendable {
    /// The visible lines, each at most the field's width (a wide character cut by the left
    /// edge of a sideways-scrolled field shows as a space).
    public var lines: [String]
    /// The cursor relative to the field's top-left cell, always inside the field.
    public var cursor: CellPosition
    /// Index of the first visible visual line (multi-line) — 0 in single-line mode.
    public var firstLine: Int
    /// Number of visual lines of the whole text, for a scroll indicator.
    public var totalLines: Int
    /// Display columns scrolled off to the left (single-line mode) — 0 in multi-line mode.
    public var firstColumn: Int
}

extension TextEditor {
    /// Updates the stored scroll position so the cursor is visible in a field of this size,
    /// moving it as little as possible. Call it after handling a key (the screen knows its
    /// field size), so the view scrolls calmly instead of jumping.
    public mutating func scrollToCursor(width: Int, height: Int) {
        let view = viewport(width: width, height: height)
        scrollRow = view.firstLine
        scrollColumn = view.firstColumn
    }

    /// What a field of `width` x `height` cells shows: starts from the stored scroll position and
    /// shifts it just enough to show the cursor (without storing it; pure, for `view` functions).
    public func viewport(width: Int, height: Int) -> TextViewport {
        let fieldWidth = max(1, width)
        let fieldHeight = max(1, height)
        let layout = layout(width: fieldWidth)
        switch mode {
        case .multiLine:
            var first = min(scrollRow, max(0, layout.lines.count - fieldHeight))
            if layout.cursorRow < first {
                first = layout.cursorRow
            } else if layout.cursorRow >= first + fieldHeight {
                first = layout.cursorRow - fieldHeight + 1
            }
            let visible = layout.lines[first..<min(layout.lines.count, first + fieldHeight)]
            return TextViewport(
                lines: visible.map { String(characters: characters[$0.contentRange]) },
                cursor: CellPosition(row: layout.cursorRow - first, column: min(layout.cursorColumn, fieldWidth - 1)),
                firstLine: first,
                totalLines: layout.lines.count,
                firstColumn: 0
            )
        case .singleLine:
            let total = displayWidth(0..<characters.count)
            let column = layout.cursorColumn
            var first = scrollColumn
            if column < first {
                first = column
            } else if column >= first + fieldWidth {
                first = column - fieldWidth + 1
            }
            // Show as much text as fits when it got shorter (keeping room for the cursor after it).
            first = max(0, min(first, total + 1 - fieldWidth))
            return TextViewport(
                lines: [visibleSlice(from: first, width: fieldWidth)],
                cursor: CellPosition(row: 0, column: column - first),
                firstLine: 0,
                totalLines: 1,
                firstColumn: first
            )
        }
    }

    /// The text between display columns `first` and `first + width`, with halves of wide
    /// characters at either edge shown as spaces.
    private func visibleSlice(from first: Int, width: Int) -> String {
        var result = ""
        var column = 0
        for character in characters {
            let characterWidth = character.displayWidth
            let start = column
            column += characterWidth
            if column <= first || characterWidth == 0 { continue }
            if start >= first + width { break }
            if start < first || column > first + width {
                result.append(" ")
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension CellGrid {
    /// Draws an editor's viewport into a field and, if `showCursor`, puts the terminal cursor at
    /// the insertion point.
    public mutating func put(_ viewport: TextViewport, in field: Rect, style: Style = .plain, showCursor: Bool = true) {
        fill(field, style: style)
        for (number, line) in viewport.lines.enumerated() where number < field.height {
            put(line, row: field.row + number, column: field.column, style: style, limit: field.right)
        }
        if showCursor {
            cursor = CellPosition(row: field.row + viewport.cursor.row, column: field.column + viewport.cursor.column)
        }
    }
}
