import RefugeText

/// The editing state of a text field: the text, the insertion point and how far the field is
/// scrolled. A value type with no knowledge of the screen; the screen passes the field's width
/// wherever a movement depends on how the text wraps.
///
/// The text is kept as grapheme clusters, so the cursor can never stand inside an accented
/// letter, a flag or an emoji sequence, and Backspace removes the whole cluster. Every edit
/// re-segments the text around it, so a combining mark typed after a letter joins that letter.
///
/// Multi-line mode wraps at spaces (see `LineBreaker`) and keeps newlines; single-line mode
/// turns pasted newlines into spaces and scrolls sideways instead of wrapping.
public struct TextEditor: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        /// A `longtext` answer: wraps, Enter inserts a newline.
        case multiLine
        /// A `text`, `number` or `date` answer: one line, Enter is left to the screen.
        case singleLine
    }

    public let mode: Mode
    /// The text as grapheme clusters.
    public private(set) var characters: [Character]
    /// The insertion point: an index into `characters`, from 0 to `characters.count`.
    public internal(set) var cursor: Int
    /// The display column Up and Down try to keep, remembered across short lines.
    var goalColumn: Int?
    /// The first visual line shown (multi-line mode); see `scrollToCursor(width:height:)`.
    public internal(set) var scrollRow: Int = 0
    /// The first display column shown (single-line mode).
    public internal(set) var scrollColumn: Int = 0

    /// An editor holding `text` with the cursor at its end.
    public init(text: String = "", mode: Mode = .multiLine) {
        self.mode = mode
        self.characters = Array(Self.normalize(text, mode: mode))
        self.cursor = characters.count
    }

    /// The text being edited.
    public var text: String { String(characters: characters[...]) }

    public var isEmpty: Bool { characters.isEmpty }

    /// Replaces the whole text and puts the cursor at its end.
    public mutating func setText(_ text: String) {
        characters = Array(Self.normalize(text, mode: mode))
        cursor = characters.count
        goalColumn = nil
        scrollRow = 0
        scrollColumn = 0
    }

    /// Puts the cursor at a character index (clamped to the text).
    public mutating func moveCursor(to index: Int) {
        cursor = min(max(0, index), characters.count)
        goalColumn = nil
    }

    // MARK: - Editing

    /// Inserts typed or pasted text at the cursor and moves the cursor after it. Line ends become
    /// "\n" (spaces in single-line mode), tabs become spaces and other control characters,
    /// which could not be shown, are dropped.
    public mutating func insert(_ text: String) {
        let clean = Self.normalize(text, mode: mode)
        guard !clean.isEmpty else { return }
        replace(cursor..<cursor, with: clean)
    }

    /// Inserts one character (see `insert(_:)`).
    public mutating func insert(_ character: Character) {
        insert(String(character))
    }

    /// Inserts a line break (multi-line mode only). Returns whether it did.
    @discardableResult
    public mutating func insertNewline() -> Bool {
        guard mode == .multiLine else { return false }
        replace(cursor..<cursor, with: "\n")
        return true
    }

    /// Removes the grapheme cluster before the cursor. Returns whether there was one.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        replace((cursor - 1)..<cursor, with: "")
        return true
    }

    /// Removes the grapheme cluster after the cursor. Returns whether there was one.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        replace(cursor..<(cursor + 1), with: "")
        return true
    }

    /// Ctrl-U as in readline and nano: removes from the start of the logical line to the cursor.
    @discardableResult
    public mutating func deleteToLineStart() -> Bool {
        var start = cursor
        while start > 0, characters[start - 1] != "\n" { start -= 1 }
        guard start < cursor else { return false }
        replace(start..<cursor, with: "")
        return true
    }

    /// Ctrl-K: removes from the cursor to the end of the logical line.
    @discardableResult
    public mutating func deleteToLineEnd() -> Bool {
        var end = cursor
        while end < characters.count, characters[end] != "\n" { end += 1 }
        guard end > cursor else { return false }
        let at = cursor
        replace(cursor..<end, with: "")
        cursor = at
        return true
    }

    /// Ctrl-W: removes the word before the cursor and the spaces after it.
    @discardableResult
    public mutating func deleteWordBackward() -> Bool {
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " ", characters[start - 1] != "\n" { start -= 1 }
        guard start < cursor else { return false }
        replace(start..<cursor, with: "")
        return true
    }

    /// Replaces a range of characters and re-segments the text, so that clusters meeting at the
    /// seam (a letter and a combining mark, two halves of a flag) become one. The cursor ends
    /// after the inserted text, never inside a cluster.
    private mutating func replace(_ range: Range<Int>, with inserted: String) {
        let before = String(characters: characters[..<range.lowerBound]) + inserted
        let combined = before + String(characters: characters[range.upperBound...])
        var newCharacters: [Character] = []
        newCharacters.reserveCapacity(characters.count + inserted.count)
        var newCursor: Int?
        var consumed = 0
        let seam = before.utf8.count
        for character in combined {
            if newCursor == nil, consumed >= seam {
                newCursor = newCharacters.count
            }
            newCharacters.append(character)
            consumed += character.utf8.count
        }
        characters = newCharacters
        cursor = newCursor ?? newCharacters.count
        goalColumn = nil
    }

    /// Text as the editor stores it: one kind of line end, no tabs, no control characters.
    static func normalize(_ text: String, mode: Mode) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isNewline {
                result.append(mode == .multiLine ? "\n" : " ")
            } else if character == "\t" {
                result.append(" ")
            } else if let ascii = character.asciiValue, ascii < 0x20 || ascii == 0x7F {
                continue
            } else if character.unicodeScalars.allSatisfy({ $0.value >= 0x80 && $0.value < 0xA0 }) {
                continue
            } else {
                result.append(character)
            }
        }
        return result
    }
}
