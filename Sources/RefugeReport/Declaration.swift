#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession

/// The draft declaration: the client's account in the first person, in English, in numbered
/// paragraphs that follow the questionnaire's `declaration` layout, made from the interpreter's
/// translations. Client words with no translation are kept as said, marked "[translation
/// needed]". Redaction applies as in the report (it is built by the same assembly).
public struct Declaration: Sendable {
    public var title: String
    public var paragraphs: [[DeclarationPiece]]
    /// The client's language, in English words ("Spanish"), for the interpreter's certificate;
    /// nil when the client's language is English.
    public var clientLanguageName: String?
    public var label: String
    public var preparationDate: PartialDate
    public var programVersion: String
    public var redaction: Redaction
}

/// A run of a paragraph: English words, or the client's own words still to be translated.
public enum DeclarationPiece: Sendable, Hashable {
    case text(String)
    case needsTranslation(original: String)
}

public enum DeclarationBuilder {
    /// The draft declaration, or nil when the questionnaire has no `declaration` layout.
    public static func build(session: Session, questionnaire: Questionnaire, options: ReportOptions) -> Declaration? {
        guard let layout = questionnaire.declaration else { return nil }
        let assembly = ReportAssembly(session: session, questionnaire: questionnaire, options: options)
        return assembly.declaration(layout)
    }

    /// English names of the languages the shipped questionnaires use; other codes as they are.
    static let languageNames = ["es": "Spanish", "ru": "Russian", "en": "English", "fr": "French", "pt": "Portuguese",
                                "ht": "Haitian Creole", "ar": "Arabic", "fa": "Persian", "uk": "Ukrainian", "zh": "Chinese"]
}

extension ReportAssembly {
    static let english = "en"

    func declaration(_ layout: DeclarationLayout) -> Declaration {
        var paragraphs: [[DeclarationPiece]] = []
        for paragraph in layout.paragraphs {
            var pieces: [DeclarationPiece] = []
            if let text = paragraph.text, let sentence = englishSentence(text, entry: nil) { pieces.append(.text(sentence)) }
            for id in paragraph.items {
                guard let item = questionnaire.item(id), interview.path.onPath.contains(id), !leftOut.contains(id) else { continue }
                if item.type == .repeat {
                    // One paragraph per entry, in the order of the entries' dates.
                    if !pieces.isEmpty { paragraphs.append(pieces); pieces = [] }
                    for entry in entriesByDate(item) {
                        var entryPieces: [DeclarationPiece] = []
                        let context = (repeatID: item.id, entryID: entry.entry.id)
                        if let text = paragraph.entryText, let sentence = englishSentence(text, entry: context) {
                            entryPieces.append(.text(sentence))
                        }
                        // An entry's short texts (a place, a name) belong in its opening sentence;
                        // its stories follow it.
                        for fieldID in entry.fields {
                            guard let field = questionnaire.item(fieldID), field.type == .longtext else { continue }
                            entryPieces += ownWords(field, ref: AnswerRef(field: fieldID, of: item.id, entry: entry.entry.id))
                        }
                        if !entryPieces.isEmpty { paragraphs.append(entryPieces) }
                    }
                } else {
                    pieces += ownWords(item, ref: AnswerRef(id))
                }
            }
            if !pieces.isEmpty { paragraphs.append(pieces) }
        }
        var title = layout.title.flatMap { englishSentence($0, entry: nil) } ?? "Declaration"
        if options.redaction == .identity {
            title = mask.apply(title)
            paragraphs = paragraphs.map { $0.map { piece in
                switch piece {
                case .text(let s): return .text(mask.apply(s))
                case .needsTranslation(let s): return .needsTranslation(original: mask.apply(s))
                }
            } }
        }
        return Declaration(
            title: title, paragraphs: paragraphs,
            clientLanguageName: session.language == ReportAssembly.english ? nil
                : DeclarationBuilder.languageNames[session.language] ?? session.language,
            label: options.redaction == .identity ? session.id : (session.label.isEmpty ? session.id : session.label),
            preparationDate: session.interviewDate, programVersion: options.programVersion, redaction: options.redaction)
    }

    /// A layout sentence in English with its answers filled in; nil when an answer it names is
    /// not given, not on the path, or withheld (a sentence with a hole would put words in the
    /// client's mouth).
    private func englishSentence(_ text: LocalizedText, entry: (repeatID: String, entryID: String)?) -> String? {
        let template = text.resolve(ReportAssembly.english, defaultLanguage: questionnaire.defaultLanguage).text
        for id in ReportAssembly.placeholderNames(in: template) {
            guard let item = questionnaire.item(id) else { return nil }
            var ref = AnswerRef(id)
            if let repeatID = item.repeatID {
                guard let entry, entry.repeatID == repeatID else { return nil }
                ref = AnswerRef(field: id, of: repeatID, entry: entry.entryID)
            }
            if hidden(ref) || !interview.isOnPath(ref) { return nil }
            if item.type != .calculate && interview.answers[ref].status != .answered { return nil }
        }
        // Dates read as a person says them ("21 September 2022", "about May 2021").
        var sentence = ""
        var rest = template[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            sentence += rest[rest.startIndex..<open.lowerBound]
            let id = rest[open.upperBound..<close.lowerBound].trimmingSpaces
            var ref = AnswerRef(id)
            if let repeatID = questionnaire.item(id)?.repeatID, let entry { ref = AnswerRef(field: id, of: repeatID, entry: entry.entryID) }
            let answer = interview.answers[ref]
            if case .date(let date)? = answer.value {
                sentence += ReportAssembly.proseDate(date)
            } else if case .text? = answer.value, let translation = answer.translation, !translation.isEmpty {
                // A short text in the client's words (a place, a summary) in its translation.
                sentence += translation
            } else {
                sentence += interpolator(ReportAssembly.english).render("{{\(id)}}", entry: entry, hide: hidden)
            }
            rest = rest[close.upperBound...]
        }
        // "on or about about May 2021": the layout already says it is approximate.
        return (sentence + rest).replacingEvery("about about ", with: "about ")
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// "21 September 2022", "September 2022", "2022"; "about ..." when approximate.
    static func proseDate(_ date: PartialDate) -> String {
        var text = String(date.year)
        if let month = date.month, (1...12).contains(month) {
            text = monthNames[month - 1] + " " + text
            if let day = date.day { text = "\(day) " + text }
        }
        return date.approximate ? "about " + text : text
    }

    /// The client's own words (a text or long text answer): the interpreter's translation, or
    /// the words as said when they are English, or the words marked for translation.
    private func ownWords(_ item: Item, ref: AnswerRef) -> [DeclarationPiece] {
        guard item.type == .text || item.type == .longtext, !hidden(ref), mask.placeholder(for: ref) == nil else { return [] }
        let answer = interview.answers[ref]
        guard answer.status == .answered, case .text(let words)? = answer.value else { return [] }
        if let translation = answer.translation, !translation.isEmpty { return [.text(translation)] }
        if session.language == ReportAssembly.english { return [.text(words)] }
        return [.needsTranslation(original: words)]
    }

    /// A repeat's entries on the path, by the start of their earliest date (entries with no date
    /// after, in the order they were told).
    private func entriesByDate(_ item: Item) -> [EntryPath] {
        let entries = interview.entries(of: item.id)
        func start(_ entry: EntryPath) -> Int {
            var best = Int.max
            for fieldID in entry.fields where !leftOut.contains(fieldID) {
                guard case .date(let d)? = entry.entry.answers[fieldID]?.value, entry.entry.answers[fieldID]?.status == .answered,
                      !hidden(AnswerRef(field: fieldID, of: item.id, entry: entry.entry.id)) else { continue }
                best = min(best, d.firstDay)
            }
            return best
        }
        return entries.enumerated().sorted { a, b in
            let (sa, sb) = (start(a.element), start(b.element))
            return sa != sb ? sa < sb : a.offset < b.offset
        }.map(\.element)
    }

    /// The `{{id}}` names in a text, in order.
    static func placeholderNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingSpaces)
            rest = rest[close.upperBound...]
        }
        return names
    }
}
