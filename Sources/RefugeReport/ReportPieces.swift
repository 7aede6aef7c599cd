#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// What every printed format says the same way: who the client is, the report's metadata (its
/// footer), the redaction notice, and an answer's lines.
enum ReportPieces {
    static func w(_ word: ReportWords.Word, _ report: Report) -> String { ReportWords.text(word, report.wordsLanguage) }

    /// The case's label, or the session's id when there is none (or it is not printed).
    static func caseName(_ report: Report) -> String {
        report.header.label.isEmpty ? report.header.sessionID : report.header.label
    }

    /// Page one's first lines: the case, the preparation date, the languages.
    static func who(_ report: Report) -> [(String, String)] {
        let h = report.header
        return [
            (w(.client, report), caseName(report)),
            (w(.interviewDate, report), h.interviewDate.isoString),
            (w(.languages, report), "\(w(.clientLanguage, report)) \(h.language), \(w(.interviewerLanguage, report)) \(h.interviewerLanguage)"),
        ] + LegalDataWording.headerRow(report)
    }

    /// The footer: where the report comes from.
    static func metadata(_ report: Report) -> [(String, String)] {
        let h = report.header
        return [
            (w(.questionnaire, report), "\(h.questionnaireTitle.first) (\(h.questionnaireID), \(w(.version, report)) \(h.questionnaireVersion))"),
            ("SHA-256", h.questionnaireSHA256),
            (w(.session, report), h.sessionID),
            (w(.created, report), JSONRenderer.timestamp(h.created)),
            (w(.updated, report), JSONRenderer.timestamp(h.updated)),
            (w(.generated, report), JSONRenderer.timestamp(h.generated)),
            (w(.program, report), report.programVersion),
        ]
    }

    static func redactionNotice(_ report: Report) -> String? {
        switch report.redaction {
        case .none: return nil
        case .sensitive: return w(.redactedNotice, report)
        case .identity: return w(.redactedNotice, report) + " " + w(.identityNotice, report)
        }
    }

    /// An answer as lines: a list's selections one per line, each in the reader's language
    /// with the client's words beside it in brackets where they differ; else each language's
    /// rendering on its own line, the reader's first.
    static func lines(_ shown: Wording, isList: Bool) -> [String] {
        let parts = shown.parts.map { $0.text.piecesSeparated(by: "\n") }
        guard isList, parts.count > 1, parts.allSatisfy({ $0.count == parts[0].count }) else {
            return isList ? parts[0] : [shown.joined]
        }
        return parts[0].indices.map { i in
            let others = parts.dropFirst().map { $0[i] }.filter { $0 != parts[0][i] }
            return others.isEmpty ? parts[0][i] : "\(parts[0][i]) (\(others.joined(separator: " / ")))"
        }
    }

    /// A page-one line as one text: "Question? answer" or "Label: answer", the client's
    /// untranslated words marked.
    static func summaryText(_ line: ReportSummaryLine, _ report: Report) -> (lead: String, answer: String) {
        let question = line.question.trimmingSpaces
        var answer = line.answer
        if line.untranslated && !answer.isEmpty { answer += " [" + w(.translationNeeded, report) + "]" }
        guard !answer.isEmpty else { return (question, "") }
        let asks = question.last.map { "?？:：.".contains($0) } ?? false
        return (asks ? question : question + ":", answer)
    }

    /// A change's time, to the minute, in UTC.
    static func when(_ date: Date) -> String {
        let stamp = JSONRenderer.timestamp(date)
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(5)) + " UTC"
    }

    /// The titles of the details, numbered, for the contents (HTML and Markdown).
    /// `flagsInFull`: the details start with the flags and their rules' sources (HTML).
    static func contents(_ report: Report, flagsInFull: Bool = false) -> [(id: String, title: String)] {
        var entries = report.parts.map { (id: "part-" + $0.id, title: $0.title.first) }
        if flagsInFull { entries.insert((id: "flags", title: w(.legalFlags, report)), at: 0) }
        entries.append((id: "chronology", title: w(.chronology, report)))
        entries.append((id: "changes", title: w(.changedAnswers, report)))
        if !report.drafts.isEmpty { entries.append((id: "drafts", title: w(.drafts, report))) }
        if !report.removedAnswers.isEmpty { entries.append((id: "removed", title: w(.removedAnswers, report))) }
        entries.append((id: "about", title: w(.aboutReport, report)))
        return entries
    }
}
