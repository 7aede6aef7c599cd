import RefugeCanvas
import RefugeText
import XCTest

/// Text from RefugeText (fitted lines, rendered Markdown) drawn into the grid.
final class TextInGridTests: XCTestCase {
    func testCenteredLine() {
        var grid = CellGrid(width: 12, height: 3)
        grid.putCentered("Увеличьте", in: grid.bounds, line: 1, style: Style(role: .warning))
        XCTAssertEqual(grid.renderText(), "\n Увеличьте\n")
        XCTAssertEqual(grid[1, 1].style.role, .warning)
        grid.putCentered("Please enlarge this window", in: Rect(row: 0, column: 2, width: 8, height: 1), line: 0)
        XCTAssertEqual(grid.text(row: 0), "  Please …  ")
    }

    func testDrawnIntoAGrid() {
        var grid = CellGrid(width: 14, height: 3)
        grid.put(lines: MarkdownRenderer.render("- **Да** или нет, решайте сами", width: 14), in: grid.bounds)
        XCTAssertEqual(grid.renderText(), """
            • Да или нет,
              решайте сами
            """ + "\n")
        XCTAssertTrue(grid[0, 2].style.bold)
        XCTAssertFalse(grid[0, 4].style.bold)
    }
}
