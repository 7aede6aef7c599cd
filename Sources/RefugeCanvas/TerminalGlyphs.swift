import RefugeText

/// One piece of a cell as sent to a curses library: a spacing scalar and its combining marks,
/// and how many columns the library will think it takes.
public struct TerminalGlyph: Hashable, Sendable {
    public var scalars: [Unicode.Scalar]
    public var columns: Int

    public init(_ scalars: [Unicode.Scalar], columns: Int) {
        self.scalars = scalars
        self.columns = columns
    }
}

/// Splits a cell into what curses can represent, keeping the grid's columns where they are.
///
/// curses (and the C library's `wcwidth` it relies on) measures scalar by scalar and holds one
/// spacing character plus at most four combining marks per cell, while the grid measures whole
/// grapheme clusters. Where they disagree, the cell is simplified so that the terminal's cursor
/// ends exactly where the grid expects:
/// - a flag (two regional indicators) is sent as its two halves in two cells; the terminal
///   joins them into one picture again;
/// - a ZWJ sequence or skin-tone emoji keeps only its first emoji;
/// - an emoji the library counts narrow (a text symbol with VS16) is sent in text form,
///   followed by a space;
/// - a scalar the library cannot show, or counts differently, becomes U+FFFD.
public enum TerminalGlyphs {
    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// - Parameters:
    ///   - cell: a cell that is not a continuation.
    ///   - scalarWidth: the library's width of a scalar (`wcwidth`): -1 if unprintable.
    ///   - maximumCombining: combining marks one curses cell can carry.
    public static func glyphs(
        for cell: Cell,
        scalarWidth: (Unicode.Scalar) -> Int,
        maximumCombining: Int = 4
    ) -> [TerminalGlyph] {
        let scalars = Array(cell.text.unicodeScalars)
        let cellWidth = cell.width
        guard let base = scalars.first, cellWidth > 0 else { return [] }
        if scalars.count == 2, DisplayWidth.isRegionalIndicator(base), DisplayWidth.isRegionalIndicator(scalars[1]),
           scalarWidth(base) == 1, scalarWidth(scalars[1]) == 1, cellWidth == 2 {
            return [TerminalGlyph([base], columns: 1), TerminalGlyph([scalars[1]], columns: 1)]
        }
        let marks = scalars.dropFirst().prefix { scalar in
            // Variation selectors are marks too, but VS16 makes some terminals draw a picture two
            // cells wide where curses counts one: leave them out.
            if (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value) {
                return false
            }
            let category = scalar.properties.generalCategory
            return (category == .nonspacingMark || category == .enclosingMark) && scalarWidth(scalar) == 0
        }.prefix(maximumCombining)
        let baseWidth = scalarWidth(base)
        if baseWidth == cellWidth {
            return [TerminalGlyph([base] + marks, columns: cellWidth)]
        }
        if baseWidth == 1, cellWidth == 2 {
            return [TerminalGlyph([base] + marks, columns: 1), TerminalGlyph([" "], columns: 1)]
        }
        if cellWidth == 2 {
            return [TerminalGlyph([replacement], columns: 1), TerminalGlyph([" "], columns: 1)]
        }
        return [TerminalGlyph([replacement], columns: 1)]
    }
}
