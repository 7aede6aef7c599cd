#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeText

/// The summary as plain text for any printer: 80 columns wrapped by display width, pages of
/// `pageLength` lines, each headed "label · Confidential · Page N of M". Page one is the claim
/// at a glance; the details start on a new page. An answer is kept on one page with its
/// question when it fits, so no page starts with an answer whose question is on the page before.
public struct TextRenderer: Sendable {
    public var width: Int
    /// Lines per printed page, the header included (60 fits A4 and Letter at 6 lines an inch).
    public var pageLength: Int

    public init(width: Int = 80, pageLength: Int = 60) {
        self.width = width
        self.pageLength = pageLength
    }

    /// Lines that belong together on one page; `breakBefore` starts a new page.
    struct Block {
        var lines: [String]
        var breakBefore = false
    }

    public func render(_ report: Report) -> String {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        var blocks: [Block] = []
        /// A heading is glued to the block after it (never alone at a page's foot).
        var pendingHeading: [String] = []
        var pendingBreak = false
        func add(_ lines: [String]) {
            blocks.append(Block(lines: pendingHeading + lines, breakBefore: pendingBreak))
            pendingHeading = []; pendingBreak = false
        }
        func heading(_ title: String, pageBreak: Bool = false, second: String? = nil) {
            if !pendingHeading.isEmpty { add([]) }
            var lines = [""] + wrap(title)
            if let second { lines += wrap(second) }
            let widest = lines.map(DisplayWidth.of).max() ?? 1
            pendingHeading = lines + [String(repeating: "-", count: min(width, max(widest, 1)))]
            pendingBreak = pageBreak
        }

        // Page one: the claim at a glance.
        var top: [String] = []
        for part in report.header.title.parts { top += wrap(part.text) }
        top.append(String(repeating: "=", count: width))
        top += rows(ReportPieces.who(report))
        top.append("")
        top += wrap(w(.confidentialNotice))
        if let notice = ReportPieces.redactionNotice(report) { top += wrap(notice) }
        add(top)

        heading(w(.atAGlance).uppercased())
        if report.summary.isEmpty { add([w(.none)]) }
        for element in report.summary {
            var lines = [""] + wrap(element.title)
            for line in element.lines {
                let text = ReportPieces.summaryText(line, report)
                lines += LineBreaker.wrap(clean(text.answer.isEmpty ? text.lead : "\(text.lead) \(text.answer)"),
                                          width: width, first: "  ", rest: "      ")
            }
            add(lines)
        }
        heading(w(.legalFlags))
        add(checks(report.flags, report: report))
        heading(w(.pointsToClarify))
        add(checks(report.clarify, report: report))
        heading(w(.followUps))
        if report.followUps.isEmpty { add([w(.none)]) }
        for mark in report.followUps { add(self.mark(mark)) }
        heading(w(.unansweredRequired))
        if report.unansweredRequired.isEmpty { add([w(.none)]) }
        for gap in report.unansweredRequired {
            add(LineBreaker.wrap(clean(gap.question.first), width: width, first: "  ", rest: "    "))
        }

        // The details.
        var firstPart = true
        for part in report.parts {
            heading(part.title.first, pageBreak: firstPart, second: part.title.parts.count > 1 ? part.title.parts[1].text : nil)
            firstPart = false
            for answer in part.answers { add(self.answer(answer, indent: "", report: report)) }
        }

        heading(w(.chronology), pageBreak: true)
        let dates = report.timeline.map { $0.date!.isoString }
        let dateWidth = (dates + [w(.dateUnknown)]).map(DisplayWidth.of).max()! + 2
        for (event, date) in zip(report.timeline, dates) {
            add(LineBreaker.wrap(eventText(event), width: width, first: date.padded(toWidth: dateWidth),
                                 rest: String(repeating: " ", count: dateWidth)))
        }
        for event in report.undatedEvents {
            let text = eventText(event) + (event.missing.map { " (\(clean($0.first)))" } ?? "")
            add(LineBreaker.wrap(text, width: width, first: w(.dateUnknown).padded(toWidth: dateWidth),
                                 rest: String(repeating: " ", count: dateWidth)))
        }
        if report.timeline.isEmpty && report.undatedEvents.isEmpty { add([w(.none)]) }

        heading(w(.changedAnswers) + (report.changesSince.map { " (\(w(.changedAfter)) \($0.isoString))" } ?? ""))
        if report.changes.isEmpty { add([w(.none)]) }
        for change in report.changes {
            var lines = LineBreaker.wrap(clean(change.question), width: width, first: "  ", rest: "  ")
            lines += LineBreaker.wrap(clean("\(change.old) → \(change.new)"), width: width, first: "      ", rest: "      ")
            lines += ["      " + ReportPieces.when(change.at)]
            add(lines)
        }

        if !report.drafts.isEmpty {
            heading(w(.drafts))
            for mark in report.drafts { add(self.mark(mark)) }
        }
        if !report.removedAnswers.isEmpty {
            heading(w(.removedAnswers))
            for removed in report.removedAnswers {
                var lines = LineBreaker.wrap("\(removed.label): \(clean(removed.shown))", width: width, first: "  ", rest: "      ")
                if let note = removed.note { lines += field(w(.interviewerNote), note, indent: "      ") }
                if let translation = removed.translation { lines += field(w(.translation), translation, indent: "      ") }
                add(lines)
            }
        }

        heading(w(.aboutReport))
        add(rows(ReportPieces.metadata(report)))
        return paginate(blocks, report: report)
    }

    // MARK: Pages

    /// The blocks laid out on pages, each page headed, pages separated by form feeds.
    func paginate(_ blocks: [Block], report: Report) -> String {
        let body = max(pageLength - 2, 8)
        var pages: [[String]] = [[]]
        func newPage() { if !pages[pages.count - 1].isEmpty { pages.append([]) } }
        for block in blocks {
            var lines = block.lines
            if block.breakBefore { newPage() }
            // A block starts a page without its leading blank lines.
            func trimmedIfTop() { if pages[pages.count - 1].isEmpty { while lines.first == "" { lines.removeFirst() } } }
            trimmedIfTop()
            let room = body - pages[pages.count - 1].count
            if lines.count > room && lines.count <= body {
                newPage(); trimmedIfTop()
            } else if lines.count > body && room < 4 {
                newPage(); trimmedIfTop()
            }
            // A block longer than a page goes on across pages, each continuation headed by
            // its first line, so no page starts with an answer cut off from its question.
            let first = lines.first ?? ""
            while !lines.isEmpty {
                let space = body - pages[pages.count - 1].count
                if space <= 0 {
                    // The block's first line, cut to leave room for "(continued)".
                    let marker = " (" + ReportWords.text(.continued, report.wordsLanguage) + ")"
                    let head = LineBreaker.wrap(first.trimmingSpaces, width: width - DisplayWidth.of(marker))[0]
                    pages.append([head + marker])
                    continue
                }
                pages[pages.count - 1] += lines.prefix(space)
                lines.removeFirst(min(space, lines.count))
            }
        }
        while pages.count > 1 && pages[pages.count - 1].isEmpty { pages.removeLast() }
        let label = clean(ReportPieces.caseName(report))
        let confidential = ReportWords.text(.confidential, report.wordsLanguage)
        let page = ReportWords.text(.page, report.wordsLanguage)
        let of = ReportWords.text(.of, report.wordsLanguage)
        var out: [String] = []
        for (index, lines) in pages.enumerated() {
            let right = "\(confidential) · \(page) \(index + 1) \(of) \(pages.count)"
            let room = width - DisplayWidth.of(right) - 2
            let left = DisplayWidth.of(label) <= room ? label : LineBreaker.wrap(label, width: max(room - 1, 1))[0] + "…"
            let header = left.padded(toWidth: width - DisplayWidth.of(right)) + right
            out.append((index == 0 ? "" : "\u{0C}") + header)
            out.append("")
            out += lines
        }
        // The final line end as one more (empty) line: adding it to the joined text copied the
        // whole report once more, which at ten thousand answers is past the cache.
        out.append("")
        return out.joined(separator: "\n")
    }

    // MARK: Pieces

    private func clean(_ text: String) -> String { Escaping.plain(text) }

    private func wrap(_ text: String, indent: String = "") -> [String] {
        LineBreaker.wrap(clean(text), width: width, first: indent, rest: indent)
    }

    private func rows(_ rows: [(String, String)]) -> [String] {
        let labelWidth = rows.map { DisplayWidth.of($0.0) }.max()! + 2
        return rows.flatMap { label, value in
            LineBreaker.wrap(clean(value), width: width, first: (label + ":").padded(toWidth: labelWidth),
                             rest: String(repeating: " ", count: labelWidth))
        }
    }

    /// `label: value`, wrapped with a hanging indent.
    private func field(_ label: String, _ value: String, indent: String) -> [String] {
        LineBreaker.wrap("\(label): \(clean(value))", width: width, first: indent, rest: indent + "  ")
    }

    private func answer(_ answer: ReportAnswer, indent: String, report: Report) -> [String] {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        var lines: [String] = [""]
        for part in answer.question.parts { lines += wrap(part.text, indent: indent) }
        let inner = indent + "    "
        if let about = answer.refersTo { lines += field(w(.about), about.first, indent: inner) }
        if let shown = answer.shown {
            switch answer.status {
            case .dontKnow, .refused, .unanswered, .draft:
                lines += LineBreaker.wrap("(\(clean(shown.joined)))", width: width, first: inner, rest: inner)
            case .calculated:
                lines += LineBreaker.wrap(clean(shown.joined) + " (\(w(.calculated)))", width: width, first: inner, rest: inner)
            default:
                let values = ReportPieces.lines(shown, isList: answer.isList)
                for value in values {
                    lines += answer.isList
                        ? LineBreaker.wrap(clean(value), width: width, first: inner + "- ", rest: inner + "  ")
                        : LineBreaker.wrap(clean(value), width: width, first: inner, rest: inner)
                }
            }
        }
        if let translation = answer.translation { lines += field(w(.translation), translation, indent: inner) }
        if let draft = answer.draft { lines += field(w(.draft), draft, indent: inner) }
        if let note = answer.note { lines += field(w(.interviewerNote), note, indent: inner) }
        if let note = answer.authorNote { lines += field(w(.authorNote), note, indent: inner) }
        var marks: [String] = []
        if answer.followUp { marks.append(w(.followUpMark)) }
        if answer.lawyerOnly { marks.append(w(.lawyerOnlyMark)) }
        if !marks.isEmpty { lines += wrap(marks.map { "[\($0)]" }.joined(separator: " "), indent: inner) }
        for entry in answer.entries ?? [] {
            lines.append("")
            lines += LineBreaker.wrap("\(entry.number). \(clean(entry.label.first))", width: width, first: inner,
                                      rest: inner + "   ")
            for field in entry.answers where field.printed {
                lines += self.answer(field, indent: inner + "   ", report: report)
            }
        }
        return lines
    }

    private func eventText(_ event: ReportEvent) -> String {
        var text = clean(event.text.first)
        if let label = event.entryLabel { text += ": " + clean(label.first) }
        return text
    }

    private func checks(_ checks: [ReportCheck], report: Report) -> [String] {
        if checks.isEmpty { return [ReportWords.text(.none, report.wordsLanguage)] }
        return checks.flatMap { check in
            let mark = check.severity == .error ? "!! " : "!  "
            let suffix = check.severity == .error ? " [\(ReportWords.text(.important, report.wordsLanguage))]" : ""
            var lines = LineBreaker.wrap(clean(check.message) + suffix, width: width, first: mark, rest: "   ")
            if let rule = LegalDataWording.ruleLine(check, report) {
                lines += LineBreaker.wrap(clean(rule), width: width, first: "   ", rest: "   ")
            }
            return lines
        }
    }

    /// A follow-up or a draft: the question (in the reader's language), then its note or text.
    private func mark(_ mark: ReportMark) -> [String] {
        var lines = LineBreaker.wrap(clean(mark.question.first), width: width, first: "  ", rest: "    ")
        if let text = mark.text { lines += wrap(text, indent: "      ") }
        return lines
    }
}
