import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeExpressions
@testable import RefugeScreen
import RefugeSession
import XCTest

/// Nothing typed is lost, checks when they happen, where am I, and typing as a terminal user
/// expects.
final class WhereAmITests: XCTestCase {
    func testANoteBeingTypedIsADraftOnTheTimerAndComesBackWhenReopened() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .down, .enter)
        h.screen.handle(.function(3), at: 10)
        h.screen.handle(.character("N"), at: 10)
        h.screen.handle(.character("o"), at: 10.1)
        h.screen.tick(at: 10.5)
        XCTAssertNil(try h.saved().pendingText, "not yet a second")
        h.screen.tick(at: 11.2)
        XCTAssertEqual(try h.saved().pendingText?.text, "No", "saved within a second, like an answer's draft")
        XCTAssertEqual(try h.saved().pendingText?.kind, .note)
        let reopened = h.reopened()
        guard case .note(let editor)? = reopened.overlay else { return XCTFail("the note is open again") }
        XCTAssertEqual(editor.text, "No")
        reopened.handle(.character("t"))
        reopened.handle(.ctrl("n"))
        XCTAssertEqual(try h.saved().answers[AnswerRef("full_name")].note, "Not")
        XCTAssertNil(try h.saved().pendingText, "the draft goes once the note is saved")
    }

    func testATranslationBeingTypedIsSavedWhenTheProgramStops() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .down, .enter)
        h.press(.function(9)); h.type("She said")
        h.screen.prepareToStop()
        let pending = try XCTUnwrap(try h.saved().pendingText)
        XCTAssertEqual(pending.kind, .translation)
        XCTAssertEqual(pending.text, "She said")
        h.press(.escape)                                     // cancelled: the draft goes too
        XCTAssertNil(try h.saved().pendingText)
    }

    func testACheckThatFiresOnTheAnswerJustConfirmedIsShownToTheInterviewerAtOnce() throws {
        for interviewer in [false, true] {
            let h = try ScreenHarness("Questionnaires/example-intake.yaml")
            if interviewer { h.press(.function(12)) }
            h.press(.enter, .down, .down, .enter)
            h.type("Ana"); h.press(.enter)
            h.press(.enter)                                   // birth date skipped
            h.press(.character("3"), .enter)                  // Honduras
            h.press(.enter, .enter)                           // languages, leaving date: skipped
            h.type("2024-11-03"); h.press(.enter)
            XCTAssertEqual(h.screen.cursor, .step("removed_before"))
            h.press(.character("y"), .enter)                  // removed before: the prior_removal check holds
            XCTAssertEqual(h.screen.cursor, .step("family_with_you"), "the check does not block")
            if interviewer {
                XCTAssertTrue(h.text.contains("⚑ Prior removal"), "shown at once:\n\(h.text)")
                h.press(.character("n"))                      // and it stays until the next answer
            } else {
                XCTAssertFalse(h.text.contains("Prior removal"), "not in the client's view:\n\(h.text)")
            }
        }
    }

    func testTheHeaderShowsTheSessionsLabel() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        XCTAssertTrue(h.text.hasPrefix(" S-1 · "), h.text)
    }

    func testAJumpFromTheReviewReturnsToTheReviewAfterConfirming() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .down, .enter)
        h.type("Ana"); h.press(.enter)
        h.press(.function(5), .down, .enter)                 // jump to full_name
        XCTAssertEqual(h.screen.cursor, .step("full_name"))
        h.press(.backspace, .backspace, .backspace); h.type("Rosa"); h.press(.enter)
        guard case .review(let row)? = h.screen.overlay else { return XCTFail("back on the review:\n\(h.text)") }
        XCTAssertEqual(row, 1)
        XCTAssertEqual(try h.saved().answers[AnswerRef("full_name")].value, .text("Rosa"))
    }

    func testAFinishedSessionResumesOnTheReview() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .down, .enter)
        h.type("Ana"); h.press(.enter)
        XCTAssertFalse(h.reopened().overlay != nil,
                       "a session in progress opens on its question")
        h.press(.function(5))
        for _ in 0..<40 { h.press(.end) }
        h.press(.escape)
        // Walk to the end.
        for _ in 0..<80 where h.screen.cursor != .end { h.press(.ctrl("n")); if h.screen.cursor != .end { h.press(.function(6), .enter) } }
        XCTAssertEqual(h.screen.cursor, .end)
        h.screen.prepareToStop()
        let reopened = h.reopened()
        guard case .review? = reopened.overlay else { return XCTFail("a finished session opens on the review") }
        XCTAssertEqual(reopened.cursor, .end)
    }

    func testReadlineKeysInATextField() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.press(.enter, .down, .down, .enter)
        h.type("Ana Maria Perez")
        h.press(.ctrl("w"))
        XCTAssertEqual(h.screen.widget.editor?.text, "Ana Maria ")
        h.press(.left, .left, .left, .left, .left, .left)
        h.press(.ctrl("k"))
        XCTAssertEqual(h.screen.widget.editor?.text, "Ana ")
        h.press(.ctrl("u"))
        XCTAssertEqual(h.screen.widget.editor?.text, "")
    }

    func testNumberFieldsRefuseLettersAsTypedAndIntegerFieldsRefuseFractions() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        let age = try XCTUnwrap(h.screen.questionnaire.item("family_age"))
        h.press(.enter, .down, .down, .enter)
        h.type("Ana"); h.press(.enter)
        h.press(.enter)                                       // birth date skipped
        h.press(.character("3"), .enter)                      // Honduras
        h.press(.enter, .enter)
        h.type("2024-11-03"); h.press(.enter)
        h.press(.character("n"), .enter, .character("y"), .enter, .character("+"))
        h.type("Luis"); h.press(.enter, .character("2"), .enter)
        XCTAssertEqual(h.screen.currentItem?.id, "family_age")
        h.type("seven")
        XCTAssertEqual(h.screen.widget.editor?.text, "", "letters are refused as they are typed")
        XCTAssertTrue(h.text.contains(age.integerOnly ? "whole number" : "number"), h.text)
        h.type("7")
        if age.integerOnly {
            h.type(".5")
            XCTAssertEqual(h.screen.widget.editor?.text, "75", "a whole-number question refuses the point")
        }
    }

    func testADateWithADayAbove12IsNotAmbiguous() {
        XCTAssertEqual(try? PartialDate.parseTyped("21/09/1990").get(), PartialDate(year: 1990, month: 9, day: 21))
        XCTAssertEqual(try? PartialDate.parseTyped("09/21/1990").get(), PartialDate(year: 1990, month: 9, day: 21))
        guard case .failure(.ambiguous) = PartialDate.parseTyped("03/04/1990") else { return XCTFail("3 April or 4 March") }
        guard case .failure = PartialDate.parseTyped("21/13/1990") else { return XCTFail("no month 13 or 21") }
    }

    func testPageKeysScrollALongTextInsteadOfLeaving() throws {
        let h = try ScreenHarness("Questionnaires/example-intake.yaml")
        h.screen.jump(to: AnswerRef("why_left"))
        for i in 1...30 { h.type("line \(i)"); h.press(.enter) }
        h.press(.pageUp)
        XCTAssertEqual(h.screen.cursor, .step("why_left"), "PgUp stays in the text")
        XCTAssertFalse(h.text.contains("line 30"), h.text)
        h.press(.pageDown, .pageDown, .pageDown)
        XCTAssertEqual(h.screen.cursor, .step("why_left"), "PgDn stays in the text")
        XCTAssertTrue(h.text.contains("line 30"), h.text)
    }
}
