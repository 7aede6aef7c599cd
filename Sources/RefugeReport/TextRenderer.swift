import RefugeCanvas
import Foundation

/// The summary as plain text for any printer: 80 columns, wrapped by display width, a form
/// feed before each major part (answers, chronology, open items).
public struct TextRenderer: Sendable {
    public var width: Int

    public init(width: Int = 80) { self.width = width }

    public func render(_ report: Report) -> String {
        var lines: [String] = []
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        let h = report.header

        for part in h.title.parts { lines += wrap(part.text) }
        lines.append(String(repeating: "=", count: width))
        let rows: [(String, String)] = [
            (w(.questionnaire), "\(h.questionnaireTitle.joined) (\(h.questionnaireID), \(w(.version)) \(h.questionnaireVersion))"),
            ("SHA-256", h.questionnaireSHA256),
            (w(.client), h.label.isEmpty ? "—" : h.label),
            (w(.session), h.sessionID),
            (w(.interviewDate), h.interviewDate.isoString),
            (w(.languages), "\(w(.clientLanguage)) \(h.language), \(w(.interviewerLanguage)) \(h.interviewerLanguage)"),
            (w(.created), JSONRenderer.timestamp(h.created)),
            (w(.updated), JSONRenderer.timestamp(h.updated)),
            (w(.generated), JSONRenderer.timestamp(h.generated)),
        ] + LegalDataWording.headerRow(report)
        let labelWidth = rows.map { DisplayWidth.of($0.0) }.max()! + 2
        for (label, value) in rows {
            lines += TextWrapping.wrap(clean(value), width: width, first: TextWrapping.padded(label + ":", to: labelWidth),
                                       rest: String(repeating: " ", count: labelWidth))
        }
        lines.append("")
        lines += wrap(w(.confidentialNotice))
        if report.redacted { lines += wrap(w(.redactedNotice)) }

        lines += heading(Wording(plain: w(.legalFlags), language: report.wordsLanguage))
        lines += checks(report.flags, report: report)

        var first = true
        for part in report.parts {
            lines += heading(part.title, pageBreak: first)
            first = false
            for answer in part.answers { lines += self.answer(answer, indent: "", report: report) }
        }

        lines += heading(Wording(plain: w(.chronology), language: report.wordsLanguage), pageBreak: true)
        let dates = report.timeline.map { $0.date!.isoString }
        let dateWidth = (dates + [w(.dateUnknown)]).map(DisplayWidth.of).max()! + 2
        for (event, date) in zip(report.timeline, dates) {
            lines += TextWrapping.wrap(eventText(event), width: width, first: TextWrapping.padded(date, to: dateWidth),
                                       rest: String(repeating: " ", count: dateWidth))
        }
        for event in report.undatedEvents {
            let text = eventText(event) + (event.missing.map { " (\(clean($0.joined)))" } ?? "")
            lines += TextWrapping.wrap(text, width: width, first: TextWrapping.padded(w(.dateUnknown), to: dateWidth),
                                       rest: String(repeating: " ", count: dateWidth))
        }
        if report.timeline.isEmpty && report.undatedEvents.isEmpty { lines.append(w(.none)) }

        lines += heading(Wording(plain: w(.pointsToClarify), language: report.wordsLanguage), pageBreak: true)
        lines += checks(report.clarify, report: report)

        lines += heading(Wording(plain: w(.followUps), language: report.wordsLanguage))
        lines += marks(report.followUps, report: report)
        lines += heading(Wording(plain: w(.drafts), language: report.wordsLanguage))
        lines += marks(report.drafts, report: report)

        lines += heading(Wording(plain: w(.removedAnswers), language: report.wordsLanguage))
        for removed in report.removedAnswers {
            lines += TextWrapping.wrap("\(removed.label): \(clean(removed.shown))", width: width, first: "  ", rest: "      ")
            if let note = removed.note { lines += field(w(.interviewerNote), note, indent: "      ") }
            if let translation = removed.translation { lines += field(w(.translation), translation, indent: "      ") }
        }
        if report.removedAnswers.isEmpty { lines.append(w(.none)) }

        lines += heading(Wording(plain: w(.unansweredRequired), language: report.wordsLanguage))
        for gap in report.unansweredRequired {
            lines += TextWrapping.wrap("\(gap.label): \(clean(gap.question.joined))", width: width, first: "  ", rest: "      ")
        }
        if report.unansweredRequired.isEmpty { lines.append(w(.none)) }

        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Pieces

    private func clean(_ text: String) -> String { Escaping.plain(text) }

    private func wrap(_ text: String, indent: String = "") -> [String] {
        TextWrapping.wrap(clean(text), width: width, first: indent, rest: indent)
    }

    /// A part's title (each language on its own line) underlined, after a blank line or a
    /// form feed.
    private func heading(_ title: Wording, pageBreak: Bool = false) -> [String] {
        var lines: [String] = pageBreak ? [] : [""]
        var widest = 0
        for (i, part) in title.parts.enumerated() {
            for line in wrap(part.text) {
                widest = max(widest, DisplayWidth.of(line))
                lines.append(pageBreak && i == 0 && lines.isEmpty ? "\u{0C}" + line : line)
            }
        }
        lines.append(String(repeating: "-", count: min(width, max(widest, 1))))
        return lines
    }

    /// `label: value`, wrapped with a hanging indent.
    private func field(_ label: String, _ value: String, indent: String) -> [String] {
        TextWrapping.wrap("\(label): \(clean(value))", width: width, first: indent, rest: indent + "  ")
    }

    private func answer(_ answer: ReportAnswer, indent: String, report: Report) -> [String] {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        var lines: [String] = [""]
        for part in answer.question.parts { lines += wrap(part.text, indent: indent) }
        let inner = indent + "    "
        if let shown = answer.shown {
            var text = clean(shown.joined)
            switch answer.status {
            case .dontKnow, .refused, .unanswered, .draft: text = "(\(text))"
            case .calculated: text += " (\(w(.calculated)))"
            default: break
            }
            lines += TextWrapping.wrap(text, width: width, first: inner, rest: inner)
        }
        if let translation = answer.translation { lines += field(w(.translation), translation, indent: inner) }
        if let draft = answer.draft { lines += field(w(.draft), draft, indent: inner) }
        if let note = answer.note { lines += field(w(.interviewerNote), note, indent: inner) }
        if let note = answer.authorNote { lines += field(w(.authorNote), note, indent: inner) }
        var marks: [String] = []
        if answer.forInterviewer { marks.append(w(.interviewerQuestion)) }
        if answer.followUp { marks.append(w(.followUpMark)) }
        if answer.lawyerOnly { marks.append(w(.lawyerOnlyMark)) }
        if !marks.isEmpty { lines += wrap(marks.map { "[\($0)]" }.joined(separator: " "), indent: inner) }
        for entry in answer.entries ?? [] {
            lines.append("")
            lines += TextWrapping.wrap("\(entry.number). \(clean(entry.label.joined))", width: width, first: inner,
                                       rest: inner + "   ")
            for field in entry.answers where field.printed {
                lines += self.answer(field, indent: inner + "   ", report: report)
            }
        }
        return lines
    }

    private func eventText(_ event: ReportEvent) -> String {
        var text = clean(event.text.joined)
        if let label = event.entryLabel { text += ": " + clean(label.joined) }
        return text
    }

    private func checks(_ checks: [ReportCheck], report: Report) -> [String] {
        if checks.isEmpty { return [ReportWords.text(.none, report.wordsLanguage)] }
        return checks.flatMap { check in
            let mark = check.severity == .error ? "!! " : "!  "
            let suffix = check.severity == .error && !check.withheld ? " [\(ReportWords.text(.important, report.wordsLanguage))]" : ""
            var lines = TextWrapping.wrap(clean(check.message) + suffix, width: width, first: mark, rest: "   ")
            if let rule = LegalDataWording.ruleLine(check, report) {
                lines += TextWrapping.wrap(clean(rule), width: width, first: "   ", rest: "   ")
            }
            return lines
        }
    }

    private func marks(_ marks: [ReportMark], report: Report) -> [String] {
        if marks.isEmpty { return [ReportWords.text(.none, report.wordsLanguage)] }
        return marks.flatMap { mark -> [String] in
            var lines = TextWrapping.wrap("\(mark.label): \(clean(mark.question.joined))", width: width, first: "  ", rest: "      ")
            if mark.withheld {
                lines += wrap(ProgramWordsBridge.redacted(report.wordsLanguage), indent: "      ")
            } else if let text = mark.text {
                lines += wrap(text, indent: "      ")
            }
            return lines
        }
    }
}
