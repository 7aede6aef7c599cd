import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeScreen
import RefugeSession
import XCTest

/// No answer without a choice: a list starts with nothing chosen, Enter on it records nothing,
/// a filter that hides every row chooses nothing, and "other" text is typed where it shows.
final class ChoiceSelectionTests: XCTestCase {
    static let fixture = "Tests/RefugeScreenTests/Fixtures/choices.yaml"

    func answer(_ h: ScreenHarness, _ id: String) throws -> Answer { try h.saved().answers[AnswerRef(id)] }

    func testRequiredUntouchedChoiceSaysChooseOneAndRecordsNothing() throws {
        let h = try ScreenHarness(Self.fixture)
        XCTAssertFalse(h.text.contains("(●)"), "nothing is marked before the client chooses:\n\(h.text)")
        h.press(.enter)
        XCTAssertEqual(h.screen.cursor, .step("required_pick"))
        XCTAssertTrue(h.text.contains("or F6"), h.text)
        h.press(.ctrl("n"))
        XCTAssertEqual(h.screen.cursor, .step("required_pick"))
        XCTAssertNil(try answer(h, "required_pick").status)
        h.press(.down, .enter)                            // the first key lands on the first row
        XCTAssertEqual(try answer(h, "required_pick").value, .choice("red"))
    }

    func testOptionalUntouchedChoiceIsSkippedWithNoAnswer() throws {
        let h = try ScreenHarness(Self.fixture)
        h.press(.character("2"), .enter)
        XCTAssertEqual(h.screen.cursor, .step("optional_pick"))
        h.press(.enter)
        XCTAssertEqual(h.screen.cursor, .step("long_pick"))
        XCTAssertNil(try answer(h, "optional_pick").status)
        XCTAssertNil(try answer(h, "optional_pick").value)
    }

    func testAnAnsweredChoiceComesBackChosenAndIsKept() throws {
        let h = try ScreenHarness(Self.fixture)
        h.press(.character("2"), .enter, .character("1"), .enter)
        XCTAssertEqual(try answer(h, "optional_pick").value, .choice("apple"))
        h.press(.ctrl("p"))
        XCTAssertTrue(h.text.contains("(●) Apple"), h.text)
        h.press(.ctrl("n"))                                // still chosen: kept
        XCTAssertEqual(try answer(h, "optional_pick").value, .choice("apple"))
    }

    func testAFilterThatMatchesNothingChoosesNothing() throws {
        let h = try ScreenHarness(Self.fixture)
        h.press(.character("2"), .enter, .enter)
        XCTAssertEqual(h.screen.cursor, .step("long_pick"))
        h.press(.down)                                     // "One" highlighted, then hidden by the filter
        h.type("zzz")
        XCTAssertFalse(h.text.contains("(●)"), h.text)
        h.press(.enter)
        XCTAssertEqual(h.screen.cursor, .step("many_pick"))
        XCTAssertNil(try answer(h, "long_pick").value, "a hidden row was recorded")
    }

    func testAFilterChoosesOnlyAVisibleRow() throws {
        let h = try ScreenHarness(Self.fixture)
        h.press(.character("2"), .enter, .enter)
        h.type("sev")
        XCTAssertTrue(h.text.contains("(●) Seven"), h.text)
        h.press(.enter)
        XCTAssertEqual(try answer(h, "long_pick").value, .choice("seven"))
    }

    func testOtherTextTakesDigitsAndSpacesInASingleChoice() throws {
        let h = try ScreenHarness(Self.fixture)
        h.press(.character("2"), .enter, .enter)
        h.press(.end)                                      // "Other" is the last row
        h.press(.tab)
        h.type("el vecino 2")
        XCTAssertTrue(h.text.contains("↑/Tab back to the list"), "the footer says how to go back:\n\(h.text)")
        h.press(.enter)
        XCTAssertEqual(try answer(h, "long_pick").value, .choice("other"))
        XCTAssertEqual(try answer(h, "long_pick").otherText, "el vecino 2")
    }

    func testOtherTextTakesDigitsAndSpacesInAMultichoice() throws {
        let h = try ScreenHarness(Self.fixture)
        h.press(.character("2"), .enter, .enter, .enter)
        XCTAssertEqual(h.screen.cursor, .step("many_pick"))
        h.press(.character("1"), .character("3"))          // police, other: the cursor goes into the field
        h.type("el vecino 2")
        h.press(.enter)
        let a = try answer(h, "many_pick")
        XCTAssertEqual(a.value, .choices(["police", "other"]))
        XCTAssertEqual(a.otherText, "el vecino 2")
    }

    func testUntouchedMultichoiceRecordsNothing() throws {
        let h = try ScreenHarness(Self.fixture)
        h.press(.character("2"), .enter, .enter, .enter)
        h.press(.enter)
        XCTAssertEqual(h.screen.cursor, .step("done"))
        XCTAssertNil(try answer(h, "many_pick").value)
    }
}
