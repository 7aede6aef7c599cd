import Foundation

/// The summary as CommonMark (no tables or other extensions). Every text from a person or a
/// questionnaire is escaped, so an answer reads as written and never becomes markup.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        var out: [String] = []
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        let h = report.header
        out.append("# " + inline(h.title.joined))
        out.append("")
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
        for (label, value) in rows { out.append("- **\(inline(label)):** \(inline(value))") }
        out.append("")
        out.append("*" + inline(w(.confidentialNotice)) + "*")
        if report.redacted { out += ["", "**" + inline(w(.redactedNotice)) + "**"] }

        out += ["", "## " + inline(w(.legalFlags)), ""]
        out += checks(report.flags, report: report)

        for part in report.parts {
            out += ["", "## " + inline(part.title.joined)]
            for answer in part.answers { out += self.answer(answer, entryLevel: "###", report: report) }
        }

        out += ["", "## " + inline(w(.chronology)), ""]
        for event in report.timeline {
            out.append("- **\(inline(event.date!.isoString))** " + eventText(event))
        }
        for event in report.undatedEvents {
            let missing = event.missing.map { " (\(inline($0.joined)))" } ?? ""
            out.append("- **\(inline(w(.dateUnknown)))** " + eventText(event) + missing)
        }
        if report.timeline.isEmpty && report.undatedEvents.isEmpty { out.append(inline(w(.none))) }

        out += ["", "## " + inline(w(.openItems))]
        out += ["", "### " + inline(w(.pointsToClarify)), ""]
        out += checks(report.clarify, report: report)
        out += ["", "### " + inline(w(.followUps)), ""]
        out += marks(report.followUps, report: report)
        out += ["", "### " + inline(w(.drafts)), ""]
        out += marks(report.drafts, report: report)
        out += ["", "### " + inline(w(.removedAnswers)), ""]
        for removed in report.removedAnswers {
            var line = "- \(code(removed.label)): " + block(removed.shown)
            if let note = removed.note { line += "\\\n  *\(inline(w(.interviewerNote))):* " + block(note) }
            if let translation = removed.translation { line += "\\\n  *\(inline(w(.translation))):* " + block(translation) }
            out.append(line)
        }
        if report.removedAnswers.isEmpty { out.append(inline(w(.none))) }
        out += ["", "### " + inline(w(.unansweredRequired)), ""]
        for gap in report.unansweredRequired { out.append("- \(code(gap.label)): " + inline(gap.question.joined)) }
        if report.unansweredRequired.isEmpty { out.append(inline(w(.none))) }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Pieces

    /// One line of escaped text (line breaks become spaces).
    private func inline(_ text: String) -> String {
        Escaping.markdown(text.replacingOccurrences(of: "\n", with: " "))
    }

    /// A question label as code, unless it holds what would end a code span (labels of
    /// removed answers come from the session file, not the questionnaire).
    private func code(_ label: String) -> String {
        let safe = label.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && $0 != "`" }
        return safe ? "`\(label)`" : inline(label)
    }

    /// Escaped text whose lines stay lines (hard breaks), inside a list item.
    private func block(_ text: String) -> String {
        Escaping.markdown(Escaping.plain(text)).split(separator: "\n", omittingEmptySubsequences: true)
            .joined(separator: "\\\n  ")
    }

    private func answer(_ answer: ReportAnswer, entryLevel: String, report: Report) -> [String] {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        var out: [String] = [""]
        let question = answer.question.parts.map { inline($0.text) }
        out.append("**" + question[0] + "**" + (question.count > 1 ? "\\" : ""))
        if question.count > 1 { out.append(question.dropFirst().joined(separator: "\\\n")) }
        if let shown = answer.shown {
            out.append("")
            let text = Escaping.plain(shown.joined)
            switch answer.status {
            case .dontKnow, .refused, .unanswered, .draft:
                out.append("> *(" + inline(text) + ")*")
            case .calculated:
                out.append("> " + inline(text) + " *(\(inline(w(.calculated))))*")
            case .redacted:
                out.append("> **" + inline(text) + "**")
            default:
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    out.append(line.isEmpty ? ">" : "> " + Escaping.markdown(String(line)))
                }
            }
        }
        var items: [String] = []
        if let translation = answer.translation { items.append("- *\(inline(w(.translation))):* " + block(translation)) }
        if let draft = answer.draft { items.append("- *\(inline(w(.draft))):* " + block(draft)) }
        if let note = answer.note { items.append("- *\(inline(w(.interviewerNote))):* " + block(note)) }
        if let note = answer.authorNote { items.append("- *\(inline(w(.authorNote))):* " + block(note)) }
        var marks: [String] = []
        if answer.forInterviewer { marks.append(w(.interviewerQuestion)) }
        if answer.followUp { marks.append(w(.followUpMark)) }
        if answer.lawyerOnly { marks.append(w(.lawyerOnlyMark)) }
        if !marks.isEmpty { items.append("- **" + marks.map { inline("[\($0)]") }.joined(separator: " ") + "**") }
        if !items.isEmpty { out += [""] + items }
        for entry in answer.entries ?? [] {
            out += ["", "\(entryLevel) \(entry.number). " + inline(entry.label.joined)]
            for field in entry.answers where field.printed {
                out += self.answer(field, entryLevel: entryLevel + "#", report: report)
            }
        }
        return out
    }

    private func eventText(_ event: ReportEvent) -> String {
        var text = inline(event.text.joined)
        if let label = event.entryLabel { text += ": " + inline(label.joined) }
        return text
    }

    private func checks(_ checks: [ReportCheck], report: Report) -> [String] {
        if checks.isEmpty { return [inline(ReportWords.text(.none, report.wordsLanguage))] }
        return checks.map { check in
            let mark = check.severity == .error && !check.withheld ? "**" + inline("[\(ReportWords.text(.important, report.wordsLanguage))]") + "** " : ""
            let rule = LegalDataWording.ruleLine(check, report).map { "\\\n  *" + inline($0) + "*" } ?? ""
            return "- " + mark + inline(check.message) + rule
        }
    }

    private func marks(_ marks: [ReportMark], report: Report) -> [String] {
        if marks.isEmpty { return [inline(ReportWords.text(.none, report.wordsLanguage))] }
        return marks.map { mark in
            var line = "- \(code(mark.label)): " + inline(mark.question.joined)
            if mark.withheld {
                line += "\\\n  **" + inline(ProgramWordsBridge.redacted(report.wordsLanguage)) + "**"
            } else if let text = mark.text {
                line += "\\\n  " + block(text)
            }
            return line
        }
    }
}
