import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
@testable import RefugeScreen
import RefugeSession
import XCTest

/// Keys as data: in every context (every question of the shipped questionnaires in every
/// language and both views, the repeat lists, the end, every panel and dialog) each key the
/// footer, the help or a panel shows does something, and every key the context binds is shown.
/// A key no context binds does nothing (the screen lets through only bound keys), so together
/// these say the footer and the help can neither offer a dead key nor leave out a live one.
final class KeymapTests: XCTestCase {
    static let questionnaires: [Questionnaire] = ["Questionnaires/example-intake.yaml", "Questionnaires/intake", "Questionnaires/credible-fear"]
        .map { QuestionnaireLoader.load(path: ScreenHarness.root.appendingPathComponent($0).path).questionnaire! }

    /// A way to reach one context: a screen over a session in memory, then messages.
    struct Scenario: CustomStringConvertible {
        var model: SessionModel
        var messages: [InterviewMessage]
        var options = InterviewOptions()
        var width = 80, height = 24
        var description: String

        func build() -> InterviewScreen {
            let screen = InterviewScreen(model: model, width: width, height: height, options: options)
            for m in messages { _ = screen.update(m) }
            _ = screen.view()              // what the keymap knows from the last drawing (overflow)
            return screen
        }
    }

    static func model(_ q: Questionnaire, language: String, interviewerLanguage: String) -> SessionModel {
        let created = Date(timeIntervalSince1970: 1_795_000_000)
        let session = NewSession.make(id: "keys1", questionnaire: q, language: language, interviewerLanguage: interviewerLanguage,
                                      label: "K-1", now: created, timeZone: TimeZone(identifier: "UTC")!)
        return SessionModel(session: session, questionnaire: q, now: { created })
    }

    static func key(_ k: KeyEvent) -> InterviewMessage { .key(k, at: 0) }

    /// What a person could notice, or what the runner is asked to do.
    func fingerprint(_ s: InterviewScreen) -> String {
        [s.view().renderText(), "\(s.cursor)", String(describing: s.overlay), String(describing: s.widget),
         s.message.map { $0.text(s.uiLanguage) } ?? "", "\(s.session.interviewerView)", s.session.language].joined(separator: "\u{1}")
    }

    /// Whether pressing `key` in the scenario does something: changes what is seen or the
    /// state, or asks for an effect. A key at the edge of its range (↑ on the first row) is
    /// tried after each other key of its binding, as a person would.
    func doesSomething(_ key: KeyEvent, of binding: KeyBinding, in scenario: Scenario) -> Bool {
        // A binding that takes typing may need something typed first (Ctrl-U erases nothing in an empty field).
        let preludes: [[KeyEvent]] = [[]] + binding.keys.filter { $0 != key }.map { [$0] } + (binding.takesOtherKeys ? [[.character("1"), .character("2"), .left]] : [])
        for prelude in preludes {
            let s = scenario.build()
            for k in prelude { _ = s.update(Self.key(k)) }
            let before = fingerprint(s)
            let effects = s.update(Self.key(key))
            if !effects.isEmpty || fingerprint(s) != before { return true }
        }
        return false
    }

    /// Whether the words name the key: "Enter OK" names Enter, "↑↓ choose" both arrows,
    /// "Ctrl-U/K/W erase" Ctrl-K.
    func words(_ words: String, name key: KeyEvent, _ language: String) -> Bool {
        let name = KeyNames.name(key, language)
        if words.contains(name) { return true }
        if case .ctrl(let c) = key, words.contains("Ctrl-") {
            let letter = String(c).uppercased()
            return words.contains("/" + letter) || words.contains(letter + "/")
        }
        return false
    }

    /// Checks one context: its keys do something, and its words name every key it binds.
    /// Keymaps already checked, by kind of question and language: the same keymap in the same
    /// state needs pressing once.
    var checked: Set<String> = []

    /// Text as a person reads it across lines: frames gone, runs of spaces one space.
    func flat(_ text: String) -> String {
        text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    func check(_ scenario: Scenario, shown: (InterviewScreen) -> String, problems: inout [String]) {
        let screen = scenario.build()
        let signature = "\(screen.currentItem?.type.rawValue ?? "end") \(String(describing: screen.overlay).prefix(12)) \(screen.uiLanguage) "
            + screen.keymap().map { "\($0.keys)\($0.footer ?? "")\($0.help)\($0.takesOtherKeys)" }.joined()
        guard checked.insert(signature).inserted else { return }
        let lang = screen.overlay == nil ? screen.uiLanguage : (screen.overlay.map { o -> String in
            if case .note = o { return screen.interviewerLanguage }
            if case .translation = o { return screen.interviewerLanguage }
            return screen.uiLanguage
        } ?? screen.uiLanguage)
        let text = flat(shown(screen))
        for binding in screen.keymap() {
            let tag = "\(scenario) [\(binding.help)]"
            if binding.takesOtherKeys {
                if !doesSomething(.character("a"), of: binding, in: scenario) { problems.append("\(tag): a typed letter does nothing") }
            }
            for key in binding.keys where !doesSomething(key, of: binding, in: scenario) {
                problems.append("\(tag): \(KeyNames.name(key, lang)) does nothing")
            }
            // Shown: the words (and the keys they do not name) are where the person reads keys.
            let line = binding.footer == nil && screen.overlay != nil ? binding.help : binding.helpLine(lang)
            if binding.takesOtherKeys && binding.footer == nil { continue }
            if !text.contains(flat(line)) { problems.append("\(tag): not shown (\(line))") }
            for key in binding.keys where !binding.also.contains(key) && !words(binding.help, name: key, lang) && !words(binding.footer ?? "", name: key, lang) {
                problems.append("\(tag): \(KeyNames.name(key, lang)) is bound but its words do not name it")
            }
        }
    }

    /// The help's text (F1), for a question context.
    func helpText(_ s: InterviewScreen) -> String {
        s.helpLines(width: 200).map { $0.map(\.text).joined() }.joined(separator: "\n")
    }

    func testEveryQuestionsKeysDoSomethingAndAreInTheHelp() {
        var problems: [String] = []
        var contexts = 0
        for q in Self.questionnaires {
            for language in q.languages {
                for interviewer in [false, true] {
                    let other = q.languages.first { $0 != language } ?? language
                    let il = interviewer ? (language == "en" ? other : "en") : "en"
                    let base = Self.model(q, language: language, interviewerLanguage: il)
                    let view = interviewer ? [Self.key(.function(12))] : []
                    for section in q.sections {
                        for item in section.items {
                            let tag = "\(q.id) \(language)/\(il) \(interviewer ? "interviewer" : "client") \(item.id)"
                            var scenarios = [Scenario(model: base, messages: view + [.jump(AnswerRef(item.id))], description: tag)]
                            scenarios += preparedScenarios(item, base: base, view: view, tag: tag)
                            for scenario in scenarios {
                                contexts += 1
                                check(scenario, shown: helpText, problems: &problems)
                            }
                        }
                    }
                    // The end of the interview.
                    let end = Scenario(model: base, messages: view + [.jump(AnswerRef(q.sections.last!.items.last!.id)), Self.key(.ctrl("n"))],
                                       description: "\(q.id) \(language) end")
                    check(end, shown: helpText, problems: &problems)
                }
            }
        }
        XCTAssertGreaterThan(contexts, 300)
        XCTAssertGreaterThan(checked.count, 60, "kinds of keymap pressed through")
        XCTAssertEqual(problems, [], problems.prefix(60).joined(separator: "\n"))
    }

    /// Further states of a question that change its keys: text typed in a field, a list with a
    /// row chosen or "other" being typed, a repeat with entries, and the delete confirmation.
    func preparedScenarios(_ item: Item, base: SessionModel, view: [InterviewMessage], tag: String) -> [Scenario] {
        let jump = view + [InterviewMessage.jump(AnswerRef(item.id))]
        func typed(_ text: String) -> [InterviewMessage] { text.map { Self.key(.character($0)) } }
        switch item.type {
        case .text, .longtext:
            return [Scenario(model: base, messages: jump + typed("ab cd") + [Self.key(.left), Self.key(.left)], description: tag + " typed")]
        case .number:
            return [Scenario(model: base, messages: jump + typed("12 34") + [Self.key(.left), Self.key(.left)], description: tag + " typed")]
        case .date:
            return [Scenario(model: base, messages: jump + typed("2022 09") + [Self.key(.left), Self.key(.left)], description: tag + " typed")]
        case .choice, .multichoice:
            var s = [Scenario(model: base, messages: jump + [Self.key(.down)], description: tag + " a row chosen")]
            if item.other, let i = item.choices.firstIndex(where: { $0.value == "other" }) {
                let toOther = Array(repeating: Self.key(.down), count: i + 1)
                s.append(Scenario(model: base, messages: jump + toOther + [Self.key(.tab)], description: tag + " other, back on the list"))
                s.append(Scenario(model: base, messages: jump + toOther + (item.type == .multichoice ? [Self.key(.character(" "))] : []) + typed("xy"),
                                  description: tag + " other being typed"))
            }
            return s
        case .repeat:
            let twoEntries = jump + [Self.key(.character("+"))] + jump + [Self.key(.character("+"))] + jump
            return [Scenario(model: base, messages: twoEntries, description: tag + " two entries"),
                    Scenario(model: base, messages: twoEntries + [Self.key(.delete)], description: tag + " deleting")]
        default:
            return []
        }
    }

    func testEveryPanelsKeysDoSomethingAndAreOnThePanel() {
        var problems: [String] = []
        let panelText: (InterviewScreen) -> String = { $0.view().renderText() }
        for q in Self.questionnaires.prefix(2) {
            for language in q.languages {
                let base = Self.model(q, language: language, interviewerLanguage: "en")
                // A question that allows "don't know", with text typed, for the F6 panel.
                let asked = q.sections.flatMap(\.items).first { $0.type == .text && ($0.allowDontKnow || $0.allowRefuse) }!
                let long = q.sections.flatMap(\.items).first { $0.type == .choice && $0.choices.count > 6 }!
                let at = [InterviewMessage.jump(AnswerRef(asked.id))]
                let answered = at + "Ana".map { Self.key(.character($0)) } + [Self.key(.enter), .jump(AnswerRef(asked.id))]
                let tag = "\(q.id) \(language)"
                var scenarios = [
                    Scenario(model: base, messages: at + [Self.key(.function(1))], description: tag + " help"),
                    Scenario(model: base, messages: [.jump(AnswerRef(long.id)), Self.key(.function(1))], width: 80, height: 24, description: tag + " long help"),
                    Scenario(model: base, messages: at + [Self.key(.escape)], description: tag + " menu"),
                    Scenario(model: base, messages: at + [Self.key(.function(6))], description: tag + " don't know"),
                    Scenario(model: base, messages: at + [Self.key(.function(3))], description: tag + " note"),
                    Scenario(model: base, messages: at + [Self.key(.function(9))], description: tag + " translation"),
                    Scenario(model: base, messages: answered + [Self.key(.function(5))], description: tag + " review"),
                    Scenario(model: base, messages: at + [Self.key(.function(8))], description: tag + " hidden"),
                    Scenario(model: base, messages: at + [Self.key(.function(8))], options: InterviewOptions(asksPassphrase: true),
                             description: tag + " hidden, protected"),
                    Scenario(model: base, messages: answered + [.saveFailed("the disk is full")], description: tag + " save failed"),
                    Scenario(model: base, messages: answered + [.saveFailed("the disk is full"), Self.key(.escape), Self.key(.ctrl("c"))],
                             description: tag + " quit dialog"),
                    Scenario(model: base, messages: answered + [.saveFailed("full"), Self.key(.escape), Self.key(.ctrl("c")), Self.key(.character("t"))],
                             description: tag + " quit dialog, folder"),
                    Scenario(model: base, messages: answered + [.saveFailed("full"), Self.key(.escape), Self.key(.ctrl("c")), Self.key(.character("q"))],
                             description: tag + " quit dialog, confirming"),
                ]
                // In a help longer than the screen the arrows scroll it rather than close it.
                let longHelp = scenarios[1].build()
                if longHelp.helpLines(width: longHelp.helpWidth).count > longHelp.helpRows {
                    for key: KeyEvent in [.down, .pageDown] {
                        let s = scenarios[1].build()
                        _ = s.update(Self.key(key))
                        guard case .help(let scroll)? = s.overlay, scroll > 0 else { problems.append("\(tag): \(key) did not scroll the help"); continue }
                    }
                } else {
                    problems.append("\(tag): the long help fits; choose a longer question")
                }
                scenarios = scenarios.filter { $0.build().overlay != nil }
                XCTAssertEqual(scenarios.count, 13, "\(tag): every panel opened")
                for scenario in scenarios {
                    let screen = scenario.build()
                    if case .hidden = screen.overlay {
                        // The hidden screen shows nothing on purpose; its keys must still work.
                        for binding in screen.keymap() where !doesSomething(.character("a"), of: binding, in: scenario) {
                            problems.append("\(scenario): a key does nothing")
                        }
                        continue
                    }
                    check(scenario, shown: panelText, problems: &problems)
                }
            }
        }
        XCTAssertEqual(problems, [], problems.prefix(60).joined(separator: "\n"))
    }

    func testAKeyNoContextBindsDoesNothing() {
        let q = Self.questionnaires[0]
        let base = Self.model(q, language: "en", interviewerLanguage: "en")
        let s = Scenario(model: base, messages: [.jump(AnswerRef("interpreter_used"))], description: "choice").build()
        XCTAssertFalse(s.keymap().binds(.function(11)))
        XCTAssertFalse(s.keymap().binds(.character("z")), "a list of four is not searched")
        let before = fingerprint(s)
        for key: KeyEvent in [.function(11), .character("z"), .alt("x"), .ctrl("t"), .insert] {
            XCTAssertTrue(s.update(.key(key, at: 0)).isEmpty)
        }
        XCTAssertEqual(fingerprint(s), before)
        XCTAssertFalse(s.keymap().binds(.function(2)) && q.languages.count < 2)
    }

    // MARK: Home

    /// The home screen in one mode: a caseload of three sessions, then keys.
    func home(_ keys: [KeyEvent]) -> HomeScreen {
        let home = HomeScreen(width: 80, height: 24)
        _ = home.update(.sessionsListed((1...3).map {
            HomeScreen.Row(url: URL(fileURLWithPath: "/s/\($0).refuge"), id: "id\($0)", label: "A-\($0)", questionnaire: "x 1",
                           language: "en", progress: "0/3", updated: "today", isProtected: $0 == 2)
        }))
        _ = home.update(.questionnairesListed([HomeScreen.Choice(id: "x", title: "X", languages: ["en", "es"])]))
        for k in keys { _ = home.update(.key(k)) }
        return home
    }

    func testEveryHomeFooterKeyDoesSomething() {
        var problems: [String] = []
        let modes: [(String, [KeyEvent])] = [("list", [.down]), ("filter", [.character("/"), .character("A")]), ("form", [.character("n")]), ("form, who types", [.character("n"), .down, .down, .down, .down]),
                                             ("form, label", [.character("n"), .down, .down, .down]),
                                             ("quit?", [.escape]), ("report?", [.character("r")]), ("delete?", [.character("d")]),
                                             ("passphrase", [.down, .enter]), ("help", [.function(1)]), ("empty", [])]
        for (name, keys) in modes {
            let screen = name == "empty" ? HomeScreen(width: 80, height: 24) : home(keys)
            let footer = screen.view().renderText().split(separator: "\n").last.map(String.init) ?? ""
            for binding in screen.keymap() {
                guard let words = binding.footer else { continue }
                if !footer.contains(words) { problems.append("\(name): \(words) not in the footer") }
                let tried = binding.keys + (binding.takesOtherKeys ? [.character("x")] : [])
                for key in tried {
                    let s = name == "empty" ? HomeScreen(width: 80, height: 24) : home(keys)
                    let preludes: [[KeyEvent]] = [[]] + binding.keys.filter { $0 != key }.map { [$0] }
                    let acted = preludes.contains { prelude in
                        let s = name == "empty" ? HomeScreen(width: 80, height: 24) : home(keys + prelude)
                        let before = s.view().renderText() + "\(s.mode)\(s.highlight)"
                        let effects = s.update(.key(key))
                        return !effects.isEmpty || s.view().renderText() + "\(s.mode)\(s.highlight)" != before
                    }
                    _ = s
                    if !acted { problems.append("\(name): \(KeyNames.name(key, "en")) of \(words) does nothing") }
                }
            }
        }
        // The list's help (F1) names every key the list binds.
        let list = home([])
        _ = list.update(.key(.function(1)))
        let help = list.view().renderText()
        for binding in list.listKeymap() {
            if !help.contains(binding.helpLine("en")) { problems.append("help: \(binding.helpLine("en")) not shown") }
            for key in binding.keys where !binding.also.contains(key) && !words(binding.help, name: key, "en") {
                problems.append("help: \(KeyNames.name(key, "en")) bound but not named")
            }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }
}
