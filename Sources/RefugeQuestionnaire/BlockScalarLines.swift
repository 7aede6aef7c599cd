/// Where the characters of a block scalar (`|` or `>`) are in its file, so that a problem found
/// inside its text (an expression's error) points at its own line and column, not at the `|`.
///
/// A literal block's text is its lines without their indentation, joined by newlines; a folded
/// block joins them by spaces, and a blank line there stands for the newline itself. Either way
/// each non-blank line gives its characters plus one separator; a blank line gives one newline
/// in a literal block and none in a folded one.
struct BlockScalarLines: Sendable {
    /// The file's line (1-based) of the block's first content line.
    var firstLine: Int
    /// The content lines' indentation (columns before the text).
    var indent: Int
    /// Each content line's length in characters after the indentation; nil for a blank line.
    var lengths: [Int?]
    var folded: Bool

    /// Reads the content lines (0-based `first` to `last`) of `source`.
    init?(source: UnsafeBufferPointer<UInt8>, firstLine first: Int, lastLine last: Int, folded: Bool) {
        guard first <= last else { return nil }
        var lines: [ArraySlice<UInt8>] = []
        var line = 0
        var start = 0
        for index in 0...source.count where index == source.count || source[index] == 0x0A {
            if line >= first && line <= last { lines.append(ArraySlice(source[start..<index])) }
            line += 1
            start = index + 1
            if line > last { break }
        }
        let spaces = lines.map { $0.prefix { $0 == 0x20 }.count }
        guard let indent = zip(lines, spaces).first(where: { $0.0.count > $0.1 })?.1 else { return nil }
        self.firstLine = first + 1
        self.indent = indent
        self.folded = folded
        lengths = zip(lines, spaces).map { bytes, leading in
            leading >= bytes.count ? nil : String(decoding: bytes.dropFirst(indent), as: UTF8.self).count
        }
    }

    /// The line and column of character `offset` of the block's text; nil past its end.
    func location(ofCharacter offset: Int, file: String) -> SourceLocation? {
        var remaining = offset
        for (index, length) in lengths.enumerated() {
            guard let length else {
                if !folded { remaining -= 1 }
                continue
            }
            if remaining <= length {
                return SourceLocation(file: file, line: firstLine + index, column: indent + remaining + 1)
            }
            remaining -= length + 1
        }
        return nil
    }
}
