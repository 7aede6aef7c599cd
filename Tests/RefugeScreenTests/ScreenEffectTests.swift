import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
@testable import RefugeScreen
import RefugeSession
import XCTest

/// The interview and home screens with no session folder and no file system: a session value
/// in memory, keys in, effects out. Failures (a full disk, a read-only one) are messages the
/// screen is sent, not folders taken away.
final class ScreenEffectTests: XCTestCase {
    static let questionnaire: Questionnaire = {
        let path = ScreenHarness.root.appendingPathComponent("Questionnaires/example-intake.yaml").path
        return QuestionnaireLoader.load(path: path).questionnaire!
    }()

    /// A screen over a new session that exists only in memory.
    func screen(_ options: InterviewOptions = InterviewOptions()) -> InterviewScreen {
        let q = Self.questionnaire
        let created = Date(timeIntervalSince1970: 1_795_000_000)
        let session = NewSession.make(id: "inmemory1", questionnaire: q, language: "en", interviewerLanguage: "en",
                                      label: "M-1", now: created, timeZone: TimeZone(identifier: "UTC")!)
        return InterviewScreen(model: SessionModel(session: session, questionnaire: q, now: { created }), width: 80, height: 24, options: options)
    }

    @discardableResult
    func press(_ s: InterviewScreen, _ keys: KeyEvent..., at time: Double = 0) -> [InterviewEffect] {
        keys.flatMap { s.update(.key($0, at: time)) }
    }

    func type(_ s: InterviewScreen, _ text: String, at time: Double = 0) -> [InterviewEffect] {
        text.flatMap { s.update(.key(.character($0), at: time)) }
    }

    /// The sessions the effects ask to save, with why.
    func saves(_ effects: [InterviewEffect]) -> [(Session, InterviewEffect.SaveKind)] {
        effects.compactMap { if case .save(let s, let kind, _) = $0 { return (s, kind) } else { return nil } }
    }

    func text(_ s: InterviewScreen) -> String { s.view().renderText() }

    /// Welcome, then the interpreter question answered: the cursor on the full name.
    func onFullName(_ s: InterviewScreen) {
        press(s, .enter, .down, .enter)
        XCTAssertEqual(s.cursor, .step("full_name"))
    }

    func testConfirmingAnAnswerAsksForOneSaveHoldingIt() {
        let s = screen()
        XCTAssertTrue(saves(press(s, .enter)).isEmpty, "moving past the welcome screen saves nothing yet")
        let chosen = saves(press(s, .down, .enter))
        XCTAssertEqual(chosen.count, 1, "one key, one save")
        XCTAssertEqual(chosen.first?.1, .change)
        XCTAssertEqual(chosen.first?.0.answers[AnswerRef("interpreter_used")].value, .choice("none"))
        XCTAssertEqual(chosen.first?.0.position?.itemID, "full_name", "the move rides along with the answer")
        XCTAssertTrue(saves(type(s, "Ana")).isEmpty, "typing alone is not saved at once")
        let confirmed = saves(press(s, .enter))
        XCTAssertEqual(confirmed.map(\.1), [.change])
        XCTAssertEqual(confirmed.first?.0.answers[AnswerRef("full_name")].value, .text("Ana"))
        XCTAssertEqual(confirmed.first?.0.history.last?.question, "full_name")
    }

    func testADraftIsSavedOnTheTimerAndAMoveOnTheIdleTick() {
        let s = screen()
        onFullName(s)
        _ = type(s, "An", at: 5)
        XCTAssertTrue(saves(s.update(.tick(at: 5.5))).isEmpty, "not yet a second")
        let draft = saves(s.update(.tick(at: 6.2)))
        XCTAssertEqual(draft.map(\.1), [.draft])
        XCTAssertEqual(draft.first?.0.answers[AnswerRef("full_name")].draft, "An")
        XCTAssertTrue(saves(s.update(.tick(at: 9))).isEmpty, "nothing new: nothing written")
        let back = saves(press(s, .ctrl("p")))
        XCTAssertTrue(back.isEmpty || back.allSatisfy { $0.1 == .draft }, "a move alone is not a change")
        let moved = saves(s.update(.tick(at: 12)))
        XCTAssertEqual(moved.map(\.1), [.position], "the idle tick writes where the person is")
        XCTAssertEqual(moved.first?.0.position?.itemID, "interpreter_used")
    }

    func testAFullDiskIsAMessageTheScreenShowsAndOnlyRetryingSavesAgain() {
        let s = screen()
        onFullName(s)
        _ = type(s, "Ana")
        XCTAssertEqual(saves(press(s, .enter)).count, 1)
        XCTAssertTrue(s.update(.saveFailed("the disk is full (ENOSPC)")).isEmpty)
        XCTAssertTrue(s.hasUnsavedChanges)
        XCTAssertTrue(text(s).contains("could not be saved"), text(s))
        XCTAssertTrue(text(s).contains("disk is full"), text(s))
        XCTAssertEqual(s.interview.answers[AnswerRef("full_name")].value, .text("Ana"), "the answer stays in memory")
        let idle = press(s, .character("x"), .down, .character("y"), .enter, .up) + (1...5).flatMap { s.update(.tick(at: Double($0) * 10)) }
        XCTAssertTrue(idle.isEmpty, "keys and idle ticks start no save while the failure is shown: \(idle.count) effects")
        let retry = saves(press(s, .character("r")))
        XCTAssertEqual(retry.map(\.1), [.retry], "r tries once")
        XCTAssertTrue(s.update(.saved).isEmpty)
        XCTAssertFalse(s.hasUnsavedChanges)
        XCTAssertFalse(text(s).contains("could not be saved"), text(s))
    }

    func testQuittingWaitsForTheSaveAndQuitsWhenItIsDone() {
        let s = screen()
        onFullName(s)
        _ = type(s, "Ana")
        let quitting = press(s, .ctrl("c"))
        XCTAssertEqual(saves(quitting).count, 1, "the draft and the position are written first")
        XCTAssertEqual(saves(quitting).first?.0.answers[AnswerRef("full_name")].draft, "Ana")
        XCTAssertFalse(quitting.contains(.quit), "not before the file has it")
        XCTAssertFalse(s.wantsToQuit)
        XCTAssertEqual(s.update(.saved), [.quit])
        XCTAssertTrue(s.wantsToQuit)
        XCTAssertFalse(s.quitWithUnsavedChanges)
    }

    func testQuittingOnAReadOnlyDiskOffersARescueCopyAndQuitsOnlyAfterOne() {
        let rescue = URL(fileURLWithPath: "/media/stick")
        let s = screen(InterviewOptions(rescueFolder: rescue))
        onFullName(s)
        _ = type(s, "Ana")
        _ = press(s, .ctrl("c"))
        XCTAssertTrue(s.update(.saveFailed("read-only file system (EROFS)")).isEmpty)
        XCTAssertFalse(s.wantsToQuit)
        XCTAssertTrue(text(s).contains("Quitting now would lose them"), text(s))
        let copy = press(s, .character("e"))
        guard case .writeRescueCopy(let session, let folder)? = copy.first, copy.count == 1 else { return XCTFail("\(copy)") }
        XCTAssertEqual(folder, rescue)
        XCTAssertEqual(session.answers[AnswerRef("full_name")].draft, "Ana", "the copy holds what was typed")
        XCTAssertTrue(s.update(.rescueFailed("read-only file system (EROFS)")).isEmpty)
        XCTAssertTrue(text(s).contains("read-only"), text(s))
        _ = press(s, .character("e"))
        _ = s.update(.rescueWritten(path: "/media/stick/inmemory1.rescue-1.refuge"))
        XCTAssertTrue(text(s).contains("A rescue copy with every answer was saved"), text(s))
        XCTAssertEqual(press(s, .character("q")), [.quit], "a rescue copy holds everything: no yes needed")
        XCTAssertTrue(s.quitWithUnsavedChanges, "the session's own file is behind: the exit status says so")
    }

    func testQuittingWithoutSavingNeedsAYesAndRetryCanQuit() {
        let s = screen()
        onFullName(s)
        _ = type(s, "Ana")
        _ = press(s, .enter)
        _ = s.update(.saveFailed("the disk is full"))
        _ = press(s, .escape)
        XCTAssertTrue(press(s, .ctrl("c")).isEmpty, "the file is behind already: the dialog, no new save")
        XCTAssertTrue(press(s, .character("q")).isEmpty)
        XCTAssertTrue(text(s).contains("Press y to quit"), text(s))
        XCTAssertTrue(press(s, .character("n")).isEmpty, "any other key goes back")
        XCTAssertEqual(saves(press(s, .character("r"))).map(\.1), [.retry])
        XCTAssertFalse(s.wantsToQuit)
        XCTAssertEqual(s.update(.saved), [.quit], "the disk has room again: saved, and the program ends")
        XCTAssertFalse(s.quitWithUnsavedChanges)
    }

    func testTheHiddenScreenAsksTheRunnerToCheckThePassphrase() {
        let s = screen(InterviewOptions(asksPassphrase: true))
        _ = press(s, .enter, .function(8))
        _ = type(s, "guess")
        XCTAssertEqual(press(s, .enter), [.checkPassphrase("guess")])
        _ = s.update(.passphraseChecked(false))
        XCTAssertTrue(text(s).contains("does not open"), text(s))
        XCTAssertFalse(text(s).contains("interpretation"))
        _ = type(s, "open sesame")
        XCTAssertEqual(press(s, .enter), [.checkPassphrase("open sesame")])
        _ = s.update(.passphraseChecked(true))
        XCTAssertTrue(text(s).contains("interpretation"), text(s))
    }

    func testTheMenuAsksForTheReportAfterSavingTheDraft() {
        let s = screen(InterviewOptions(canWriteReport: true, isProtected: true))
        onFullName(s)
        _ = type(s, "Ana")
        let menu = press(s, .escape) + press(s, .end)
        XCTAssertTrue(menu.isEmpty)
        // "Write the report" is the menu's second last entry.
        for _ in 0..<InterviewScreen.MenuAction.allCases.count { _ = press(s, .up) }
        for _ in 0..<(InterviewScreen.MenuAction.allCases.firstIndex(of: .report) ?? 0) { _ = press(s, .down) }
        let effects = press(s, .enter)
        XCTAssertEqual(effects.count, 2, "\(effects)")
        guard case .save(_, .draft, _)? = effects.first, case .writeReport(let session)? = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual(session.answers[AnswerRef("full_name")].draft, "Ana")
        _ = s.update(.reportWritten(path: "/reports/M-1.txt"))
        XCTAssertTrue(text(s).contains("Report written to /reports/M-1.txt"), text(s))
        XCTAssertTrue(text(s).contains("unencrypted"), text(s))
    }

    // MARK: Home

    func row(_ label: String, protected: Bool = false) -> HomeScreen.Row {
        HomeScreen.Row(url: URL(fileURLWithPath: "/s/\(label).refuge"), id: "id-\(label)", label: label, questionnaire: "x 1",
                       language: "en", progress: "0/3", updated: "today", isProtected: protected)
    }

    func testTheHomeScreenAsksForWhatItNeedsAndShowsTheAnswers() {
        let home = HomeScreen(width: 80, height: 24)
        XCTAssertEqual(home.update(.reload), [.listSessions, .listQuestionnaires])
        _ = home.update(.sessionsListed([row("A-1"), row("B-2", protected: true)]))
        _ = home.update(.questionnairesListed([HomeScreen.Choice(id: "example", title: "Example", languages: ["en", "es"])]))
        XCTAssertTrue(home.view().renderText().contains("B-2"))
        XCTAssertEqual(home.update(.key(.enter)), [.open(URL(fileURLWithPath: "/s/A-1.refuge"), passphrase: nil)])
        _ = home.update(.openFailed("That passphrase does not open this session."))
        XCTAssertTrue(home.view().renderText().contains("does not open"))
        XCTAssertEqual(home.update(.key(.delete)), [])
        XCTAssertEqual(home.update(.key(.character("y"))), [.delete(URL(fileURLWithPath: "/s/A-1.refuge"), name: "A-1")])
        XCTAssertEqual(home.update(.deleteFailed("read-only file system")), [.listSessions], "the list is read again")
        XCTAssertTrue(home.view().renderText().contains("Not deleted: read-only file system"), home.view().renderText())
        _ = home.update(.key(.down))
        _ = home.update(.key(.character("r")))
        XCTAssertEqual(home.update(.key(.character("y"))), [], "a protected session asks its passphrase first")
        for c in "pw" { _ = home.update(.key(.character(c))) }
        XCTAssertEqual(home.update(.key(.enter)), [.writeReport(URL(fileURLWithPath: "/s/B-2.refuge"), passphrase: "pw", isProtected: true)])
        _ = home.update(.reportWritten(path: "/r/B-2.txt", isProtected: true))
        XCTAssertTrue(home.view().renderText().contains("an unencrypted copy"))
        XCTAssertEqual(home.update(.key(.character("n"))), [.listQuestionnaires], "the picker reads the questionnaires again")
        _ = home.update(.key(.down))
        _ = home.update(.key(.right))                   // the client speaks Spanish
        for _ in 0..<4 { _ = home.update(.key(.down)) }
        _ = home.update(.key(.character("n")))          // no passphrase
        XCTAssertEqual(home.update(.key(.enter)), [.create(NewSessionRequest(questionnaire: "example", language: "es", interviewerLanguage: "en",
                                                                              label: "", passphrase: nil, interviewerHolds: false))])
        _ = home.update(.createFailed("No space left on the disk."))
        XCTAssertTrue(home.view().renderText().contains("No space left"), home.view().renderText())
        XCTAssertEqual(home.update(.key(.ctrl("c"))), [.quit])
    }
}
