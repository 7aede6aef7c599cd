import RefugeCanvas

/// One thing a key does in one context, as data: the keys that do it, and the words that say so
/// in the footer and in the help (in the language the screen speaks). The footer, the F1 help
/// and the key lines of the panels are made from these, and the screen lets through only the
/// keys its current context binds, so no list can offer a key that does nothing or leave out one
/// that works (`KeymapTests` presses every key each list shows).
struct KeyBinding: Equatable {
    /// Where the footer shows it: the question's own line, the F-key line, or not at all.
    enum Line: Equatable { case question, function, none }

    /// Every key that does it: the ones the words name, then the others (`also`).
    let keys: [KeyEvent]
    /// Keys the words do not name; the help lists them after the words.
    let also: [KeyEvent]
    /// Every other key reaches it too: text typed into a field, "any key closes".
    let takesOtherKeys: Bool
    /// Its letters are taken in either case (`y` and `Y`); the words name the lower case.
    let caseless: Bool
    /// The footer's words (nil: not in the footer, only in the help).
    let footer: String?
    /// The help's words.
    let help: String
    let line: Line

    init(_ named: [KeyEvent], also: [KeyEvent] = [], otherKeys: Bool = false, caseless: Bool = false, footer: String?, help: String? = nil,
         line: Line = .question) {
        keys = named + also
        self.also = also
        takesOtherKeys = otherKeys
        self.caseless = caseless
        self.footer = footer
        self.help = help ?? footer ?? ""
        self.line = footer == nil ? .none : line
    }

    func binds(_ key: KeyEvent) -> Bool {
        if takesOtherKeys || keys.contains(key) { return true }
        guard caseless, case .character(let c) = key else { return false }
        return keys.contains(.character(Character(c.lowercased())))
    }

    /// The help's line: the words, then the keys they do not name.
    func helpLine(_ language: String) -> String {
        guard !also.isEmpty else { return help }
        return help + "  " + ScreenWords.format(.keyAlso, language, also.map { KeyNames.name($0, language) }.joined(separator: ", "))
    }
}

extension Array where Element == KeyBinding {
    /// Whether some binding here takes the key.
    func binds(_ key: KeyEvent) -> Bool { contains { $0.binds(key) } }
}

/// Keys by the names printed on keyboards (Spanish keyboards say Supr, Inicio, RePág...).
enum KeyNames {
    static func name(_ key: KeyEvent, _ language: String) -> String {
        let spanish = language == "es"
        switch key {
        case .character(" "): return language == "ru" ? "Пробел" : spanish ? "Espacio" : "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return spanish ? "Retroceso" : "Backspace"
        case .delete: return spanish ? "Supr" : "Del"
        case .insert: return "Insert"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return spanish ? "Inicio" : "Home"
        case .end: return spanish ? "Fin" : "End"
        case .pageUp: return spanish ? "RePág" : "PgUp"
        case .pageDown: return spanish ? "AvPág" : "PgDn"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .alt(let c): return "Alt-" + String(c)
        case .paste, .click, .resize, .signal, .inputClosed: return ""
        }
    }
}
