#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// The summary as CommonMark (no tables, no raw HTML, no extensions): it reads the same in
/// every CommonMark renderer. Line breaks are never backslashes or trailing spaces: lines of
/// a person's words become paragraphs. Every text from a person or a questionnaire is escaped,
/// so an answer reads as written and never becomes markup.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        var out: [String] = []
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        let h = report.header
        out.append("# " + inline(h.title.first))
        if h.title.parts.count > 1 { out += ["", "*" + inline(h.title.parts[1].text) + "*"] }
        out.append("")
        out.append(ReportPieces.who(report).map { "**\(inline($0.0)):** \(inline($0.1))" }.joined(separator: " · "))
        out += ["", "*" + inline(w(.confidentialNotice)) + "*"]
        if let notice = ReportPieces.redactionNotice(report) { out += ["", "**" + inline(notice) + "**"] }

        out += ["", "## " + inline(w(.atAGlance))]
        if report.summary.isEmpty { out += ["", inline(w(.none))] }
        for element in report.summary {
            out += ["", "### " + inline(element.title), ""]
            for line in element.lines {
                let text = ReportPieces.summaryText(line, report)
                out.append("- **\(inline(text.lead))**" + (text.answer.isEmpty ? "" : " " + inline(text.answer)))
            }
        }
        out += ["", "### " + inline(w(.legalFlags)), ""]
        out += checks(report.flags, report: report)
        out += ["", "### " + inline(w(.pointsToClarify)), ""]
        out += checks(report.clarify, report: report)
        out += ["", "### " + inline(w(.followUps)), ""]
        out += marks(report.followUps, report: report)
        out += ["", "### " + inline(w(.unansweredRequired)), ""]
        for gap in report.unansweredRequired { out.append("- " + inline(gap.question.first)) }
        if report.unansweredRequired.isEmpty { out.append(inline(w(.none))) }

        let contents = ReportPieces.contents(report)
        out += ["", "## " + inline(w(.contents)), ""]
        for (i, entry) in contents.enumerated() { out.append("\(i + 1). " + inline(entry.title)) }
        var number = 0
        func title(_ text: String) -> String { number += 1; return "## \(number). " + inline(text) }

        for part in report.parts {
            out += ["", title(part.title.first)]
            if part.title.parts.count > 1 { out += ["", "*" + inline(part.title.parts[1].text) + "*"] }
            for answer in part.answers { out += self.answer(answer, entryLevel: "###", report: report) }
        }

        out += ["", title(w(.chronology)), ""]
        for event in report.timeline {
            out.append("- **\(inline(event.date!.isoString))** " + eventText(event))
        }
        for event in report.undatedEvents {
            let missing = event.missing.map { " (\(inline($0.first)))" } ?? ""
            out.append("- **\(inline(w(.dateUnknown)))** " + eventText(event) + missing)
        }
        if report.timeline.isEmpty && report.undatedEvents.isEmpty { out.append(inline(w(.none))) }

        out += ["", title(w(.changedAnswers)), ""]
        if let since = report.changesSince { out += ["*" + inline("\(w(.changedAfter)) \(since.isoString)") + "*", ""] }
        for change in report.changes {
            out.append("- **\(inline(change.question))**")
            out += ["", "  " + inline("\(change.old) → \(change.new)") + " *(\(inline(ReportPieces.when(change.at))))*"]
        }
        if report.changes.isEmpty { out.append(inline(w(.none))) }

        if !report.drafts.isEmpty {
            out += ["", title(w(.drafts)), ""]
            out += marks(report.drafts, report: report)
        }
        if !report.removedAnswers.isEmpty {
            out += ["", title(w(.removedAnswers)), ""]
            for removed in report.removedAnswers {
                out.append("- \(code(removed.label)): " + block(removed.shown))
                if let note = removed.note { out += ["", "  *\(inline(w(.interviewerNote))):* " + block(note)] }
                if let translation = removed.translation { out += ["", "  *\(inline(w(.translation))):* " + block(translation)] }
            }
        }

        out += ["", "---", "", title(w(.aboutReport)), ""]
        for (label, value) in ReportPieces.metadata(report) { out.append("- **\(inline(label)):** \(inline(value))") }
        // The final line end as one more (empty) line: adding it to the joined text copied the
        // whole report once more, which at ten thousand answers is past the cache.
        out.append("")
        return out.joined(separator: "\n")
    }

    // MARK: Pieces

    /// One line of escaped text (line breaks become spaces).
    private func inline(_ text: String) -> String {
        Escaping.markdown(text.replacingEvery("\n", with: " "))
    }

    /// A question label as code, unless it holds what would end a code span (labels of
    /// removed answers come from the session file, not the questionnaire).
    private func code(_ label: String) -> String {
        let safe = label.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && $0 != "`" }
        return safe ? "`\(label)`" : inline(label)
    }

    /// Escaped text inside a list item: each line of it a paragraph of the item.
    private func block(_ text: String) -> String {
        Escaping.markdown(Escaping.plain(text)).split(separator: "\n", omittingEmptySubsequences: true)
            .joined(separator: "\n\n  ")
    }

    private func answer(_ answer: ReportAnswer, entryLevel: String, report: Report) -> [String] {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        var out: [String] = [""]
        // The reader's language first and bold, the client's below.
        out.append("**" + inline(answer.question.first) + "**")
        for part in answer.question.parts.dropFirst() { out += ["", "*" + inline(part.text) + "*"] }
        if let about = answer.refersTo { out += ["", "*\(inline(w(.about))):* " + inline(about.first)] }
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
                if answer.isList {
                    for value in ReportPieces.lines(shown, isList: true) { out.append("> - " + inline(value)) }
                } else {
                    let lines = ReportPieces.lines(shown, isList: false).joined(separator: "\n")
                        .split(separator: "\n", omittingEmptySubsequences: true)
                    out += lines.enumerated().flatMap { i, line in (i == 0 ? [] : [">"]) + ["> " + Escaping.markdown(String(line))] }
                }
            }
        }
        var items: [String] = []
        if let translation = answer.translation { items.append("- *\(inline(w(.translation))):* " + block(translation)) }
        if let draft = answer.draft { items.append("- *\(inline(w(.draft))):* " + block(draft)) }
        if let note = answer.note { items.append("- *\(inline(w(.interviewerNote))):* " + block(note)) }
        if let note = answer.authorNote { items.append("- *\(inline(w(.authorNote))):* " + block(note)) }
        var marks: [String] = []
        if answer.followUp { marks.append(w(.followUpMark)) }
        if answer.lawyerOnly { marks.append(w(.lawyerOnlyMark)) }
        if !marks.isEmpty { items.append("- **" + marks.map { inline("[\($0)]") }.joined(separator: " ") + "**") }
        if !items.isEmpty { out += [""] + items }
        for entry in answer.entries ?? [] {
            out += ["", "\(entryLevel) \(entry.number). " + inline(entry.label.first)]
            for field in entry.answers where field.printed {
                out += self.answer(field, entryLevel: entryLevel + "#", report: report)
            }
        }
        return out
    }

    private func eventText(_ event: ReportEvent) -> String {
        var text = inline(event.text.first)
        if let label = event.entryLabel { text += ": " + inline(label.first) }
        return text
    }

    private func checks(_ checks: [ReportCheck], report: Report) -> [String] {
        if checks.isEmpty { return [inline(ReportWords.text(.none, report.wordsLanguage))] }
        return checks.map { check in
            let mark = check.severity == .error ? "**" + inline("[\(ReportWords.text(.important, report.wordsLanguage))]") + "** " : ""
            // The rule a flag rests on, as a second paragraph of its item (no backslash break).
            let rule = LegalDataWording.ruleLine(check, report).map { "\n\n  *" + inline($0) + "*" } ?? ""
            return "- " + mark + inline(check.message) + rule
        }
    }

    /// Follow-ups and drafts by their question (the reader's language), the note below.
    private func marks(_ marks: [ReportMark], report: Report) -> [String] {
        if marks.isEmpty { return [inline(ReportWords.text(.none, report.wordsLanguage))] }
        return marks.flatMap { mark -> [String] in
            var lines = ["- " + inline(mark.question.first)]
            if let text = mark.text { lines += ["", "  " + block(text)] }
            return lines
        }
    }
}
