#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeExpressions
import RefugeJSON

/// The JSON export: the contract in the product description, keys in a fixed order.
///
/// Written straight into one `JSONWriter`, answer by answer, as the CSV export is: building the
/// whole document first as a tree of `OrderedJSON` (an array of members and a boxed value for
/// every answer, every string retained once more) and then walking it held the report twice,
/// which at ten thousand answers is many times the cache. The layout and escaping are those of
/// `OrderedJSON.pretty()`: two-space indents, `"key": value`, every control character escaped,
/// and a final newline.
public enum JSONRenderer {
    public static func render(_ report: Report) -> String {
        // About 110 bytes an answer in the synthetic sessions: sized once, so the text is not
        // copied again at each doubling.
        var writer = JSONWriter(layout: .pretty, escaping: .allControls, capacity: 4096 + 128 * report.answers.count)
        write(report, into: &writer) { w in
            for answer in report.answers {
                w.key(answer.id)
                entry(answer, labels: report.labels, into: &w)
            }
            return report
        }
        return text(writer)
    }

    /// The export written while the answers are gathered, as the UTF-8 bytes of its file: what
    /// `refuge report` writes. Handing over the writer's own bytes, with no copy into a string,
    /// leaves out a pass over the whole document (at ten thousand answers 1.2 MB read and as
    /// much written, beyond the second-level cache; issue 19).
    static func bytes(gathering assembly: inout ReportAssembly) -> [UInt8] {
        var bytes = writer(gathering: &assembly).takeBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Each answer is written as it is made and freed at once, so no array of every answer is
    /// built and then read back (at ten thousand answers that array and its texts were several
    /// times the cache). Not for `--redact identity`, whose mask reads the whole report first.
    private static func writer(gathering assembly: inout ReportAssembly) -> JSONWriter {
        var writer = JSONWriter(layout: .pretty, escaping: .allControls, capacity: 4096 + 128 * assembly.expectedAnswers)
        let opening = assembly.opening()
        write(opening, into: &writer) { w in
            assembly.gatherAnswers { answer, _ in
                w.key(answer.id)
                entry(answer, labels: opening.labels, into: &w)
            }
            var report = opening
            assembly.finish(&report)
            return report
        }
        return writer
    }

    /// The writer's text with the final newline, put in with the one copy into the string.
    private static func text(_ writer: JSONWriter) -> String {
        let bytes = writer.bytes
        return String(unsafeUninitializedCapacity: bytes.count + 1) { buffer in
            _ = buffer.initialize(from: bytes)
            buffer[bytes.count] = UInt8(ascii: "\n")
            return bytes.count + 1
        }
    }

    /// The document: `opening`'s header and flags, then the answers that `answers` writes, then
    /// the parts of the report it returns (chronology, points to clarify, gaps, removed answers,
    /// changes), which are only known once the answers have been gathered.
    static func write(_ opening: Report, into w: inout JSONWriter, answers: (inout JSONWriter) -> Report) {
        let h = opening.header
        var report = opening
        let textLanguage = report.wordsLanguage
        w.object { w in
            w.key("format"); number(ExactNumber(1), into: &w)
            w.key("questionnaire")
            w.object { w in
                w.key("id"); w.string(h.questionnaireID)
                w.key("version"); w.string(h.questionnaireVersion)
                w.key("sha256"); w.string(h.questionnaireSHA256)
            }
            w.key("session")
            w.object { w in
                w.key("id"); w.string(h.sessionID)
                w.key("label"); w.string(h.label)
                w.key("language"); w.string(h.language)
                w.key("interviewer_language"); w.string(h.interviewerLanguage)
                w.key("interview_date"); w.string(h.interviewDate.isoDateString)
                w.key("created"); w.string(timestamp(h.created))
                w.key("updated"); w.string(timestamp(h.updated))
            }
            w.key("program")
            w.object { w in w.key("version"); w.string(report.programVersion) }
            w.key("redacted"); w.bool(report.redacted)
            w.key("redaction"); w.string(report.redaction.rawValue)
            // Only a questionnaire with a `legal_data` block has an "as of" month to export.
            if let asOf = h.legalDataAsOf { w.key("legal_data_as_of"); w.string(asOf) }
            w.key("flags")
            w.array { w in for check in report.flags { flag(check, into: &w) } }
            w.key("answers")
            w.object { w in report = answers(&w) }
            w.key("timeline")
            w.array { w in
                for event in report.timeline {
                    guard let date = event.date else { w.null(); continue }
                    w.object { w in
                        w.key("date"); w.string(date.isoDateString)
                        w.key("approximate"); w.bool(date.approximate)
                        w.key("text"); w.string(eventText(event, language: textLanguage))
                        w.key("question"); w.string(event.question)
                    }
                }
            }
            w.key("timeline_undated")
            w.array { w in
                for event in report.undatedEvents {
                    w.object { w in
                        w.key("text"); w.string(eventText(event, language: textLanguage))
                        w.key("question"); w.string(event.question)
                    }
                }
            }
            w.key("clarify")
            w.array { w in
                for check in report.clarify {
                    w.object { w in
                        w.key("id"); w.string(check.id)
                        w.key("severity"); w.string(check.severity.rawValue)
                        w.key("message"); w.string(check.message)
                    }
                }
            }
            w.key("unanswered_required")
            w.array { w in for gap in report.unansweredRequired { w.string(gap.label) } }
            w.key("removed_answers")
            w.object { w in
                for answer in report.removedAnswers {
                    w.key(answer.label)
                    removed(answer, into: &w)
                }
            }
            w.key("changes")
            w.array { w in
                for change in report.changes {
                    w.object { w in
                        w.key("question"); w.string(change.label)
                        w.key("old"); w.string(change.old)
                        w.key("new"); w.string(change.new)
                        w.key("at"); w.string(timestamp(change.at))
                    }
                }
            }
            if let since = report.changesSince { w.key("changes_since"); w.string(since.isoDateString) }
        }
    }

    /// A legal flag, with the rule it rests on (id, title, status, source, note) when it names one.
    static func flag(_ check: ReportCheck, into w: inout JSONWriter) {
        w.object { w in
            w.key("id"); w.string(check.id)
            w.key("severity"); w.string(check.severity.rawValue)
            w.key("message"); w.string(check.message)
            if let rule = check.rule {
                w.key("rule")
                w.object { w in
                    w.key("id"); w.string(rule.id)
                    w.key("title"); w.string(rule.title)
                    w.key("status"); w.string(rule.status.rawValue)
                    w.key("source"); w.string(rule.source)
                    w.key("note")
                    if let note = rule.note { w.string(note) } else { w.null() }
                }
            }
        }
    }

    static func eventText(_ event: ReportEvent, language: String) -> String {
        let text = event.text.text(in: language)
        guard let label = event.entryLabel?.text(in: language) else { return text }
        return "\(text): \(label)"
    }

    /// One question's record. A withheld one is exactly `{"status": "redacted"}`; an
    /// identifying one under `--redact identity` adds only its placeholder.
    static func entry(_ answer: ReportAnswer, labels: Bool, into w: inout JSONWriter) {
        w.object { w in
            w.key("status"); w.string(answer.status.rawValue)
            if answer.status == .redacted {
                if let placeholder = answer.placeholder { w.key("placeholder"); w.string(placeholder) }
                return
            }
            if answer.status == .draft, let draft = answer.draft {
                w.key("value"); w.string(draft)
            } else if let value = answer.value {
                w.key("value"); json(value, into: &w)
                if labels, let label = answer.valueLabel {
                    if case .texts = label { w.key("labels") } else { w.key("label") }
                    json(label, into: &w)
                }
            }
            if let other = answer.otherText { w.key("other_text"); w.string(other) }
            if let entries = answer.entries {
                w.key("entries")
                w.array { w in
                    for entry in entries {
                        w.object { w in
                            for field in entry.answers {
                                w.key(field.id)
                                self.entry(field, labels: labels, into: &w)
                            }
                        }
                    }
                }
            }
            marks(note: answer.note, translation: answer.translation, followUp: answer.followUp,
                  lawyerOnly: answer.lawyerOnly, into: &w)
            if answer.status != .draft, let draft = answer.draft { w.key("draft"); w.string(draft) }
        }
    }

    static func removed(_ answer: ReportRemovedAnswer, into w: inout JSONWriter) {
        w.object { w in
            w.key("status"); w.string(answer.status.rawValue)
            if answer.status == .redacted { return }
            if let value = answer.value { w.key("value"); json(value, into: &w) }
            if let other = answer.otherText { w.key("other_text"); w.string(other) }
            marks(note: answer.note, translation: answer.translation, followUp: answer.followUp,
                  lawyerOnly: answer.lawyerOnly, into: &w)
        }
    }

    /// `note` and `translation` when there is one; `follow_up` and `lawyer_only` when set.
    static func marks(note: String?, translation: String?, followUp: Bool, lawyerOnly: Bool, into w: inout JSONWriter) {
        if let note { w.key("note"); w.string(note) }
        if let translation { w.key("translation"); w.string(translation) }
        if followUp { w.key("follow_up"); w.bool(true) }
        if lawyerOnly { w.key("lawyer_only"); w.bool(true) }
    }

    static func json(_ value: ReportValue, into w: inout JSONWriter) {
        switch value {
        case .text(let s): w.string(s)
        case .number(let n): number(n, into: &w)
        case .date(let d):
            w.object { w in
                w.key("date"); w.string(d.isoDateString)
                w.key("approximate"); w.bool(d.approximate)
            }
        case .texts(let vs): w.array { w in for v in vs { w.string(v) } }
        case .bool(let b): w.bool(b)
        }
    }

    /// An exact number's canonical text is always a JSON number; were it ever not, the writer
    /// refuses it before writing anything, and null stands in its place (as `OrderedJSON` does).
    static func number(_ n: ExactNumber, into w: inout JSONWriter) {
        do { try w.number(digits: n.description) } catch { w.null() }
    }

    /// ISO-8601 in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        UTCTime(date).iso8601
    }
}
