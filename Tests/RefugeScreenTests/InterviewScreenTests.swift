import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeExpressions
import RefugeScreen
import RefugeSession
import XCTest

/// Whole interviews of the example questionnaire driven by keys through every widget, with
/// what is saved checked on disk.
final class InterviewScreenTests: XCTestCase {
    func answer(_ h: ScreenHarness, _ id: String) -> Answer { h.interview.answers[AnswerRef(id)] }

    /// Drives the example from the first screen to `harmed_before` (shared by several tests).
    func driveToHarm(_ h: ScreenHarness) {
        h.press(.enter)                                  // welcome
        h.press(.down, .down, .enter)                    // interpreter: in the room
        h.type("Ana Pérez"); h.press(.enter)
        h.type("1990-04-02"); h.press(.enter)
        h.press(.character("9"))                         // other nationality: the cursor goes into its field
        h.type("Ukraine"); h.press(.enter)
        h.press(.character("1"), .character("3"), .enter) // Spanish, Mam
        h.type("~2024-09"); h.press(.enter)
        h.type("2024-11-03"); h.press(.enter)
        h.press(.character("n"), .enter)                 // never removed
        h.press(.character("y"), .enter)                 // family came
        h.press(.character("+")); h.type("Luis"); h.press(.enter)
        h.press(.character("2"), .enter)                 // child
        h.type("7"); h.press(.enter)
        h.press(.insert); h.type("Rosa"); h.press(.enter)
        h.press(.character("5")); h.type("aunt"); h.press(.enter)
        h.type("40"); h.press(.enter)
        h.press(.ctrl("n"))                              // the list is complete
        h.press(.character("y"), .enter)                 // family's own fear
        h.press(.enter)                                  // info
        h.press(.character("y"), .enter)                 // afraid
        h.type("They came to the shop."); h.press(.enter); h.type("We left that night."); h.press(.ctrl("n"))
    }

    func testWholeInterviewThroughEveryWidgetIsSaved() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        driveToHarm(h)
        h.press(.character("y"), .enter)                 // harmed
        h.type("~2023-06"); h.press(.enter)
        h.type("They burned our shop."); h.press(.ctrl("n"))
        h.press(.function(6), .down, .enter)             // phone: prefer not to say
        h.press(.character("y"), .enter)                 // consent
        XCTAssertEqual(h.screen.cursor, .end)
        h.screen.tick(at: 1_000)                         // an idle moment writes the position
        let saved = try h.saved()
        let a = saved.answers
        XCTAssertEqual(a[AnswerRef("interpreter_used")].value, .choice("in_person"))
        XCTAssertEqual(a[AnswerRef("full_name")].value, .text("Ana Pérez"))
        XCTAssertEqual(a[AnswerRef("birth_date")].value, .date(PartialDate(year: 1990, month: 4, day: 2)))
        XCTAssertEqual(a[AnswerRef("nationality")].value, .choice("other"))
        XCTAssertEqual(a[AnswerRef("nationality")].otherText, "Ukraine")
        XCTAssertEqual(a[AnswerRef("languages_spoken")].value, .choices(["es", "mam"]))
        XCTAssertEqual(a[AnswerRef("left_country_date")].value, .date(PartialDate(year: 2024, month: 9, approximate: true)))
        XCTAssertEqual(a[AnswerRef("removed_before")].value, .choice("no"))
        let family = a.entries(of: "family")
        XCTAssertEqual(family.count, 2)
        XCTAssertEqual(family[1].answers["family_relation"]?.value, .choice("other"))
        XCTAssertEqual(family[1].answers["family_relation"]?.otherText, "aunt")
        XCTAssertEqual(family[0].answers["family_age"]?.value, .number(7))
        XCTAssertEqual(a[AnswerRef("family")].status, .answered)
        XCTAssertEqual(a[AnswerRef("why_left")].value, .text("They came to the shop.\nWe left that night."))
        XCTAssertEqual(a[AnswerRef("harm_date")].value, .date(PartialDate(year: 2023, month: 6, approximate: true)))
        XCTAssertEqual(a[AnswerRef("phone")].status, .refused)
        XCTAssertEqual(a[AnswerRef("consent")].value, .choice("yes"))
        XCTAssertNil(saved.position, "the end of the interview is saved as the position")
        h.expectScreen("example-end-80x24")
    }

    func testRequiredQuestionsAndConstraintsHoldTheInterviewUntilFixed() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .enter)
        h.press(.enter)                                  // empty name: required
        XCTAssertEqual(h.screen.cursor, .step("full_name"))
        h.expectScreen("example-required-80x24")
        h.type("A"); h.press(.enter)
        h.type("2999-01-01"); h.press(.enter)            // in the future: the constraint refuses it
        XCTAssertEqual(h.screen.cursor, .step("birth_date"))
        XCTAssertTrue(h.text.contains("This date is in the future."), h.text)
        h.press(.function(6), .enter)                    // don't know is always possible
        XCTAssertEqual(h.screen.cursor, .step("nationality"))
        XCTAssertEqual(answer(h, "birth_date").status, .dontKnow)
        XCTAssertEqual(answer(h, "birth_date").value, nil, "the refused date was never recorded")
    }

    func testGoingBackRemovesAndRestoresABranchWithItsAnswers() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        driveToHarm(h)
        h.press(.character("y"), .enter)
        h.type("2023-06"); h.press(.enter)
        XCTAssertEqual(h.screen.cursor, .step("harm_details"))
        h.press(.ctrl("p"), .ctrl("p"))                  // back to harmed_before
        XCTAssertEqual(h.screen.cursor, .step("harmed_before"))
        h.press(.character("n"), .enter)                 // the branch disappears
        XCTAssertEqual(h.screen.cursor, .step("phone"))
        XCTAssertFalse(h.interview.isOnPath(AnswerRef("harm_date")))
        XCTAssertEqual(answer(h, "harm_date").value, .date(PartialDate(year: 2023, month: 6)), "kept while off the path")
        h.press(.pageUp)
        h.press(.character("y"), .enter)                 // and comes back with its answer
        XCTAssertEqual(h.screen.cursor, .step("harm_date"))
        XCTAssertTrue(h.text.contains("2023-06"), h.text)
    }

    func testNotesFlagsReviewAndJump() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .down, .enter)
        h.type("Ana"); h.press(.enter)
        XCTAssertEqual(h.screen.cursor, .step("birth_date"))
        h.press(.function(3)); h.type("Unsure of the year"); h.press(.ctrl("n"))
        h.press(.function(4))
        XCTAssertEqual(answer(h, "birth_date").note, "Unsure of the year")
        XCTAssertTrue(answer(h, "birth_date").followUp)
        h.press(.function(7))
        XCTAssertTrue(answer(h, "birth_date").lawyerOnly)
        h.press(.function(9)); h.type("translated words"); h.press(.ctrl("n"))
        XCTAssertEqual(answer(h, "birth_date").translation, "translated words")
        h.press(.function(5))
        XCTAssertFalse(h.text.contains("lawyer only"), "the client's view shows no internal marks:\n\(h.text)")
        XCTAssertFalse(h.text.contains("⚖"), h.text)
        h.press(.escape, .function(12), .function(5))
        XCTAssertTrue(h.text.contains("lawyer only"), "the interviewer's view shows the marks:\n\(h.text)")
        h.expectScreen("example-review-80x24")
        h.press(.down, .enter)                           // jump to full_name
        XCTAssertEqual(h.screen.cursor, .step("full_name"))
        XCTAssertTrue(try h.saved().answers[AnswerRef("birth_date")].followUp, "marks are saved at once")
    }

    func testTypedTextIsADraftUntilConfirmed() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .enter)
        h.screen.handle(.character("A"), at: 10)
        h.screen.handle(.character("n"), at: 10.2)
        h.screen.tick(at: 10.5)
        XCTAssertNil(try h.saved().answers[AnswerRef("full_name")].draft, "not yet a second")
        h.screen.tick(at: 11.1)
        XCTAssertEqual(try h.saved().answers[AnswerRef("full_name")].draft, "An", "saved as a draft within a second")
        h.press(.ctrl("p"))                              // leaving keeps the draft
        h.press(.enter)                                  // and it comes back in the field
        XCTAssertTrue(h.text.contains("›An"), h.text)
        h.press(.enter)
        XCTAssertEqual(try h.saved().answers[AnswerRef("full_name")].value, .text("An"))
        XCTAssertNil(try h.saved().answers[AnswerRef("full_name")].draft)
    }

    func testDeletingAnEntryAsksFirst() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        driveToHarm(h)
        h.press(.ctrl("p"), .ctrl("p"), .ctrl("p"), .ctrl("p"), .ctrl("p"))
        XCTAssertEqual(h.screen.cursor, .step("family"))
        h.press(.down, .delete)
        XCTAssertTrue(h.text.contains("Delete entry 2?"), h.text)
        h.press(.character("x"))                         // anything else keeps it
        XCTAssertEqual(h.interview.entries(of: "family").count, 2)
        h.press(.delete, .character("y"))
        XCTAssertEqual(h.interview.entries(of: "family").map { $0.entry.answers["family_name"]?.value }, [.text("Luis")])
    }

    func testLanguageSwitchAndResize() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .enter)
        h.press(.function(2))
        XCTAssertEqual(h.screen.language, "es")
        XCTAssertEqual(try h.saved().language, "es", "the language is saved as the session's")
        h.expectScreen("example-name-es-80x24")
        h.press(.resize(width: 60, height: 20))
        h.expectScreen("example-small-60x20")
        h.type("ignored while too small")
        h.press(.resize(width: 80, height: 24))
        XCTAssertFalse(h.text.contains("ignored"), h.text)
        XCTAssertTrue(h.text.contains("¿Cuál es su nombre completo?"), h.text)
    }

    func testCtrlCSavesTheDraftAndQuits() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .enter)
        h.type("Half typed")
        XCTAssertEqual(h.screen.handle(.ctrl("c")), .quit)
        let saved = try h.saved()
        XCTAssertEqual(saved.answers[AnswerRef("full_name")].draft, "Half typed")
        XCTAssertEqual(saved.position?.itemID, "full_name")
    }
}
