/// A text in one or more languages. Every text exists in the questionnaire's default language
/// (the validator makes sure); other languages fall back to it, and say so.
///
/// Kept as a short array sorted by language rather than a dictionary: a text has a handful of
/// languages at most, where a search along the array costs less than hashing, and one array is
/// one allocation where a dictionary was one plus the hashing of every language. Credible-fear
/// has about two thousand texts, all built at every start from the compiled questionnaire
/// (issue 19).
public struct LocalizedText: Sendable, Hashable {
    /// One language's text.
    public struct Translation: Sendable, Hashable {
        public var language: String
        public var text: String

        public init(language: String, text: String) {
            self.language = language
            self.text = text
        }
    }

    /// Sorted by language, each language once: so two texts with the same translations are
    /// equal (and hash alike) whatever order they were given in.
    public private(set) var entries: [Translation]
    /// Where the text was written (its first occurrence), for messages.
    public var location: SourceLocation

    public init(_ translations: [String: String], location: SourceLocation) {
        self.entries = translations.map { Translation(language: $0.key, text: $0.value) }.sorted { $0.language < $1.language }
        self.location = location
    }

    /// From translations in any order; a language given twice keeps its last text (as a
    /// dictionary built from them would).
    public init(entries: [Translation], location: SourceLocation) {
        var sortedAndUnique = true
        for index in entries.indices.dropFirst() where !(entries[index - 1].language < entries[index].language) {
            sortedAndUnique = false
            break
        }
        if sortedAndUnique {
            self.entries = entries
        } else {
            var byLanguage: [String: String] = [:]
            for entry in entries { byLanguage[entry.language] = entry.text }
            self.entries = byLanguage.map { Translation(language: $0.key, text: $0.value) }.sorted { $0.language < $1.language }
        }
        self.location = location
    }

    /// The translations by language.
    public var translations: [String: String] {
        get { Dictionary(uniqueKeysWithValues: entries.map { ($0.language, $0.text) }) }
        set { entries = newValue.map { Translation(language: $0.key, text: $0.value) }.sorted { $0.language < $1.language } }
    }

    /// The text in `language`, nil when there is none.
    public subscript(language: String) -> String? {
        for entry in entries where entry.language == language { return entry.text }
        return nil
    }

    /// The text in `language`, or in `defaultLanguage` with `isFallback` set when it is missing.
    public func resolve(_ language: String, defaultLanguage: String) -> (text: String, isFallback: Bool) {
        if let text = self[language] { return (text, false) }
        if let text = self[defaultLanguage] { return (text, language != defaultLanguage) }
        return (entries.map(\.text).sorted().first ?? "", true)
    }
}
