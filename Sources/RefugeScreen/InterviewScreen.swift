#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

/// The interview as a state machine over a session value: `update(message)` changes the state
/// and returns the effects it asks for (save the session, write a rescue copy or the report,
/// check a passphrase, quit), which a runner (`InterviewRunner`) performs, answering with
/// messages such as `.saved` or `.saveFailed(reason)`. `view()` draws the state into a cell
/// grid. The screen does no I/O at all: tests drive it with messages and assert on effects,
/// with no folder and no file system.
public final class InterviewScreen {
    /// The session and its interview, changed here and written by the runner.
    public internal(set) var model: SessionModel
    public private(set) var cursor: InterviewCursor
    public private(set) var width: Int
    public private(set) var height: Int
    public internal(set) var interviewerView = false
    public internal(set) var wantsToQuit = false
    /// True from a save the runner reported failed until one it reported done: the file on disk
    /// is then behind the session value, and quitting would lose answers.
    public private(set) var hasUnsavedChanges = false
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
    let options: InterviewOptions
    /// The effects of the message being handled, in order; a save asked for several times in
    /// one message is written once (the strongest kind), before any effect that follows it.
    var effects: [InterviewEffect] = []
    var saveWanted: InterviewEffect.SaveKind?
    /// What waits for the answer to a save in flight: quitting goes only once the file has it.
    var afterSave: AfterSave?

    enum AfterSave { case quit, quitDialogRetry }

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

    /// Opens the screen on a session value. Opening may itself ask for nothing to be written:
    /// the first position is set in memory and rides along with the first save.
    public init(model: SessionModel, width: Int, height: Int, options: InterviewOptions = InterviewOptions()) {
        self.model = model
        self.width = width
        self.height = height
        self.options = options
        self.cursor = InterviewCursor.resume(model.interview, at: model.session.position)
        self.widget = WidgetState()
        self.widget = makeWidget()
        self.interviewerView = model.session.interviewerView
        let session = model.session
        if session.position == nil, session.historyCount > 0 {
            // The end was reached before: a finished session opens on its review.
            cursor = .end
            widget = WidgetState()
            overlay = .review(highlight: 0)
        } else if session.position == nil, let ref = cursor.ref {
            // The first screen is the position from the start, so that an answer saved before
            // any move does not look like the end of the interview.
            self.model.setPosition(ref)
        }
        if let pending = session.pendingText, pending.position.ref == cursor.ref {
            // A note or translation was being typed when the program stopped: it is back.
            var editor = TextEditor(text: pending.text, mode: .multiLine)
            editor.moveToEnd()
            overlay = pending.kind == .note ? .note(editor) : .translation(editor)
        }
        if let notice = options.openingNotice { say { _ in notice } }
    }

    public var session: Session { model.session }
    public var interview: Interview { model.interview }
    /// Whether the program ends because the person chose to quit without saving what is in
    /// memory; the program's exit status is then not 0.
    public var quitWithUnsavedChanges: Bool { wantsToQuit && hasUnsavedChanges }

    public var language: String { model.session.language }
    var interviewerLanguage: String { model.session.interviewerLanguage }
    var questionnaire: Questionnaire { model.questionnaire }
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

    /// Runs a change of the session value that is not an interview command (the language, the
    /// view, the note being typed) and asks for it to be saved when it changed anything.
    func save(_ kind: InterviewEffect.SaveKind = .change, _ body: (inout SessionModel) -> Bool) {
        if body(&model) { requestSave(kind) }
    }

    /// Asks for the session value to be written once this message is handled.
    func requestSave(_ kind: InterviewEffect.SaveKind) {
        saveWanted = max(saveWanted ?? kind, kind)
    }

    /// Adds an effect after the save asked for so far (a report is written from saved answers).
    func emit(_ effect: InterviewEffect) {
        flushSave()
        effects.append(effect)
    }

    func flushSave() {
        guard let kind = saveWanted else { return }
        saveWanted = nil
        // Every save writes the whole value, the position with it.
        positionPending = false
        effects.append(.save(model.session, kind, touching: model.takeTouchedAnswers()))
    }

    /// Saves the text being typed as a draft when it differs from what was last saved.
    func saveDraft() {
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
    func tick(at time: Double) {
        // While a save failure is on the screen, nothing retries by itself: only the person's
        // choice (retry, rescue copy) starts another save.
        if overlay?.holdsSaves == true { return }
        if let since = draftChangedAt, time - since >= 1 { saveDraft() }
        if let since = pendingChangedAt, time - since >= 1 { savePendingText() }
        if positionPending { requestSave(.position) }
    }

    /// Before the program stops (quit, signal, closed terminal): the draft and the position
    /// are saved, and the file is written whatever changed.
    func prepareToStop() {
        saveDraft()
        savePendingText()
        model.setPosition(cursor.ref)
        requestSave(.retry)
    }

    // MARK: Messages

    /// Handles one message and returns the effects it asks for, in order.
    public func update(_ message: InterviewMessage) -> [InterviewEffect] {
        effects = []
        saveWanted = nil
        switch message {
        case .key(let key, let time): handle(key, at: time)
        case .tick(let time): tick(at: time)
        case .stopping: prepareToStop()
        case .jump(let ref): jump(to: ref)
        default: receive(message)
        }
        flushSave()
        if wantsToQuit, effects.last != .quit { effects.append(.quit) }
        let done = effects
        effects = []
        return done
    }

    /// The runner's answers to effects.
    func receive(_ message: InterviewMessage) {
        switch message {
        case .saved:
            hasUnsavedChanges = false
            if afterSave != nil {
                afterSave = nil
                wantsToQuit = true
                overlay = nil
            }
        case .saveFailed(let reason):
            hasUnsavedChanges = true
            let waiting = afterSave
            afterSave = nil
            if case .quitUnsaved(var dialog) = overlay {
                dialog.outcome = reason
                overlay = .quitUnsaved(dialog)
            } else if waiting == .quit {
                // Quitting would lose what is not saved: the person chooses what to do.
                overlay = .quitUnsaved(QuitDialog())
            } else {
                overlay = .saveFailed(reason)
            }
        case .rescueWritten(let path):
            if case .quitUnsaved(var dialog) = overlay {
                dialog.outcome = QuitWords.format(.rescued, uiLanguage, path)
                dialog.rescued = true
                overlay = .quitUnsaved(dialog)
            } else {
                say { lang in ScreenWords.format(.savedElsewhere, lang, path) }
            }
        case .rescueFailed(let reason):
            if case .quitUnsaved(var dialog) = overlay {
                dialog.outcome = reason
                overlay = .quitUnsaved(dialog)
            } else {
                overlay = .saveFailed(reason)
            }
        case .reportWritten(let path):
            let isProtected = options.isProtected
            say { lang in
                ScreenWords.format(.reportWritten, lang, path) + (isProtected ? " " + ScreenWords.text(.reportUnencrypted, lang) : "")
            }
        case .reportFailed(let reason):
            say(problem: true) { lang in ScreenWords.format(.reportFailed, lang, reason) }
        case .passphraseChecked(let opens):
            guard case .hidden = overlay else { return }
            overlay = opens ? nil : .hidden(passphrase: TextEditor(text: "", mode: .singleLine), wrong: true)
        case .key, .tick, .stopping, .jump:
            break
        }
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
        if model.setPosition(next.ref) { positionPending = true }
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

    /// Handles one key. `time` is a monotonic clock in seconds, for the draft timer.
    func handle(_ key: KeyEvent, at time: Double) {
        if case .resize(let w, let h) = key {
            width = w; height = h
            return
        }
        if key == .ctrl("c") {
            if case .quitUnsaved(let dialog) = overlay {
                overlay = .quitUnsaved(dialog.confirming())
                return
            }
            requestQuit()
            return
        }
        if case .click(let row, let column) = key {
            handleClick(row: row, column: column)
            return
        }
        // Keys as data: a key the current context's keymap does not bind does nothing, so the
        // footer and the help (made from the same keymaps) list every key that works.
        guard keymap().binds(key) else { return }
        if overlay != nil {
            handleOverlay(key, at: time)
            return
        }
        if currentItem?.type == .longtext, key == .pageUp || key == .pageDown {
            // In a long text PgUp/PgDn scroll the text, as in an editor; Ctrl-P/Ctrl-N move.
            pageLongText(down: key == .pageDown)
            return
        }
        if handleGlobal(key) { return }
        handleWidget(key, at: time)
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
        save(.draft) { $0.setPendingText(pending) }
    }

    func toggleInterviewerView() {
        interviewerView.toggle()
        save(.position) { $0.setInterviewerView(interviewerView) }
    }

    func nextLanguage() {
        let languages = questionnaire.languages
        let index = languages.firstIndex(of: language) ?? -1
        let next = languages[(index + 1) % languages.count]
        saveDraft()
        save { $0.setLanguage(next) }
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

/// Languages by their own names, for messages.
enum LanguageNames {
    static let names = ["en": "English", "es": "Español", "ru": "Русский", "uk": "Українська", "fa": "فارسی",
                        "ht": "Kreyòl ayisyen", "fr": "Français", "ar": "العربية", "prs": "دری", "ps": "پښتو", "pt": "Português"]
    static func name(of code: String) -> String { names[code] ?? code }
}
