import RefugeCanvas
import XCTest

final class TextEditorViewportTests: XCTestCase {
    func testSingleLineScrollsToShowTheCursor() {
        var editor = TextEditor(text: "abcdefgh", mode: .singleLine)
        var view = editor.viewport(width: 5, height: 1)
        XCTAssertEqual(view.lines, ["efgh"])
        XCTAssertEqual(view.cursor, CellPosition(row: 0, column: 4))
        XCTAssertEqual(view.firstColumn, 4)
        editor.moveToStart()
        view = editor.viewport(width: 5, height: 1)
        XCTAssertEqual(view.lines, ["abcde"])
        XCTAssertEqual(view.cursor.column, 0)
    }

    func testSingleLineScrollIsStableOnceStored() {
        var editor = TextEditor(text: "abcdefghij", mode: .singleLine)
        editor.scrollToCursor(width: 5, height: 1)
        XCTAssertEqual(editor.scrollColumn, 6)
        editor.moveLeft()
        editor.moveLeft()
        editor.scrollToCursor(width: 5, height: 1)
        XCTAssertEqual(editor.scrollColumn, 6, "the cursor is still visible: no scrolling")
        XCTAssertEqual(editor.viewport(width: 5, height: 1).cursor.column, 2)
        for _ in 0..<3 { editor.moveLeft() }
        editor.scrollToCursor(width: 5, height: 1)
        XCTAssertEqual(editor.scrollColumn, 5)
    }

    func testSingleLineWideCharactersCutByTheEdgeShowAsSpaces() {
        let editor = TextEditor(text: "a漢字漢", mode: .singleLine)
        let view = editor.viewport(width: 4, height: 1)
        XCTAssertEqual(view.firstColumn, 4)
        XCTAssertEqual(view.lines, [" 漢"])
        XCTAssertEqual(view.cursor.column, 3)
    }

    func testSingleLineShrinkingTextScrollsBack() {
        var editor = TextEditor(text: "abcdefghij", mode: .singleLine)
        editor.scrollToCursor(width: 5, height: 1)
        for _ in 0..<6 { editor.deleteBackward() }
        let view = editor.viewport(width: 5, height: 1)
        XCTAssertEqual(view.firstColumn, 0)
        XCTAssertEqual(view.lines, ["abcd"])
        XCTAssertEqual(view.cursor.column, 4)
    }

    func testMultiLineScrollsVertically() {
        var editor = TextEditor(text: (1...10).map { "line \($0)" }.joined(separator: "\n"))
        editor.scrollToCursor(width: 20, height: 3)
        var view = editor.viewport(width: 20, height: 3)
        XCTAssertEqual(view.lines, ["line 8", "line 9", "line 10"])
        XCTAssertEqual(view.firstLine, 7)
        XCTAssertEqual(view.totalLines, 10)
        XCTAssertEqual(view.cursor, CellPosition(row: 2, column: 7))
        editor.moveUp(width: 20)
        editor.moveUp(width: 20)
        editor.scrollToCursor(width: 20, height: 3)
        XCTAssertEqual(editor.scrollRow, 7, "still visible")
        editor.moveUp(width: 20)
        editor.scrollToCursor(width: 20, height: 3)
        view = editor.viewport(width: 20, height: 3)
        XCTAssertEqual(editor.scrollRow, 6)
        XCTAssertEqual(view.lines.first, "line 7")
        XCTAssertEqual(view.cursor.row, 0)
    }

    func testCursorAfterAFullLineIsKeptInsideTheField() {
        let editor = TextEditor(text: "abcde")
        let view = editor.viewport(width: 5, height: 2)
        XCTAssertEqual(view.lines, ["abcde"])
        XCTAssertEqual(view.cursor, CellPosition(row: 0, column: 4))
    }

    func testDrawingAnEditorIntoAGrid() {
        var editor = TextEditor(text: "Я приехал в 2022 году с семьёй 👨‍👩‍👧")
        editor.moveCursor(to: 2)
        var grid = CellGrid(width: 16, height: 4)
        grid.box(grid.bounds)
        let field = grid.bounds.inset(by: 1)
        editor.scrollToCursor(width: field.width, height: field.height)
        grid.put(editor.viewport(width: field.width, height: field.height), in: field)
        XCTAssertEqual(grid.renderText(), """
            ┌──────────────┐
            │Я приехал в   │
            │2022 году с   │
            └──────────────┘
            """)
        XCTAssertEqual(grid.cursor, CellPosition(row: 1, column: 3))
        editor.moveToEnd()
        grid.put(editor.viewport(width: field.width, height: field.height), in: field)
        XCTAssertEqual(grid.text(row: 1), "│2022 году с   │")
        XCTAssertEqual(grid.text(row: 2), "│семьёй 👨‍👩‍👧     │")
        XCTAssertEqual(grid.cursor, CellPosition(row: 2, column: 10))
        assertWideCharactersIntact(grid)
    }
}
