#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeExpressions

/// One client's interview: which questionnaire, the languages, the answers with their
/// marks, where the person stopped, and every change made.
public struct Session: Sendable, Equatable {
    public var id: String
    public var label: String
    public var questionnaire: QuestionnaireRef
    /// The client's language.
    public var language: String
    /// The interviewer's language: their view, author notes, points to clarify, the report's second language.
    public var interviewerLanguage: String
    public var created: Date
    public var updated: Date
    /// `today()`: the day the session was created unless the interviewer changes it.
    public var interviewDate: PartialDate
    public var answers: AnswerSet
    /// Where the person was: the question shown when they stopped.
    public var position: Position?
    /// Every change made, oldest first. A session read from its file holds the history's JSON
    /// until this is first asked for (see `SessionHistory`): `historyCount` does not decode it.
    public var history: [HistoryEntry] {
        get { historyRecord.entries }
        _modify { yield &historyRecord.entries }
        set { historyRecord.entries = newValue }
    }
    /// The history, decoded or not yet.
    var historyRecord: SessionHistory
    /// How many changes the history holds, without decoding it.
    public var historyCount: Int { historyRecord.count }
    /// Progress for the readable header (`refuge list` without a passphrase).
    public var progress: Progress
    /// The Refuge that created the session (`RefugeVersion.full`); nil in files written before
    /// sessions recorded it.
    public var createdWith: String?
    /// Whether the screen shows the interviewer's view (F12): the program's words in the
    /// interviewer's language, both languages, author notes and marks. Kept per session so a
    /// resumed session looks as it did for whoever holds the keyboard.
    public var interviewerView = false
    /// A note (F3) or translation (F9) being typed and not yet saved with Ctrl-N: a draft, kept
    /// like an answer's draft so that nothing typed is lost to a signal or a closed terminal.
    public var pendingText: PendingText?

    public init(id: String, label: String, questionnaire: QuestionnaireRef, language: String, interviewerLanguage: String,
                created: Date, interviewDate: PartialDate) {
        self.id = id; self.label = label; self.questionnaire = questionnaire
        self.language = language; self.interviewerLanguage = interviewerLanguage
        self.created = created; self.updated = created; self.interviewDate = interviewDate
        self.answers = AnswerSet(); self.position = nil; self.historyRecord = SessionHistory()
        self.progress = Progress(answered: 0, total: 0)
        self.createdWith = nil
    }
}

/// A note or a translation being typed for one question.
public struct PendingText: Sendable, Equatable, Decodable {
    public enum Kind: String, Sendable, Decodable { case note, translation }
    public var kind: Kind
    public var position: Position
    public var text: String
    public init(kind: Kind, position: Position, text: String) { self.kind = kind; self.position = position; self.text = text }
    enum CodingKeys: String, CodingKey { case kind, position = "at", text }
}

public struct QuestionnaireRef: Sendable, Equatable, Decodable {
    public var id: String
    public var version: String
    public var sha256: String
    /// Where it was loaded from when the session began.
    public var path: String
    public init(id: String, version: String, sha256: String, path: String) {
        self.id = id; self.version = version; self.sha256 = sha256; self.path = path
    }
}

public struct Progress: Sendable, Equatable, Decodable {
    public var answered: Int
    public var total: Int
    public init(answered: Int, total: Int) { self.answered = answered; self.total = total }
}

/// A place in the interview: a top-level question, a repeat's list, or a field of an entry.
public struct Position: Sendable, Equatable, Decodable {
    public var itemID: String
    public var repeatID: String?
    public var entryID: String?
    public init(itemID: String, repeatID: String? = nil, entryID: String? = nil) {
        self.itemID = itemID; self.repeatID = repeatID; self.entryID = entryID
    }
    public init(_ ref: AnswerRef) { self.init(itemID: ref.itemID, repeatID: ref.repeatID, entryID: ref.entryID) }
    public var ref: AnswerRef {
        if let repeatID, let entryID { return AnswerRef(field: itemID, of: repeatID, entry: entryID) }
        return AnswerRef(itemID)
    }
    enum CodingKeys: String, CodingKey { case itemID = "item", repeatID = "repeat", entryID = "entry" }
}

/// One change of a record: when, which, what it was and what it became (drafts are not
/// history; confirmed answers, notes, translations and marks are).
public struct HistoryEntry: Sendable, Equatable, Decodable {
    public var at: Date
    /// `id`, or `repeat[entry].field`.
    public var question: String
    public var old: Answer?
    public var new: Answer?
    public init(at: Date, question: String, old: Answer?, new: Answer?) {
        self.at = at; self.question = question; self.old = old; self.new = new
    }
}

/// How a session is read from its file; `SessionJSON.swift` writes it.
extension Session: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, label, questionnaire, language, interviewerLanguage = "interviewer_language", created, updated
        case interviewDate = "interview_date", answers, position, history, progress
        case createdWith = "created_with"
        case interviewerView = "interviewer_view"
        case pendingText = "pending_text"
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? ""
        questionnaire = try c.decode(QuestionnaireRef.self, forKey: .questionnaire)
        language = try c.decode(String.self, forKey: .language)
        interviewerLanguage = try c.decodeIfPresent(String.self, forKey: .interviewerLanguage) ?? language
        created = try c.decode(Date.self, forKey: .created)
        updated = try c.decodeIfPresent(Date.self, forKey: .updated) ?? created
        let dateString = try c.decode(String.self, forKey: .interviewDate)
        guard let d = PartialDate(iso: dateString) else {
            throw DecodingError.dataCorruptedError(forKey: .interviewDate, in: c, debugDescription: "not a date")
        }
        interviewDate = d
        answers = try c.decodeIfPresent(AnswerSet.self, forKey: .answers) ?? AnswerSet()
        position = try c.decodeIfPresent(Position.self, forKey: .position)
        historyRecord = SessionHistory(try c.decodeIfPresent([HistoryEntry].self, forKey: .history) ?? [])
        progress = try c.decodeIfPresent(Progress.self, forKey: .progress) ?? Progress(answered: 0, total: 0)
        createdWith = try c.decodeIfPresent(String.self, forKey: .createdWith)
        interviewerView = try c.decodeIfPresent(Bool.self, forKey: .interviewerView) ?? false
        pendingText = try c.decodeIfPresent(PendingText.self, forKey: .pendingText)
    }
}
