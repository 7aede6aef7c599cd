import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

/// The interview as a pure state machine over an open session: `handle(key)` changes the state
/// (every confirmed change is saved through the session controller before it returns), and
/// `view()` draws the state into a cell grid. No terminal is involved, so whole interviews can
/// be driven and checked in tests.
public final class InterviewScreen {
    public let controller: SessionController
    public private(set) var cursor: InterviewCursor
    public private(set) var width: Int
    public private(set) var height: Int
    public internal(set) var interviewerView = false
    public internal(set) var wantsToQuit = false
    var widget: WidgetState
    var overlay: Overlay?
    /// A short line under the widget: why the answer was not taken, or what just happened.
    var message: ScreenMessage?
    var draftChangedAt: Double?
    /// A move not yet written to disk (it is written on the idle tick, with the next answer, and on stopping).
    var positionPending = false
    /// How far a long question text has been scrolled (↑↓ on an information screen).
    var textScroll = 0
    /// Whether the question's text did not fit when last drawn (the footer then offers ↑↓).
    var textOverflows = false
    /// What a click reaches on the screen as last drawn.
    var clickTargets: [ClickTarget] = []
    var drawingPanel = false
    /// The rows of the long-text box as last drawn, for PgUp/PgDn.
    var longTextRows = 5
    var longTextWidth = 70
    /// When the note or translation being typed last changed, for its draft timer.
    var pendingChangedAt: Double?
    /// Checks that began to hold with the answer just confirmed, told once the screen moves on.
    var freshChecks: [Check] = []
    /// The review row a jump came from: confirming the answer goes back to the review.
    var returnToReview: Int?
    let services: ScreenServices

    enum Overlay: Equatable {
        case help(scroll: Int)
        case menu(highlight: Int)
        case dontKnow(highlight: Int)
        case note(TextEditor)
        case translation(TextEditor)
        case review(highlight: Int)
        case hidden(passphrase: TextEditor, wrong: Bool)
        case saveFailed(String)
        case quitUnsaved(QuitDialog)
    }

    public init(controller: SessionController, width: Int, height: Int, services: ScreenServices = ScreenServices()) {
        self.controller = controller
        self.width = width
        self.height = height
        self.services = services
        self.cursor = InterviewCursor.resume(controller.interview, at: controller.session.position)
        self.widget = WidgetState()
        self.widget = makeWidget()
        self.interviewerView = controller.session.interviewerView
        let session = controller.session
        if session.position == nil, !session.history.isEmpty {
            // The end was reached before: a finished session opens on its review.
            cursor = .end
            widget = WidgetState()
            overlay = .review(highlight: 0)
        } else if session.position == nil, let ref = cursor.ref {
            // The first screen is the position from the start, so that an answer saved before
            // any move does not look like the end of the interview.
            _ = try? controller.setPosition(ref, saveNow: false)
        }
        if let pending = session.pendingText, pending.position.ref == cursor.ref {
            // A note or translation was being typed when the program stopped: it is back.
            var editor = TextEditor(text: pending.text, mode: .multiLine)
            editor.moveToEnd()
            overlay = pending.kind == .note ? .note(editor) : .translation(editor)
        }
        if let notice = services.openingNotice { say { _ in notice } }
    }

    public var language: String { controller.session.language }
    var interviewerLanguage: String { controller.session.interviewerLanguage }
    var interview: Interview { controller.interview }
    var questionnaire: Questionnaire { controller.questionnaire }
    var formatter: AnswerFormatter { AnswerFormatter(questionnaire: questionnaire, language: languageFor(currentItem)) }
    var currentItem: Item? { cursor.ref.flatMap { interview.item($0) } }

    /// The language a question is shown in: the interviewer's for interviewer questions.
    func languageFor(_ item: Item?) -> String {
        item?.audience == .interviewer ? interviewerLanguage : language
    }

    func makeWidget() -> WidgetState {
        guard let ref = cursor.ref else { return WidgetState() }
        return WidgetState.make(for: interview.item(ref), answer: interview.answers[ref], formatter: formatter)
    }

    var isTooSmall: Bool { width < 80 || height < 24 }

    // MARK: Saving

    /// Runs a change that saves; a failed save keeps the change in memory and says so calmly.
    @discardableResult
    func save(_ body: (SessionController) throws -> Void) -> Bool {
        do {
            let before = Set(interview.holdingChecks.map(\.id))
            try body(controller)
            let fresh = interview.holdingChecks.filter { !before.contains($0.id) }
            if !fresh.isEmpty { freshChecks = fresh }
            return true
        } catch let problem as AnswerProblem {
            sayProblem(problem)
            return false
        } catch {
            overlay = .saveFailed("\(error)")
            return false
        }
    }

    /// Saves the text being typed as a draft when it differs from what was last saved.
    public func saveDraft() {
        guard let ref = cursor.ref, let editor = widget.editor, editor.text != widget.savedText else {
            draftChangedAt = nil
            return
        }
        let text = editor.text
        let record = interview.answers[ref]
        let confirmed = record.status == .answered ? record.value.flatMap { v -> String? in
            guard let item = currentItem else { return nil }
            return item.type == .text || item.type == .longtext ? v.textValue : formatter.format(v, for: item)
        } : nil
        let draft: String? = (text == confirmed || (text.isEmpty && confirmed == nil)) ? nil : text
        if run(.draft(draft)) != nil {
            widget.savedText = text
            draftChangedAt = nil
        }
    }

    /// Called when no key came for a while: a draft is saved within a second of typing, and a
    /// position not yet written goes to disk.
    public func tick(at time: Double) {
        // While a save failure is on the screen, nothing retries by itself: only the person's
        // choice (retry, rescue copy) starts another save.
        if overlay?.holdsSaves == true { return }
        if let since = draftChangedAt, time - since >= 1 { saveDraft() }
        if let since = pendingChangedAt, time - since >= 1 { savePendingText() }
        if positionPending, save({ try $0.retrySave() }) { positionPending = false }
    }

    /// Before the program stops (quit, signal, closed terminal): the draft is saved.
    public func prepareToStop() {
        saveDraft()
        savePendingText()
        if save({ try $0.setPosition(cursor.ref, saveNow: false) }), save({ try $0.retrySave() }) { positionPending = false }
    }

    // MARK: Moving

    func go(to next: InterviewCursor) {
        saveDraft()
        cursor = next
        widget = makeWidget()
        draftChangedAt = nil
        textScroll = 0
        // The position rides along with the next save (or the idle tick): moving is not a change
        // of answers, and rewriting the whole file on every move made moving slow.
        if save({ try $0.setPosition(next.ref, saveNow: false) }) { positionPending = true }
    }

    /// Onwards, when nothing here blocks it (`InterviewCommand.forward`).
    func moveOn() {
        if let outcome = run(.forward) { arrive(outcome) }
    }

    func goBack() {
        message = nil
        returnToReview = nil
        if case .success(let outcome)? = attempt(.back) { go(to: outcome.cursor) }
    }

    /// Jumps to any question on the path (from the review screen); required questions on the way
    /// may stay unanswered, as the format allows.
    func jump(to ref: AnswerRef) {
        message = nil
        if let outcome = run(.jump(ref)) { go(to: outcome.cursor) }
    }

    // MARK: Keys

    public enum Outcome: Equatable { case keepGoing, quit }

    /// Handles one key. `time` is a monotonic clock in seconds, for the draft timer.
    @discardableResult
    public func handle(_ key: KeyEvent, at time: Double = 0) -> Outcome {
        if case .resize(let w, let h) = key {
            width = w; height = h
            return .keepGoing
        }
        if key == .ctrl("c") {
            if case .quitUnsaved(let dialog) = overlay {
                overlay = .quitUnsaved(dialog.confirming())
                return .keepGoing
            }
            requestQuit()
            return wantsToQuit ? .quit : .keepGoing
        }
        if case .click(let row, let column) = key {
            handleClick(row: row, column: column)
            return wantsToQuit ? .quit : .keepGoing
        }
        if overlay != nil {
            handleOverlay(key, at: time)
            return wantsToQuit ? .quit : .keepGoing
        }
        if isTooSmall { return .keepGoing }
        if currentItem?.type == .longtext, key == .pageUp || key == .pageDown {
            // In a long text PgUp/PgDn scroll the text, as in an editor; Ctrl-P/Ctrl-N move.
            pageLongText(down: key == .pageDown)
            return .keepGoing
        }
        if handleGlobal(key) { return wantsToQuit ? .quit : .keepGoing }
        handleWidget(key, at: time)
        return wantsToQuit ? .quit : .keepGoing
    }

    /// Keys that mean the same on every question.
    func handleGlobal(_ key: KeyEvent) -> Bool {
        switch key {
        case .function(1): overlay = .help(scroll: 0)
        case .function(2): nextLanguage()
        case .function(12): toggleInterviewerView()
        case .function(3): openNote()
        case .function(4): toggleFollowUp()
        case .function(5): saveDraft(); overlay = .review(highlight: 0)
        case .function(6): openDontKnow()
        case .function(7): toggleLawyerOnly()
        case .function(8): hide()
        case .function(9): openTranslation()
        case .escape: overlay = .menu(highlight: 0)
        case .ctrl("p"), .pageUp: goBack()
        default: return false
        }
        return true
    }

    /// Checks that began to hold with the answer just confirmed: shown at once in the
    /// interviewer's view (not blocking), as well as in the review.
    func tellFreshChecks() {
        guard !freshChecks.isEmpty else { return }
        let checks = freshChecks
        freshChecks = []
        let defaultLanguage = questionnaire.defaultLanguage
        say(interviewerOnly: true) { lang in
            "⚑ " + checks.map { $0.message.resolve(lang, defaultLanguage: defaultLanguage).text }.joined(separator: " · ")
        }
    }

    /// Saves the note or translation being typed as the session's pending text.
    func savePendingText() {
        pendingChangedAt = nil
        guard let ref = cursor.ref else { return }
        let pending: PendingText?
        switch overlay {
        case .note(let editor): pending = PendingText(kind: .note, position: Position(ref), text: editor.text)
        case .translation(let editor): pending = PendingText(kind: .translation, position: Position(ref), text: editor.text)
        default: return
        }
        save { try $0.setPendingText(pending) }
    }

    func toggleInterviewerView() {
        interviewerView.toggle()
        save { try $0.setInterviewerView(interviewerView) }
    }

    func nextLanguage() {
        let languages = questionnaire.languages
        let index = languages.firstIndex(of: language) ?? -1
        let next = languages[(index + 1) % languages.count]
        saveDraft()
        save { try $0.setLanguage(next) }
        widget = makeWidget()
        say { _ in ScreenWords.format(.languageNow, next, LanguageNames.name(of: next)) }
    }

    func openNote() {
        guard let ref = cursor.ref else { return }
        var editor = TextEditor(text: interview.answers[ref].note ?? "", mode: .multiLine)
        editor.moveToEnd()
        overlay = .note(editor)
    }

    func openTranslation() {
        guard let ref = cursor.ref, currentItem?.type.isAsked ?? false else { return }
        var editor = TextEditor(text: interview.answers[ref].translation ?? "", mode: .multiLine)
        editor.moveToEnd()
        overlay = .translation(editor)
    }

    func toggleFollowUp() {
        guard let ref = cursor.ref else { return }
        let on = !interview.answers[ref].followUp
        if run(.followUp(on)) != nil {
            say(on ? .followUpOn : .followUpOff, interviewerOnly: true)
        }
    }

    func toggleLawyerOnly() {
        guard let ref = cursor.ref else { return }
        let on = !interview.answers[ref].lawyerOnly
        if run(.lawyerOnly(on)) != nil {
            say(on ? .lawyerOn : .lawyerOff, interviewerOnly: true)
        }
    }

    func openDontKnow() {
        guard let item = currentItem, item.type.isAsked, item.allowDontKnow || item.allowRefuse else { return }
        overlay = .dontKnow(highlight: 0)
    }

    func hide() {
        saveDraft()
        overlay = .hidden(passphrase: TextEditor(text: "", mode: .singleLine), wrong: false)
    }

    /// The choices of the F6 menu for the current question.
    var dontKnowChoices: [AnswerStatus] {
        guard let item = currentItem else { return [] }
        return (item.allowDontKnow ? [.dontKnow] : []) + (item.allowRefuse ? [.refused] : [])
    }

    func record(_ status: AnswerStatus) {
        if let outcome = run(status == .dontKnow ? .dontKnow : .preferNotToSay) {
            widget = makeWidget()
            arrive(outcome)
        }
    }
}

/// What the screen needs from outside, injected so tests can supply their own.
public struct ScreenServices {
    /// Writes the report and returns where (the menu's "write the report").
    public var writeReport: ((Session, Questionnaire) throws -> String)?
    /// Checks a passphrase against the open session (to come back from the hidden screen).
    public var checkPassphrase: ((String) -> Bool)?
    /// Where "save a copy" puts the session after a failed save.
    public var rescueFolder: URL?
    /// Said once when the interview opens (the backup was used, the questionnaire changed).
    public var openingNotice: String?

    public init(writeReport: ((Session, Questionnaire) throws -> String)? = nil,
                checkPassphrase: ((String) -> Bool)? = nil, rescueFolder: URL? = nil) {
        self.writeReport = writeReport
        self.checkPassphrase = checkPassphrase
        self.rescueFolder = rescueFolder
    }
}

/// Languages by their own names, for messages.
enum LanguageNames {
    static let names = ["en": "English", "es": "Español", "ru": "Русский", "uk": "Українська", "fa": "فارسی",
                        "ht": "Kreyòl ayisyen", "fr": "Français", "ar": "العربية", "prs": "دری", "ps": "پښتو", "pt": "Português"]
    static func name(of code: String) -> String { names[code] ?? code }
}
