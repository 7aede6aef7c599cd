#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeExpressions

/// The JSON export: the contract in the product description, keys in a fixed order.
public enum JSONRenderer {
    public static func render(_ report: Report) -> String {
        document(report).pretty()
    }

    public static func document(_ report: Report) -> OrderedJSON {
        let h = report.header
        let session: [(String, OrderedJSON)] = [
            ("id", .string(h.sessionID)), ("label", .string(h.label)), ("language", .string(h.language)),
            ("interviewer_language", .string(h.interviewerLanguage)),
            ("interview_date", .string(h.interviewDate.isoDateString)),
            ("created", .string(timestamp(h.created))), ("updated", .string(timestamp(h.updated))),
        ]
        var answers: [(String, OrderedJSON)] = []
        for answer in report.answers { answers.append((answer.id, entry(answer, labels: report.labels))) }
        let textLanguage = report.wordsLanguage
        // Only a questionnaire with a `legal_data` block has an "as of" month to export.
        let legalData: [(String, OrderedJSON)] = h.legalDataAsOf.map { [("legal_data_as_of", .string($0))] } ?? []
        return .object([
            ("format", .number(1)),
            ("questionnaire", .object([
                ("id", .string(h.questionnaireID)), ("version", .string(h.questionnaireVersion)),
                ("sha256", .string(h.questionnaireSHA256)),
            ])),
            ("session", .object(session)),
            ("program", .object([("version", .string(report.programVersion))])),
            ("redacted", .bool(report.redacted)),
            ("redaction", .string(report.redaction.rawValue)),
        ] + legalData + [
            ("flags", .array(report.flags.map(flag))),
            ("answers", .object(answers)),
            ("timeline", .array(report.timeline.map { event in
                guard let date = event.date else { return .null }
                return .object([
                    ("date", .string(date.isoDateString)), ("approximate", .bool(date.approximate)),
                    ("text", .string(eventText(event, language: textLanguage))), ("question", .string(event.question)),
                ])
            })),
            ("timeline_undated", .array(report.undatedEvents.map { event in
                .object([("text", .string(eventText(event, language: textLanguage))), ("question", .string(event.question))])
            })),
            ("clarify", .array(report.clarify.map {
                .object([("id", .string($0.id)), ("severity", .string($0.severity.rawValue)), ("message", .string($0.message))])
            })),
            ("unanswered_required", .array(report.unansweredRequired.map { .string($0.label) })),
            ("removed_answers", .object(report.removedAnswers.map { ($0.label, removed($0)) })),
            ("changes", .array(report.changes.map { change in
                .object([("question", .string(change.label)), ("old", .string(change.old)), ("new", .string(change.new)),
                         ("at", .string(timestamp(change.at)))])
            })),
        ] + (report.changesSince.map { [("changes_since", OrderedJSON.string($0.isoDateString))] } ?? []))
    }

    /// A legal flag, with the rule it rests on (id, title, status, source, note) when it names one.
    static func flag(_ check: ReportCheck) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("id", .string(check.id)), ("severity", .string(check.severity.rawValue)),
                                                ("message", .string(check.message))]
        if let rule = check.rule {
            members.append(("rule", .object([
                ("id", .string(rule.id)), ("title", .string(rule.title)), ("status", .string(rule.status.rawValue)),
                ("source", .string(rule.source)), ("note", rule.note.map(OrderedJSON.string) ?? .null),
            ])))
        }
        return .object(members)
    }

    static func eventText(_ event: ReportEvent, language: String) -> String {
        let text = event.text.text(in: language)
        guard let label = event.entryLabel?.text(in: language) else { return text }
        return "\(text): \(label)"
    }

    /// One question's record. A withheld one is exactly `{"status": "redacted"}`; an
    /// identifying one under `--redact identity` adds only its placeholder.
    static func entry(_ answer: ReportAnswer, labels: Bool) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("status", .string(answer.status.rawValue))]
        if answer.status == .redacted {
            if let placeholder = answer.placeholder { members.append(("placeholder", .string(placeholder))) }
            return .object(members)
        }
        if answer.status == .draft, let draft = answer.draft {
            members.append(("value", .string(draft)))
        } else if let value = answer.value {
            members.append(("value", json(value)))
            if labels, let label = answer.valueLabel {
                if case .texts = label { members.append(("labels", json(label))) } else { members.append(("label", json(label))) }
            }
        }
        if let other = answer.otherText { members.append(("other_text", .string(other))) }
        if let entries = answer.entries {
            members.append(("entries", .array(entries.map { entry in
                .object(entry.answers.map { ($0.id, self.entry($0, labels: labels)) })
            })))
        }
        appendMarks(note: answer.note, translation: answer.translation, followUp: answer.followUp,
                    lawyerOnly: answer.lawyerOnly, to: &members)
        if answer.status != .draft, let draft = answer.draft { members.append(("draft", .string(draft))) }
        return .object(members)
    }

    static func removed(_ answer: ReportRemovedAnswer) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("status", .string(answer.status.rawValue))]
        if answer.status == .redacted { return .object(members) }
        if let value = answer.value { members.append(("value", json(value))) }
        if let other = answer.otherText { members.append(("other_text", .string(other))) }
        appendMarks(note: answer.note, translation: answer.translation, followUp: answer.followUp,
                    lawyerOnly: answer.lawyerOnly, to: &members)
        return .object(members)
    }

    /// `note` and `translation` when there is one; `follow_up` and `lawyer_only` when set.
    static func appendMarks(note: String?, translation: String?, followUp: Bool, lawyerOnly: Bool,
                            to members: inout [(String, OrderedJSON)]) {
        if let note { members.append(("note", .string(note))) }
        if let translation { members.append(("translation", .string(translation))) }
        if followUp { members.append(("follow_up", .bool(true))) }
        if lawyerOnly { members.append(("lawyer_only", .bool(true))) }
    }

    static func json(_ value: ReportValue) -> OrderedJSON {
        switch value {
        case .text(let s): return .string(s)
        case .number(let n): return .number(n)
        case .date(let d): return .object([("date", .string(d.isoDateString)), ("approximate", .bool(d.approximate))])
        case .texts(let vs): return .array(vs.map(OrderedJSON.string))
        case .bool(let b): return .bool(b)
        }
    }

    /// ISO-8601 in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        UTCTime(date).iso8601
    }
}
