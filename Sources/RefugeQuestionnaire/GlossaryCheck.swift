#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// The questionnaire's own list of words kept off the client's screens (legal theories, loaded
/// labels), per language, under `glossary.avoid_on_client_screens`. Every text a client sees
/// (section titles; prompt, help, text and choice labels of client questions) is searched for
/// them; a hit is a warning, so `refuge validate --strict` fails on it.
struct Glossary {
    struct Term { var text: String; var location: SourceLocation }
    var avoid: [String: [Term]] = [:]
}

extension Builder {
    static let glossaryKeys: Set<String> = ["avoid_on_client_screens"]

    mutating func buildGlossary(_ node: YAMLNode?) -> Glossary {
        var glossary = Glossary()
        guard let node else { return glossary }
        guard node.mapEntries != nil else {
            sink.error(node.location, "`glossary` should have `avoid_on_client_screens`: a list of words per language")
            return glossary
        }
        let map = MapReader(node, what: "`glossary`")
        map.reportUnknownKeys(Builder.glossaryKeys, into: &sink)
        guard let avoid = map.value("avoid_on_client_screens") else { return glossary }
        guard let entries = avoid.mapEntries else {
            sink.error(avoid.location, "`glossary.avoid_on_client_screens` should give a list of words for each language, like `ru: [\"предатель\"]`")
            return glossary
        }
        for entry in entries {
            guard languages.contains(entry.key) else {
                sink.error(entry.keyLocation, "`\(entry.key)` in `glossary.avoid_on_client_screens` is not one of this questionnaire's languages (\(languages.joined(separator: ", ")))")
                continue
            }
            guard let list = entry.value.sequence else {
                sink.error(entry.value.location, "the \(entry.key) words of `glossary.avoid_on_client_screens` should be a list")
                continue
            }
            for word in list {
                guard let text = word.scalar, !text.trimmingSpaces.isEmpty else {
                    sink.error(word.location, "each word in `glossary.avoid_on_client_screens` should be a non-empty text")
                    continue
                }
                glossary.avoid[entry.key, default: []].append(Glossary.Term(text: text, location: word.location))
            }
        }
        return glossary
    }

    /// Warns wherever a client-facing text holds a word the glossary keeps off client screens.
    mutating func checkGlossary(_ glossary: Glossary, sections: [Section]) {
        guard !glossary.avoid.isEmpty else { return }
        // Each term lowercased once; each text once per language.
        let lowered = glossary.avoid.mapValues { terms in terms.map { Array($0.text.lowercased().utf8) } }
        func search(_ text: LocalizedText?, _ what: @autoclosure () -> String) {
            guard let text else { return }
            for (language, terms) in glossary.avoid {
                guard let value = text[language] else { continue }
                let haystack = Array(value.lowercased().utf8)
                for (term, needle) in zip(terms, lowered[language] ?? []) where TextSearch.contains(haystack, needle) {
                    sink.warning(text.location, "\(what()) (\(language)) uses “\(term.text)”, which the glossary keeps off client screens (line \(term.location.line)); say it in plain words, or move it to a note or an interviewer question")
                }
            }
        }
        func visit(_ item: Item) {
            guard item.audience == .client else { return }
            search(item.prompt, "the prompt of `\(item.id)`")
            search(item.help, "the help of `\(item.id)`")
            search(item.text, "the text of `\(item.id)`")
            for choice in item.choices { search(choice.label, "the label of choice `\(choice.value)` of `\(item.id)`") }
            item.fields.forEach(visit)
        }
        for section in sections {
            search(section.title, "the title of section `\(section.id)`")
            section.items.forEach(visit)
        }
    }
}
