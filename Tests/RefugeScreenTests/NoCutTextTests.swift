import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
@testable import RefugeScreen
import RefugeSession
import XCTest

/// Nothing cut silently: every item of every shipped questionnaire, in every language, in the
/// client's and the interviewer's view, at 80x24. Every word of the question, its help and its
/// choices must be readable on the screen, or on the screens reached by the keys the screen
/// offers (↓ through a list or a long text, F1 for the whole question).
final class NoCutTextTests: XCTestCase {
    static let shipped = ["Questionnaires/credible-fear", "Questionnaires/intake", "Questionnaires/example-intake.yaml"]

    /// The words a reader must be able to find: placeholders and Markdown marks left out, and
    /// split at hyphens and slashes, where a line may break.
    static func words(_ text: String) -> [String] {
        var t = text.replacingOccurrences(of: "\\{\\{[^}]*\\}\\}", with: " ", options: .regularExpression)
        for mark in ["**", "*", "_", "`", "#", ">", "\\"] { t = t.replacingOccurrences(of: mark, with: " ") }
        return t.components(separatedBy: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "-/—–")))
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"“”«»()[]")) }
            .filter { !$0.isEmpty }
    }

    /// Screens of one item: as it opens, then through its list or text, then its F1 panel scrolled through.
    func screens(_ screen: InterviewRunner, item: Item) -> String {
        var seen = [screen.view().renderText()]
        /// Presses ↓ through a list (the highlight moves without changing the text), or until a
        /// scrolled text stops changing.
        func scrollThrough(list: Bool) {
            for _ in 0..<(list ? item.choices.count + 1 : 60) {
                screen.handle(.down)
                if screen.widget.editingOther { screen.handle(.tab) }
                let now = screen.view().renderText()
                if now == seen.last { if list { continue } else { break } }
                seen.append(now)
            }
        }
        let isList = item.type == .choice || item.type == .multichoice
        if isList || item.type == .info || item.type == .calculate { scrollThrough(list: isList) }
        screen.handle(.function(1))
        seen.append(screen.view().renderText())
        scrollThrough(list: false)
        if screen.overlay != nil { screen.handle(.escape) }
        return seen.joined(separator: "\n")
    }

    func testEveryItemOfEveryShippedQuestionnaireFitsAt80x24InEveryLanguageAndBothViews() throws {
        var problems: [String] = []
        var checked = 0
        for path in Self.shipped {
            let q = try XCTUnwrap(QuestionnaireLoader.load(path: ScreenHarness.root.appendingPathComponent(path).path).questionnaire)
            for language in q.languages {
                for interviewer in [false, true] {
                    let other = q.languages.first { $0 != language } ?? language
                    let interviewerLanguage = interviewer ? (language == "en" ? other : "en") : "en"
                    let h = try ScreenHarness(path, language: language, interviewerLanguage: interviewerLanguage)
                    if interviewer { h.press(.function(12)) }
                    var items: [(Item, AnswerRef)] = []
                    for section in q.sections {
                        for item in section.items {
                            items.append((item, AnswerRef(item.id)))
                            if item.type == .repeat, let entry = h.addEntry(to: item.id) {
                                for field in item.fields { items.append((field, AnswerRef(field: field.id, of: item.id, entry: entry))) }
                            }
                        }
                    }
                    for (item, ref) in items {
                        h.screen.jump(to: ref)
                        let text = screens(h.screen, item: item)
                        let tag = "\(path) \(language) \(interviewer ? "interviewer" : "client") \(item.id)"
                        var languages = [item.audience == .interviewer ? interviewerLanguage : language]
                        if interviewer { languages.append(interviewerLanguage) }
                        for lang in Set(languages) {
                            var texts = [item.prompt, item.text, item.help].compactMap { $0?.resolve(lang, defaultLanguage: q.defaultLanguage).text }
                            let f = AnswerFormatter(questionnaire: q, language: lang)
                            texts += item.choices.map { f.label(of: $0, in: item) }
                            // The author's note is the interviewer's: in their view, in their language.
                            if interviewer, lang == interviewerLanguage, let note = item.note?.resolve(lang, defaultLanguage: q.defaultLanguage).text {
                                texts.append(note)
                            }
                            let missing = Set(texts.flatMap(Self.words)).filter { !text.contains($0) }
                            if !missing.isEmpty { problems.append("\(tag) [\(lang)]: not readable: \(missing.sorted().prefix(6).joined(separator: " "))") }
                        }
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
        XCTAssertTrue(problems.isEmpty, "\(problems.count) screens cut text:\n" + problems.prefix(40).joined(separator: "\n"))
    }
}
