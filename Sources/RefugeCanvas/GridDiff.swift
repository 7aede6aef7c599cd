/// Cells of one row to redraw, left to right from `column`.
public struct CellRun: Hashable, Sendable {
    public var row: Int
    public var column: Int
    /// The new cells; a wide character is always followed by its continuation cell, and a run
    /// never starts with a continuation cell.
    public var cells: [Cell]

    public init(row: Int, column: Int, cells: [Cell]) {
        self.row = row
        self.column = column
        self.cells = cells
    }
}

/// What changed between two frames, so the backend redraws only that.
public enum GridDiff {
    /// The runs of cells that differ between `previous` and `next`. With no previous frame, or
    /// one of another size, every row is one run (a full redraw).
    ///
    /// A change that touches either half of a wide character redraws the whole character, so a
    /// terminal never receives half of one.
    public static func changes(from previous: CellGrid?, to next: CellGrid) -> [CellRun] {
        guard let previous, previous.width == next.width, previous.height == next.height else {
            return (0..<next.height).compactMap { row in
                next.width == 0 ? nil : CellRun(row: row, column: 0, cells: Array(next.cells(inRow: row)))
            }
        }
        var runs: [CellRun] = []
        for row in 0..<next.height {
            let old = previous.cells(inRow: row)
            let new = next.cells(inRow: row)
            let base = new.startIndex
            var column = 0
            while column < next.width {
                guard old[old.startIndex + column] != new[base + column] else {
                    column += 1
                    continue
                }
                // A run cannot start on a continuation cell: a continuation takes its head's
                // style, so when it differs its head (to the left) differs too and began the run.
                let start = column
                var end = column + 1
                while end < next.width, old[old.startIndex + end] != new[base + end] {
                    end += 1
                }
                // Do not stop between a wide character and its continuation.
                while end < next.width, new[base + end].isContinuation {
                    end += 1
                }
                if let last = runs.last, last.row == row, last.column + last.cells.count == start {
                    // Right after the previous run (which was extended over a continuation): join it.
                    let from = last.column + last.cells.count
                    runs[runs.count - 1].cells += new[(base + from)..<(base + end)]
                } else {
                    runs.append(CellRun(row: row, column: start, cells: Array(new[(base + start)..<(base + end)])))
                }
                column = end
            }
        }
        return runs
    }

    /// Applies runs to a grid: the previous frame plus `changes(from:to:)` is the next frame.
    /// Used by tests, and by a backend that keeps its own copy of the screen.
    public static func apply(_ runs: [CellRun], to grid: CellGrid) -> CellGrid {
        var result = grid
        for run in runs {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                result.place(cell.text, width: cell.width, style: cell.style, row: run.row, column: run.column + offset)
            }
        }
        return result
    }
}
