import RefugeText

/// The whole screen as a value: `width` x `height` cells, plus where the text cursor should be.
///
/// Screens draw a fresh grid for every frame; the backend compares it with the previous one
/// (`GridDiff`) and sends only the changes to the terminal. Every write keeps one rule: a wide
/// character always has its continuation cell right after it, so a write that would cut one in
/// half blanks the other half instead, and a wide character that does not fit before the right
/// edge (or the clip limit) is drawn as a space.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells: `cells[row * width + column]`.
    public private(set) var cells: [Cell]
    /// Where the terminal's own cursor should blink (the insertion point of a text field), or nil
    /// to hide it.
    public var cursor: CellPosition?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        // Only a narrow cell can fill a grid without breaking the wide-character rule.
        let filler = fill.width == 1 ? fill : .blank(fill.style)
        self.cells = Array(repeating: filler, count: self.width * self.height)
        self.cursor = nil
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(row: 0, column: 0, width: width, height: height) }

    public subscript(row: Int, column: Int) -> Cell {
        precondition(contains(row: row, column: column), "cell \(row),\(column) is outside the grid")
        return cells[row * width + column]
    }

    /// The cells of one row.
    public func cells(inRow row: Int) -> ArraySlice<Cell> {
        precondition(row >= 0 && row < height, "row \(row) is outside the grid")
        return cells[(row * width)..<((row + 1) * width)]
    }

    public func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < height && column >= 0 && column < width
    }

    /// Writes text on one row starting at `column`, clipped at `limit` (an exclusive column;
    /// the grid's right edge by default) and at the left edge (columns below zero are skipped,
    /// which lets a caller scroll text horizontally). Clusters of width zero (control
    /// characters, a combining mark with nothing to sit on) are skipped.
    ///
    /// - Returns: the column just after the last cell written (or where writing stopped).
    @discardableResult
    public mutating func put(
        _ text: String,
        row: Int,
        column: Int,
        style: Style = .plain,
        limit: Int? = nil
    ) -> Int {
        let end = min(limit ?? width, width)
        guard row >= 0, row < height else { return column }
        var position = column
        for character in text {
            if position >= end { break }
            let characterWidth = character.displayWidth
            if characterWidth == 0 { continue }
            if position < 0 {
                // The right half of a wide character that starts off the left edge shows as a space.
                if position + characterWidth > 0 {
                    place(" ", width: 1, style: style, row: row, column: 0)
                }
                position += characterWidth
                continue
            }
            if position + characterWidth > end {
                place(" ", width: 1, style: style, row: row, column: position)
                position += 1
                break
            }
            place(String(character), width: characterWidth, style: style, row: row, column: position)
            position += characterWidth
        }
        return min(max(position, column), end)
    }

    /// Writes styled runs one after the other on a row; see `put(_:row:column:style:limit:)`.
    @discardableResult
    public mutating func put(_ runs: [StyledRun], row: Int, column: Int, limit: Int? = nil) -> Int {
        var position = column
        for run in runs {
            position = put(run.text, row: row, column: position, style: run.style, limit: limit)
        }
        return position
    }

    /// Replaces one cell, blanking the other half of any wide character it cuts.
    mutating func place(_ text: String, width characterWidth: Int, style: Style, row: Int, column: Int) {
        guard contains(row: row, column: column), column + characterWidth <= width else { return }
        releaseWideCharacter(row: row, column: column)
        if characterWidth == 2 {
            releaseWideCharacter(row: row, column: column + 1)
        }
        let index = row * width + column
        cells[index] = Cell(text, style: style)
        if characterWidth == 2 {
            cells[index + 1] = .continuation(style)
        }
    }

    /// Before a cell is overwritten: if it is half of a wide character, the other half becomes
    /// a blank in the same style, so no orphaned half stays on screen.
    private mutating func releaseWideCharacter(row: Int, column: Int) {
        let index = row * width + column
        let cell = cells[index]
        if cell.isContinuation, column > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        } else if cell.width == 2, column + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
    }
}
