import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

/// The interview's keymaps, one per context: each question kind, the "other" field, a repeat's
/// list (and its delete confirmation), the end, and every panel (help, menu, F6, note,
/// translation, review, hidden screen, save failure, the quit dialog). A binding is listed only
/// where it does something in the state the screen is in (no `Ctrl-P` on the first screen, no
/// `Enter open` on an empty list).
extension InterviewScreen {
    static let confirmKeys: [KeyEvent] = [.enter]
    static let confirmAlso: [KeyEvent] = [.ctrl("n"), .pageDown]

    /// What the keys do now: the open panel's keymap, or the question's and the F-keys.
    func keymap() -> [KeyBinding] {
        if let overlay { return overlayKeymap(overlay) }
        if isTooSmall { return [] }
        return questionKeymap() + functionKeymap()
    }

    /// The current question's keys (the footer's first line), going back last.
    func questionKeymap() -> [KeyBinding] {
        let lang = uiLanguage
        func k(_ w: ScreenWords.Word) -> String { ScreenWords.text(w, lang) }
        let isLongText = currentItem?.type == .longtext
        let back = cursor.previous(in: interview) != nil
            ? [KeyBinding([.ctrl("p")], also: isLongText ? [] : [.pageUp], footer: k(.keyBack))] : []
        guard let item = currentItem else { return back }
        let confirm = KeyBinding(Self.confirmKeys, also: Self.confirmAlso, footer: k(.keyConfirm))
        var keys: [KeyBinding]
        switch item.type {
        case .info, .calculate:
            keys = [confirm] + (textOverflows ? [KeyBinding([.up, .down], footer: k(.keyScroll))] : [])
        case .longtext:
            // PgUp/PgDn move through the text by a box's height: offered once it has lines to move through.
            let lines = widget.editor?.layout(width: longTextWidth).lines.count ?? 0
            keys = [KeyBinding([.ctrl("n")], footer: k(.keyConfirmLong))]
                + (lines > 1 ? [KeyBinding([.pageUp, .pageDown], footer: k(.keyPageScroll))] : [])
                + [KeyBinding([.ctrl("u"), .ctrl("k"), .ctrl("w")], otherKeys: true, footer: k(.keyEditing))]
        case .text, .number, .date:
            keys = [confirm, KeyBinding([.ctrl("u"), .ctrl("k"), .ctrl("w")], otherKeys: true, footer: k(.keyEditing))]
        case .yesno:
            let yes = ProgramWords.text(.yes, wordsLanguage).lowercased().prefix(1)
            let no = ProgramWords.text(.no, wordsLanguage).lowercased().prefix(1)
            let named = [String(yes), String(no)]
            let others = yesNoLetters.filter { !named.contains($0) }
            keys = [KeyBinding(letterKeys(named), also: letterKeys(others) + [.character("1"), .character("2"), .left, .right, .up, .down, .tab],
                               caseless: true, footer: "\(yes)/\(no)"),
                    confirm]
        case .choice where widget.editingOther, .multichoice where widget.editingOther:
            keys = [confirm, KeyBinding([.up, .tab], also: [.down, .backTab], footer: k(.keyOtherBack)),
                    KeyBinding([], otherKeys: true, footer: nil, help: k(.keyTyping))]
        case .choice, .multichoice:
            keys = choiceKeymap(item, confirm: confirm)
        case .repeat:
            keys = repeatKeymap(item)
        }
        return keys + back
    }

    func letterKeys(_ letters: [String]) -> [KeyEvent] { letters.compactMap { $0.first.map(KeyEvent.character) } }

    /// The letters that answer yes or no: y/n and the first letters of yes and no in the
    /// client's and the interviewer's languages.
    var yesNoLetters: [String] {
        let languages = [languageFor(currentItem), interviewerLanguage]
        let yes = ["y"] + languages.map { String(ProgramWords.text(.yes, $0).lowercased().prefix(1)) }
        let no = ["n"] + languages.map { String(ProgramWords.text(.no, $0).lowercased().prefix(1)) }
        var letters: [String] = []
        for l in yes + no where !letters.contains(l) { letters.append(l) }
        return letters
    }

    func choiceKeymap(_ item: Item, confirm: KeyBinding) -> [KeyBinding] {
        let lang = uiLanguage
        func k(_ w: ScreenWords.Word) -> String { ScreenWords.text(w, lang) }
        let digits = widget.filter.isEmpty ? (1...min(9, item.choices.count)).map { KeyEvent.character(Character(String($0))) } : []
        let multi = item.type == .multichoice
        var keys = [KeyBinding([.up, .down], also: [.home, .end] + (multi ? [] : digits), footer: k(.keyChoose))]
        if multi { keys.append(KeyBinding([.character(" ")], also: digits, footer: k(.keyToggle))) }
        keys.append(confirm)
        if item.choices.count > 9 {
            keys.append(KeyBinding(widget.filter.isEmpty ? [] : [.backspace], otherKeys: true, footer: k(.keySearch)))
        }
        let otherChosen = multi ? widget.selected.contains("other") : item.choices[safe: widget.highlight]?.value == "other"
        if item.other, otherChosen { keys.append(KeyBinding([.tab], footer: nil, help: k(.keyOtherField))) }
        return keys
    }

    func repeatKeymap(_ item: Item) -> [KeyBinding] {
        let lang = uiLanguage
        func k(_ w: ScreenWords.Word) -> String { ScreenWords.text(w, lang) }
        let entries = interview.entries(of: item.id)
        if let pending = widget.confirmDelete {
            // The question on the screen takes the next key: y deletes, any other keeps.
            let n = (entries.firstIndex { $0.entry.id == pending } ?? 0) + 1
            return [KeyBinding([], otherKeys: true, footer: nil, help: ScreenWords.format(.deleteEntryConfirm, lang, String(n)))]
        }
        let expected = interview.path.repeats[item.id]?.expectedCount
        var keys: [KeyBinding] = []
        if expected == nil || entries.count < expected! { keys.append(KeyBinding([.character("+")], also: [.insert], footer: k(.keyAdd))) }
        if entries.isEmpty {
            keys.append(KeyBinding([.enter], footer: nil, help: "Enter: " + k(.repeatEmptyHint)))
        } else {
            keys.append(KeyBinding([.enter], footer: k(.keyOpen)))
            if entries.count > 1 { keys.append(KeyBinding([.up, .down], footer: nil, help: k(.keyChoose))) }
        }
        if !entries.isEmpty && expected == nil { keys.append(KeyBinding([.delete], footer: k(.keyDelete))) }
        keys.append(KeyBinding([.ctrl("n")], also: [.pageDown], footer: k(.keyGoOn)))
        return keys
    }

    /// The F-keys that work here, in the footer's order (most needed first), then Ctrl-C and
    /// Esc, which the footer shows as its last word.
    func functionKeymap() -> [KeyBinding] {
        let lang = uiLanguage
        func k(_ w: ScreenWords.Word) -> String { ScreenWords.text(w, lang) }
        func menu(_ action: MenuAction) -> String { action.key + " " + ScreenWords.text(action.word, lang) }
        func f(_ n: Int, _ word: ScreenWords.Word, _ action: MenuAction, footer: Bool = true) -> KeyBinding {
            KeyBinding([.function(n)], footer: footer ? k(word) : nil, help: menu(action), line: .function)
        }
        let item = currentItem
        let asked = item?.type.isAsked ?? false
        var keys = [f(1, .keyHelp, .help)]
        if asked, let item, item.allowDontKnow || item.allowRefuse { keys.append(f(6, .keyDontKnow, .dontKnow)) }
        keys.append(f(5, .keyReview, .review))
        keys.append(f(12, interviewerView ? .keyClientView : .keyInterviewerView, .interviewer))
        if questionnaire.languages.count > 1 { keys.append(f(2, .keyLanguage, .language)) }
        if cursor.ref != nil { keys += [f(3, .keyNote, .note), f(4, .keyFollowUp, .followUp)] }
        // "For the lawyer only" is the interviewer's mark: the client's view does not name it in
        // the footer (F7 still works, and the help and the menu have it).
        if asked { keys += [f(7, .keyLawyer, .lawyer, footer: interviewerView), f(9, .keyTranslation, .translation)] }
        keys.append(f(8, .keyHide, .hide))
        keys.append(KeyBinding([.ctrl("c")], footer: nil, help: menu(.quit)))
        keys.append(KeyBinding([.escape], footer: nil, help: "Esc " + ScreenWords.text(.menuTitle, lang)))
        return keys
    }

    /// The keys of an open panel; its key line is made from them.
    func overlayKeymap(_ overlay: Overlay) -> [KeyBinding] {
        let lang = uiLanguage
        func k(_ w: ScreenWords.Word) -> String { ScreenWords.text(w, lang) }
        switch overlay {
        case .help:
            let scrolls = helpLines(width: helpWidth).count > helpRows
            let pages = KeyNames.name(.pageUp, lang) + "/" + KeyNames.name(.pageDown, lang)
            return (scrolls ? [KeyBinding([.up, .down, .pageUp, .pageDown], footer: "↑↓ " + pages)] : [])
                + [KeyBinding([], otherKeys: true, footer: k(.keyAnyKey) + " → ✕")]
        case .menu:
            return [KeyBinding([.up, .down], footer: k(.keyChoose)), KeyBinding([.enter], footer: k(.keyConfirm)),
                    KeyBinding([.escape], footer: k(.keyClose))]
        case .dontKnow:
            return (dontKnowChoices.count > 1 ? [KeyBinding([.up, .down], footer: k(.keyChoose))] : [])
                + [KeyBinding([.enter], footer: k(.keyConfirm)), KeyBinding([.escape], also: [.function(6)], footer: k(.keyClose))]
        case .note, .translation:
            // The note and the translation are the interviewer's: their words.
            let il = interviewerLanguage
            let isNote: Bool = { if case .note = overlay { return true } else { return false } }()
            return [KeyBinding([.ctrl("n")], also: [.pageDown, .function(isNote ? 3 : 9)], footer: ScreenWords.text(.keySave, il)),
                    KeyBinding([.escape], footer: ScreenWords.text(.keyCancel, il)),
                    KeyBinding([], otherKeys: true, footer: nil, help: ScreenWords.text(.keyTyping, il))]
        case .review:
            let rows = reviewRows()
            return (rows.count > 1 ? [KeyBinding([.up, .down], also: [.pageUp, .pageDown], footer: k(.keyChoose))] : [])
                + (rows.isEmpty ? [] : [KeyBinding([.enter], footer: k(.keyJump))])
                + [KeyBinding([.escape], also: [.function(5)], footer: k(.keyClose))]
        case .hidden:
            // A blank screen: any key shows the interview again, or for a protected session the
            // passphrase is typed and Enter checks it. Nothing is written on it, on purpose.
            return [KeyBinding([], otherKeys: true, footer: nil, help: "")]
        case .saveFailed:
            return [KeyBinding([.character("r")], caseless: true, footer: k(.saveRetry)),
                    KeyBinding([.character("e")], caseless: true, footer: k(.saveElsewhere)),
                    KeyBinding([.escape], footer: k(.keyClose))]
        case .quitUnsaved(let dialog):
            func q(_ w: QuitWords.Word) -> String { QuitWords.text(w, lang) }
            switch dialog.stage {
            case .choosing:
                return [KeyBinding([.character("r")], caseless: true, footer: q(.retry)),
                        KeyBinding([.character("e")], caseless: true, footer: q(.rescue)),
                        KeyBinding([.character("t")], caseless: true, footer: q(.typeFolder)),
                        KeyBinding([.character("q")], caseless: true, footer: q(.quitAnyway)),
                        KeyBinding([.escape], footer: q(.goBack))]
            case .typingFolder:
                return [KeyBinding([.enter, .escape], otherKeys: true, footer: q(.folderPrompt))]
            case .confirming:
                return [KeyBinding([], otherKeys: true, footer: q(.confirm))]
            }
        }
    }

    /// A panel's key line: the words of its bindings that have any, with the keys they do not name.
    func keyLine(_ bindings: [KeyBinding], language: String) -> String {
        bindings.filter { $0.footer != nil }.map { $0.helpLine(language) }.joined(separator: "   ")
    }
}
