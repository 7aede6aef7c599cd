import RefugeCanvas
import XCTest

final class TextFittingTests: XCTestCase {
    func testShortTextIsUnchanged() {
        XCTAssertEqual("Анкета".truncated(toWidth: 6), "Анкета")
        XCTAssertEqual("".truncated(toWidth: 3), "")
    }

    func testLongTextEndsWithAnEllipsis() {
        XCTAssertEqual("Credible fear interview".truncated(toWidth: 10), "Credible …")
        XCTAssertEqual("漢字漢字".truncated(toWidth: 6), "漢字…", "a wide character that does not fit is left out whole")
        XCTAssertEqual("👨‍👩‍👧👨‍👩‍👧".truncated(toWidth: 3), "👨‍👩‍👧…")
        XCTAssertEqual("abcdef".truncated(toWidth: 4, ellipsis: "..."), "a...")
        XCTAssertEqual("abcdef".truncated(toWidth: 2, ellipsis: "..."), "..")
        XCTAssertEqual("abcdef".truncated(toWidth: 0), "")
    }

    func testCenteredLine() {
        var grid = CellGrid(width: 12, height: 3)
        grid.putCentered("Увеличьте", in: grid.bounds, line: 1, style: Style(role: .warning))
        XCTAssertEqual(grid.renderText(), "\n Увеличьте\n")
        XCTAssertEqual(grid[1, 1].style.role, .warning)
        grid.putCentered("Please enlarge this window", in: Rect(row: 0, column: 2, width: 8, height: 1), line: 0)
        XCTAssertEqual(grid.text(row: 0), "  Please …  ")
    }
}
