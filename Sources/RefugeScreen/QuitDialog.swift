#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeCanvas
import RefugeEngine
import RefugeText

/// Quitting while the file on disk is behind what is in memory (a save failed, the disk is full
/// or gone): the answers would be lost, so quitting stops here and offers, in this order, to try
/// saving again, to save a rescue copy (beside the sessions folder, or in a folder the person
/// types, such as a USB stick), or to quit anyway after saying yes to losing them. No key starts
/// a save by itself while this is shown; only `r` and the rescue choices do, once each.
struct QuitDialog: Equatable {
    enum Stage: Equatable {
        case choosing
        case typingFolder(TextEditor)
        case confirming
    }

    var stage: Stage = .choosing
    /// What the last attempt gave: a failure's reason, or where the rescue copy went.
    var outcome: String?
    /// A rescue copy holds everything: quitting then needs no confirmation.
    var rescued = false

    func confirming() -> QuitDialog { QuitDialog(stage: .confirming, outcome: outcome, rescued: rescued) }

    /// `$HOME` of the person running the program (never another account's home).
    static var homeFolder: URL {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        return URL(fileURLWithPath: FileManager.default.homeDirectoryForCurrentUser.path)
    }

    /// A typed folder: `~` is `$HOME`; a relative path is taken from the current folder.
    static func folder(typed: String) -> URL? {
        var text = typed.trimmingSpacesAndNewlines
        guard !text.isEmpty else { return nil }
        if text == "~" || text.hasPrefix("~/") { text = homeFolder.path + text.dropFirst() }
        return URL(fileURLWithPath: text)
    }
}

extension InterviewScreen.Overlay {
    /// Overlays during which nothing saves by itself (the idle tick, drafts).
    var holdsSaves: Bool {
        switch self {
        case .saveFailed, .quitUnsaved: return true
        default: return false
        }
    }
}

extension InterviewScreen {
    /// Quit (Ctrl-C, the menu): save the draft and position, and stop once the runner says the
    /// file has them; when the file is already behind, or that save fails, the person chooses
    /// what to do.
    func requestQuit() {
        if hasUnsavedChanges {
            overlay = .quitUnsaved(QuitDialog())
            return
        }
        prepareToStop()
        afterSave = .quit
    }

    func handleQuitDialog(_ key: KeyEvent, _ dialog: QuitDialog) {
        var dialog = dialog
        switch dialog.stage {
        case .choosing:
            switch key {
            case .character("r"), .character("R"):
                // One save, written whatever changed; `.saved` quits, `.saveFailed` says why here.
                dialog.outcome = nil
                prepareToStop()
                afterSave = .quitDialogRetry
            case .character("e"), .character("E"):
                emit(.writeRescueCopy(model.session, folder: rescueFolder(nil)))
            case .character("t"), .character("T"):
                let start = (options.rescueFolder ?? QuitDialog.homeFolder).path
                dialog.stage = .typingFolder(TextEditor(text: start, mode: .singleLine))
            case .character("q"), .character("Q"):
                if dialog.rescued { wantsToQuit = true; overlay = nil; return }
                dialog.stage = .confirming
            case .escape:
                overlay = nil
                return
            default:
                break
            }
        case .typingFolder(var editor):
            switch key {
            case .enter:
                dialog.stage = .choosing
                if let folder = QuitDialog.folder(typed: editor.text) {
                    emit(.writeRescueCopy(model.session, folder: rescueFolder(folder)))
                }
            case .escape:
                dialog.stage = .choosing
            default:
                _ = editor.handle(key, width: 60)
                dialog.stage = .typingFolder(editor)
            }
        case .confirming:
            switch key {
            case .character("y"), .character("Y"), .character("д"), .character("Д"), .character("s"), .character("S"):
                wantsToQuit = true
                overlay = nil
                return
            default:
                dialog.stage = .choosing
            }
        }
        overlay = .quitUnsaved(dialog)
    }

    /// Where a rescue copy goes: the folder typed, else the rescue folder, else `$HOME`. A
    /// rescue copy holds everything in memory; once written, quitting loses nothing, but the
    /// session's own file is still behind, so the exit status still says so.
    func rescueFolder(_ chosen: URL?) -> URL {
        chosen ?? options.rescueFolder ?? QuitDialog.homeFolder
    }

    func drawQuitDialog(_ grid: inout CellGrid, _ dialog: QuitDialog) {
        let lang = uiLanguage
        let inner = panel(&grid, title: QuitWords.text(.title, lang), width: 74, height: 16)
        var row = inner.row
        func line(_ text: String, style: Style = Style()) {
            for piece in wrap(text, width: inner.width) where row < inner.bottom {
                grid.put(piece, row: row, column: inner.column, style: style)
                row += 1
            }
        }
        line(QuitWords.text(.explanation, lang), style: Self.notice)
        if let outcome = dialog.outcome { line(outcome) }
        row += 1
        // The keys' lines come from the dialog's keymap.
        let keys = overlayKeymap(.quitUnsaved(dialog)).compactMap(\.footer)
        switch dialog.stage {
        case .choosing:
            for key in keys { line(key) }
        case .typingFolder(let editor):
            for key in keys { line(key) }
            var e = editor
            let field = Rect(row: min(row, inner.bottom - 1), column: inner.column, width: inner.width, height: 1)
            e.scrollToCursor(width: field.width, height: 1)
            grid.put(e.viewport(width: field.width, height: 1), in: field)
        case .confirming:
            for key in keys { line(key, style: Self.notice) }
        }
    }
}

/// The quit dialog's words, kept apart from the screen's other words.
enum QuitWords {
    enum Word: Hashable {
        case title, explanation, retry, rescue, typeFolder, quitAnyway, goBack, folderPrompt, confirm, rescued
    }

    static func text(_ word: Word, _ language: String) -> String {
        ProgramWords.pick(word, language, from: tables) ?? ""
    }

    static func format(_ word: Word, _ language: String, _ args: String...) -> String {
        ProgramWords.fill(text(word, language), args)
    }

    static let tables: [String: [Word: String]] = [
        "en": [
            .title: "Not saved",
            .explanation: "The last answers are only in memory: they could not be saved to disk. Quitting now would lose them.",
            .retry: "r  try to save again",
            .rescue: "e  save a rescue copy beside the sessions folder",
            .typeFolder: "t  save a rescue copy in a folder you type (a USB stick)",
            .quitAnyway: "q  quit without saving",
            .goBack: "Esc  go back to the interview",
            .folderPrompt: "Folder for the rescue copy (Enter to save, Esc to go back):",
            .confirm: "Quit and lose the answers that are not saved? Press y to quit, any other key to go back.",
            .rescued: "A rescue copy with every answer was saved at %1. You can quit now.",
        ],
        "es": [
            .title: "Sin guardar",
            .explanation: "Las últimas respuestas solo están en memoria: no se pudieron guardar en el disco. Si sale ahora, se perderán.",
            .retry: "r  intentar guardar otra vez",
            .rescue: "e  guardar una copia de rescate junto a la carpeta de sesiones",
            .typeFolder: "t  guardar una copia de rescate en una carpeta que usted escriba (una memoria USB)",
            .quitAnyway: "q  salir sin guardar",
            .goBack: "Esc  volver a la entrevista",
            .folderPrompt: "Carpeta para la copia de rescate (Enter para guardar, Esc para volver):",
            .confirm: "¿Salir y perder las respuestas sin guardar? Pulse s para salir, cualquier otra tecla para volver.",
            .rescued: "Se guardó una copia de rescate con todas las respuestas en %1. Ya puede salir.",
        ],
        "ru": [
            .title: "Не сохранено",
            .explanation: "Последние ответы есть только в памяти: записать их на диск не удалось. Если выйти сейчас, они пропадут.",
            .retry: "r  попробовать сохранить ещё раз",
            .rescue: "e  сохранить резервную копию рядом с папкой сеансов",
            .typeFolder: "t  сохранить резервную копию в папку, которую вы укажете (флешка)",
            .quitAnyway: "q  выйти без сохранения",
            .goBack: "Esc  вернуться к интервью",
            .folderPrompt: "Папка для резервной копии (Enter — сохранить, Esc — назад):",
            .confirm: "Выйти и потерять несохранённые ответы? Нажмите д, чтобы выйти, любую другую клавишу — чтобы вернуться.",
            .rescued: "Резервная копия со всеми ответами сохранена: %1. Теперь можно выйти.",
        ],
    ]
}
