/// A position on the grid: zero-based row and column.
public struct CellPosition: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A rectangle of cells, used by screens to hand each widget its part of the grid.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var height: Int

    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The row just below the rectangle.
    public var bottom: Int { row + height }
    /// The column just right of the rectangle.
    public var right: Int { column + width }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The rectangle shrunk by `amount` cells on every side (never below zero size).
    public func inset(by amount: Int) -> Rect {
        Rect(row: row + amount, column: column + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// The part of this rectangle that is also inside `other`.
    public func intersection(_ other: Rect) -> Rect {
        let top = max(row, other.row)
        let left = max(column, other.column)
        let bottomEdge = min(bottom, other.bottom)
        let rightEdge = min(right, other.right)
        return Rect(row: top, column: left, width: rightEdge - left, height: bottomEdge - top)
    }

    /// Splits off the first `count` rows: the top part and the remainder below it.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let taken = min(max(0, count), height)
        return (
            Rect(row: row, column: column, width: width, height: taken),
            Rect(row: row + taken, column: column, width: width, height: height - taken)
        )
    }

    /// Splits off the last `count` rows: the remainder above and the bottom part.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let taken = min(max(0, count), height)
        return (
            Rect(row: row, column: column, width: width, height: height - taken),
            Rect(row: row + height - taken, column: column, width: width, height: taken)
        )
    }
}
