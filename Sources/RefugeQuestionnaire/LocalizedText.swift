/// A text in one or more languages. Every text exists in the questionnaire's default language
/// (the validator makes sure); other languages fall back to it, and say so.
public struct LocalizedText: Sendable, Hashable {
    public var translations: [String: String]
    /// Where the text was written (its first occurrence), for messages.
    public var location: SourceLocation

    public init(_ translations: [String: String], location: SourceLocation) {
        self.translations = translations
        self.location = location
    }

    /// The text in `language`, or in `defaultLanguage` with `isFallback` set when it is missing.
    public func resolve(_ language: String, defaultLanguage: String) -> (text: String, isFallback: Bool) {
        if let text = translations[language] { return (text, false) }
        if let text = translations[defaultLanguage] { return (text, language != defaultLanguage) }
        return (translations.values.sorted().first ?? "", true)
    }
}
