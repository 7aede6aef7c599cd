#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeExpressions
import RefugeJSON
import RefugeVersion

/// The session file's records (answers, history entries, the header and the session's other
/// members) as `JSONWriter` writes them: compact, escaping only what JSON requires. Together with
/// the `Decodable` forms that read them back (`AnswerCoding.swift`, `Session.swift`,
/// `SessionFiles.swift`) this is the file format: one writer, one reader, and
/// `SessionFormatRoundTripTests` checks that every field written is read back the same.
///
/// Numbers are written with their exact digits (`ExactNumber`'s canonical text, read back digit
/// for digit by `ExactNumber+Coding.swift`); dates as ISO 8601 in UTC to the second,
/// as the `.iso8601` strategy reads them. Members come in a fixed order; readers do not rely on it.
extension JSONWriter {
    /// A writer for the session file: compact, only the escapes JSON requires.
    static func session(capacity: Int = 256) -> JSONWriter {
        JSONWriter(layout: .compact, escaping: .required, capacity: capacity)
    }

    /// An exact number's canonical digits (`29`, `-3`, `7.5`, `9007199254740993`), as they are.
    mutating func number(_ value: ExactNumber) throws {
        try number(digits: value.description)
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
        written(text)
    }

    /// One answer, as `Answer.init(from:)` reads it; members that hold their default are left out.
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

    /// An answer's value: an object with one member named for its kind, as `AnswerValue.init(from:)` reads it.
    mutating func answerValue(_ value: AnswerValue) throws {
        try object { o in
            switch value {
            case .text(let s): o.key("text"); o.string(s)
            case .number(let n): o.key("number"); try o.number(n)
            case .date(let d): o.key("date"); o.string(d.isoString)
            case .choice(let v): o.key("choice"); o.string(v)
            case .choices(let vs): o.key("choices"); o.array { list in for v in vs { list.string(v) } }
            }
        }
    }

    /// One change, as `HistoryEntry`'s `Decodable` form reads it.
    mutating func historyEntry(_ h: HistoryEntry) throws {
        try object { o in
            o.key("at"); o.date(h.at)
            o.key("question"); o.string(h.question)
            if let old = h.old { o.key("old"); try o.answer(old) }
            if let new = h.new { o.key("new"); try o.answer(new) }
        }
    }

    /// The readable header, as `SessionHeader`'s `Decodable` form reads it.
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

    /// The members of a session other than the answers and the history (as `Session.init(from:)`
    /// reads them), into the object being written.
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
