/// A text in one or more languages. Every text exists in the questionnaire's default language
/// (the validator makes sure); other languages fall back to it, and say so.
///
/// Kept as a short list sorted by language rather than a dictionary: a text has a handful of
/// languages at most, where a search along the list costs less than hashing. Credible-fear
/// has about two thousand texts, all built at every start from the compiled questionnaire
/// (issue 19).
///
/// Held as one reference: its translations and its location live together in one allocation
/// (`TextStorage`), as many as the array of translations alone took before. Inline, an array
/// and a location were 40 bytes, and an item holds eight optional texts, most of them absent:
/// 320 of an item's 824 bytes, which every pass over the items (reading the compiled
/// questionnaire, the validator's, freeing) went through (issue 19, sixth session).
///
/// `@unchecked Sendable`: `ManagedBuffer` is not `Sendable`, but a `TextStorage` is never
/// changed once shared (its translations never, its location only while one text holds it
/// alone), so sharing one between threads reads immutable memory.
public struct LocalizedText: @unchecked Sendable, Hashable {
    /// One language's text.
    public struct Translation: Sendable, Hashable {
        public var language: String
        public var text: String

        public init(language: String, text: String) {
            self.language = language
            self.text = text
        }
    }

    /// Never changed once made, except through `location`'s setter on a storage nothing else
    /// holds (copy on write).
    private var storage: TextStorage

    /// Sorted by language, each language once: so two texts with the same translations are
    /// equal (and hash alike) whatever order they were given in.
    public var entries: [Translation] { storage.withTranslations { Array($0) } }

    /// Where the text was written (its first occurrence), for messages.
    public var location: SourceLocation {
        get { storage.header.location }
        set {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            storage.header.location = newValue
        }
    }

    public init(_ translations: [String: String], location: SourceLocation) {
        let sorted = translations.map { Translation(language: $0.key, text: $0.value) }.sorted { $0.language < $1.language }
        self.storage = TextStorage.make(sorted, location: location)
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
            self.init(storage: TextStorage.make(entries, location: location))
        } else {
            var byLanguage: [String: String] = [:]
            for entry in entries { byLanguage[entry.language] = entry.text }
            self.init(byLanguage, location: location)
        }
    }

    /// A text read in the compiled form's order: `count` languages, then their texts in the same
    /// order, then the location; built in place, with no array in between. Languages out of
    /// order or given twice (damaged bytes) are put in order as `init(entries:location:)` does.
    init<Failure: Error>(count: Int, language: () throws(Failure) -> String, text: () throws(Failure) -> String,
                         location: () throws(Failure) -> SourceLocation) throws(Failure) {
        let placeholder = SourceLocation(file: "", line: 0, column: 0)
        let storage = try TextStorage.make(count: count, location: placeholder) { (_: Int) throws(Failure) in
            LocalizedText.Translation(language: try language(), text: "")
        }
        try storage.withMutableTranslations { (list: UnsafeMutableBufferPointer<Translation>) throws(Failure) in
            for index in list.indices { list[index].text = try text() }
        }
        storage.header.location = try location()
        let sortedAndUnique = storage.withTranslations { list in
            list.indices.dropFirst().allSatisfy { list[$0 - 1].language < list[$0].language }
        }
        if sortedAndUnique {
            self.init(storage: storage)
        } else {
            self.init(entries: storage.withTranslations { Array($0) }, location: storage.header.location)
        }
    }

    private init(storage: TextStorage) { self.storage = storage }

    /// The translations by language.
    public var translations: [String: String] {
        get { storage.withTranslations { Dictionary(uniqueKeysWithValues: $0.map { ($0.language, $0.text) }) } }
        set {
            let sorted = newValue.map { Translation(language: $0.key, text: $0.value) }.sorted { $0.language < $1.language }
            storage = TextStorage.make(sorted, location: location)
        }
    }

    /// How many languages the text is in.
    public var languageCount: Int { storage.header.count }

    /// Calls `body` with the translations in place (sorted by language), without copying them
    /// into an array.
    public func withTranslations<R>(_ body: (UnsafeBufferPointer<Translation>) throws -> R) rethrows -> R {
        try storage.withTranslations(body)
    }

    /// The text in `language`, nil when there is none.
    public subscript(language: String) -> String? {
        storage.withTranslations { list in
            for entry in list where entry.language == language { return entry.text }
            return nil
        }
    }

    /// The text in `language`, or in `defaultLanguage` with `isFallback` set when it is missing.
    public func resolve(_ language: String, defaultLanguage: String) -> (text: String, isFallback: Bool) {
        if let text = self[language] { return (text, false) }
        if let text = self[defaultLanguage] { return (text, language != defaultLanguage) }
        return (storage.withTranslations { $0.map(\.text) }.sorted().first ?? "", true)
    }

    public static func == (a: LocalizedText, b: LocalizedText) -> Bool {
        if a.storage === b.storage { return true }
        return a.location == b.location && a.storage.withTranslations { x in b.storage.withTranslations { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        // As the stored array and location were hashed: the count, each translation, the location.
        storage.withTranslations { list in
            hasher.combine(list.count)
            for entry in list { hasher.combine(entry) }
        }
        hasher.combine(location)
    }
}

/// A text's location and count, ahead of its translations in the same allocation.
struct TextHeader {
    var location: SourceLocation
    /// How many translations are initialized after the header.
    var count: Int
}

/// One text's translations and location in one allocation. Its translations never change;
/// its location only while one `LocalizedText` holds it alone.
final class TextStorage: ManagedBuffer<TextHeader, LocalizedText.Translation> {
    static func make(_ translations: [LocalizedText.Translation], location: SourceLocation) -> TextStorage {
        make(count: translations.count, location: location) { translations[$0] }
    }

    static func make<Failure: Error>(count: Int, location: SourceLocation,
                                     _ translation: (Int) throws(Failure) -> LocalizedText.Translation) throws(Failure) -> TextStorage {
        let buffer = create(minimumCapacity: count) { _ in TextHeader(location: location, count: 0) }
        // The class is this one: `create` makes an instance of the class it is called on.
        let storage = unsafeDowncast(buffer, to: TextStorage.self)
        for index in 0..<count {
            let next = try translation(index)
            // Counted as each one is in place, so a throw part way frees exactly those made.
            storage.withUnsafeMutablePointers { header, elements in
                (elements + index).initialize(to: next)
                header.pointee.count = index + 1
            }
        }
        return storage
    }

    func withTranslations<R>(_ body: (UnsafeBufferPointer<LocalizedText.Translation>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointers { header, elements in
            try body(UnsafeBufferPointer(start: elements, count: header.pointee.count))
        }
    }

    /// Only while nothing else holds the storage (being built).
    func withMutableTranslations<Failure: Error>(_ body: (UnsafeMutableBufferPointer<LocalizedText.Translation>) throws(Failure) -> Void) throws(Failure) {
        let (elements, count) = withUnsafeMutablePointers { header, elements in (elements, header.pointee.count) }
        try body(UnsafeMutableBufferPointer(start: elements, count: count))
    }

    func copy() -> TextStorage {
        withTranslations { list in TextStorage.make(count: list.count, location: header.location) { list[$0] } }
    }

    deinit {
        _ = withUnsafeMutablePointers { header, elements in elements.deinitialize(count: header.pointee.count) }
    }
}

/// Shown as the translations and location it holds (as when they were stored members), so that
/// whatever looks at a model through `Mirror` sees the text and not a reference.
extension LocalizedText: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["entries": entries, "location": location], displayStyle: .struct)
    }
}
