import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeVersion

/// Compact JSON for what every save writes (answers, history entries, the header and the
/// session's other members), written straight into bytes. The `Codable` forms in
/// `AnswerCoding.swift`, `Session.swift` and `SessionFiles.swift` stay the definition of the file
/// format and are what reads it back; this writes the same members with the same values
/// (`SessionJSONTests` reads its output back through them), without `JSONEncoder`'s cost of tens
/// of microseconds a call, several calls on every confirmed answer.
///
/// Strings are escaped as `JSONEncoder` does with `.withoutEscapingSlashes`; numbers are written
/// with their exact digits; dates as ISO 8601 in UTC to the second, as the `.iso8601`
/// strategy reads them. Members keep the order of the `Codable` forms; readers do not rely on it.
struct SessionJSON {
    private(set) var bytes: [UInt8] = []
    /// For each open object or array: whether something was written in it yet.
    private var hasMembers: [Bool] = []
    /// A key was just written: its value follows without a comma.
    private var afterKey = false

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    // MARK: Structure

    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        if let last = hasMembers.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            hasMembers[hasMembers.count - 1] = true
        }
    }

    mutating func object(_ body: (inout SessionJSON) throws -> Void) rethrows {
        try container(opening: UInt8(ascii: "{"), closing: UInt8(ascii: "}"), body)
    }

    mutating func array(_ body: (inout SessionJSON) throws -> Void) rethrows {
        try container(opening: UInt8(ascii: "["), closing: UInt8(ascii: "]"), body)
    }

    private mutating func container(opening: UInt8, closing: UInt8, _ body: (inout SessionJSON) throws -> Void) rethrows {
        beforeValue()
        bytes.append(opening)
        hasMembers.append(false)
        try body(&self)
        hasMembers.removeLast()
        bytes.append(closing)
    }

    /// Bytes written before by another `SessionJSON`: a value, or a `"key":value` member.
    mutating func written(_ json: [UInt8]) {
        beforeValue()
        bytes.append(contentsOf: json)
    }

    mutating func key(_ name: String) {
        beforeValue()
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: Values

    mutating func string(_ text: String) {
        beforeValue()
        quoted(text)
    }

    mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    mutating func integer(_ value: Int) {
        beforeValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// The number's canonical digits (`29`, `-3`, `7.5`, `9007199254740993`): valid JSON as
    /// they are, and read back digit for digit (`ExactNumber+Coding.swift`).
    mutating func number(_ value: ExactNumber) {
        beforeValue()
        bytes.append(contentsOf: value.description.utf8)
    }

    /// `2026-11-29T14:05:00Z`: the time in UTC, to the second (fractions dropped, as the
    /// `.iso8601` strategy drops them).
    mutating func date(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let civil = CivilCalendar.civilDate(dayNumber: days)
        var text: [UInt8] = []
        text.reserveCapacity(22)
        func digits(_ value: Int, _ width: Int) {
            var scratch = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var rest = value
            for i in stride(from: width - 1, through: 0, by: -1) {
                scratch[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            text.append(contentsOf: scratch)
        }
        text.append(UInt8(ascii: "\""))
        digits(civil.year, 4); text.append(UInt8(ascii: "-"))
        digits(civil.month, 2); text.append(UInt8(ascii: "-"))
        digits(civil.day, 2); text.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2); text.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2); text.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        text.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
        beforeValue()
        bytes.append(contentsOf: text)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hex = Array("0123456789abcdef".utf8)

    /// Quotes, backslashes and control characters escaped; everything else as its UTF-8 bytes.
    private mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default:
                    bytes.append(contentsOf: Array(#"\u00"#.utf8))
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

// MARK: - The records a save writes

extension SessionJSON {
    /// As `Answer.encode(to:)` writes it.
    mutating func answer(_ a: Answer) throws {
        try object { o in
            if let status = a.status { o.key("status"); o.string(status.rawValue) }
            if let value = a.value { o.key("value"); try o.answerValue(value) }
            if let otherText = a.otherText { o.key("other_text"); o.string(otherText) }
            if let note = a.note { o.key("note"); o.string(note) }
            if let translation = a.translation { o.key("translation"); o.string(translation) }
            if a.followUp { o.key("follow_up"); o.bool(true) }
            if a.lawyerOnly { o.key("lawyer_only"); o.bool(true) }
            if let draft = a.draft { o.key("draft"); o.string(draft) }
            if let entries = a.entries {
                o.key("entries")
                try o.array { list in
                    for entry in entries {
                        try list.object { e in
                            e.key("answers")
                            try e.object { fields in
                                for id in entry.answers.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                                    fields.key(id)
                                    try fields.answer(entry.answers[id]!)
                                }
                            }
                            e.key("id"); e.string(entry.id)
                        }
                    }
                }
            }
            if a.lastEntryNumber > 0 { o.key("last_entry_number"); o.integer(a.lastEntryNumber) }
        }
    }

    /// As `AnswerValue.encode(to:)` writes it. (Nothing in it fails any more: every number
    /// is valid JSON as it is. Still `throws`, so its callers need not change.)
    mutating func answerValue(_ value: AnswerValue) throws {
        object { o in
            switch value {
            case .text(let s): o.key("text"); o.string(s)
            case .number(let n): o.key("number"); o.number(n)
            case .date(let d): o.key("date"); o.string(d.isoString)
            case .choice(let v): o.key("choice"); o.string(v)
            case .choices(let vs): o.key("choices"); o.array { list in for v in vs { list.string(v) } }
            }
        }
    }

    /// As `HistoryEntry`'s `Codable` form has it.
    mutating func historyEntry(_ h: HistoryEntry) throws {
        try object { o in
            o.key("at"); o.date(h.at)
            o.key("question"); o.string(h.question)
            if let old = h.old { o.key("old"); try o.answer(old) }
            if let new = h.new { o.key("new"); try o.answer(new) }
        }
    }

    /// As `SessionHeader`'s `Codable` form has it.
    mutating func header(_ s: Session) {
        object { o in
            o.key("id"); o.string(s.id)
            o.key("label"); o.string(s.label)
            o.key("questionnaire")
            o.object { q in
                q.key("id"); q.string(s.questionnaire.id)
                q.key("version"); q.string(s.questionnaire.version)
            }
            o.key("language"); o.string(s.language)
            o.key("interviewer_language"); o.string(s.interviewerLanguage)
            o.key("created"); o.date(s.created)
            o.key("updated"); o.date(s.updated)
            o.key("progress"); o.progress(s.progress)
            if let created = s.createdWith { o.key("created_with"); o.string(created) }
            o.key("saved_with"); o.string(RefugeVersion.full)
        }
    }

    /// The members of `Session.encode(to:)` other than the answers and the history, into the
    /// object being written.
    mutating func sessionDetails(_ s: Session) {
        key("id"); string(s.id)
        key("label"); string(s.label)
        key("questionnaire")
        object { q in
            q.key("id"); q.string(s.questionnaire.id)
            q.key("version"); q.string(s.questionnaire.version)
            q.key("sha256"); q.string(s.questionnaire.sha256)
            q.key("path"); q.string(s.questionnaire.path)
        }
        key("language"); string(s.language)
        key("interviewer_language"); string(s.interviewerLanguage)
        key("created"); date(s.created)
        key("updated"); date(s.updated)
        key("interview_date"); string(s.interviewDate.isoString)
        if let p = s.position {
            key("position")
            object { o in
                o.key("item"); o.string(p.itemID)
                if let r = p.repeatID { o.key("repeat"); o.string(r) }
                if let e = p.entryID { o.key("entry"); o.string(e) }
            }
        }
        key("progress"); progress(s.progress)
        if let created = s.createdWith { key("created_with"); string(created) }
        if s.interviewerView { key("interviewer_view"); bool(true) }
        if let p = s.pendingText {
            key("pending_text")
            object { o in
                o.key("kind"); o.string(p.kind.rawValue)
                o.key("at")
                o.object { at in
                    at.key("item"); at.string(p.position.itemID)
                    if let r = p.position.repeatID { at.key("repeat"); at.string(r) }
                    if let e = p.position.entryID { at.key("entry"); at.string(e) }
                }
                o.key("text"); o.string(p.text)
            }
        }
    }

    private mutating func progress(_ p: Progress) {
        object { o in
            o.key("answered"); o.integer(p.answered)
            o.key("total"); o.integer(p.total)
        }
    }
}
