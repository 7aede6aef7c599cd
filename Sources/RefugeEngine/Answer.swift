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
public struct Answer: Sendable, Hashable {
    public var status: AnswerStatus?
    public var value: AnswerValue?
    /// The text given with the `other` choice.
    public var otherText: String?
    /// The interviewer's note.
    public var note: String?
    /// The interpreter's translation of the client's words.
    public var translation: String?
    public var followUp = false
    public var lawyerOnly = false
    /// Text typed but not confirmed.
    public var draft: String?
    /// A repeat's entries (nil for other questions, and for a repeat never touched).
    public var entries: [RepeatEntry]?
    /// The number of the last entry created, so a new entry never reuses a deleted one's id.
    public var lastEntryNumber = 0

    public init(status: AnswerStatus? = nil, value: AnswerValue? = nil) {
        self.status = status
        self.value = value
    }

    public static func answered(_ value: AnswerValue) -> Answer { Answer(status: .answered, value: value) }

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
