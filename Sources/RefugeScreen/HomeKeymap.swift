import RefugeCanvas

/// The home screen's keymaps, one per mode (the list, the list being filtered, the new-session
/// form, the passphrase, the confirmations, the help). The footer and the help (F1) are made
/// from them, and a key the mode does not bind does nothing; the home screen speaks English (no
/// client's language is chosen yet).
extension HomeScreen {
    func keymap() -> [KeyBinding] {
        switch mode {
        case .list where filter != nil:
            return [KeyBinding([.backspace], otherKeys: true, footer: "type to filter"),
                    KeyBinding([.up, .down], also: [.pageUp, .pageDown, .home, .end], footer: "↑↓ choose"),
                    KeyBinding([.enter], footer: "Enter resume"),
                    KeyBinding([.backspace, .escape], footer: "Backspace/Esc stop filtering")]
        case .list:
            return listKeymap()
        case .form(let form):
            // ←→ change a field that has a choice to change; in a text field they move the cursor.
            let picksFile = form.questionnaire == choices.count
            let languages = (picksFile ? form.fileChoice?.languages : choices[safe: form.questionnaire]?.languages) ?? ["en"]
            let changes: Bool
            switch form.field {
            case 0: changes = !picksFile && choices.count + (offersFile ? 1 : 0) > 1
            case 1, 2: changes = languages.count > 1
            case 4, 5: changes = true
            default: changes = false
            }
            let typed = [3, 6, 7].contains(form.field) || (form.field == 0 && picksFile)
            return [KeyBinding([.up, .down, .tab], also: [.backTab], footer: "↑↓/Tab field")]
                + (changes ? [KeyBinding([.left, .right], footer: "←→ change")] : [])
                + [KeyBinding([.enter], footer: "Enter next / start"), KeyBinding([.escape], footer: "Esc cancel")]
                + (typed ? [KeyBinding([], otherKeys: true, footer: nil, help: "type")] : [])
                + (form.field == 4 ? [KeyBinding([.character("c"), .character("i")], footer: nil, help: "c client, i interviewer")] : [])
                + (form.field == 5 ? [KeyBinding([.character("y"), .character("n")], footer: nil, help: "y passphrase, n none")] : [])
        case .confirmQuit:
            return [KeyBinding([.character("y")], caseless: true, footer: "y quit Refuge"),
                    KeyBinding([], otherKeys: true, footer: "any other key: stay")]
        case .confirmReport:
            return [KeyBinding([.character("y")], caseless: true, footer: "y write the report"),
                    KeyBinding([], otherKeys: true, footer: "any other key: cancel")]
        case .passphrase:
            return [KeyBinding([.enter], footer: "Enter open"), KeyBinding([.escape], otherKeys: true, footer: "Esc cancel")]
        case .help:
            return [KeyBinding([], otherKeys: true, footer: "any key: back to the list")]
        case .confirmDelete:
            return [KeyBinding([.character("y")], caseless: true, footer: "y delete"),
                    KeyBinding([], otherKeys: true, footer: "any other key: keep")]
        }
    }

    /// The list's keys (no filter being typed).
    func listKeymap() -> [KeyBinding] {
        let rowShown = visibleRows.contains(highlight) && rows.indices.contains(highlight)
        let digits = (0...9).map { KeyEvent.character(Character(String($0))) }
        let moves = visibleRows.count > 1
        return (moves ? [KeyBinding([.up, .down], also: [.pageUp, .pageDown, .home, .end], footer: "↑↓ choose")] : [])
            + (rowShown ? [KeyBinding([.enter], footer: "Enter resume")] : [])
            + [KeyBinding([.character("/")], also: digits, footer: "/ find"),
               KeyBinding([.character("n")], also: [.character("N"), .insert], footer: "n new")]
            + (rowShown ? [KeyBinding([.character("r")], footer: "r report"),
                           KeyBinding([.character("d")], also: [.delete], footer: "d delete")] : [])
            + [KeyBinding([.character("q"), .escape], footer: "q quit", help: "q quit, Esc asks first"),
               KeyBinding([.function(1)], footer: "F1 help", help: "F1 these keys")]
    }

    /// The help (F1): every key of the list, with the keys its words do not name.
    var helpLines: [String] {
        listKeymap().map { $0.helpLine("en") }
    }

    /// The footer: the words of the current keymap.
    var footerLine: String {
        let separator = mode == .list && filter == nil ? "  " : "   "
        return keymap().compactMap(\.footer).joined(separator: separator)
    }
}
