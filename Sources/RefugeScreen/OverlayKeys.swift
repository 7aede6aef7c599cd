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

extension InterviewScreen {
    /// The Esc menu: every F-key action, for keyboards and terminals that keep F-keys.
    enum MenuAction: CaseIterable {
        case help, language, interviewer, note, followUp, review, dontKnow, lawyer, hide, translation, report, quit

        var word: ScreenWords.Word {
            switch self {
            case .help: return .menuHelp
            case .language: return .menuLanguage
            case .interviewer: return .menuInterviewer
            case .note: return .menuNote
            case .followUp: return .menuFollowUp
            case .review: return .menuReview
            case .dontKnow: return .menuDontKnow
            case .lawyer: return .menuLawyer
            case .hide: return .menuHide
            case .translation: return .menuTranslation
            case .report: return .menuReport
            case .quit: return .menuQuit
            }
        }

        var key: String {
            switch self {
            case .help: return "F1"
            case .language: return "F2"
            case .interviewer: return "F12"
            case .note: return "F3"
            case .followUp: return "F4"
            case .review: return "F5"
            case .dontKnow: return "F6"
            case .lawyer: return "F7"
            case .hide: return "F8"
            case .translation: return "F9"
            case .report: return ""
            case .quit: return "Ctrl-C"
            }
        }
    }

    func handleOverlay(_ key: KeyEvent, at time: Double = 0) {
        guard let current = overlay else { return }
        switch current {
        case .help(let scroll):
            // The help scrolls when it is longer than the screen; any other key (the arrows too,
            // when there is nothing to scroll) closes it.
            let scrolls = helpLines(width: helpWidth).count > helpRows
            switch key {
            case .down where scrolls: overlay = .help(scroll: min(scroll + 1, max(0, helpLines(width: helpWidth).count - helpRows)))
            case .up where scrolls: overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown where scrolls: overlay = .help(scroll: min(scroll + helpRows - 1, max(0, helpLines(width: helpWidth).count - helpRows)))
            case .pageUp where scrolls: overlay = .help(scroll: max(0, scroll - helpRows + 1))
            default: overlay = nil
            }
        case .menu(let highlight):
            let actions = MenuAction.allCases
            switch key {
            case .up: overlay = .menu(highlight: max(0, highlight - 1))
            case .down: overlay = .menu(highlight: min(actions.count - 1, highlight + 1))
            case .escape: overlay = nil
            case .enter:
                overlay = nil
                perform(actions[highlight])
            default: break
            }
        case .dontKnow(let highlight):
            let choices = dontKnowChoices
            switch key {
            case .up: overlay = .dontKnow(highlight: max(0, highlight - 1))
            case .down: overlay = .dontKnow(highlight: min(choices.count - 1, highlight + 1))
            case .escape, .function(6): overlay = nil
            case .enter:
                overlay = nil
                if let status = choices[safe: highlight] { record(status) }
            default: break
            }
        case .note(var editor), .translation(var editor):
            let isNote: Bool = { if case .note = current { return true } else { return false } }()
            switch key {
            case .escape:
                overlay = nil
                pendingChangedAt = nil
                save(.draft) { $0.setPendingText(nil) }
            case .ctrl("n"), .pageDown, .function(3), .function(9):
                overlay = nil
                pendingChangedAt = nil
                guard cursor.ref != nil else { return }
                run(isNote ? .note(editor.text) : .translation(editor.text))
                save(.draft) { $0.setPendingText(nil) }
            default:
                let before = editor.text
                _ = editor.handle(key, width: 60)
                overlay = isNote ? .note(editor) : .translation(editor)
                // Typed text is a draft, saved within a second like an answer's.
                if editor.text != before, pendingChangedAt == nil { pendingChangedAt = time }
            }
        case .review(let highlight):
            let rows = reviewRows()
            switch key {
            case .up: overlay = .review(highlight: max(0, highlight - 1))
            case .down: overlay = .review(highlight: min(max(0, rows.count - 1), highlight + 1))
            case .pageUp: overlay = .review(highlight: max(0, highlight - 10))
            case .pageDown: overlay = .review(highlight: min(max(0, rows.count - 1), highlight + 10))
            case .escape, .function(5): overlay = nil
            case .enter:
                overlay = nil
                if let ref = rows[safe: highlight]?.ref {
                    jump(to: ref)
                    returnToReview = highlight
                }
            default: break
            }
        case .hidden(var passphrase, _):
            guard options.asksPassphrase else {
                overlay = nil
                return
            }
            switch key {
            case .enter:
                // The runner answers `.passphraseChecked`: the screen shows again only then.
                emit(.checkPassphrase(passphrase.text))
            default:
                _ = passphrase.handle(key, width: 40)
                overlay = .hidden(passphrase: passphrase, wrong: false)
            }
        case .saveFailed:
            switch key {
            case .character("r"), .character("R"):
                overlay = nil
                requestSave(.retry)
            case .character("e"), .character("E"):
                overlay = nil
                emit(.writeRescueCopy(model.session, folder: rescueFolder(nil)))
            case .escape:
                overlay = nil
            default: break
            }
        case .quitUnsaved(let dialog):
            handleQuitDialog(key, dialog)
        }
    }

    func perform(_ action: MenuAction) {
        switch action {
        case .help: overlay = .help(scroll: 0)
        case .language: nextLanguage()
        case .interviewer: toggleInterviewerView()
        case .note: openNote()
        case .followUp: toggleFollowUp()
        case .review: saveDraft(); overlay = .review(highlight: 0)
        case .dontKnow: openDontKnow()
        case .lawyer: toggleLawyerOnly()
        case .hide: hide()
        case .translation: openTranslation()
        case .report: writeReport()
        case .quit:
            requestQuit()
        }
    }

    func writeReport() {
        saveDraft()
        guard options.canWriteReport else { return }
        emit(.writeReport(model.session))
    }

    /// The lines of the review screen: every question on the path with its answer and marks.
    struct ReviewRow {
        var ref: AnswerRef?
        var text: String
        var answer: String
        var marks: String
        var indent: Int
    }

    func reviewRows() -> [ReviewRow] {
        var rows: [ReviewRow] = []
        func prompt(_ item: Item, entry: (String, String)?) -> String {
            // The interviewer reads the review in their own language.
            let lang = interviewerView ? interviewerLanguage : languageFor(item)
            let raw = item.prompt?.resolve(lang, defaultLanguage: questionnaire.defaultLanguage).text ?? item.id
            return Interpolator(interview: interview, language: lang).render(raw, entry: entry.map { (repeatID: $0.0, entryID: $0.1) })
                .replacingEvery("\n", with: " ").replacingEvery("**", with: "")
        }
        let language = uiLanguage
        func marks(_ a: Answer) -> String {
            // The internal marks are the interviewer's; the client's view leaves them out.
            guard interviewerView else { return "" }
            var m: [String] = []
            if a.followUp { m.append(ScreenWords.text(.markFollowUp, language)) }
            if a.lawyerOnly { m.append(ScreenWords.text(.markLawyer, language)) }
            if a.note != nil { m.append(ScreenWords.text(.markNote, language)) }
            if a.translation != nil { m.append(ScreenWords.text(.markTranslation, language)) }
            return m.joined(separator: ", ")
        }
        for id in interview.path.steps {
            guard let item = questionnaire.item(id), item.type.isAsked else { continue }
            let record = interview.answers[AnswerRef(id)]
            var answer = AnswerFormatter(questionnaire: questionnaire, language: interviewerView ? interviewerLanguage : languageFor(item)).display(record, for: item)
                ?? (record.draft.map { "(\($0))" } ?? ScreenWords.text(.noAnswer, language))
            if item.type == .repeat {
                answer = ScreenWords.format(.entriesCount, language, String(interview.entries(of: id).count))
            }
            rows.append(ReviewRow(ref: AnswerRef(id), text: prompt(item, entry: nil), answer: answer, marks: marks(record), indent: 0))
            if item.type == .repeat {
                for entry in interview.entries(of: id) {
                    for fieldID in entry.fields {
                        guard let field = questionnaire.item(fieldID) else { continue }
                        let ref = AnswerRef(field: fieldID, of: id, entry: entry.entry.id)
                        let r = interview.answers[ref]
                        let shown = AnswerFormatter(questionnaire: questionnaire, language: interviewerView ? interviewerLanguage : languageFor(field)).display(r, for: field)
                            ?? ScreenWords.text(.noAnswer, language)
                        rows.append(ReviewRow(ref: ref, text: prompt(field, entry: (id, entry.entry.id)), answer: shown, marks: marks(r), indent: 2))
                    }
                }
            }
        }
        return rows
    }
}
