#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession

/// Page one (the claim by element) and the changed answers, gathered from the answers the
/// report already holds, so redaction has happened before either is made.
extension ReportAssembly {
    /// The longest answer shown on page one, in characters; the details have the rest.
    static let summaryAnswerLength = 100

    func summary(_ answers: [ReportAnswer]) -> [ReportSummaryElement] {
        let headings = questionnaire.report?.summary ?? []
        guard !headings.isEmpty else { return [] }
        // Each answer's place by id (the first, should one repeat), not a table of copies of
        // every answer: page one names a few questions, and copying (then freeing) every answer
        // of a long session for them grew faster than the session.
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(answers.count)
        for i in answers.indices where indexByID[answers[i].id] == nil { indexByID[answers[i].id] = i }
        var elements: [ReportSummaryElement] = []
        for heading in headings {
            var lines: [ReportSummaryLine] = []
            for id in heading.items {
                guard let index = indexByID[id] else { continue }
                let answer = answers[index]
                if let entries = answer.entries {
                    for entry in entries {
                        // The entry's label (its date and summary) and its stories; its short
                        // texts are usually in the label already.
                        let words = entry.answers.filter { $0.placeholder == nil && $0.status == .answered }
                            .filter { questionnaire.item($0.id)?.type == .longtext }
                            .map { summaryText($0) }
                        let label = entry.label.text(in: wordsLanguage)
                        let text = words.map(\.text).joined(separator: " ")
                        lines.append(ReportSummaryLine(label: "\(id)[\(entry.number)]", question: "\(entry.number). \(label)",
                                                       answer: ReportAssembly.shorten(text),
                                                       untranslated: words.contains { $0.untranslated }))
                    }
                    continue
                }
                guard let line = summaryLine(answer) else { continue }
                lines.append(line)
            }
            guard !lines.isEmpty else { continue }
            let title = heading.title.resolve(wordsLanguage, defaultLanguage: questionnaire.defaultLanguage).text
            elements.append(ReportSummaryElement(id: heading.id, title: title, lines: lines))
        }
        return elements
    }

    private func summaryLine(_ answer: ReportAnswer) -> ReportSummaryLine? {
        let question = ReportAssembly.firstSentence(answer.question.text(in: wordsLanguage))
        switch answer.status {
        case .unanswered, .draft:
            return nil
        case .redacted:
            // A withheld answer is in the details as withheld; page one shows only placeholders.
            guard let placeholder = answer.placeholder else { return nil }
            return ReportSummaryLine(label: answer.label, question: question, answer: placeholder, untranslated: false)
        default:
            let text = summaryText(answer)
            return ReportSummaryLine(label: answer.label, question: question,
                                     answer: ReportAssembly.shorten(text.text), untranslated: text.untranslated)
        }
    }

    /// The answer in the reader's language: the interpreter's translation of the client's own
    /// words where there is one, else the words as typed (marked when they are in another language).
    private func summaryText(_ answer: ReportAnswer) -> (text: String, untranslated: Bool) {
        let item = questionnaire.item(answer.id)
        let ownWords = answer.status == .answered && (item?.type == .text || item?.type == .longtext)
        if ownWords, let translation = answer.translation { return (translation, false) }
        let shown = answer.shown?.text(in: wordsLanguage) ?? ""
        let text = answer.isList ? shown.replacingEvery("\n", with: "; ") : shown
        // A name or a place (a short text) reads the same in any language; a story does not.
        return (text, ownWords && item?.type == .longtext && session.language != wordsLanguage)
    }

    /// A question's first sentence ("Why do you think so?" of "Why do you think so? Tell us
    /// about ..."): page one has room for the question, not for its explanation.
    static func firstSentence(_ text: String) -> String {
        let end = ["? ", "？", ". "].compactMap { text.firstRange(of: $0) }.min { $0.lowerBound < $1.lowerBound }
        guard let end, text.distance(from: text.startIndex, to: end.lowerBound) >= 12 else { return text }
        return String(text[..<end.lowerBound]) + String(text[end.lowerBound])
    }

    /// `text` on one line, cut at a word before `summaryAnswerLength` characters, with "…".
    static func shorten(_ text: String, to limit: Int = summaryAnswerLength) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard flat.count > limit else { return flat }
        var cut = String(flat.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        return cut.trimming(where: { " ,;:.".unicodeScalars.contains($0) }) + " …"
    }

    // MARK: Changed answers

    /// Every change of a confirmed answer (its value or its status: not notes or marks) that
    /// is still on the path and shown, oldest first; with `--changes-since`, only those made
    /// after that day (UTC).
    func changes() -> [ReportChange] {
        var result: [ReportChange] = []
        // (TimeZone(identifier: "UTC") is nil in FoundationEssentials.)
        let utc = TimeZone(secondsFromGMT: 0)!
        // Most records are a first answer, with no old one: they are passed over in place, through
        // the array's buffer (`session.history[i].old?.status` still copied each whole entry, two
        // answers, to read one field, which at ten thousand entries read all of them).
        let history = session.history
        return history.withUnsafeBufferPointer { history in
            for i in history.indices where history[i].old?.status != nil {
                let change = history[i]
                guard let old = change.old else { continue }
                let new = change.new ?? Answer()
                guard old.status != new.status || old.value != new.value || old.otherText != new.otherText else { continue }
                if let since = options.changesSince, PartialDate.today(from: change.at, timeZone: utc).firstDay <= since.lastDay {
                    continue
                }
                guard let place = place(of: change.question), let item = questionnaire.item(place.ref.itemID),
                      item.type != .repeat else { continue }
                if leftOut.contains(item.id) || hidden(place.ref) || (options.redact && (old.lawyerOnly || new.lawyerOnly)) {
                    continue
                }
                let formatter = AnswerFormatter(questionnaire: questionnaire, language: wordsLanguage)
                func shown(_ answer: Answer) -> String {
                    if let placeholder = mask.placeholder(for: place.ref) { return placeholder }
                    return formatter.display(answer, for: item) ?? ReportWords.text(.notAnswered, wordsLanguage)
                }
                let entry = place.ref.repeatID.flatMap { r in place.ref.entryID.map { (repeatID: r, entryID: $0) } }
                // The exports list changes by label only (`ReportContent`).
                let question = !makesPrintedTexts ? "" : item.prompt.map {
                    interpolator(wordsLanguage).render($0.resolve(wordsLanguage, defaultLanguage: questionnaire.defaultLanguage).text,
                                                       entry: entry, hide: hidden)
                } ?? item.id
                result.append(ReportChange(label: place.label, question: question, old: shown(old), new: shown(new), at: change.at))
            }
            return result
        }
    }

    /// The answer a history name (`id` or `repeat[entry].field`) refers to, and its label with
    /// the entry's number; nil when the entry or the question is no longer on the path.
    private func place(of name: String) -> (ref: AnswerRef, label: String)? {
        guard let open = name.firstIndex(of: "["), let close = name.firstIndex(of: "]"), open < close else {
            return interview.path.onPath.contains(name) ? (AnswerRef(name), name) : nil
        }
        let repeatID = String(name[..<open])
        let entryID = String(name[name.index(after: open)..<close])
        let rest = name[name.index(after: close)...]
        guard rest.hasPrefix("."), interview.path.onPath.contains(repeatID) else { return nil }
        let field = String(rest.dropFirst())
        guard let number = interview.entries(of: repeatID).firstIndex(where: { $0.entry.id == entryID }),
              interview.entries(of: repeatID)[number].onPath.contains(field) else { return nil }
        return (AnswerRef(field: field, of: repeatID, entry: entryID), "\(repeatID)[\(number + 1)].\(field)")
    }
}
