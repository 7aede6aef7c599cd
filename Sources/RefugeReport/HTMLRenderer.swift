#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The summary as one self-contained HTML file: no scripts, no external resources, a print
/// stylesheet with a running header (client label, "Confidential") and page numbers in the
/// page margins where the browser supports them, readable on A4 and Letter. Page one is the
/// claim at a glance; the contents and the details follow on the next pages, the report's
/// metadata in its footer.
public struct HTMLRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        let h = report.header
        var out: [String] = []
        let label = ReportPieces.caseName(report)
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"\(e(report.wordsLanguage))\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<meta name=\"generator\" content=\"\(e(report.programVersion))\">")
        out.append("<title>\(e(h.title.first)) — \(e(label))</title>")
        out.append("<style>")
        out.append(HTMLRenderer.style(label: label, confidential: w(.confidential), page: w(.page)))
        out.append("</style>")
        out.append("</head>")
        out.append("<body>")

        out.append("<section class=\"page-one\">")
        out.append("<header class=\"report-header\">")
        out.append("<h1>" + wording(h.title) + "</h1>")
        out.append("<p class=\"who\">" + ReportPieces.who(report).map { "<span><b>\(e($0.0)):</b> \(e($0.1))</span>" }
            .joined(separator: " ") + "</p>")
        out.append("<p class=\"confidential\">\(e(w(.confidentialNotice)))</p>")
        if let notice = ReportPieces.redactionNotice(report) { out.append("<p class=\"redacted-notice\">\(e(notice))</p>") }
        out.append("</header>")
        out.append("<h2>\(e(w(.atAGlance)))</h2>")
        if report.summary.isEmpty { out.append("<p class=\"none\">\(e(w(.none)))</p>") }
        if !report.summary.isEmpty {
            out.append("<div class=\"glance\">")
            for element in report.summary {
                out.append("<dl class=\"element\"><dt>\(e(element.title))</dt>")
                out.append("<dd><ul>" + element.lines.map { line in
                    let text = ReportPieces.summaryText(line, report)
                    return "<li><span class=\"gq\">\(e(text.lead))</span> \(e(text.answer))</li>"
                }.joined() + "</ul></dd></dl>")
            }
            out.append("</div>")
        }
        out.append("<div class=\"glance-lists\">")
        out.append("<section class=\"flags\"><h3>\(e(w(.legalFlags)))</h3>")
        out.append(checks(report.flags, report: report, short: true))
        out.append("</section>")
        // Empty lists share one line ("Follow-up: None · ..."), so page one keeps its room for the claim.
        var empty: [String] = []
        func list(_ cls: String, _ title: String, empty isEmpty: Bool, _ body: () -> String) {
            if isEmpty {
                empty.append("<span class=\"\(cls)\"><b>\(e(title)):</b> \(e(w(.none)))</span>")
            } else {
                out.append("<section class=\"\(cls)\"><h3>\(e(title))</h3>")
                out.append(body())
                out.append("</section>")
            }
        }
        list("clarify", w(.pointsToClarify), empty: report.clarify.isEmpty) { checks(report.clarify, report: report) }
        list("follow-ups", w(.followUps), empty: report.followUps.isEmpty) { marks(report.followUps, report: report) }
        list("gaps", w(.unansweredRequired), empty: report.unansweredRequired.isEmpty) {
            "<ul class=\"gaps\">" + report.unansweredRequired.map { "<li>\(wordingInline($0.question))</li>" }.joined() + "</ul>"
        }
        if !empty.isEmpty { out.append("<p class=\"none\">" + empty.joined(separator: " · ") + "</p>") }
        out.append("</div>")
        out.append("</section>")

        out.append("<nav class=\"toc\">")
        out.append("<h2>\(e(w(.contents)))</h2>")
        out.append("<ol>" + ReportPieces.contents(report, flagsInFull: report.flags.contains { $0.rule != nil }).map { "<li><a href=\"#\(e($0.id))\">\(e($0.title))</a></li>" }.joined() + "</ol>")
        out.append("</nav>")

        // The flags again with their rules' sources (page one names each rule and its status).
        if report.flags.contains(where: { $0.rule != nil }) {
            out.append("<section class=\"flags-in-full\" id=\"flags\">")
            out.append("<h2>\(e(w(.legalFlags)))</h2>")
            out.append(checks(report.flags, report: report))
            out.append("</section>")
        }
        for part in report.parts {
            out.append("<section class=\"part\" id=\"part-\(e(part.id))\">")
            out.append("<h2>" + wording(part.title) + "</h2>")
            for answer in part.answers { out.append(self.answer(answer, report: report)) }
            out.append("</section>")
        }

        out.append("<section class=\"chronology\" id=\"chronology\">")
        out.append("<h2>\(e(w(.chronology)))</h2>")
        if report.timeline.isEmpty && report.undatedEvents.isEmpty {
            out.append("<p class=\"none\">\(e(w(.none)))</p>")
        } else {
            out.append("<table class=\"timeline\">")
            for event in report.timeline {
                out.append("<tr><td class=\"date\">\(e(event.date!.isoString))</td><td>\(eventText(event))</td></tr>")
            }
            for event in report.undatedEvents {
                let missing = event.missing.map { " <span class=\"status\">(\(e($0.first)))</span>" } ?? ""
                out.append("<tr><td class=\"date unknown\">\(e(w(.dateUnknown)))</td><td>\(eventText(event))\(missing)</td></tr>")
            }
            out.append("</table>")
        }
        out.append("</section>")

        out.append("<section class=\"changes\" id=\"changes\">")
        out.append("<h2>\(e(w(.changedAnswers)))</h2>")
        if let since = report.changesSince { out.append("<p class=\"since\">\(e(w(.changedAfter))) \(e(since.isoString))</p>") }
        if report.changes.isEmpty {
            out.append("<p class=\"none\">\(e(w(.none)))</p>")
        } else {
            out.append("<ul class=\"changes\">")
            for change in report.changes {
                out.append("<li><span class=\"q\">\(e(change.question))</span><br><span class=\"text\">\(e(change.old))</span> → "
                           + "<span class=\"text\">\(e(change.new))</span> <span class=\"status\">(\(e(ReportPieces.when(change.at))))</span></li>")
            }
            out.append("</ul>")
        }
        out.append("</section>")

        if !report.drafts.isEmpty {
            out.append("<section class=\"drafts\" id=\"drafts\"><h2>\(e(w(.drafts)))</h2>")
            out.append(marks(report.drafts, report: report))
            out.append("</section>")
        }
        if !report.removedAnswers.isEmpty {
            out.append("<section class=\"removed\" id=\"removed\"><h2>\(e(w(.removedAnswers)))</h2>")
            out.append("<ul class=\"removed\">")
            for removed in report.removedAnswers {
                var item = "<li><code>\(e(removed.label))</code>: <span class=\"text\">\(e(removed.shown))</span>"
                if let note = removed.note { item += "<br><em>\(e(w(.interviewerNote))):</em> <span class=\"text\">\(e(note))</span>" }
                if let translation = removed.translation { item += "<br><em>\(e(w(.translation))):</em> <span class=\"text\">\(e(translation))</span>" }
                out.append(item + "</li>")
            }
            out.append("</ul>")
            out.append("</section>")
        }

        out.append("<footer class=\"report-meta\" id=\"about\">")
        out.append("<h2>\(e(w(.aboutReport)))</h2>")
        out.append("<table class=\"meta\">")
        for (name, value) in ReportPieces.metadata(report) {
            let cls = name == "SHA-256" ? " class=\"hash\"" : ""
            out.append("<tr><th scope=\"row\">\(e(name))</th><td\(cls)>\(e(value))</td></tr>")
        }
        out.append("</table>")
        out.append("</footer>")
        out.append("</body>")
        out.append("</html>")
        // The final line end as one more (empty) line: adding it to the joined text copied the
        // whole report once more, which at ten thousand answers is past the cache.
        out.append("")
        return out.joined(separator: "\n")
    }

    // MARK: Pieces

    private func e(_ text: String) -> String { Escaping.html(text) }

    /// Each language's rendering on its own line: the reader's first (bold), the others below.
    private func wording(_ wording: Wording) -> String {
        wording.parts.enumerated().map { i, part in
            "<span class=\"\(i == 0 ? "main" : "alt")\" lang=\"\(e(part.language))\">\(e(part.text))</span>"
        }.joined()
    }

    private func wordingInline(_ wording: Wording) -> String {
        "<span lang=\"\(e(wording.parts[0].language))\">\(e(wording.first))</span>"
    }

    private func answer(_ answer: ReportAnswer, report: Report) -> String {
        var out = "<div class=\"qa\(answer.entries != nil ? " repeat" : "")\" data-question=\"\(e(answer.label))\">\n"
        out += "<p class=\"q\">" + wording(answer.question) + "</p>\n"
        out += details(answer, report: report)
        for entry in answer.entries ?? [] {
            out += "<table class=\"entry\">\n<caption>\(entry.number). \(wordingInline(entry.label))</caption>\n"
            for field in entry.answers where field.printed {
                out += "<tr><th scope=\"row\">" + wording(field.question) + "</th><td>" + details(field, report: report) + "</td></tr>\n"
            }
            out += "</table>\n"
        }
        return out + "</div>"
    }

    /// The answer and everything recorded with it.
    private func details(_ answer: ReportAnswer, report: Report) -> String {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        var out = ""
        if let about = answer.refersTo { out += extra(w(.about), about.first, cls: "about") }
        if let shown = answer.shown {
            switch answer.status {
            case .answered where answer.isList:
                out += "<ul class=\"a choices\">" + ReportPieces.lines(shown, isList: true).map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            case .answered: out += "<p class=\"a\">\(wording(shown))</p>\n"
            case .calculated: out += "<p class=\"a\">\(e(shown.first)) <span class=\"status\">(\(e(w(.calculated))))</span></p>\n"
            case .redacted: out += "<p class=\"a redacted\">\(e(shown.first))</p>\n"
            default: out += "<p class=\"a status\">(\(e(shown.first)))</p>\n"
            }
        }
        if let translation = answer.translation { out += extra(w(.translation), translation, cls: "translation") }
        if let draft = answer.draft { out += extra(w(.draft), draft, cls: "draft") }
        if let note = answer.note { out += extra(w(.interviewerNote), note, cls: "note") }
        if let note = answer.authorNote { out += extra(w(.authorNote), note, cls: "author-note") }
        var marks: [String] = []
        if answer.followUp { marks.append("<span class=\"mark follow-up\">\(e(w(.followUpMark)))</span>") }
        if answer.lawyerOnly { marks.append("<span class=\"mark lawyer-only\">\(e(w(.lawyerOnlyMark)))</span>") }
        if !marks.isEmpty { out += "<p class=\"marks\">" + marks.joined(separator: " ") + "</p>\n" }
        return out
    }

    private func extra(_ label: String, _ text: String, cls: String) -> String {
        "<p class=\"extra \(cls)\"><em>\(e(label)):</em> <span class=\"text\">\(e(text))</span></p>\n"
    }

    private func eventText(_ event: ReportEvent) -> String {
        var text = wordingInline(event.text)
        if let label = event.entryLabel { text += ": " + wordingInline(label) }
        return text
    }

    private func checks(_ checks: [ReportCheck], report: Report, short: Bool = false) -> String {
        if checks.isEmpty { return "<p class=\"none\">\(e(ReportWords.text(.none, report.wordsLanguage)))</p>" }
        var out = "<ul class=\"checks\">\n"
        for check in checks {
            let important = check.severity == .error
                ? "<strong>[\(e(ReportWords.text(.important, report.wordsLanguage)))]</strong> " : ""
            let line = short ? LegalDataWording.shortRuleLine(check, report) : LegalDataWording.ruleLine(check, report)
            let rule = line.map { "<br><span class=\"rule\">\(e($0))</span>" } ?? ""
            out += "<li class=\"\(check.severity.rawValue)\" data-check=\"\(e(check.id))\">\(important)\(e(check.message))\(rule)</li>\n"
        }
        return out + "</ul>"
    }

    /// Follow-ups and drafts by their question, the note or text below.
    private func marks(_ marks: [ReportMark], report: Report) -> String {
        if marks.isEmpty { return "<p class=\"none\">\(e(ReportWords.text(.none, report.wordsLanguage)))</p>" }
        var out = "<ul class=\"marks-list\">\n"
        for mark in marks {
            out += "<li>\(wordingInline(mark.question))"
            if let text = mark.text { out += "<br><span class=\"text\">\(e(text))</span>" }
            out += "</li>\n"
        }
        return out + "</ul>"
    }

    /// The stylesheet. The label goes into CSS strings escaped for CSS (see Escaping.cssString).
    static func style(label: String, confidential: String, page: String) -> String {
        """
        :root { color-scheme: light; }
        body { font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt;
               line-height: 1.4; color: #111; background: #fff; max-width: 48em; margin: 2em auto; padding: 0 1em; }
        h1 { font-size: 17pt; margin: 0 0 .3em; }
        h1, h2, h3 { break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
        h2 { font-size: 14pt; margin: 1.6em 0 .6em; padding-bottom: .15em; border-bottom: 1.5px solid #444; }
        h3 { font-size: 11.5pt; margin: 1em 0 .3em; }
        .main { font-weight: 700; }
        h1 .alt, h2 .alt, .q .alt, th .alt, .a .alt { display: block; font-weight: normal; color: #444; }
        h1 .alt, h2 .alt { font-size: .8em; }
        .q .main, th .main, .a .main { display: block; }
        .page-one { break-after: page; page-break-after: always; }
        .page-one h2 { margin-top: .8em; }
        .who span { margin-right: .8em; white-space: nowrap; }
        .glance dl { margin: 0 0 .3em; break-inside: avoid; page-break-inside: avoid; }
        .glance dt { font-weight: 700; }
        .glance dd { margin: 0; }
        .glance ul { margin: 0; padding-left: 1.1em; }
        .glance li { margin: 0; }
        .gq { color: #333; }
        .glance-lists h3 { margin: .6em 0 .2em; }
        .glance-lists ul { margin: .2em 0; }
        nav.toc ol { padding-left: 2.4em; }
        nav.toc a { color: #111; }
        table.meta { border-collapse: collapse; margin: .5em 0; }
        table.meta th { text-align: left; font-weight: 600; padding: .1em 1em .1em 0; vertical-align: top; white-space: nowrap; }
        table.meta td { padding: .1em 0; }
        td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
        .confidential { border: 1.5px solid #111; padding: .3em .6em; font-weight: 600; font-size: 9.5pt; }
        .redacted-notice { border: 1.5px dashed #111; padding: .3em .6em; font-size: 9.5pt; }
        ul.checks { list-style: none; padding: 0; }
        ul.checks li { border-left: 6px solid #b26b00; background: #fff4e0; padding: .25em .6em; margin: .25em 0;
                       break-inside: avoid; page-break-inside: avoid; }
        ul.checks li.error { border-left-color: #a40000; background: #fde8e8; }
        .qa { margin: .9em 0; }
        .qa:not(.repeat) { break-inside: avoid; page-break-inside: avoid; }
        .q { margin: 0; }
        .a { margin: .15em 0 0 1.2em; white-space: pre-wrap; overflow-wrap: anywhere; }
        ul.a.choices { white-space: normal; padding-left: 1.2em; }
        .status { font-style: italic; color: #333; }
        .redacted { font-weight: 600; letter-spacing: .03em; }
        .extra { margin: .15em 0 0 1.2em; font-size: 10pt; }
        .extra .text, .marks-list .text, .removed .text, .changes .text { white-space: pre-wrap; overflow-wrap: anywhere; }
        .marks { margin: .2em 0 0 1.2em; }
        .mark { display: inline-block; border: 1px solid #555; border-radius: 3px; padding: 0 .35em; font-size: 8.5pt; }
        .mark.follow-up { border-color: #b26b00; }
        .mark.lawyer-only { border-color: #a40000; }
        table.entry { border-collapse: collapse; width: calc(100% - 1.2em); margin: .6em 0 .6em 1.2em; }
        table.entry tr, table.timeline tr, ul.changes li { break-inside: avoid; page-break-inside: avoid; }
        table.entry caption { break-after: avoid; page-break-after: avoid; }
        table.entry caption { text-align: left; font-weight: 600; padding: .2em 0; }
        table.entry th, table.entry td { border: 1px solid #aaa; padding: .25em .45em; text-align: left; vertical-align: top; }
        table.entry th { width: 42%; font-weight: normal; background: #f4f4f4; }
        table.entry td .a, table.entry td .extra, table.entry td .marks { margin-left: 0; }
        table.entry td p { margin: 0; }
        table.timeline { border-collapse: collapse; width: 100%; }
        table.timeline td { padding: .2em .5em; border-bottom: 1px solid #ddd; vertical-align: top; }
        table.timeline td.date { white-space: nowrap; font-family: "DejaVu Sans Mono", monospace; width: 9em; }
        footer.report-meta { margin-top: 2em; font-size: 9.5pt; color: #333; }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
        .none { color: #444; margin: .2em 0; }
        @page {
          size: auto;
          margin: 20mm 16mm 18mm 16mm;
          @top-left { content: "\(Escaping.cssString(label))"; font: 9pt sans-serif; color: #333; }
          @top-right { content: "\(Escaping.cssString(confidential))"; font: bold 9pt sans-serif; color: #333; }
          @bottom-right { content: "\(Escaping.cssString(page)) " counter(page) " / " counter(pages); font: 9pt sans-serif; color: #333; }
        }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
          /* Page one is one printed page: the claim's elements in two columns, tighter type. */
          .page-one { font-size: 8.2pt; line-height: 1.2; }
          .page-one .confidential, .page-one .redacted-notice { padding: .15em .5em; margin: .3em 0; }
          .page-one .who { margin: .2em 0; }
          .page-one h1 { font-size: 13pt; margin: 0 0 .1em; line-height: 1.15; }
          .page-one h2 { font-size: 10.5pt; margin: .3em 0 .2em; }
          .page-one h3 { font-size: 9.2pt; margin: .3em 0 .1em; }
          .page-one .glance dl { margin-bottom: .15em; }
          .page-one .none { margin: 0; }
          .glance, .glance-lists { columns: 2; column-gap: 1.6em; }
          .glance-lists h3:first-child { margin-top: 0; }
          .page-one .rule { font-size: 7.8pt; }
          .page-one ul.checks li { padding: .1em .4em; margin: .1em 0; }
          .page-one ul.checks { margin: .1em 0; }
          ul.checks li { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          nav.toc a { text-decoration: none; }
        }
        """
    }
}
