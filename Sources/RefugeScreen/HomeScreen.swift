#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

/// The home screen: the sessions on this laptop, a form for a new session, resume, delete
/// (after confirmation) and report. Like the interview it is a state machine:
/// `update(message)` returns effects (list the sessions, open, create, delete, write a report,
/// quit) that `HomeRunner` performs with `HomeServices`, answering with messages; `view()`
/// draws it. It touches no file itself.
public final class HomeScreen {
    public struct Row: Equatable, Sendable {
        public var url: URL
        public var id: String
        public var label: String
        public var questionnaire: String
        public var language: String
        public var progress: String
        public var updated: String
        public var isProtected: Bool
        /// The last change, for sorting newest first (nil: unknown, listed last).
        public var updatedAt: Date?
        public init(url: URL, id: String, label: String, questionnaire: String, language: String, progress: String, updated: String,
                    isProtected: Bool, updatedAt: Date? = nil) {
            self.url = url; self.id = id; self.label = label; self.questionnaire = questionnaire; self.language = language
            self.progress = progress; self.updated = updated; self.isProtected = isProtected; self.updatedAt = updatedAt
        }
    }

    public struct Choice: Equatable, Sendable {
        public var id: String
        public var title: String
        public var languages: [String]
        public init(id: String, title: String, languages: [String]) { self.id = id; self.title = title; self.languages = languages }
    }


    enum Mode: Equatable {
        case list
        case confirmDelete(Int)
        case passphrase(purpose: Purpose, editor: TextEditor)
        case form(Form)
        case confirmQuit
        case confirmReport(Int)
        /// The keys of the list, every one (F1).
        case help
    }

    enum Purpose: Equatable { case open(Int), report(Int) }

    struct Form: Equatable {
        // 0 questionnaire, 1 language, 2 interviewer language, 3 label, 4 who holds the keyboard,
        // 5 protect, 6 passphrase, 7 again
        var field = 0
        var questionnaire = 0
        var language = 0
        var interviewerLanguage = 0
        var label = TextEditor(text: "", mode: .singleLine)
        /// Who holds the keyboard: the interviewer starts in the interviewer's view (F12).
        var interviewerHolds = false
        var protect = true
        var passphrase = TextEditor(text: "", mode: .singleLine)
        var again = TextEditor(text: "", mode: .singleLine)
        /// "A file…": a questionnaire given by its path (the entry after the installed ones).
        var path = TextEditor(text: "", mode: .singleLine)
        var fileChoice: Choice?
    }

    /// "A file…" is offered in the questionnaire picker (the runner can read one from a path).
    let offersFile: Bool
    public private(set) var width: Int
    public private(set) var height: Int
    var rows: [Row] = []
    var choices: [Choice] = []
    var highlight = 0
    var mode: Mode = .list
    var message: (text: String, isProblem: Bool)?
    /// Typed letters filter the list by label (after `/`, or from a digit); nil when not filtering.
    var filter: String?
    /// After a refused open, letters typed (a passphrase typed on, say) do nothing until another key.
    var lettersMuted = false
    /// The home screen speaks English: the program's own words before a client's language is chosen.
    let language = "en"
    public private(set) var wantsToQuit = false
    /// The effects of the message being handled, in order.
    var effects: [HomeEffect] = []

    /// An empty list until the runner answers `.reload`'s effects with the sessions.
    public init(width: Int, height: Int, offersFile: Bool = false) {
        self.width = width
        self.height = height
        self.offersFile = offersFile
    }

    /// Asks for the sessions and the questionnaires to be read again.
    func reload() {
        effects += [.listSessions, .listQuestionnaires]
    }

    /// The sessions as read: newest first, the session just worked on at the top.
    func show(_ listed: [Row]) {
        rows = listed.enumerated().sorted { a, b in
            let x = a.element.updatedAt ?? .distantPast, y = b.element.updatedAt ?? .distantPast
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        highlight = min(highlight, max(0, rows.count - 1))
    }

    /// The rows the filter lets through, by index.
    var visibleRows: [Int] {
        guard let filter, !filter.isEmpty else { return Array(rows.indices) }
        let needle = filter.lowercased()
        return rows.indices.filter { rows[$0].label.lowercased().contains(needle) || rows[$0].id.lowercased().hasPrefix(needle) }
    }

    var pageSize: Int { max(1, height - 9) }

    func move(to position: Int) {
        let visible = visibleRows
        guard !visible.isEmpty else { return }
        highlight = visible[max(0, min(visible.count - 1, position))]
    }

    var highlightPosition: Int { visibleRows.firstIndex(of: highlight) ?? 0 }

    // MARK: Messages

    /// Handles one message and returns the effects it asks for, in order.
    public func update(_ message: HomeMessage) -> [HomeEffect] {
        effects = []
        switch message {
        case .key(let key): handle(key)
        case .reload: reload()
        case .returned(let w, let h):
            // Back from an interview: the list is read again (progress changed) at the current size.
            width = w; height = h
            mode = .list
            self.message = nil
            reload()
        case .sessionsListed(let listed): show(listed)
        case .questionnairesListed(let listed): choices = listed
        case .questionnaireLoaded(let choice): fileRead(choice)
        case .opened: mode = .list
        case .openFailed(let reason):
            self.message = (reason, true)
            lettersMuted = true
        case .createFailed(let reason): self.message = (reason, true)
        case .deleted(let name):
            self.message = ("Deleted \(name).", false)
            effects.append(.listSessions)
        case .deleteFailed(let reason):
            self.message = ("Not deleted: \(reason)", true)
            effects.append(.listSessions)
        case .reportWritten(let path, let isProtected):
            self.message = ("Report written to \(path)" + (isProtected ? " (an unencrypted copy: keep it safe)." : "."), false)
        case .reportFailed(let reason): self.message = (reason, true)
        }
        if wantsToQuit, effects.last != .quit { effects.append(.quit) }
        let done = effects
        effects = []
        return done
    }

    func quit() { wantsToQuit = true }

    // MARK: Keys

    func handle(_ key: KeyEvent) {
        if case .resize(let w, let h) = key { width = w; height = h; return }
        if key == .ctrl("c") { return quit() }
        // After a refused open, any key but a letter ends the quiet, bound or not.
        if mode == .list, lettersMuted, !key.isCharacter { lettersMuted = false }
        // Keys as data: a key the mode's keymap does not bind does nothing.
        guard keymap().binds(key) else { return }
        switch mode {
        case .help: mode = .list
        case .list: handleList(key)
        case .confirmDelete(let index):
            mode = .list
            if case .character(let c) = key, c == "y" || c == "Y", let row = rows[safe: index] {
                effects.append(.delete(row.url, name: row.label.isEmpty ? row.id : row.label))
            }
        case .passphrase(let purpose, var editor):
            switch key {
            case .escape: mode = .list
            case .enter:
                mode = .list
                finish(purpose, passphrase: editor.text)
            default:
                _ = editor.handle(key, width: 40)
                mode = .passphrase(purpose: purpose, editor: editor)
            }
        case .form(var form):
            handleForm(key, &form)
        case .confirmQuit:
            mode = .list
            if case .character(let c) = key, c == "y" || c == "Y" { quit() }
        case .confirmReport(let index):
            mode = .list
            guard case .character(let c) = key, c == "y" || c == "Y", let row = rows[safe: index] else { return }
            if row.isProtected { mode = .passphrase(purpose: .report(index), editor: TextEditor(text: "", mode: .singleLine)) }
            else { finish(.report(index), passphrase: nil) }
        }
    }

    func handleList(_ key: KeyEvent) {
        if case .character = key, lettersMuted { return }
        lettersMuted = false
        if filter != nil {
            switch key {
            case .character(let c):
                filter?.append(c)
                move(to: 0)
                return
            case .backspace:
                if filter?.isEmpty ?? true { filter = nil } else { filter?.removeLast() }
                move(to: 0)
                return
            case .escape:
                filter = nil
                return
            default: break
            }
        }
        switch key {
        case .up: move(to: highlightPosition - 1)
        case .down: move(to: highlightPosition + 1)
        case .home: move(to: 0)
        case .end: move(to: visibleRows.count - 1)
        case .pageUp: move(to: highlightPosition - pageSize)
        case .pageDown: move(to: highlightPosition + pageSize)
        case .character("/"):
            filter = ""
        case .character(let c) where c.isNumber:
            // Labels are case numbers: typing one finds it.
            filter = String(c)
            move(to: 0)
        case .character("q"): quit()
        case .function(1): mode = .help
        case .escape: mode = .confirmQuit
        case .character("n"), .character("N"), .insert:
            // Read again, so that a questionnaire added to the folder is offered without a restart.
            effects.append(.listQuestionnaires)
            message = nil
            mode = .form(Form())
        case .enter:
            guard visibleRows.contains(highlight), let row = rows[safe: highlight] else { return }
            if row.isProtected { mode = .passphrase(purpose: .open(highlight), editor: TextEditor(text: "", mode: .singleLine)) }
            else { finish(.open(highlight), passphrase: nil) }
        case .delete, .character("d"):
            if visibleRows.contains(highlight), rows[safe: highlight] != nil { mode = .confirmDelete(highlight) }
        case .character("r"):
            // Writing a report leaves an unencrypted copy on disk: it asks first.
            if visibleRows.contains(highlight), rows[safe: highlight] != nil { mode = .confirmReport(highlight) }
        default: break
        }
    }

    func finish(_ purpose: Purpose, passphrase: String?) {
        switch purpose {
        case .open(let index):
            guard let row = rows[safe: index] else { return }
            effects.append(.open(row.url, passphrase: passphrase))
        case .report(let index):
            guard let row = rows[safe: index] else { return }
            effects.append(.writeReport(row.url, passphrase: passphrase, isProtected: row.isProtected))
        }
    }

    /// The runner's answer to `.loadQuestionnaire`: the form goes on to the languages, or says
    /// the path cannot be read.
    func fileRead(_ choice: Choice?) {
        guard case .form(var form) = mode else { return }
        guard let choice else {
            let path = form.path.text.trimmingSpaces
            message = ("No questionnaire can be read at “\(path)”; check the path (refuge validate PATH says why).", true)
            return
        }
        message = nil
        form.fileChoice = choice
        form.language = 0
        form.interviewerLanguage = choice.languages.firstIndex(of: "en") ?? 0
        form.field = 1
        mode = .form(form)
    }

    func handleForm(_ key: KeyEvent, _ form: inout Form) {
        let picksFile = form.questionnaire == choices.count
        let languages = (picksFile ? form.fileChoice?.languages : choices[safe: form.questionnaire]?.languages) ?? ["en"]
        // "A file…": the path is typed in the questionnaire field, and read when leaving it.
        if picksFile, form.field == 0 {
            switch key {
            case .enter, .down, .tab:
                mode = .form(form)
                effects.append(.loadQuestionnaire(form.path.text.trimmingSpaces))
                return
            case .left, .right, .escape, .up, .backTab: break
            default:
                _ = form.path.handle(key, width: 36)
                mode = .form(form)
                return
            }
        }
        let lastField = form.protect ? 7 : 5
        switch key {
        case .escape:
            mode = .list
            return
        case .up, .backTab:
            form.field = max(0, form.field - 1)
        case .down, .tab:
            form.field = min(lastField, form.field + 1)
        case .left, .right:
            let step = key == .left ? -1 : 1
            switch form.field {
            case 0:
                // The installed questionnaires, then "a file…" when the program can read one.
                let count = choices.count + (offersFile ? 1 : 0)
                form.questionnaire = (form.questionnaire + step + count) % max(1, count)
                form.language = 0
                let langs = choices[safe: form.questionnaire]?.languages ?? form.fileChoice?.languages ?? ["en"]
                form.interviewerLanguage = langs.firstIndex(of: "en") ?? 0
            case 1: form.language = (form.language + step + languages.count) % languages.count
            case 2: form.interviewerLanguage = (form.interviewerLanguage + step + languages.count) % languages.count
            case 4: form.interviewerHolds.toggle()
            case 5: form.protect.toggle()
            default:
                var editor = editorOf(form)
                _ = editor.handle(key, width: 40)
                setEditor(&form, editor)
            }
        case .enter:
            if form.field < lastField {
                form.field += 1
            } else {
                mode = .form(form)
                return create(form)
            }
        default:
            if form.field == 5, case .character(let c) = key {
                if c == "y" { form.protect = true }
                if c == "n" { form.protect = false }
            } else if form.field == 4, case .character(let c) = key {
                if c == "c" { form.interviewerHolds = false }
                if c == "i" { form.interviewerHolds = true }
            } else if [3, 6, 7].contains(form.field) {
                var editor = editorOf(form)
                _ = editor.handle(key, width: 40)
                setEditor(&form, editor)
            }
        }
        mode = .form(form)
    }

    func editorOf(_ form: Form) -> TextEditor {
        switch form.field {
        case 6: return form.passphrase
        case 7: return form.again
        default: return form.label
        }
    }

    func setEditor(_ form: inout Form, _ editor: TextEditor) {
        switch form.field {
        case 3: form.label = editor
        case 6: form.passphrase = editor
        case 7: form.again = editor
        default: break
        }
    }

    func create(_ form: Form) {
        guard let choice = choices[safe: form.questionnaire] ?? form.fileChoice else { return }
        var passphrase: String?
        if form.protect {
            guard !form.passphrase.text.isEmpty else {
                message = ("Type a passphrase, or choose “no passphrase”.", true)
                var again = form
                again.field = 6; again.passphrase = TextEditor(text: "", mode: .singleLine); again.again = TextEditor(text: "", mode: .singleLine)
                mode = .form(again)
                return
            }
            guard form.passphrase.text == form.again.text else {
                message = ("The two passphrases differ; please type them again.", true)
                var again = form
                again.field = 6; again.passphrase = TextEditor(text: "", mode: .singleLine); again.again = TextEditor(text: "", mode: .singleLine)
                mode = .form(again)
                return
            }
            passphrase = form.passphrase.text
        }
        effects.append(.create(NewSessionRequest(questionnaire: choice.id, language: choice.languages[form.language],
                                                 interviewerLanguage: choice.languages[form.interviewerLanguage],
                                                 label: form.label.text, passphrase: passphrase, interviewerHolds: form.interviewerHolds)))
    }
}

/// What the home screen needs from outside (files, keys), injected so tests can drive it.
public struct HomeServices {
    public var listSessions: () -> [HomeScreen.Row]
    public var questionnaires: () -> [HomeScreen.Choice]
    /// questionnaire id, client language, interviewer language, label, passphrase (nil: none).
    public var create: (String, String, String, String, String?) throws -> SessionController
    public var open: (URL, String?) throws -> SessionController
    public var delete: (URL) throws -> Void
    public var writeReport: (URL, String?) throws -> String
    /// Reads a questionnaire from a path for "a file…" (nil: the picker offers installed ones only).
    public var loadQuestionnaire: ((String) -> HomeScreen.Choice?)?

    public init(listSessions: @escaping () -> [HomeScreen.Row], questionnaires: @escaping () -> [HomeScreen.Choice],
                create: @escaping (String, String, String, String, String?) throws -> SessionController,
                open: @escaping (URL, String?) throws -> SessionController, delete: @escaping (URL) throws -> Void,
                writeReport: @escaping (URL, String?) throws -> String,
                loadQuestionnaire: ((String) -> HomeScreen.Choice?)? = nil) {
        self.listSessions = listSessions; self.questionnaires = questionnaires; self.create = create
        self.open = open; self.delete = delete; self.writeReport = writeReport; self.loadQuestionnaire = loadQuestionnaire
    }
}

private extension KeyEvent {
    var isCharacter: Bool { if case .character = self { return true } else { return false } }
}
