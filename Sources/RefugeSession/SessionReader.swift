#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeExpressions
import RefugeJSON

/// Reads the session file's JSON (the body, the readable header, a journal change) with
/// `JSONReader`, straight into the session's types: the hand-written reader of what the one
/// writer (`SessionJSON.swift`, `SessionBodyEncoder`) writes. Decoding a resumed session with
/// `JSONDecoder` and the `Decodable` forms was about a tenth of a resume (`perf`).
///
/// It reads exactly what those `Decodable` forms read, member for member (required members,
/// defaults of absent ones, unknown members skipped, ISO dates, exact numbers), and takes only
/// forms of which it is sure that they decode the same: anything else (a `null`, a member
/// given twice, a number or date not in the writer's canonical form, a newer format, bytes
/// that are not JSON) is `JSONReader.Refused`, and the caller then asks the `Decodable` forms,
/// which decide as they always did. So what decoded before decodes to the same session, and
/// what was refused is refused with the same error; `SessionReaderTests` checks both against
/// the `Decodable` forms on every field and on many damaged and hand-edited files.
enum SessionReader {
    typealias Refused = JSONReader.Refused

    /// `{"format":1,"session":{...}}`, the body of a session file.
    static func body(_ data: Data) throws(Refused) -> Session {
        var r = JSONReader(Array(data))
        var format: Int?
        var session: Session?
        var m = try r.members()
        while let key = try m.next(&r) {
            switch key {
            case "format": try once(&format, r.integer())
            case "session": try once(&session, Self.session(&r))
            default: try r.skip()
            }
        }
        try r.end()
        // Another format (a newer one) is for the `Decodable` form to say so.
        guard format == 1, let session else { throw Refused(offset: r.offset) }
        return session
    }

    /// The readable header, as `SessionHeader`'s `Decodable` form reads it.
    static func header(_ data: Data) throws(Refused) -> SessionHeader {
        var r = JSONReader(Array(data))
        var id: String?, label: String?, questionnaire: SessionHeader.Questionnaire?, language: String?
        var interviewerLanguage: String?, created: Date?, updated: Date?, progress: Progress?
        var createdWith: String?, savedWith: String?
        var m = try r.members()
        while let key = try m.next(&r) {
            switch key {
            case "id": try once(&id, r.string())
            case "label": try once(&label, r.string())
            case "questionnaire":
                var qID: String?, version: String?
                var q = try r.members()
                while let key = try q.next(&r) {
                    switch key {
                    case "id": try once(&qID, r.string())
                    case "version": try once(&version, r.string())
                    default: try r.skip()
                    }
                }
                guard let qID, let version else { throw Refused(offset: r.offset) }
                try once(&questionnaire, SessionHeader.Questionnaire(id: qID, version: version))
            case "language": try once(&language, r.string())
            case "interviewer_language": try once(&interviewerLanguage, r.string())
            case "created": try once(&created, date(&r))
            case "updated": try once(&updated, date(&r))
            case "progress": try once(&progress, Self.progress(&r))
            case "created_with": try once(&createdWith, r.string())
            case "saved_with": try once(&savedWith, r.string())
            default: try r.skip()
            }
        }
        try r.end()
        guard let id, let label, let questionnaire, let language, let interviewerLanguage, let created, let updated,
              let progress else { throw Refused(offset: r.offset) }
        return SessionHeader(id: id, label: label, questionnaire: questionnaire, language: language,
                             interviewerLanguage: interviewerLanguage, created: created, updated: updated,
                             progress: progress, createdWith: createdWith, savedWith: savedWith)
    }

    /// One journal change, as `JournalChange`'s `Decodable` form reads it (format 1 only).
    static func journalChange(_ data: Data) throws(Refused) -> JournalChange {
        var r = JSONReader(Array(data))
        var format: Int?, historyFrom: Int?, removed: [String]?, session: Session?
        var m = try r.members()
        while let key = try m.next(&r) {
            switch key {
            case "format": try once(&format, r.integer())
            case "history_from": try once(&historyFrom, r.integer())
            case "removed": try once(&removed, strings(&r))
            case "session": try once(&session, Self.session(&r))
            default: try r.skip()
            }
        }
        try r.end()
        guard format == 1, let historyFrom, let session else { throw Refused(offset: r.offset) }
        return JournalChange(historyFrom: historyFrom, removed: removed ?? [], session: session)
    }

    // MARK: The session's records

    static func session(_ r: inout JSONReader) throws(Refused) -> Session {
        var id: String?, label: String?, questionnaire: QuestionnaireRef?, language: String?
        var interviewerLanguage: String?, created: Date?, updated: Date?, interviewDate: PartialDate?
        var answers: [String: Answer]?, position: Position?, history: SessionHistory?, progress: Progress?
        var createdWith: String?, interviewerView: Bool?, pendingText: PendingText?
        var m = try r.members()
        while let key = try m.next(&r, SessionMember.known) {
            switch key {
            case .answers: try once(&answers, answerTable(&r))
            case .history:
                // Checked now, decoded when first asked for (see `SessionHistory`).
                let start = r.offset
                let checked = try checkHistory(&r)
                // In the writer's form there is no white space: the array is `[` and `]` around its entries.
                let json = checked.writerForm ? r.bytes((start + 1)..<(r.offset - 1)) : r.bytes(start..<r.offset)
                try once(&history, SessionHistory(checkedJSON: json, count: checked.count, writerForm: checked.writerForm))
            case .id: try once(&id, r.string())
            case .label: try once(&label, r.string())
            case .questionnaire: try once(&questionnaire, questionnaireRef(&r))
            case .language: try once(&language, r.string())
            case .interviewerLanguage: try once(&interviewerLanguage, r.string())
            case .created: try once(&created, date(&r))
            case .updated: try once(&updated, date(&r))
            case .interviewDate:
                guard let day = PartialDate(iso: try r.string()) else { throw Refused(offset: r.offset) }
                try once(&interviewDate, day)
            case .position: try once(&position, Self.position(&r))
            case .progress: try once(&progress, Self.progress(&r))
            case .createdWith: try once(&createdWith, r.string())
            case .interviewerView: try once(&interviewerView, r.bool())
            case .pendingText: try once(&pendingText, Self.pendingText(&r))
            case .other: try r.skip()
            }
        }
        guard let id, let questionnaire, let language, let created, let interviewDate else { throw Refused(offset: r.offset) }
        var s = Session(id: id, label: label ?? "", questionnaire: questionnaire, language: language,
                        interviewerLanguage: interviewerLanguage ?? language, created: created, interviewDate: interviewDate)
        s.updated = updated ?? created
        s.answers = AnswerSet(answers ?? [:])
        s.position = position
        s.historyRecord = history ?? SessionHistory()
        s.progress = progress ?? Progress(answered: 0, total: 0)
        s.createdWith = createdWith
        s.interviewerView = interviewerView ?? false
        s.pendingText = pendingText
        return s
    }

    /// An object of answers by id (the session's, or one entry's fields).
    static func answerTable(_ r: inout JSONReader) throws(Refused) -> [String: Answer] {
        var table: [String: Answer] = [:]
        var m = try r.members()
        while let id = try m.next(&r) {
            let a = try answer(&r)
            // A member given twice is left to the general reader.
            guard table.updateValue(a, forKey: id) == nil else { throw Refused(offset: r.offset) }
        }
        return table
    }

    static func answer(_ r: inout JSONReader) throws(Refused) -> Answer {
        var status: AnswerStatus?, value: AnswerValue?, otherText: String?, note: String?, translation: String?
        var followUp: Bool?, lawyerOnly: Bool?, draft: String?, entries: [RepeatEntry]?, lastEntryNumber: Int?
        var m = try r.members()
        while let key = try m.next(&r, AnswerMember.known) {
            switch key {
            case .status:
                guard let s = AnswerStatus(rawValue: try r.string()) else { throw Refused(offset: r.offset) }
                try once(&status, s)
            case .value: try once(&value, answerValue(&r))
            case .otherText: try once(&otherText, r.string())
            case .note: try once(&note, r.string())
            case .translation: try once(&translation, r.string())
            case .followUp: try once(&followUp, r.bool())
            case .lawyerOnly: try once(&lawyerOnly, r.bool())
            case .draft: try once(&draft, r.string())
            case .entries:
                var list: [RepeatEntry] = []
                var e = try r.elements()
                while try e.next(&r) { list.append(try repeatEntry(&r)) }
                try once(&entries, list)
            case .lastEntryNumber: try once(&lastEntryNumber, r.integer())
            case .other: try r.skip()
            }
        }
        return Answer(status: status, value: value, otherText: otherText, note: note, translation: translation,
                      followUp: followUp ?? false, lawyerOnly: lawyerOnly ?? false, draft: draft, entries: entries,
                      lastEntryNumber: lastEntryNumber ?? 0)
    }

    /// `{"text":...}`, `{"number":...}`, `{"date":...}`, `{"choice":...}` or `{"choices":[...]}`.
    /// The `Decodable` form takes the first of these kinds present, in that order; an object
    /// with more than one kind is left to it.
    static func answerValue(_ r: inout JSONReader) throws(Refused) -> AnswerValue {
        var value: AnswerValue?
        var m = try r.members()
        while let key = try m.next(&r, ValueMember.known) {
            switch key {
            case .text: try once(&value, .text(try r.string()))
            case .number: try once(&value, .number(try exactNumber(&r)))
            case .date:
                guard let d = PartialDate(iso: try r.string()) else { throw Refused(offset: r.offset) }
                try once(&value, .date(d))
            case .choice: try once(&value, .choice(try r.string()))
            case .choices: try once(&value, .choices(try strings(&r)))
            case .other: try r.skip()
            }
        }
        guard let value else { throw Refused(offset: r.offset) }
        return value
    }

    /// A number in its canonical digits (as the writer writes `ExactNumber`): then reading it
    /// through `Decimal`, as the `Decodable` form does, gives the same digits. Any other
    /// spelling (`1.50`, `-0`, `1e3`, too many digits) is left to that form.
    static func exactNumber(_ r: inout JSONReader) throws(Refused) -> ExactNumber {
        let text = try r.number()
        guard case .success(let n) = ExactNumber.parse(text), n.description == text else { throw Refused(offset: r.offset) }
        return n
    }

    static func repeatEntry(_ r: inout JSONReader) throws(Refused) -> RepeatEntry {
        var id: String?, answers: [String: Answer]?
        var m = try r.members()
        while let key = try m.next(&r, EntryMember.known) {
            switch key {
            case .id: try once(&id, r.string())
            case .answers: try once(&answers, answerTable(&r))
            case .other: try r.skip()
            }
        }
        guard let id, let answers else { throw Refused(offset: r.offset) }
        return RepeatEntry(id: id, answers: answers)
    }

    static func historyEntry(_ r: inout JSONReader) throws(Refused) -> HistoryEntry {
        var at: Date?, question: String?, old: Answer?, new: Answer?
        var m = try r.members()
        while let key = try m.next(&r, ChangeMember.known) {
            switch key {
            case .at: try once(&at, date(&r))
            case .question: try once(&question, r.string())
            case .old: try once(&old, answer(&r))
            case .new: try once(&new, answer(&r))
            case .other: try r.skip()
            }
        }
        guard let at, let question else { throw Refused(offset: r.offset) }
        return HistoryEntry(at: at, question: question, old: old, new: new)
    }

    // MARK: Checking a history without decoding it

    /// Moves past a history array, checking every entry by exactly the rules `historyEntry`
    /// reads it by (what it would refuse is refused here), without making its values: the
    /// number of entries, and whether the array is byte for byte what `JSONWriter.historyEntry`
    /// writes for the entries it holds (its layout, escapes, members in the writer's order,
    /// nothing the writer leaves out), so that a save may copy it as it is.
    /// `SessionHistory` keeps the bytes and decodes them when asked.
    static func checkHistory(_ r: inout JSONReader) throws(Refused) -> (count: Int, writerForm: Bool) {
        let layouts = r.otherLayouts
        var writerForm = true
        var count = 0
        var e = try r.elements()
        while try e.next(&r) {
            try checkHistoryEntry(&r, &writerForm)
            count += 1
        }
        return (count, writerForm && r.otherLayouts == layouts)
    }

    /// `historyEntry`'s rules, without the entry.
    static func checkHistoryEntry(_ r: inout JSONReader, _ writerForm: inout Bool) throws(Refused) {
        var at = false, question = false, old = false, new = false
        var previous = -1
        var m = try r.members()
        while let key = try m.next(&r, ChangeMember.known, after: &previous, inWriterOrder: &writerForm) {
            switch key {
            case .at:
                try first(&at)
                guard try r.string(satisfies: { secondsSince1970($0) != nil }) else { throw Refused(offset: r.offset) }
            case .question: try first(&question); try r.skipString()
            case .old: try first(&old); try checkAnswer(&r, &writerForm)
            case .new: try first(&new); try checkAnswer(&r, &writerForm)
            case .other: try r.skip()
            }
        }
        guard at, question else { throw Refused(offset: r.offset) }
    }

    /// `answer`'s rules, without the answer.
    static func checkAnswer(_ r: inout JSONReader, _ writerForm: inout Bool) throws(Refused) {
        var status = false, value = false, otherText = false, note = false, translation = false
        var followUp = false, lawyerOnly = false, draft = false, entries = false, lastEntryNumber = false
        var previous = -1
        var m = try r.members()
        while let key = try m.next(&r, AnswerMember.known, after: &previous, inWriterOrder: &writerForm) {
            switch key {
            case .status:
                try first(&status)
                guard try r.string(satisfies: { AnswerStatus(rawValue: String(decoding: $0, as: UTF8.self)) != nil }) else {
                    throw Refused(offset: r.offset)
                }
            case .value: try first(&value); try checkAnswerValue(&r, &writerForm)
            case .otherText: try first(&otherText); try r.skipString()
            case .note: try first(&note); try r.skipString()
            case .translation: try first(&translation); try r.skipString()
            // The writer writes these two only when true, and the number only above 0.
            case .followUp: try first(&followUp); if try !r.bool() { writerForm = false }
            case .lawyerOnly: try first(&lawyerOnly); if try !r.bool() { writerForm = false }
            case .draft: try first(&draft); try r.skipString()
            case .entries:
                try first(&entries)
                var e = try r.elements()
                while try e.next(&r) { try checkRepeatEntry(&r, &writerForm) }
            case .lastEntryNumber: try first(&lastEntryNumber); if try r.integer() <= 0 { writerForm = false }
            case .other: try r.skip()
            }
        }
    }

    /// `answerValue`'s rules, without the value.
    static func checkAnswerValue(_ r: inout JSONReader, _ writerForm: inout Bool) throws(Refused) {
        var value = false
        var previous = -1
        var m = try r.members()
        while let key = try m.next(&r, ValueMember.known, after: &previous, inWriterOrder: &writerForm) {
            switch key {
            case .text: try first(&value); try r.skipString()
            case .number: try first(&value); _ = try exactNumber(&r)
            case .date:
                try first(&value)
                var written = true
                guard try r.string(satisfies: { bytes in
                    guard let day = PartialDate(iso: String(decoding: bytes, as: UTF8.self)) else { return false }
                    written = day.isoString.utf8.elementsEqual(bytes)
                    return true
                }) else {
                    throw Refused(offset: r.offset)
                }
                if !written { writerForm = false }
            case .choice: try first(&value); try r.skipString()
            case .choices:
                try first(&value)
                var e = try r.elements()
                while try e.next(&r) { try r.skipString() }
            case .other: try r.skip()
            }
        }
        guard value else { throw Refused(offset: r.offset) }
    }

    /// `repeatEntry`'s rules, without the entry.
    static func checkRepeatEntry(_ r: inout JSONReader, _ writerForm: inout Bool) throws(Refused) {
        var id = false, answers = false
        var previous = -1
        var m = try r.members()
        while let key = try m.next(&r, EntryMember.known, after: &previous, inWriterOrder: &writerForm) {
            switch key {
            case .id: try first(&id); try r.skipString()
            case .answers: try first(&answers); try checkAnswerTable(&r, &writerForm)
            case .other: try r.skip()
            }
        }
        guard id, answers else { throw Refused(offset: r.offset) }
    }

    /// `answerTable`'s rules, without the table.
    static func checkAnswerTable(_ r: inout JSONReader, _ writerForm: inout Bool) throws(Refused) {
        var ids: Set<String> = []
        var previous: String?
        var m = try r.members()
        while let id = try m.next(&r) {
            try checkAnswer(&r, &writerForm)
            guard ids.insert(id).inserted else { throw Refused(offset: r.offset) }
            // The writer writes them by their UTF-8 bytes.
            if let previous, !previous.utf8.lexicographicallyPrecedes(id.utf8) { writerForm = false }
            previous = id
        }
    }

    /// A member seen for the first time; one given twice is refused (as `once` refuses it).
    private static func first(_ seen: inout Bool) throws(Refused) {
        guard !seen else { throw Refused(offset: -1) }
        seen = true
    }

    static func questionnaireRef(_ r: inout JSONReader) throws(Refused) -> QuestionnaireRef {
        var id: String?, version: String?, sha256: String?, path: String?
        var m = try r.members()
        while let key = try m.next(&r) {
            switch key {
            case "id": try once(&id, r.string())
            case "version": try once(&version, r.string())
            case "sha256": try once(&sha256, try r.string())
            case "path": try once(&path, r.string())
            default: try r.skip()
            }
        }
        guard let id, let version, let sha256, let path else { throw Refused(offset: r.offset) }
        return QuestionnaireRef(id: id, version: version, sha256: sha256, path: path)
    }

    static func position(_ r: inout JSONReader) throws(Refused) -> Position {
        var item: String?, repeatID: String?, entry: String?
        var m = try r.members()
        while let key = try m.next(&r) {
            switch key {
            case "item": try once(&item, r.string())
            case "repeat": try once(&repeatID, r.string())
            case "entry": try once(&entry, r.string())
            default: try r.skip()
            }
        }
        guard let item else { throw Refused(offset: r.offset) }
        return Position(itemID: item, repeatID: repeatID, entryID: entry)
    }

    static func progress(_ r: inout JSONReader) throws(Refused) -> Progress {
        var answered: Int?, total: Int?
        var m = try r.members()
        while let key = try m.next(&r) {
            switch key {
            case "answered": try once(&answered, r.integer())
            case "total": try once(&total, r.integer())
            default: try r.skip()
            }
        }
        guard let answered, let total else { throw Refused(offset: r.offset) }
        return Progress(answered: answered, total: total)
    }

    static func pendingText(_ r: inout JSONReader) throws(Refused) -> PendingText {
        var kind: PendingText.Kind?, at: Position?, text: String?
        var m = try r.members()
        while let key = try m.next(&r) {
            switch key {
            case "kind":
                guard let k = PendingText.Kind(rawValue: try r.string()) else { throw Refused(offset: r.offset) }
                try once(&kind, k)
            case "at": try once(&at, position(&r))
            case "text": try once(&text, r.string())
            default: try r.skip()
            }
        }
        guard let kind, let at, let text else { throw Refused(offset: r.offset) }
        return PendingText(kind: kind, position: at, text: text)
    }

    static func strings(_ r: inout JSONReader) throws(Refused) -> [String] {
        var list: [String] = []
        var e = try r.elements()
        while try e.next(&r) { list.append(try r.string()) }
        return list
    }

    /// `2026-11-29T14:05:00Z`, the writer's form (UTC, to the second), for years 1900 to 9999;
    /// any other form, offsets and fractions included, is left to the `.iso8601` strategy.
    static func date(_ r: inout JSONReader) throws(Refused) -> Date {
        let text = try r.string()
        guard let seconds = secondsSince1970(text) else { throw Refused(offset: r.offset) }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    static func secondsSince1970(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { secondsSince1970($0) }
    }

    static func secondsSince1970(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard u.count == 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T"),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ width: Int) -> Int? {
            var value = 0
            for k in from..<(from + width) {
                guard u[k] >= UInt8(ascii: "0"), u[k] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(u[k] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              year >= 1900, CivilCalendar.isValid(year: year, month: month, day: day),
              hour < 24, minute < 60, second < 60 else { return nil }
        return CivilCalendar.dayNumber(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    // MARK: The members of the records read most

    /// The members of a session (`Session.CodingKeys`' names).
    enum SessionMember: String, KnownMemberNames {
        case answers, history, id, label, questionnaire, language, interviewerLanguage = "interviewer_language"
        case created, updated, interviewDate = "interview_date", position, progress, createdWith = "created_with"
        case interviewerView = "interviewer_view", pendingText = "pending_text", other = ""
        static let known = KnownMembers<Self>()
    }

    /// The members of an answer (`Answer`'s `Decodable` form's names).
    enum AnswerMember: String, KnownMemberNames {
        case status, value, otherText = "other_text", note, translation, followUp = "follow_up", lawyerOnly = "lawyer_only"
        case draft, entries, lastEntryNumber = "last_entry_number", other = ""
        static let known = KnownMembers<Self>()
    }

    /// The kinds of an answer's value.
    enum ValueMember: String, KnownMemberNames {
        case text, number, date, choice, choices, other = ""
        static let known = KnownMembers<Self>()
    }

    /// The members of a repeat's entry.
    enum EntryMember: String, KnownMemberNames {
        case answers, id, other = ""
        static let known = KnownMembers<Self>()
    }

    /// The members of a history entry.
    enum ChangeMember: String, KnownMemberNames {
        case at, question, old, new, other = ""
        static let known = KnownMembers<Self>()
    }

    /// Sets a member read for the first time; a member given twice is refused.
    private static func once<T>(_ slot: inout T?, _ value: T) throws(Refused) {
        guard slot == nil else { throw Refused(offset: -1) }
        slot = value
    }
}

/// A record's member names as an enumeration whose last case, `other`, stands for any name not
/// among the others (see `KnownMembers`).
protocol KnownMemberNames: CaseIterable, RawRepresentable, Sendable where RawValue == String {}

/// The names of a record's members, matched against each key as it is read without making a
/// `String` of it (`JSONReader.MemberNames`).
struct KnownMembers<M: KnownMemberNames>: Sendable {
    let cases: [M]
    let names: JSONReader.MemberNames
    init() {
        cases = Array(M.allCases)
        names = JSONReader.MemberNames(cases.dropLast().map(\.rawValue))
    }
}

extension JSONReader.Members {
    /// The next member of a record of `known` members; nil at the object's end.
    mutating func next<M>(_ r: inout JSONReader, _ known: KnownMembers<M>) throws(JSONReader.Refused) -> M? {
        guard let n = try next(&r, among: known.names) else { return nil }
        return known.cases[n]
    }

    /// As `next`, and clears `inWriterOrder` unless the member comes after `previous` in the
    /// order of `M`'s cases (the order the writer writes them in) and is not `other`.
    mutating func next<M>(_ r: inout JSONReader, _ known: KnownMembers<M>, after previous: inout Int,
                          inWriterOrder: inout Bool) throws(JSONReader.Refused) -> M? {
        guard let n = try next(&r, among: known.names) else { return nil }
        if n <= previous || n == known.names.count { inWriterOrder = false }
        previous = n
        return known.cases[n]
    }
}
