import RefugeCanvas
import XCTest

final class TextEditorLayoutTests: XCTestCase {
    private func lines(_ editor: TextEditor, width: Int) -> [String] {
        editor.layout(width: width).lines.map { String(editor.characters[$0.contentRange]) }
    }

    func testWrapsAtSpacesAndPlacesTheCursor() {
        let editor = TextEditor(text: "hello world foo")
        XCTAssertEqual(lines(editor, width: 11), ["hello world", "foo"])
        let layout = editor.layout(width: 11)
        XCTAssertEqual(layout.cursorRow, 1)
        XCTAssertEqual(layout.cursorColumn, 3)
    }

    func testCursorColumnCountsDisplayWidth() {
        var editor = TextEditor(text: "漢字😀e\u{301}x")
        editor.moveCursor(to: 4)
        XCTAssertEqual(editor.layout(width: 40).cursorColumn, 7)
    }

    func testCursorAtASoftBreakBelongsToTheNextLine() {
        var editor = TextEditor(text: "abcdefgh")
        editor.moveCursor(to: 5)
        let layout = editor.layout(width: 5)
        XCTAssertEqual(layout.cursorRow, 1)
        XCTAssertEqual(layout.cursorColumn, 0)
    }

    func testCursorBeforeANewlineStaysOnItsLine() {
        var editor = TextEditor(text: "ab\ncd\n")
        editor.moveCursor(to: 2)
        XCTAssertEqual(editor.layout(width: 10).cursorRow, 0)
        XCTAssertEqual(editor.layout(width: 10).cursorColumn, 2)
        editor.moveToEnd()
        XCTAssertEqual(editor.layout(width: 10).cursorRow, 2, "after a final newline the cursor is on a new empty line")
        XCTAssertEqual(editor.layout(width: 10).cursorColumn, 0)
    }

    func testUpAndDownKeepTheColumnAcrossWideCharacters() {
        var editor = TextEditor(text: "漢字漢字\nabcdef")
        editor.moveCursor(to: 8)
        XCTAssertEqual(editor.layout(width: 20).cursorColumn, 3)
        XCTAssertTrue(editor.moveUp(width: 20))
        XCTAssertEqual(editor.cursor, 1, "column 3 falls inside 字: stop before it, at column 2")
        XCTAssertTrue(editor.moveDown(width: 20))
        XCTAssertEqual(editor.cursor, 8, "the goal column 3 is remembered")
        XCTAssertFalse(editor.moveDown(width: 20))
    }

    func testGoalColumnSurvivesShortLines() {
        var editor = TextEditor(text: "Привет мир\nда\nИзвините")
        editor.moveCursor(to: 8)
        editor.moveDown(width: 40)
        XCTAssertEqual(editor.cursor, 13, "end of the short line")
        editor.moveDown(width: 40)
        XCTAssertEqual(editor.cursor, 22, "back to column 8")
        editor.moveLeft()
        editor.moveUp(width: 40)
        XCTAssertEqual(editor.cursor, 13, "a horizontal move resets the goal: column 7 on a 2-letter line")
    }

    func testUpAndDownMoveByVisualLines() {
        var editor = TextEditor(text: "one two three four")
        XCTAssertEqual(lines(editor, width: 9), ["one two", "three", "four"])
        editor.moveCursor(to: 2)
        editor.moveDown(width: 9)
        XCTAssertEqual(editor.cursor, 10)
        editor.moveDown(width: 9)
        XCTAssertEqual(editor.cursor, 16)
        editor.moveUp(width: 9)
        editor.moveUp(width: 9)
        XCTAssertEqual(editor.cursor, 2)
    }

    func testDownOntoASoftWrappedLineStopsBeforeItsBreakSpace() {
        var editor = TextEditor(text: "ab\nxy zzzz")
        editor.moveCursor(to: 2)
        XCTAssertEqual(lines(editor, width: 4), ["ab", "xy", "zzzz"])
        editor.moveUp(width: 4)
        editor.moveToEnd()
        editor.moveCursor(to: 0)
        editor.moveToLineEnd(width: 4)
        XCTAssertEqual(editor.cursor, 2)
        editor.moveDown(width: 4)
        XCTAssertEqual(editor.cursor, 5, "after \"xy\", on the break space")
        editor.moveToLineEnd(width: 4)
        XCTAssertEqual(editor.cursor, 5)
        editor.moveToLineStart(width: 4)
        XCTAssertEqual(editor.cursor, 3)
    }

    func testHomeAndEndInSingleLineModeCoverTheWholeField() {
        var editor = TextEditor(text: "a long single line of text", mode: .singleLine)
        editor.moveToLineStart(width: 5)
        XCTAssertEqual(editor.cursor, 0)
        editor.moveToLineEnd(width: 5)
        XCTAssertEqual(editor.cursor, editor.characters.count)
        XCTAssertEqual(editor.layout(width: 5).lines.count, 1)
    }

    func testMixedScriptsWrapByDisplayWidth() {
        let editor = TextEditor(text: "Меня зовут 李明 👨‍👩‍👧 café")
        XCTAssertEqual(lines(editor, width: 10), ["Меня зовут", "李明 👨‍👩‍👧", "café"])
        XCTAssertEqual(editor.layout(width: 10).cursorColumn, 4)
    }
}
