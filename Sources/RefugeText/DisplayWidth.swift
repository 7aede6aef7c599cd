/// How many terminal cells text occupies.
///
/// The unit is the grapheme cluster (Swift's `Character`), not the scalar: a flag, an emoji with a
/// skin tone or a family joined with ZWJ is one picture of two cells, and a letter with combining
/// accents is one cell. The width of a cluster is the width of its first scalar, widened to two
/// when the cluster asks for emoji presentation (VS16) or is a pair of regional indicators (a
/// flag). The tables are our own (see `UnicodeWidthTables`), so layout never depends on the C
/// library or the locale of the machine running the tests.
public enum DisplayWidth {
    /// Cells taken by one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let base = width(of: first)
        if base == 2 { return 2 }
        if scalars.count > 1 {
            if isRegionalIndicator(first),
               let second = scalars.dropFirst().first, isRegionalIndicator(second) {
                return 2
            }
            // A text-style emoji followed by U+FE0F VARIATION SELECTOR-16 is drawn as a picture.
            if base == 1, first.properties.isEmoji, scalars.contains("\u{FE0F}") {
                return 2
            }
        }
        return base
    }

    /// Cells taken by a string: the sum over its grapheme clusters.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        sum(text)
    }

    /// The same for a `String`, made for it here: called from other modules, the generic one
    /// went through protocol witnesses for every character (issue 19: a screen measures its
    /// rules' and its texts' cells at every frame).
    public static func of(_ text: String) -> Int {
        sum(text)
    }

    @inline(__always)
    private static func sum<S: StringProtocol>(_ text: S) -> Int {
        // Printable ASCII (most labels, keys and English text): each byte is a cluster of its own
        // and one cell, so the bytes are counted without breaking the text into clusters.
        if let width = text.utf8.withContiguousStorageIfAvailable(printableASCIIWidth) ?? nil { return width }
        // One scalar (a box-drawing line's cell, a letter of another alphabet) is one cluster:
        // its width is the scalar's, as `of(_: Character)` gives it.
        let scalars = text.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return width(of: first)
        }
        var total = 0
        for character in text {
            total += of(character)
        }
        return total
    }

    /// The byte count when every byte is printable ASCII (U+0020 to U+007E), else nil.
    private static func printableASCIIWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
        return bytes.count
    }

    /// Cells taken by a single scalar seen on its own: 0 for control and zero-width scalars,
    /// 2 for East Asian wide and full-width scalars and emoji presentation, 1 otherwise.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value < 0x300 { return 1 }
        if contains(UnicodeWidthTables.zeroWidth, value) { return 0 }
        if contains(UnicodeWidthTables.wide, value) { return 2 }
        // A lone half of a flag is narrow (East Asian Width "N", as in the C library); the pair
        // is widened in `of(_: Character)`.
        if isRegionalIndicator(scalar) { return 1 }
        // Emoji newer than the generated table still report Emoji_Presentation through Swift.
        if value >= 0x1F000, scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Whether a scalar is one half of a flag (U+1F1E6 ... U+1F1FF).
    public static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}

extension Character {
    /// Cells this grapheme cluster occupies in a terminal (0, 1 or 2).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension StringProtocol {
    /// Cells this text occupies in a terminal, counted by grapheme cluster.
    public var displayWidth: Int { DisplayWidth.of(self) }
}
