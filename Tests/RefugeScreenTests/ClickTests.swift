import Foundation
import RefugeCanvas
import RefugeEngine
@testable import RefugeScreen
import XCTest

/// A client who points: a click chooses a row, yes or no, or a menu entry; under an open panel
/// nothing is reached.
final class ClickTests: XCTestCase {
    /// The cell where `text` starts on the screen as drawn now.
    func cell(of text: String, in h: ScreenHarness) throws -> (row: Int, column: Int) {
        let lines = h.screen.view().renderText().components(separatedBy: "\n")
        for (row, line) in lines.enumerated() {
            if let range = line.range(of: text) { return (row, line.distance(from: line.startIndex, to: range.lowerBound)) }
        }
        struct NotOnScreen: Error, CustomStringConvertible { var text: String; var description: String { "“\(text)” is not on the screen" } }
        throw NotOnScreen(text: text)
    }

    func click(_ text: String, _ h: ScreenHarness) throws {
        let at = try cell(of: text, in: h)
        h.press(.click(row: at.row, column: at.column))
    }

    func testAClickChoosesARowAndEnterConfirmsIt() throws {
        let h = try ScreenHarness(ChoiceSelectionTests.fixture)
        try click("Blue", h)
        XCTAssertEqual(h.screen.widget.highlight, 1)
        XCTAssertTrue(h.text.contains("(●) Blue"), h.text)
        h.press(.enter)
        XCTAssertEqual(try h.saved().answers[AnswerRef("required_pick")].value, .choice("blue"))
    }

    func testAClickOnYesOrNo() throws {
        let h = try ScreenHarness(ChoiceSelectionTests.fixture)
        h.screen.jump(to: AnswerRef("done"))
        try click("No", h)
        XCTAssertEqual(h.screen.widget.highlight, 1)
    }

    func testAClickOnAMenuEntryAndNothingUnderAPanel() throws {
        let h = try ScreenHarness(ChoiceSelectionTests.fixture)
        h.press(.escape)
        let blue = try cell(of: "Blue", in: h)
        h.press(.click(row: blue.row, column: blue.column))
        XCTAssertEqual(h.screen.widget.highlight, -1, "the list under the menu is not reached")
        try click("Review all answers", h)
        guard case .review? = h.screen.overlay else { return XCTFail("the review opened:\n\(h.text)") }
    }
}
