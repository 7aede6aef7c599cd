import RefugeText

extension TextEditor {
    /// One grapheme cluster to the left. Returns whether the cursor moved.
    @discardableResult
    public mutating func moveLeft() -> Bool {
        guard cursor > 0 else { return false }
        moveCursor(to: cursor - 1)
        return true
    }

    /// One grapheme cluster to the right. Returns whether the cursor moved.
    @discardableResult
    public mutating func moveRight() -> Bool {
        guard cursor < characters.count else { return false }
        moveCursor(to: cursor + 1)
        return true
    }

    /// To the start of the visual line (the whole field in single-line mode).
    public mutating func moveToLineStart(width: Int) {
        let layout = layout(width: width)
        moveCursor(to: layout.lines[layout.cursorRow].range.lowerBound)
    }

    /// To the end of the visual line (the whole field in single-line mode).
    public mutating func moveToLineEnd(width: Int) {
        let layout = layout(width: width)
        moveCursor(to: Self.lastCursorIndex(of: layout.cursorRow, in: layout.lines))
    }

    /// To the very start of the text.
    public mutating func moveToStart() {
        moveCursor(to: 0)
    }

    /// To the very end of the text.
    public mutating func moveToEnd() {
        moveCursor(to: characters.count)
    }

    /// One visual line up, keeping the display column (as far as the line allows). Returns
    /// false, without moving, on the first line.
    @discardableResult
    public mutating func moveUp(width: Int) -> Bool {
        moveVertically(by: -1, width: width)
    }

    /// One visual line down, keeping the display column. Returns false on the last line.
    @discardableResult
    public mutating func moveDown(width: Int) -> Bool {
        moveVertically(by: 1, width: width)
    }

    private mutating func moveVertically(by step: Int, width: Int) -> Bool {
        let layout = layout(width: width)
        let target = layout.cursorRow + step
        guard target >= 0, target < layout.lines.count else { return false }
        let goal = goalColumn ?? layout.cursorColumn
        let last = Self.lastCursorIndex(of: target, in: layout.lines)
        var index = layout.lines[target].range.lowerBound
        var column = 0
        while index < last {
            let next = column + characters[index].displayWidth
            if next > goal { break }
            column = next
            index += 1
        }
        cursor = index
        goalColumn = goal
        return true
    }
}
