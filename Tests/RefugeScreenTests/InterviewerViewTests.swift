import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
@testable import RefugeScreen
import RefugeSession
import XCTest

/// The interviewer's view (F12) speaks the interviewer's language in every word of the program
/// and shows choices in both languages; the client's view stays in the client's language and
/// hides the interviewer's marks. The view is remembered in the session.
final class InterviewerViewTests: XCTestCase {
    func russianSession() throws -> ScreenHarness {
        try ScreenHarness("Questionnaires/intake", language: "ru", interviewerLanguage: "en")
    }

    func testAfterF12FooterHelpMenuAndMessagesAreInTheInterviewersLanguage() throws {
        let h = try russianSession()
        h.screen.jump(to: AnswerRef("best_language"))
        XCTAssertTrue(h.text.contains("Enter ОК"), h.text)
        XCTAssertTrue(h.text.contains("Esc меню"), h.text)
        h.press(.function(12))
        XCTAssertTrue(h.text.contains("Enter OK"), h.text)
        XCTAssertTrue(h.text.contains("Esc menu"), h.text)
        XCTAssertFalse(h.text.contains("меню"), h.text)
        h.press(.enter)                                   // required, nothing chosen: the message is English
        XCTAssertTrue(h.text.contains("Please choose one"), h.text)
        h.press(.function(1))
        XCTAssertTrue(h.text.contains("Help"), h.text)
        XCTAssertTrue(h.text.contains("F5 Review all answers"), h.text)
        h.press(.escape, .escape)
        XCTAssertTrue(h.text.contains("Save and quit"), h.text)
        XCTAssertFalse(h.text.contains("Сохранить и выйти"), h.text)
        h.press(.escape, .function(5))
        XCTAssertTrue(h.text.contains("Review"), h.text)
        XCTAssertFalse(h.text.contains("Обзор"), h.text)
    }

    func testChoicesShowBothLanguagesOnlyInTheInterviewersView() throws {
        let h = try russianSession()
        h.screen.jump(to: AnswerRef("interpreter_needed"))
        XCTAssertTrue(h.text.contains("Да"), h.text)
        XCTAssertFalse(h.text.contains("Yes"), h.text)
        h.press(.function(12))
        XCTAssertTrue(h.text.contains("Да · Yes"), h.text)
        h.press(.function(12))
        XCTAssertFalse(h.text.contains("Yes"), "back in the client's view, only Russian:\n\(h.text)")
        XCTAssertTrue(h.text.contains("Esc меню"), h.text)
    }

    func testLawyerOnlyMarkAndItsMessageAreNotShownInTheClientsView() throws {
        let h = try russianSession()
        h.screen.jump(to: AnswerRef("full_name"))
        h.press(.function(7))
        XCTAssertTrue(h.interview.answers[AnswerRef("full_name")].lawyerOnly)
        XCTAssertFalse(h.text.contains("⚖"), h.text)
        XCTAssertFalse(h.text.contains("юрист"), "no “for the lawyer” message or key in the client's view:\n\(h.text)")
        h.press(.function(12))
        XCTAssertTrue(h.text.contains("⚖"), h.text)
        XCTAssertTrue(h.text.contains("for the lawyer only"), h.text)
    }

    func testTheViewIsRememberedInTheSession() throws {
        let h = try russianSession()
        XCTAssertFalse(h.screen.interviewerView)
        h.press(.function(12))
        XCTAssertTrue(try h.saved().interviewerView, "saved at once")
        let reopened = h.reopened()
        XCTAssertTrue(reopened.interviewerView)
        h.press(.function(12))
        XCTAssertFalse(try h.saved().interviewerView)
    }
}
