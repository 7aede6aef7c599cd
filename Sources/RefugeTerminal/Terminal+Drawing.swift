import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeCanvas

extension Terminal {
    /// The screen's size in cells, as curses knows it (updated on every resize).
    public func size() -> (width: Int, height: Int) {
        let window = refuge_stdscr()
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Shows a frame: copies the cells that differ from the frame on screen to curses, places
    /// (or hides) the cursor, and refreshes. Cells beyond the screen's edge are left out, so a
    /// frame drawn for an old size does no harm; the next `.resize` event asks for a new one.
    ///
    /// Refuge compares frames itself, and curses then compares only the cells it was handed.
    /// Measured in release builds (refuge-key-probe, PROBE_FRAMES): comparing two 80x24 frames
    /// costs about 5 µs (28 µs at 200x60), while handing curses every cell of every frame, to let
    /// it find the changes alone, costs about 200 µs (1.2 ms at 200x60).
    public func draw(_ grid: CellGrid) {
        guard isActive else { return }
        guard let window = refuge_stdscr() else { return }
        let (width, height) = size()
        let erased = shown == nil
        if erased {
            werase(window)
        }
        for run in GridDiff.changes(from: shown, to: grid) where run.row < height {
            var column = run.column
            for cell in run.cells {
                defer { column += 1 }
                // Just erased, the window is all blanks already: most of a first frame is blank,
                // and handing curses those cells again was most of its copying.
                if erased, cell.isBlank { continue }
                if cell.isContinuation || column + cell.width > width { continue }
                put(cell, row: run.row, column: column, in: window)
            }
        }
        if let cursor = grid.cursor, cursor.row >= 0, cursor.row < height, cursor.column >= 0, cursor.column < width {
            wmove(window, Int32(cursor.row), Int32(cursor.column))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(window)
        shown = grid
    }

    /// Makes the next `draw` repaint every cell (after something else may have written on the
    /// terminal).
    public func redrawAll() {
        shown = nil
        clearok(refuge_curscr(), true)
    }

    /// Writes one cell as curses can show it (see `TerminalGlyphs`).
    private func put(_ cell: Cell, row: Int, column: Int, in window: UnsafeMutablePointer<WINDOW>) {
        let (attributes, pair) = palette.rendition(for: cell.style)
        var complex = cchar_t()
        // Most cells are one character curses measures as the grid does (a space, a letter of
        // any alphabet): written without building glyphs (a full redraw is 2.5 times faster).
        // An ASCII one (one byte, one cell) is the same test without walking the text's scalars.
        func addSingle(_ character: wchar_t) {
            var characters: (wchar_t, wchar_t) = (character, 0)
            withUnsafePointer(to: &characters) { pointer in
                pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = setcchar(&complex, $0, attributes, pair, nil) }
            }
            mvwadd_wch(window, Int32(row), Int32(column), &complex)
        }
        let utf8 = cell.text.utf8
        if utf8.count == 1, let byte = utf8.first, byte >= 0x20, wcwidth(wchar_t(byte)) == 1 {
            addSingle(wchar_t(byte))
            return
        }
        let scalars = cell.text.unicodeScalars
        if let only = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex,
           only.value >= 0x20, Int(wcwidth(wchar_t(bitPattern: only.value))) == cell.width {
            addSingle(wchar_t(bitPattern: only.value))
            return
        }
        let glyphs = TerminalGlyphs.glyphs(for: cell, scalarWidth: { Int(wcwidth(wchar_t(bitPattern: $0.value))) })
        var offset = 0
        for glyph in glyphs {
            var characters = glyph.scalars.map { wchar_t(bitPattern: $0.value) }
            characters.append(0)
            setcchar(&complex, characters, attributes, pair, nil)
            // Writing the bottom-right cell reports an error (the cursor cannot move on) but
            // draws; nothing else can fail here, so the result is not checked.
            mvwadd_wch(window, Int32(row), Int32(column + offset), &complex)
            offset += glyph.columns
        }
    }
}
