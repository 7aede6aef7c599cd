import RefugeExpressions

/// A real value given to a question.
public enum AnswerValue: Sendable, Hashable {
    /// text and longtext
    case text(String)
    /// an exact decimal (`ExactNumber`), kept with every digit typed
    case number(ExactNumber)
    case date(PartialDate)
    /// a choice's value, and `yes` / `no`
    case choice(String)
    /// a multichoice's values, in the order the questionnaire lists them
    case choices([String])

    /// The value as the expression language sees it.
    public var expressionValue: Value {
        switch self {
        case .text(let s): return .text(s)
        case .number(let n): return .number(n)
        case .date(let d): return .date(d)
        case .choice(let v): return .text(v)
        case .choices(let vs): return .set(Set(vs))
        }
    }
}

/// How a question was answered, when it was.
public enum AnswerStatus: String, Sendable, Hashable, Codable {
    case answered
    case dontKnow = "dont_know"
    case refused
}

/// Everything recorded for one question: its answer (if any) and the marks any question can
/// carry, answered or not.
///
/// Only the status and the value are kept inline; the rest (texts beside the answer, marks, a
/// repeat's entries), absent from most records, is kept behind one reference that is copied
/// before a change when shared. A record is then 56 bytes instead of 136: the walk of the path
/// and every report copy records out of the answer table, which at ten thousand answers filled
/// more than the second-level cache, reading three cache lines a record and retaining every
/// text beside its answer (issue 19, ninth session: the walk about a tenth faster).
public struct Answer: Sendable, Hashable {
    public var status: AnswerStatus?
    public var value: AnswerValue?
    /// Nil when every field below has its default (an empty box is never kept), so that two
    /// records that say the same are stored alike.
    private var marks: Marks?

    /// The text given with the `other` choice.
    public var otherText: String? {
        get { marks?.fields.otherText }
        set { change { $0.otherText = newValue } }
    }
    /// The interviewer's note.
    public var note: String? {
        get { marks?.fields.note }
        set { change { $0.note = newValue } }
    }
    /// The interpreter's translation of the client's words.
    public var translation: String? {
        get { marks?.fields.translation }
        set { change { $0.translation = newValue } }
    }
    public var followUp: Bool {
        get { marks?.fields.followUp ?? false }
        set { change { $0.followUp = newValue } }
    }
    public var lawyerOnly: Bool {
        get { marks?.fields.lawyerOnly ?? false }
        set { change { $0.lawyerOnly = newValue } }
    }
    /// Text typed but not confirmed.
    public var draft: String? {
        get { marks?.fields.draft }
        set { change { $0.draft = newValue } }
    }
    /// A repeat's entries (nil for other questions, and for a repeat never touched).
    public var entries: [RepeatEntry]? {
        get { marks?.fields.entries }
        set { change { $0.entries = newValue } }
    }
    /// The number of the last entry created, so a new entry never reuses a deleted one's id.
    public var lastEntryNumber: Int {
        get { marks?.fields.lastEntryNumber ?? 0 }
        set { change { $0.lastEntryNumber = newValue } }
    }

    public init(status: AnswerStatus? = nil, value: AnswerValue? = nil) {
        self.status = status
        self.value = value
    }

    /// A record with everything in it given at once, as reading a session file has it: the box
    /// of marks is made once (or not at all, when every mark has its default), where setting the
    /// marks one by one compared the box with an empty one, and replaced it, at each of them.
    public init(status: AnswerStatus?, value: AnswerValue?, otherText: String?, note: String?, translation: String?,
                followUp: Bool, lawyerOnly: Bool, draft: String?, entries: [RepeatEntry]?, lastEntryNumber: Int) {
        self.status = status
        self.value = value
        let fields = Marks.Fields(otherText: otherText, note: note, translation: translation, followUp: followUp,
                                  lawyerOnly: lawyerOnly, draft: draft, entries: entries, lastEntryNumber: lastEntryNumber)
        marks = fields == Marks.Fields() ? nil : Marks(fields)
    }

    public static func answered(_ value: AnswerValue) -> Answer { Answer(status: .answered, value: value) }

    /// Changes the box in place when this record alone holds it, else a copy of it; a box left
    /// with every field at its default is dropped.
    private mutating func change(_ body: (inout Marks.Fields) -> Void) {
        if marks != nil, isKnownUniquelyReferenced(&marks!) {
            body(&marks!.fields)
            if marks!.fields == Marks.Fields() { marks = nil }
        } else {
            var fields = marks?.fields ?? Marks.Fields()
            body(&fields)
            marks = fields == Marks.Fields() ? nil : Marks(fields)
        }
    }

    // No box and an empty one say the same (`change` keeps none empty, but equality does not
    // rely on it).
    public static func == (a: Answer, b: Answer) -> Bool {
        a.status == b.status && a.value == b.value
            && (a.marks === b.marks || (a.marks?.fields ?? Marks.Fields()) == (b.marks?.fields ?? Marks.Fields()))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        hasher.combine(value)
        hasher.combine(marks?.fields ?? Marks.Fields())
    }

    /// True when there is a real value (or a confirmed repeat).
    public var hasRealValue: Bool { status == .answered }
    /// True when nothing at all is recorded.
    public var isEmpty: Bool {
        status == nil && value == nil && otherText == nil && note == nil && translation == nil
            && !followUp && !lawyerOnly && draft == nil && (entries?.isEmpty ?? true)
    }
    /// Clears the answer itself, keeping the marks (note, flags, translation).
    public mutating func clearAnswer() {
        status = nil; value = nil; otherText = nil
    }
}

/// The parts of a record that most records lack, shared between copies of the record until one
/// of them changes (see `Answer`).
private final class Marks: @unchecked Sendable {
    // @unchecked: `fields` changes only through `Answer.change`, when the record changing it
    // holds the only reference to this box.
    struct Fields: Hashable {
        var otherText: String?
        var note: String?
        var translation: String?
        var followUp = false
        var lawyerOnly = false
        var draft: String?
        var entries: [RepeatEntry]?
        var lastEntryNumber = 0
    }

    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
}

/// One entry of a repeat. Its id is stable: deleting another entry never changes it.
public struct RepeatEntry: Sendable, Hashable, Identifiable, Decodable {
    public var id: String
    public var answers: [String: Answer]
    public init(id: String, answers: [String: Answer] = [:]) { self.id = id; self.answers = answers }
}

/// Names a question's record: a top-level question, or a field of one entry of a repeat.
public struct AnswerRef: Sendable, Hashable, CustomStringConvertible {
    public var itemID: String
    public var repeatID: String?
    public var entryID: String?

    public init(_ itemID: String) { self.itemID = itemID }
    public init(field: String, of repeatID: String, entry entryID: String) {
        self.itemID = field; self.repeatID = repeatID; self.entryID = entryID
    }
    public var description: String {
        if let repeatID, let entryID { return "\(repeatID)[\(entryID)].\(itemID)" }
        return itemID
    }
}

/// All answers of a session, keyed by question id; fields live inside their repeat's entries.
public struct AnswerSet: Sendable, Hashable {
    public var byID: [String: Answer]
    public init(_ byID: [String: Answer] = [:]) { self.byID = byID }

    public subscript(ref: AnswerRef) -> Answer {
        get {
            if let repeatID = ref.repeatID, let entryID = ref.entryID {
                return byID[repeatID]?.entries?.first { $0.id == entryID }?.answers[ref.itemID] ?? Answer()
            }
            return byID[ref.itemID] ?? Answer()
        }
        set {
            if let repeatID = ref.repeatID, let entryID = ref.entryID {
                var group = byID[repeatID] ?? Answer()
                var entries = group.entries ?? []
                guard let index = entries.firstIndex(where: { $0.id == entryID }) else { return }
                entries[index].answers[ref.itemID] = newValue.isEmpty ? nil : newValue
                group.entries = entries
                byID[repeatID] = group
            } else {
                byID[ref.itemID] = newValue.isEmpty && (byID[ref.itemID]?.lastEntryNumber ?? 0) == 0 ? nil : newValue
            }
        }
    }

    public func entries(of repeatID: String) -> [RepeatEntry] { byID[repeatID]?.entries ?? [] }

    /// The status of the record of `id` (nil: no record, or none given), read without copying the
    /// rest of the record out of the table.
    func status(of id: String) -> AnswerStatus? { Self.status(of: id, in: byID) }

    /// The record's real value as the expression language sees it (`.nothing` unless answered),
    /// read without copying the rest of the record.
    func expressionValue(of id: String) -> Value { Self.expressionValue(of: id, in: byID) }

    // A record is large (its value, the texts beside it, the marks, a repeat's entries): these
    // read its fields where it lies in the table, by index, rather than copying it out whole.
    static func status(of id: String, in records: [String: Answer]) -> AnswerStatus? {
        guard let index = records.index(forKey: id) else { return nil }
        return records.values[index].status
    }

    static func expressionValue(of id: String, in records: [String: Answer]) -> Value {
        guard let index = records.index(forKey: id) else { return .nothing }
        let values = records.values
        guard values[index].status == .answered, let value = values[index].value else { return .nothing }
        return value.expressionValue
    }

    /// Adds an entry at the end of a repeat and returns its id.
    public mutating func addEntry(to repeatID: String) -> String {
        var group = byID[repeatID] ?? Answer()
        group.lastEntryNumber += 1
        let id = "e\(group.lastEntryNumber)"
        group.entries = (group.entries ?? []) + [RepeatEntry(id: id)]
        byID[repeatID] = group
        return id
    }

    /// Deletes an entry (an explicit, confirmed act; navigation never does this).
    public mutating func deleteEntry(_ entryID: String, of repeatID: String) {
        guard var group = byID[repeatID] else { return }
        group.entries?.removeAll { $0.id == entryID }
        byID[repeatID] = group
    }
}
