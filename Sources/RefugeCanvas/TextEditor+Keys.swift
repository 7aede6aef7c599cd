extension TextEditor {
    /// Applies the editing keys of a text field; returns false for keys the editor leaves to
    /// the screen (Enter in single-line mode, Up/Down that cannot move, PgUp/PgDn, F-keys, Esc,
    /// Tab, and every other control key), so the screen can give them their meaning.
    ///
    /// `width` is the field's width, needed for moving by visual lines.
    @discardableResult
    public mutating func handle(_ key: KeyEvent, width: Int) -> Bool {
        switch key {
        case .character(let character):
            insert(character)
            return true
        case .paste(let text):
            insert(text)
            return true
        case .enter:
            return insertNewline()
        case .backspace:
            deleteBackward()
            return true
        case .delete:
            deleteForward()
            return true
        case .left:
            moveLeft()
            return true
        case .right:
            moveRight()
            return true
        case .home, .ctrl("a"):
            moveToLineStart(width: width)
            return true
        case .end, .ctrl("e"):
            moveToLineEnd(width: width)
            return true
        case .ctrl("u"):
            deleteToLineStart()
            return true
        case .ctrl("k"):
            deleteToLineEnd()
            return true
        case .ctrl("w"):
            deleteWordBackward()
            return true
        case .up:
            return mode == .multiLine && moveUp(width: width)
        case .down:
            return mode == .multiLine && moveDown(width: width)
        default:
            return false
        }
    }
}
