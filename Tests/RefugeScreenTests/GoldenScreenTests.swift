import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeScreen
import XCTest

/// Golden screens of every widget at 80x24 and 120x40, in English and in Russian.
final class GoldenScreenTests: XCTestCase {
    /// Keys that bring the intake questionnaire to each widget, from its first screen.
    static let intakeStops: [(name: String, keys: [KeyEvent])] = [
        ("info", []),
        ("text", [.enter]),
        ("date", [.enter, .ctrl("n"), .ctrl("n"), .ctrl("n")]),
        ("choice", [.enter, .ctrl("n"), .ctrl("n"), .ctrl("n"), .ctrl("n")]),
    ]

    func capture(_ questionnaire: String, language: String, size: (Int, Int), keys: [KeyEvent], type: String? = nil,
                 interviewer: Bool = false) throws -> ScreenHarness {
        let h = try ScreenHarness(questionnaire, language: language, width: size.0, height: size.1)
        for k in keys { h.screen.handle(k) }
        if let type { h.type(type) }
        if interviewer { h.press(.function(12)) }
        return h
    }

    func testEveryWidgetInEnglishAndRussianAtTwoSizes() throws {
        for language in ["en", "ru"] {
            for size in [(80, 24), (120, 40)] {
                let tag = "\(language)-\(size.0)x\(size.1)"
                let q = "Questionnaires/intake"
                let h = try ScreenHarness(q, language: language, width: size.0, height: size.1)
                h.expectScreen("intake-info-\(tag)")
                h.press(.enter); h.type(language == "ru" ? "Оксана Петренко" : "Oksana Petrenko")
                h.expectScreen("intake-text-\(tag)")
                h.press(.enter, .enter, .enter)
                h.type(language == "ru" ? "сентябрь 1990" : "Sept 1990")
                h.expectScreen("intake-date-\(tag)")
                h.press(.enter)
                h.expectScreen("intake-choice-\(tag)")
                h.press(.down, .enter)                        // the first row, chosen
                h.expectScreen("intake-choice2-\(tag)")
                h.press(.down, .enter)
                h.press(.character("1"), .character("2"))
                h.expectScreen("intake-multichoice-\(tag)")
                h.press(.enter)
                h.press(.character(language == "ru" ? "д" : "y"))
                h.expectScreen("intake-yesno-\(tag)")
                h.press(.enter, .character("y"), .enter)
                h.expectScreen("intake-repeat-\(tag)")
                h.press(.character("+"))
                h.expectScreen("intake-repeat-field-\(tag)")
                h.press(.function(1))
                h.expectScreen("intake-help-\(tag)")
                h.press(.escape, .escape)
                h.expectScreen("intake-menu-\(tag)")
                h.press(.escape, .ctrl("p"), .ctrl("n"), .function(12))
                h.expectScreen("intake-interviewer-\(tag)")
            }
        }
    }

    /// From the first screen of the example to the question after `family_with_you`.
    func throughJourney(_ h: ScreenHarness, family: Bool) {
        h.press(.enter, .down, .down, .enter)
        h.type("Ana"); h.press(.enter)
        h.press(.enter)                                       // birth date skipped
        h.press(.character("3"), .enter)                      // Honduras
        h.press(.enter)                                       // no languages chosen: none of these
        h.press(.enter)                                       // left: skipped
        h.type("2024-11-03"); h.press(.enter)
        h.press(.character("n"), .enter)
        h.press(.character(family ? "y" : "n"), .enter)
    }

    func testLongTextAndNumberWidgets() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml", width: 80, height: 24)
        throughJourney(h, family: true)
        h.press(.character("+")); h.type("Luis"); h.press(.enter, .character("2"), .enter)
        h.type("seven")                                       // refused as typed, with the reason
        XCTAssertEqual(h.screen.cursor, .field(repeatID: "family", entryID: "e1", field: "family_age"))
        h.expectScreen("example-number-error-80x24")

        let long = try ScreenHarness("Questionnaires/example-intake.yaml", width: 80, height: 24)
        throughJourney(long, family: false)
        long.press(.enter)                                    // the info screen
        long.press(.character("y"), .enter)
        XCTAssertEqual(long.screen.cursor, .step("why_left"))
        long.type("Они пришли в магазин. 我们 👨‍👩‍👧 left at night, and the road was long and dark and cold. ")
        long.press(.enter)
        long.type("Second paragraph.")
        long.expectScreen("example-longtext-80x24")
        long.press(.backspace, .backspace)
        long.press(.ctrl("n"))
        XCTAssertEqual(long.interview.answers[.init("why_left")].value,
                       .text("Они пришли в магазин. 我们 👨‍👩‍👧 left at night, and the road was long and dark and cold. \nSecond paragrap"))
    }
}
