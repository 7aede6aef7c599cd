import RefugeCanvas
import RefugeText
import XCTest

/// Checks the grid's one structural rule: every wide character is followed by exactly one
/// continuation cell, and no continuation cell stands anywhere else.
func assertWideCharactersIntact(_ grid: CellGrid, file: StaticString = #filePath, line: UInt = #line) {
    for row in 0..<grid.height {
        var column = 0
        while column < grid.width {
            let cell = grid[row, column]
            XCTAssertFalse(cell.isContinuation, "orphan continuation at \(row),\(column)", file: file, line: line)
            if cell.width == 2 {
                XCTAssertLessThan(column + 1, grid.width, "wide character cut by the edge", file: file, line: line)
                if column + 1 < grid.width {
                    XCTAssertTrue(grid[row, column + 1].isContinuation, "wide character without continuation at \(row),\(column)", file: file, line: line)
                }
                column += 2
            } else {
                column += 1
            }
        }
    }
}

final class CellGridTests: XCTestCase {
    /// A cell's width is its text's display width (at least one), a continuation's zero; the
    /// shortcut for one ASCII byte gives the same for every byte, controls included.
    func testACellIsAsWideAsItsText() {
        for byte in UInt8(0)...UInt8(127) {
            let text = String(UnicodeScalar(byte))
            XCTAssertEqual(Cell(text).width, max(1, DisplayWidth.of(text)), "byte \(byte)")
            XCTAssertEqual(Cell(text).width, 1)
        }
        for (text, width) in [("é", 1), ("e\u{301}", 1), ("漢", 2), ("👩‍👧", 2), ("🇺🇦", 2), ("\u{200B}", 1), ("", 0)] {
            XCTAssertEqual(Cell(text).width, width, text.debugDescription)
        }
    }

    /// `isBlank` is exactly equality with `Cell.blank` (the terminal leaves such cells out of a
    /// redraw after erasing the window, so a styled space must not count).
    func testIsBlankIsEqualityWithTheBlankCell() {
        var bold = Style.plain
        bold.bold = true
        let cells = [Cell.blank, Cell(" "), Cell(" ", style: bold), Cell.blank(bold), Cell("a"), Cell(""), Cell("  "), Cell("\u{A0}")]
        for cell in cells {
            XCTAssertEqual(cell.isBlank, cell == .blank, cell.text.debugDescription)
        }
        XCTAssertEqual(cells.filter(\.isBlank).count, 2)
    }

    func testNewGridIsBlank() {
        let grid = CellGrid(width: 4, height: 2)
        XCTAssertEqual(grid.text(row: 0), "    ")
        XCTAssertEqual(grid.renderText(), "\n")
        XCTAssertEqual(grid.renderText(trimmingTrailingSpaces: false), "    \n    ")
        XCTAssertNil(grid.cursor)
    }

    func testPutWritesTextAndReturnsNextColumn() {
        var grid = CellGrid(width: 10, height: 2)
        let next = grid.put("Привет", row: 1, column: 2, style: Style(role: .accent))
        XCTAssertEqual(next, 8)
        XCTAssertEqual(grid.renderText(), "\n  Привет")
        XCTAssertEqual(grid[1, 2], Cell("П", style: Style(role: .accent)))
        XCTAssertEqual(grid[1, 1], .blank)
    }

    func testWideCharacterTakesItsCellAndAContinuation() {
        var grid = CellGrid(width: 6, height: 1)
        XCTAssertEqual(grid.put("a漢b", row: 0, column: 0), 4)
        XCTAssertEqual(grid[0, 1].text, "漢")
        XCTAssertTrue(grid[0, 2].isContinuation)
        XCTAssertEqual(grid[0, 3].text, "b")
        XCTAssertEqual(grid.text(row: 0), "a漢b  ")
        XCTAssertEqual(grid.text(row: 0).displayWidth, 6)
        assertWideCharactersIntact(grid)
    }

    func testWideCharacterThatDoesNotFitAtTheEdgeBecomesASpace() {
        var grid = CellGrid(width: 5, height: 1)
        let next = grid.put("ab漢字", row: 0, column: 0, style: Style(bold: true))
        XCTAssertEqual(grid.text(row: 0), "ab漢 ")
        XCTAssertEqual(grid[0, 4], Cell(" ", style: Style(bold: true)))
        XCTAssertEqual(next, 5)
        assertWideCharactersIntact(grid)
    }

    func testClipLimitActsLikeAnEdge() {
        var grid = CellGrid(width: 10, height: 1)
        grid.put("..........", row: 0, column: 0)
        let next = grid.put("漢字漢", row: 0, column: 1, limit: 6)
        XCTAssertEqual(grid.text(row: 0), ".漢字 ....")
        XCTAssertEqual(next, 6)
        assertWideCharactersIntact(grid)
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("漢字", row: 0, column: 0)
        grid.put("x", row: 0, column: 1)
        XCTAssertEqual(grid.text(row: 0), " x字  ")
        assertWideCharactersIntact(grid)
        grid.put("y", row: 0, column: 2)
        XCTAssertEqual(grid.text(row: 0), " xy   ")
        assertWideCharactersIntact(grid)
        grid.put("漢字", row: 0, column: 0)
        grid.put("😀", row: 0, column: 1)
        XCTAssertEqual(grid.text(row: 0), " 😀   ")
        assertWideCharactersIntact(grid)
    }

    func testTextStartingLeftOfTheGridIsClipped() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("漢字abc", row: 0, column: -1)
        XCTAssertEqual(grid.text(row: 0), " 字abc")
        assertWideCharactersIntact(grid)
    }

    func testRowsOutsideTheGridAreIgnored() {
        var grid = CellGrid(width: 3, height: 1)
        grid.put("abc", row: 1, column: 0)
        grid.put("abc", row: -1, column: 0)
        XCTAssertEqual(grid.renderText(), "")
    }

    func testClustersStayWholeAndZeroWidthIsSkipped() {
        var grid = CellGrid(width: 8, height: 1)
        grid.put("e\u{301}\u{200B}🇺🇦👨‍👩‍👧\u{7}z", row: 0, column: 0)
        XCTAssertEqual(grid[0, 0].text, "e\u{301}")
        XCTAssertEqual(grid[0, 1].text, "🇺🇦")
        XCTAssertEqual(grid[0, 3].text, "👨‍👩‍👧")
        XCTAssertEqual(grid[0, 5].text, "z")
        assertWideCharactersIntact(grid)
    }

    func testStyledRunsFollowEachOther() {
        var grid = CellGrid(width: 12, height: 1)
        let next = grid.put([StyledRun("Да "), StyledRun("漢字", style: Style(role: .warning))], row: 0, column: 1)
        XCTAssertEqual(next, 8)
        XCTAssertEqual(grid.text(row: 0), " Да 漢字    ")
        XCTAssertEqual(grid[0, 4].style.role, .warning)
        XCTAssertEqual(grid[0, 5].style.role, .warning, "continuation cells carry the style")
    }

    func testFillAndRules() {
        var grid = CellGrid(width: 5, height: 3)
        grid.fill(Rect(row: 0, column: 1, width: 3, height: 2), with: "#", style: Style(role: .muted))
        grid.horizontalRule(row: 2)
        XCTAssertEqual(grid.renderText(), """
             ###
             ###
            ─────
            """)
        XCTAssertEqual(grid[1, 2].style.role, .muted)
        grid.fill(Rect(row: 0, column: 0, width: 5, height: 1), with: "漢")
        XCTAssertEqual(grid.text(row: 0), "漢漢 ")
        assertWideCharactersIntact(grid)
    }

    func testBoxWithTitle() {
        var grid = CellGrid(width: 12, height: 4)
        grid.box(Rect(row: 0, column: 1, width: 10, height: 4), title: "Справка")
        grid.put("漢字漢字漢字", in: Rect(row: 0, column: 1, width: 10, height: 4).inset(by: 1), line: 0)
        XCTAssertEqual(grid.renderText(), """
             ┌ Справка┐
             │漢字漢字│
             │        │
             └────────┘
            """)
        assertWideCharactersIntact(grid)
    }

    func testTinyBoxIsNotDrawn() {
        var grid = CellGrid(width: 3, height: 3)
        grid.box(Rect(row: 0, column: 0, width: 1, height: 3))
        XCTAssertEqual(grid, CellGrid(width: 3, height: 3))
    }

    func testStyledLinesInARect() {
        var grid = CellGrid(width: 8, height: 3)
        let written = grid.put(lines: [[StyledRun("one")], [StyledRun("two")], [StyledRun("three")], [StyledRun("four")]],
                               in: Rect(row: 1, column: 2, width: 4, height: 2))
        XCTAssertEqual(written, 2)
        XCTAssertEqual(grid.renderText(), """

              one
              two
            """)
    }

    func testClearResetsCellsAndCursor() {
        var grid = CellGrid(width: 3, height: 1)
        grid.put("abc", row: 0, column: 0)
        grid.cursor = CellPosition(row: 0, column: 1)
        grid.clear()
        XCTAssertEqual(grid, CellGrid(width: 3, height: 1))
    }

    func testManyOverlappingWritesKeepWideCharactersIntact() {
        var grid = CellGrid(width: 9, height: 2)
        let texts = ["漢字漢字漢", "a😀b", "字", "🇺🇦x", "Жé", "漢"]
        for step in 0..<60 {
            let text = texts[step % texts.count]
            grid.put(text, row: step % 2, column: (step * 7) % 11 - 1, limit: 9 - step % 3)
            assertWideCharactersIntact(grid)
        }
    }

    func testRectHelpers() {
        let rect = Rect(row: 1, column: 2, width: 10, height: 6)
        XCTAssertEqual(rect.inset(by: 1), Rect(row: 2, column: 3, width: 8, height: 4))
        XCTAssertEqual(rect.splitTop(2).top, Rect(row: 1, column: 2, width: 10, height: 2))
        XCTAssertEqual(rect.splitTop(2).rest, Rect(row: 3, column: 2, width: 10, height: 4))
        XCTAssertEqual(rect.splitBottom(1).bottom, Rect(row: 6, column: 2, width: 10, height: 1))
        XCTAssertEqual(rect.intersection(Rect(row: 0, column: 0, width: 5, height: 3)), Rect(row: 1, column: 2, width: 3, height: 2))
        XCTAssertTrue(rect.intersection(Rect(row: 20, column: 0, width: 5, height: 3)).isEmpty)
        XCTAssertEqual(Rect(row: 0, column: 0, width: 3, height: 3).inset(by: 2).width, 0)
    }
}
