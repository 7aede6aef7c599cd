import RefugeExpressions

// The session file stores answers as readable JSON, so a person can inspect it and a later
// version can migrate it: `{"status": "answered", "value": {"date": "~2022-09"}, "note": "..."}`.

extension AnswerValue: Codable {
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

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .text(let s): try c.encode(s, forKey: .text)
        case .number(let n): try c.encode(n, forKey: .number)
        case .date(let d): try c.encode(d.isoString, forKey: .date)
        case .choice(let v): try c.encode(v, forKey: .choice)
        case .choices(let vs): try c.encode(vs, forKey: .choices)
        }
    }
}

extension Answer: Codable {
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

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(otherText, forKey: .otherText)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(translation, forKey: .translation)
        if followUp { try c.encode(true, forKey: .followUp) }
        if lawyerOnly { try c.encode(true, forKey: .lawyerOnly) }
        try c.encodeIfPresent(draft, forKey: .draft)
        try c.encodeIfPresent(entries, forKey: .entries)
        if lastEntryNumber > 0 { try c.encode(lastEntryNumber, forKey: .lastEntryNumber) }
    }
}


extension AnswerSet: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: Answer].self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(byID)
    }
}
