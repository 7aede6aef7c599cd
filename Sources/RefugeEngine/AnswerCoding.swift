import RefugeExpressions

// The session file stores answers as readable JSON, so a person can inspect it and a later
// version can migrate it: `{"status": "answered", "value": {"date": "~2022-09"}, "note": "..."}`.
// These are the reader; the one writer is RefugeSession's `SessionJSON.swift` (`JSONWriter`), and
// `SessionFormatRoundTripTests` checks that every field it writes reads back the same here.

extension AnswerValue: Decodable {
    private enum Key: String, CodingKey { case text, number, date, choice, choices }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let s = try c.decodeIfPresent(String.self, forKey: .text) { self = .text(s); return }
        // Through `ExactNumber`'s own decoding, which reads the digits exactly (never via `Double`).
        if let n = try c.decodeIfPresent(ExactNumber.self, forKey: .number) { self = .number(n); return }
        if let s = try c.decodeIfPresent(String.self, forKey: .date) {
            guard let d = PartialDate(iso: s) else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "not a date")
            }
            self = .date(d); return
        }
        if let s = try c.decodeIfPresent(String.self, forKey: .choice) { self = .choice(s); return }
        if let vs = try c.decodeIfPresent([String].self, forKey: .choices) { self = .choices(vs); return }
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown kind of answer"))
    }
}

extension Answer: Decodable {
    private enum Key: String, CodingKey {
        case status, value, otherText = "other_text", note, translation, followUp = "follow_up"
        case lawyerOnly = "lawyer_only", draft, entries, lastEntryNumber = "last_entry_number"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(status: try c.decodeIfPresent(AnswerStatus.self, forKey: .status),
                  value: try c.decodeIfPresent(AnswerValue.self, forKey: .value))
        otherText = try c.decodeIfPresent(String.self, forKey: .otherText)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        translation = try c.decodeIfPresent(String.self, forKey: .translation)
        followUp = try c.decodeIfPresent(Bool.self, forKey: .followUp) ?? false
        lawyerOnly = try c.decodeIfPresent(Bool.self, forKey: .lawyerOnly) ?? false
        draft = try c.decodeIfPresent(String.self, forKey: .draft)
        entries = try c.decodeIfPresent([RepeatEntry].self, forKey: .entries)
        lastEntryNumber = try c.decodeIfPresent(Int.self, forKey: .lastEntryNumber) ?? 0
    }
}

extension AnswerSet: Decodable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: Answer].self))
    }
}
