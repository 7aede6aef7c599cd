#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions
import RefugeQuestionnaire

/// The summary for the attorney, computed once from a session and its questionnaire. Every
/// renderer (text, Markdown, HTML, JSON) reads only this; redaction has already happened here,
/// so no renderer can leak what the model does not hold.
public struct Report: Sendable {
    public var header: ReportHeader
    /// The language of the program's own words and of interviewer texts (check messages,
    /// author notes): `--language` when given, else the interviewer's language.
    public var wordsLanguage: String
    public var redaction: Redaction
    public var redacted: Bool { redaction != .none }
    /// JSON: the labels of coded values beside them (`--labels`).
    public var labels: Bool
    /// The program that made the report (printed in every format).
    public var programVersion: String
    /// Page one: the claim by element, in the reader's language.
    public var summary: [ReportSummaryElement]
    /// Legal flags (checks of kind `flag` that hold), most severe first.
    public var flags: [ReportCheck]
    /// The printed body: one part per report heading, then the sections' leftovers.
    public var parts: [ReportPart]
    /// Every question on the path with anything recorded, in path order, `report: false`
    /// included (the JSON export holds them all).
    public var answers: [ReportAnswer]
    /// Dated events, sorted by the start of their span, then its end.
    public var timeline: [ReportEvent]
    /// Timeline events whose date is not known (or not given).
    public var undatedEvents: [ReportEvent]
    /// Points to clarify (checks of kind `clarify` that hold), most severe first.
    public var clarify: [ReportCheck]
    public var followUps: [ReportMark]
    public var drafts: [ReportMark]
    public var removedAnswers: [ReportRemovedAnswer]
    public var unansweredRequired: [ReportGap]
    /// Answers changed after they were first given (from the session's history), oldest first.
    public var changes: [ReportChange]
    /// The day after which changes are listed (`--changes-since`), if one was asked for.
    public var changesSince: PartialDate?
}

/// One element of the claim on page one ("Persecutors", "Past harm").
public struct ReportSummaryElement: Sendable {
    public var id: String
    public var title: String
    public var lines: [ReportSummaryLine]
}

/// One answer on page one: the question and the answer, both in the reader's language where
/// there is one (the interpreter's translation for the client's own words), cut short.
public struct ReportSummaryLine: Sendable {
    /// `id` or `repeat[N]` (where the details are).
    public var label: String
    public var question: String
    public var answer: String
    /// The answer is the client's own words in the client's language (no translation given).
    public var untranslated: Bool
}

/// One change of an answer: the question, what it was, what it became, when.
public struct ReportChange: Sendable {
    public var label: String
    public var question: String
    public var old: String
    public var new: String
    public var at: Date
}

public struct ReportHeader: Sendable {
    public var title: Wording
    public var questionnaireTitle: Wording
    public var questionnaireID: String
    public var questionnaireVersion: String
    public var questionnaireSHA256: String
    public var sessionID: String
    public var label: String
    public var language: String
    public var interviewerLanguage: String
    /// The languages questions are shown in, in order.
    public var displayLanguages: [String]
    public var interviewDate: PartialDate
    public var created: Date
    public var updated: Date
    public var generated: Date
    /// The month the questionnaire's legal data was last checked (`legal_data.as_of`), if it has any.
    public var legalDataAsOf: String? = nil
}

public struct ReportCheck: Sendable, Hashable {
    public var id: String
    public var severity: CheckSeverity
    /// The message, in the reader's language. (A check that names a withheld answer is not
    /// in a redacted report at all.)
    public var message: String
    /// The rule of law the check rests on, with its status and source.
    public var rule: LegalRule? = nil
}

public struct ReportPart: Sendable {
    /// The heading's id, or the section's id for questions no heading lists.
    public var id: String
    public var title: Wording
    public var answers: [ReportAnswer]
}

/// How a question stands in the report.
public enum ReportStatus: String, Sendable, Hashable {
    case answered, dontKnow = "dont_know", refused, unanswered, draft, redacted, calculated
}

/// A value as exported: what scripts read, not what people read.
public enum ReportValue: Sendable, Hashable {
    case text(String)
    case number(ExactNumber)
    case date(PartialDate)
    case texts([String])
    case bool(Bool)
}

public struct ReportAnswer: Sendable {
    /// The members, documented on their accessors below.
    struct Members: Sendable {
        var id: String
        var label: String
        var question: Wording
        var forInterviewer: Bool
        var printed: Bool
        var status: ReportStatus
        var shown: Wording?
        var value: ReportValue?
        var otherText: String?
        var note: String?
        var translation: String?
        var draft: String?
        var followUp: Bool
        var lawyerOnly: Bool
        var authorNote: String?
        var entries: [ReportEntry]?
        var placeholder: String? = nil
        var isList: Bool = false
        var valueLabel: ReportValue? = nil
        var refersTo: Wording? = nil
    }

    private final class Storage: @unchecked Sendable {
        // @unchecked: `members` is only written through `ReportAnswer.change`, which first makes
        // sure no other answer shares this object.
        var members: Members
        init(_ members: Members) { self.members = members }
    }

    /// The members, held in one shared object. A report copies each answer into its part of
    /// the printed body and renderers read answers out of arrays: copying a struct of twenty
    /// members retained each of its strings and arrays (and freeing it released each), scattered
    /// reads that at a thousand answers no longer stay in the cache. Copying one is now one
    /// retain; a change to a copy that is shared copies the members first (copy on write), so
    /// it behaves as the plain struct did.
    private var storage: Storage

    init(id: String, label: String, question: Wording, forInterviewer: Bool, printed: Bool,
         status: ReportStatus, shown: Wording?, value: ReportValue?, otherText: String?, note: String?,
         translation: String?, draft: String?, followUp: Bool, lawyerOnly: Bool, authorNote: String?,
         entries: [ReportEntry]?, placeholder: String? = nil, isList: Bool = false,
         valueLabel: ReportValue? = nil, refersTo: Wording? = nil) {
        storage = Storage(Members(id: id, label: label, question: question, forInterviewer: forInterviewer,
                                  printed: printed, status: status, shown: shown, value: value,
                                  otherText: otherText, note: note, translation: translation,
                                  draft: draft, followUp: followUp, lawyerOnly: lawyerOnly,
                                  authorNote: authorNote, entries: entries, placeholder: placeholder,
                                  isList: isList, valueLabel: valueLabel, refersTo: refersTo))
    }

    private mutating func change(_ body: (inout Members) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.members) }
        body(&storage.members)
    }

    public var id: String {
        get { storage.members.id }
        set { change { $0.id = newValue } }
    }

    /// `id`, or `repeat[N].field` with N counted from 1 among the entries on the path.
    public var label: String {
        get { storage.members.label }
        set { change { $0.label = newValue } }
    }

    public var question: Wording {
        get { storage.members.question }
        set { change { $0.question = newValue } }
    }

    /// An `audience: interviewer` question (shown in the interviewer's language).
    public var forInterviewer: Bool {
        get { storage.members.forInterviewer }
        set { change { $0.forInterviewer = newValue } }
    }

    /// False for `report: false` (and calculations without `report: true`): JSON only.
    public var printed: Bool {
        get { storage.members.printed }
        set { change { $0.printed = newValue } }
    }

    public var status: ReportStatus {
        get { storage.members.status }
        set { change { $0.status = newValue } }
    }

    /// The answer as people read it (choice labels in the report's languages, typed words as
    /// typed, "Don't know", the redaction mark); nil for a repeat with entries.
    public var shown: Wording? {
        get { storage.members.shown }
        set { change { $0.shown = newValue } }
    }

    /// The exported value (nil when withheld or when there is none).
    public var value: ReportValue? {
        get { storage.members.value }
        set { change { $0.value = newValue } }
    }

    public var otherText: String? {
        get { storage.members.otherText }
        set { change { $0.otherText = newValue } }
    }

    public var note: String? {
        get { storage.members.note }
        set { change { $0.note = newValue } }
    }

    public var translation: String? {
        get { storage.members.translation }
        set { change { $0.translation = newValue } }
    }

    public var draft: String? {
        get { storage.members.draft }
        set { change { $0.draft = newValue } }
    }

    public var followUp: Bool {
        get { storage.members.followUp }
        set { change { $0.followUp = newValue } }
    }

    public var lawyerOnly: Bool {
        get { storage.members.lawyerOnly }
        set { change { $0.lawyerOnly = newValue } }
    }

    /// The questionnaire author's note, only with `--notes`.
    public var authorNote: String? {
        get { storage.members.authorNote }
        set { change { $0.authorNote = newValue } }
    }

    /// A repeat's entries on the path; nil for other questions and for a withheld repeat.
    public var entries: [ReportEntry]? {
        get { storage.members.entries }
        set { change { $0.entries = newValue } }
    }

    /// Under `--redact identity`, the placeholder that stands for an identifying answer.
    public var placeholder: String? {
        get { storage.members.placeholder }
        set { change { $0.placeholder = newValue } }
    }

    /// The answer is a list (a multichoice): `shown` has one selection per line.
    public var isList: Bool {
        get { storage.members.isList }
        set { change { $0.isList = newValue } }
    }

    /// The label of a coded value (a choice's label, in the reader's language), for `--labels`.
    public var valueLabel: ReportValue? {
        get { storage.members.valueLabel }
        set { change { $0.valueLabel = newValue } }
    }

    /// For a rights check (a question after an explanation screen): the explanation it refers to.
    public var refersTo: Wording? {
        get { storage.members.refersTo }
        set { change { $0.refersTo = newValue } }
    }
}

public struct ReportEntry: Sendable {
    public var id: String
    public var number: Int
    public var label: Wording
    public var answers: [ReportAnswer]
}

/// One event of the chronology.
public struct ReportEvent: Sendable {
    /// Nil when the date is not known.
    public var date: PartialDate?
    /// Why there is no date (don't know or prefer not to say).
    public var missing: Wording?
    public var text: Wording
    /// The repeat entry the event belongs to, if any.
    public var entryLabel: Wording?
    /// `id` or `repeat[N].field`.
    public var question: String
    /// The dated question's id (its place in the story's order).
    public var itemID: String
}

/// A question carrying a mark worth listing at the end (follow-up, unconfirmed draft).
public struct ReportMark: Sendable {
    public var label: String
    public var question: Wording
    /// The follow-up's note, or the draft's text (nil when absent). (A withheld answer's
    /// marks are not listed in a redacted report at all.)
    public var text: String?
}

/// An answer kept for a question the questionnaire no longer has.
public struct ReportRemovedAnswer: Sendable {
    public var label: String
    public var status: ReportStatus
    public var shown: String
    public var value: ReportValue?
    public var otherText: String?
    public var note: String?
    public var translation: String?
    public var followUp: Bool
    public var lawyerOnly: Bool
}

/// A required question on the path with no answer at all.
public struct ReportGap: Sendable {
    public var label: String
    public var question: Wording
}
