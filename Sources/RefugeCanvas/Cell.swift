import RefugeText

/// One cell of the screen.
///
/// A cell holds a whole grapheme cluster, so an accented letter or an emoji sequence is never
/// split across cells. A wide cluster (two cells) lives in its left cell; the right cell is a
/// *continuation* whose `text` is empty and which is never drawn on its own.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown here: a single `Character` as a string, " " when blank, and
    /// "" in the right half of a wide character.
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// An empty cell in the terminal's ordinary colours.
    public static let blank = Cell(" ")

    /// A blank cell drawn in a style (used to clear areas with a background role).
    public static func blank(_ style: Style) -> Cell {
        Cell(" ", style: style)
    }

    /// Whether this is `Cell.blank`: a space in the terminal's ordinary colours (tested
    /// without reading the shared `blank`, for every cell of a full redraw).
    public var isBlank: Bool { text == " " && style == .plain }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell {
        Cell("", style: style)
    }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }

    /// Cells this cell's character spans: 2 for the left half of a wide character, 1 for a
    /// narrow one, 0 for a continuation.
    public var width: Int {
        // One byte of UTF-8 is one ASCII character (a space, a letter): one cell, as the rule
        // below gives, without breaking the text into grapheme clusters (most cells of every
        // frame; measuring them took over a quarter of drawing a whole frame).
        if text.utf8.count == 1 { return 1 }
        return isContinuation ? 0 : max(1, DisplayWidth.of(text))
    }
}
