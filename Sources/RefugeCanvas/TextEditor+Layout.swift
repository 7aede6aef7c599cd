import RefugeText

/// How an editor's text lies on screen at one width: its visual lines and the cursor's place.
public struct TextLayout: Hashable, Sendable {
    /// The visual lines, as ranges of the editor's characters.
    public var lines: [BrokenLine]
    /// The visual line holding the cursor.
    public var cursorRow: Int
    /// The cursor's display column within that line (may equal or exceed the width when the
    /// cursor stands after a full line or on its hanging spaces; `TextViewport` clamps it).
    public var cursorColumn: Int
}

extension TextEditor {
    /// Lays out the text for a field `width` cells wide. Single-line mode never wraps.
    public func layout(width: Int) -> TextLayout {
        let lines: [BrokenLine]
        switch mode {
        case .multiLine:
            lines = LineBreaker.breakLines(characters, width: width)
        case .singleLine:
            lines = [BrokenLine(range: 0..<characters.count, contentEnd: characters.count, endsWithNewline: false)]
        }
        let row = Self.line(containing: cursor, in: lines)
        let column = displayWidth(lines[row].range.lowerBound..<cursor)
        return TextLayout(lines: lines, cursorRow: row, cursorColumn: column)
    }

    /// The visual line a character index belongs to. An index at the end of a soft-wrapped line
    /// is the start of the next one; at a newline or the end of the text it is on its own line.
    static func line(containing index: Int, in lines: [BrokenLine]) -> Int {
        for (number, line) in lines.enumerated() {
            if index < line.range.upperBound, index >= line.range.lowerBound {
                return number
            }
            if index == line.range.upperBound, line.endsWithNewline || number == lines.count - 1 {
                return number
            }
        }
        return lines.count - 1
    }

    /// The last index the cursor may take on a visual line: its end for a line ended by a
    /// newline or the text's end; before its last character for a soft-wrapped line (the
    /// position after it belongs to the next line).
    static func lastCursorIndex(of number: Int, in lines: [BrokenLine]) -> Int {
        let line = lines[number]
        if line.endsWithNewline || number == lines.count - 1 || line.range.isEmpty {
            return line.range.upperBound
        }
        return line.range.upperBound - 1
    }

    /// Cells taken by a range of characters.
    func displayWidth(_ range: Range<Int>) -> Int {
        var total = 0
        for index in range {
            total += characters[index].displayWidth
        }
        return total
    }
}
