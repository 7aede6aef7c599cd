#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeQuestionnaire
import RefugeSession

/// The JSON that `refuge list --json` and `refuge questionnaires --json` print: a contract for
/// scripts (README, "Machine-readable lists"). Fields may be added; these stay.
enum CommandJSON {
    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// One session of `refuge list --json`. A file whose header cannot be read has
/// `readable: false`, its id taken from the file name, and `problem`.
struct SessionListJSON: Encodable {
    struct QuestionnaireJSON: Encodable { var id: String; var version: String }
    struct ProgressJSON: Encodable { var answered: Int; var total: Int }

    var id: String
    var path: String
    var readable: Bool
    var problem: String?
    var label: String?
    var questionnaire: QuestionnaireJSON?
    var language: String?
    var interviewerLanguage: String?
    var progress: ProgressJSON?
    var created: Date?
    var updated: Date?
    var protected: Bool
    var createdWith: String?
    var savedWith: String?

    enum CodingKeys: String, CodingKey {
        case id, path, readable, problem, label, questionnaire, language, interviewerLanguage = "interviewer_language"
        case progress, created, updated, protected, createdWith = "created_with", savedWith = "saved_with"
    }

    init(_ listing: SessionListing) {
        path = listing.url.path
        protected = listing.isProtected
        guard let h = listing.header else {
            id = listing.url.deletingPathExtension().lastPathComponent
            readable = false
            problem = listing.problem ?? "the header cannot be read"
            return
        }
        id = h.id
        readable = true
        label = h.label
        questionnaire = QuestionnaireJSON(id: h.questionnaire.id, version: h.questionnaire.version)
        language = h.language
        interviewerLanguage = h.interviewerLanguage
        progress = ProgressJSON(answered: h.progress.answered, total: h.progress.total)
        created = h.created
        updated = h.updated
        createdWith = h.createdWith
        savedWith = h.savedWith
    }
}

/// One questionnaire of `refuge questionnaires --json`. A broken one has `valid: false`, no
/// id, and the count of its errors (`refuge validate PATH` lists them).
struct QuestionnaireListJSON: Encodable {
    var id: String?
    var version: String?
    var title: String?
    var languages: [String]?
    var origin: String
    var path: String
    var valid: Bool
    var errors: Int
    var warnings: Int

    init(_ entry: QuestionnaireCatalog.Entry) {
        origin = entry.origin.rawValue
        path = entry.path
        errors = entry.result.errors.count
        warnings = entry.result.warnings.count
        guard let q = entry.result.questionnaire else {
            valid = false
            return
        }
        valid = true
        id = q.id
        version = q.version
        title = q.title.resolve("en", defaultLanguage: q.defaultLanguage).text
        languages = q.languages
    }
}
