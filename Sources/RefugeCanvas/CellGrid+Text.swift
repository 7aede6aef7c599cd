extension CellGrid {
    /// One row as plain text, every cell included and continuation cells left out, so the
    /// string's display width equals the grid's width.
    public func text(row: Int) -> String {
        var line = ""
        for cell in cells(inRow: row) where !cell.isContinuation {
            line += cell.text
        }
        return line
    }

    /// The whole grid as text, one line per row joined with "\n", for golden tests and logs
    /// of screen layouts. Trailing blanks are trimmed by default so expected screens can be
    /// written as multi-line string literals.
    public func renderText(trimmingTrailingSpaces: Bool = true) -> String {
        (0..<height).map { row in
            let line = text(row: row)
            guard trimmingTrailingSpaces else { return line }
            var trimmed = Substring(line)
            while trimmed.last == " " {
                trimmed.removeLast()
            }
            return String(trimmed)
        }.joined(separator: "\n")
    }
}
