import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// "A person who reads only Russian meets no English word": with the client's and the
/// interviewer's language both Russian, every text shown on the path of the first walkthrough
/// resolves in Russian, not by falling back to English, and is not English copied over.
final class LanguageCoverageTests: XCTestCase {
    struct Gap: CustomStringConvertible {
        var place: String
        var why: String
        var description: String { "\(place): \(why)" }
    }

    /// The texts a person can meet on the current path: the questionnaire's title, the titles of
    /// the sections the path goes through, and for every item on it (every field of a repeat on
    /// it, entries or not) its prompt, help, info text, choices, entry label and the messages of
    /// its constraint and pattern.
    static func texts(on interview: Interview) -> [(place: String, text: LocalizedText)] {
        let q = interview.questionnaire
        var result: [(String, LocalizedText)] = [("title", q.title)]
        if let description = q.description { result.append(("description", description)) }
        var sections: [String] = []
        func add(_ item: Item) {
            let base = "items.\(item.id)"
            for (key, text) in [("prompt", item.prompt), ("help", item.help), ("text", item.text),
                                ("entry_label", item.entryLabel), ("constraint_message", item.constraintMessage),
                                ("pattern_message", item.patternMessage)] {
                if let text { result.append(("\(base).\(key)", text)) }
            }
            for choice in item.choices where !(choice.value == "other" && item.other && choice.label.translations.isEmpty) {
                result.append(("\(base).choices.\(choice.value)", choice.label))
            }
        }
        for id in interview.path.steps {
            guard let item = q.item(id) else { continue }
            if !sections.contains(item.sectionID) {
                sections.append(item.sectionID)
                if let section = q.section(item.sectionID) { result.append(("sections.\(section.id)", section.title)) }
            }
            add(item)
            item.fields.forEach(add)
        }
        return result
    }

    /// Letters left once the `{{answer}}` placeholders are taken out.
    static func wording(_ text: String) -> String {
        var rest = text
        while let open = rest.range(of: "{{"), let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) {
            rest.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return String(rest.unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
    }

    func gaps(in texts: [(place: String, text: LocalizedText)], language: String, defaultLanguage: String) -> [Gap] {
        texts.compactMap { place, text in
            let resolved = text.resolve(language, defaultLanguage: defaultLanguage)
            if resolved.isFallback { return Gap(place: place, why: "no \(language) text; falls back to “\(resolved.text)”") }
            let english = text.resolve(defaultLanguage, defaultLanguage: defaultLanguage).text
            if !Self.wording(resolved.text).isEmpty && resolved.text == english {
                return Gap(place: place, why: "the \(language) text is the English one: “\(english)”")
            }
            return nil
        }
    }

    func testEveryTextOnTheRussianMansPathIsInRussian() throws {
        let harness = try WalkthroughHarness(id: "walk-ru-ru", language: "ru", interviewerLanguage: "ru", label: "RU-RU")
        defer { harness.close() }
        var walk = ScriptedInterview(Stories.mobilizedRussian)
        try walk.walk(harness.controller)
        XCTAssertTrue(harness.isOnPath("military_intro") && harness.isOnPath("torture_intro"), "the same path as walkthrough 1")

        let q = harness.questionnaire
        let texts = Self.texts(on: harness.interview)
        // Enough of the questionnaire to mean something: well over a hundred questions, the
        // sixty countries, the military questions.
        XCTAssertGreaterThan(texts.count, 500)
        for place in ["items.summons_date.prompt", "items.expected_punishment.choices.sent_to_front", "sections.military",
                      "items.nationality.choices.RU", "items.transit.entry_label", "items.bars_intro.text",
                      "items.left_how.prompt", "items.a_number.pattern_message"] {
            XCTAssertTrue(texts.contains { $0.place == place }, "\(place) is among the texts checked")
        }
        let found = gaps(in: texts, language: harness.controller.session.language, defaultLanguage: q.defaultLanguage)
        XCTAssertEqual(found.map(\.description), [], "texts a Russian reader would meet in English")

        // The program's own word for an unnamed "other" choice exists in Russian as well.
        XCTAssertNotEqual(ProgramWords.text(.otherPleaseSay, "ru"), ProgramWords.text(.otherPleaseSay, "en"))
    }

    /// The check itself: a text missing in Russian, or English copied into the Russian file, is found.
    func testTheCheckFindsAMissingAndACopiedTranslation() {
        let at = SourceLocation(file: "q.yaml", line: 1, column: 1)
        let texts: [(place: String, text: LocalizedText)] = [
            ("missing", LocalizedText(["en": "When did you leave?"], location: at)),
            ("copied", LocalizedText(["en": "Call-up papers", "ru": "Call-up papers"], location: at)),
            ("placeholder", LocalizedText(["en": "{{transit_country}}", "ru": "{{transit_country}}"], location: at)),
            ("translated", LocalizedText(["en": "Russia", "ru": "Россия"], location: at)),
        ]
        XCTAssertEqual(gaps(in: texts, language: "ru", defaultLanguage: "en").map(\.place), ["missing", "copied"])
    }
}
