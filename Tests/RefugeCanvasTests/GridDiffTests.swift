import RefugeCanvas
import RefugeText
import XCTest

final class GridDiffTests: XCTestCase {
    private func grid(_ rows: [String], width: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: rows.count)
        for (row, text) in rows.enumerated() {
            grid.put(text, row: row, column: 0)
        }
        return grid
    }

    func testIdenticalFramesNeedNothing() {
        let frame = grid(["Да 漢字", "line"], width: 8)
        XCTAssertEqual(GridDiff.changes(from: frame, to: frame), [])
    }

    func testFirstFrameOrNewSizeIsAFullRedraw() {
        let frame = grid(["ab", "cd"], width: 2)
        let runs = GridDiff.changes(from: nil, to: frame)
        XCTAssertEqual(runs.map(\.row), [0, 1])
        XCTAssertEqual(runs.map(\.column), [0, 0])
        XCTAssertEqual(runs[1].cells.map(\.text), ["c", "d"])
        XCTAssertEqual(GridDiff.changes(from: grid(["ab"], width: 2), to: frame).count, 2)
    }

    func testOnlyChangedCellsAreSent() {
        let before = grid(["hello world", "unchanged"], width: 12)
        let after = grid(["hallo world!", "unchanged"], width: 12)
        let runs = GridDiff.changes(from: before, to: after)
        XCTAssertEqual(runs, [
            CellRun(row: 0, column: 1, cells: [Cell("a")]),
            CellRun(row: 0, column: 11, cells: [Cell("!")]),
        ])
    }

    func testAdjacentChangesFormOneRun() {
        let runs = GridDiff.changes(from: grid(["abcd"], width: 4), to: grid(["aXYd"], width: 4))
        XCTAssertEqual(runs, [CellRun(row: 0, column: 1, cells: [Cell("X"), Cell("Y")])])
    }

    func testStyleChangesCount() {
        let before = grid(["abc"], width: 3)
        var after = before
        after.put("b", row: 0, column: 1, style: Style(role: .selection))
        XCTAssertEqual(GridDiff.changes(from: before, to: after), [
            CellRun(row: 0, column: 1, cells: [Cell("b", style: Style(role: .selection))]),
        ])
    }

    func testWideCharactersAreSentWhole() {
        let before = grid(["a漢b"], width: 4)
        var after = before
        after.put("字", row: 0, column: 1)
        XCTAssertEqual(GridDiff.changes(from: before, to: after), [
            CellRun(row: 0, column: 1, cells: [Cell("字"), .continuation(.plain)]),
        ])
        // Only the continuation cell differs (its style): the run still starts at the wide character.
        var styled = before
        styled.put("漢", row: 0, column: 1, style: Style(role: .accent))
        var halfChanged = styled
        halfChanged.put("漢", row: 0, column: 1, style: Style(role: .accent))
        XCTAssertEqual(GridDiff.changes(from: styled, to: halfChanged), [])
        let mixed = grid(["a漢b"], width: 4)
        var replaced = mixed
        replaced.put("xy", row: 0, column: 1)
        XCTAssertEqual(GridDiff.changes(from: mixed, to: replaced), [
            CellRun(row: 0, column: 1, cells: [Cell("x"), Cell("y")]),
        ])
        var shifted = mixed
        shifted.put("c", row: 0, column: 0)
        shifted.put("漢", row: 0, column: 2)
        let runs = GridDiff.changes(from: mixed, to: shifted)
        XCTAssertEqual(runs.first?.column, 0)
        for run in runs {
            XCTAssertFalse(run.cells.first?.isContinuation ?? true, "a run never starts with half a character")
            if let last = run.cells.last {
                XCTAssertNotEqual(last.width, 2, "a run never ends before a continuation")
            }
        }
    }

    func testApplyingTheChangesGivesTheNextFrame() {
        let frames = [
            grid(["Анкета · 問卷", "> Да / Yes", "  Нет / No"], width: 14),
            grid(["Анкета · 問卷", "  Да / Yes", "> Нет / No"], width: 14),
            grid(["Help 帮助 😀", "", "🇺🇦 e\u{301} 漢字漢字"], width: 14),
            grid(["漢字漢字漢字漢", " 漢字漢字漢字", "a"], width: 14),
        ]
        for (index, previous) in frames.enumerated() {
            for next in frames[index...] + frames[..<index] {
                let runs = GridDiff.changes(from: previous, to: next)
                XCTAssertEqual(GridDiff.apply(runs, to: previous).cells, next.cells)
                for run in runs {
                    XCTAssertFalse(run.cells.first?.isContinuation ?? true)
                    XCTAssertNotEqual(run.cells.last?.width, 2)
                }
            }
        }
    }
}

final class GridDiffRunJoiningTests: XCTestCase {
    func testRunsRightAfterAWideCharacterAreJoined() {
        var before = CellGrid(width: 4, height: 1)
        before.put("漢b", row: 0, column: 0)
        var after = CellGrid(width: 4, height: 1)
        after.put("字c", row: 0, column: 0)
        XCTAssertEqual(GridDiff.changes(from: before, to: after), [
            CellRun(row: 0, column: 0, cells: [Cell("字"), .continuation(.plain), Cell("c")]),
        ])
    }

    func testAGridCannotBeFilledWithHalvesOfCharacters() {
        let grid = CellGrid(width: 3, height: 1, fill: .continuation(Style(role: .accent)))
        XCTAssertEqual(grid[0, 1], Cell(" ", style: Style(role: .accent)))
        assertWideCharactersIntact(grid)
        XCTAssertEqual(CellGrid(width: 3, height: 1, fill: Cell("漢")).text(row: 0), "   ")
    }
}
