import Foundation

/// The summary as one self-contained HTML file: no scripts, no external resources, a print
/// stylesheet with a running header (client label, "Confidential") and page numbers in the
/// page margins where the browser supports them, readable on A4 and Letter.
public struct HTMLRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        let w = { (word: ReportWords.Word) in ReportWords.text(word, report.wordsLanguage) }
        let h = report.header
        var out: [String] = []
        let label = h.label.isEmpty ? h.sessionID : h.label
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"\(e(report.wordsLanguage))\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<title>\(e(h.title.first)) — \(e(label))</title>")
        out.append("<style>")
        out.append(HTMLRenderer.style(label: label, confidential: w(.confidential), page: w(.page)))
        out.append("</style>")
        out.append("</head>")
        out.append("<body>")

        out.append("<header class=\"report-header\">")
        out.append("<h1>" + wording(h.title) + "</h1>")
        out.append("<table class=\"meta\">")
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
        for (name, value) in rows {
            let cls = name == "SHA-256" ? " class=\"hash\"" : ""
            out.append("<tr><th scope=\"row\">\(e(name))</th><td\(cls)>\(e(value))</td></tr>")
        }
        out.append("</table>")
        out.append("<p class=\"confidential\">\(e(w(.confidentialNotice)))</p>")
        if report.redacted { out.append("<p class=\"redacted-notice\">\(e(w(.redactedNotice)))</p>") }
        out.append("</header>")

        out.append("<section class=\"flags\">")
        out.append("<h2>\(e(w(.legalFlags)))</h2>")
        out.append(checks(report.flags, report: report))
        out.append("</section>")

        for part in report.parts {
            out.append("<section class=\"part\" id=\"part-\(e(part.id))\">")
            out.append("<h2>" + wording(part.title) + "</h2>")
            for answer in part.answers { out.append(self.answer(answer, report: report)) }
            out.append("</section>")
        }

        out.append("<section class=\"chronology\">")
        out.append("<h2>\(e(w(.chronology)))</h2>")
        if report.timeline.isEmpty && report.undatedEvents.isEmpty {
            out.append("<p class=\"none\">\(e(w(.none)))</p>")
        } else {
            out.append("<table class=\"timeline\">")
            for event in report.timeline {
                out.append("<tr><td class=\"date\">\(e(event.date!.isoString))</td><td>\(eventText(event))</td></tr>")
            }
            for event in report.undatedEvents {
                let missing = event.missing.map { " <span class=\"status\">(\(e($0.joined)))</span>" } ?? ""
                out.append("<tr><td class=\"date unknown\">\(e(w(.dateUnknown)))</td><td>\(eventText(event))\(missing)</td></tr>")
            }
            out.append("</table>")
        }
        out.append("</section>")

        out.append("<section class=\"open-items\">")
        out.append("<h2>\(e(w(.openItems)))</h2>")
        out.append("<h3>\(e(w(.pointsToClarify)))</h3>")
        out.append(checks(report.clarify, report: report))
        out.append("<h3>\(e(w(.followUps)))</h3>")
        out.append(marks(report.followUps, report: report))
        out.append("<h3>\(e(w(.drafts)))</h3>")
        out.append(marks(report.drafts, report: report))
        out.append("<h3>\(e(w(.removedAnswers)))</h3>")
        if report.removedAnswers.isEmpty {
            out.append("<p class=\"none\">\(e(w(.none)))</p>")
        } else {
            out.append("<ul class=\"removed\">")
            for removed in report.removedAnswers {
                var item = "<li><code>\(e(removed.label))</code>: <span class=\"text\">\(e(removed.shown))</span>"
                if let note = removed.note { item += "<br><em>\(e(w(.interviewerNote))):</em> <span class=\"text\">\(e(note))</span>" }
                if let translation = removed.translation { item += "<br><em>\(e(w(.translation))):</em> <span class=\"text\">\(e(translation))</span>" }
                out.append(item + "</li>")
            }
            out.append("</ul>")
        }
        out.append("<h3>\(e(w(.unansweredRequired)))</h3>")
        if report.unansweredRequired.isEmpty {
            out.append("<p class=\"none\">\(e(w(.none)))</p>")
        } else {
            out.append("<ul class=\"gaps\">")
            for gap in report.unansweredRequired {
                out.append("<li><code>\(e(gap.label))</code>: \(wordingInline(gap.question))</li>")
            }
            out.append("</ul>")
        }
        out.append("</section>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Pieces

    private func e(_ text: String) -> String { Escaping.html(text) }

    /// Each language's rendering on its own line, the later ones marked as alternates.
    private func wording(_ wording: Wording) -> String {
        wording.parts.enumerated().map { i, part in
            "<span class=\"\(i == 0 ? "main" : "alt")\" lang=\"\(e(part.language))\">\(e(part.text))</span>"
        }.joined()
    }

    private func wordingInline(_ wording: Wording) -> String {
        wording.parts.map { "<span lang=\"\(e($0.language))\">\(e($0.text))</span>" }.joined(separator: " / ")
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
        if let shown = answer.shown {
            let text = shown.parts.map { e($0.text) }.joined(separator: " / ")
            switch answer.status {
            case .answered: out += "<p class=\"a\">\(text)</p>\n"
            case .calculated: out += "<p class=\"a\">\(text) <span class=\"status\">(\(e(w(.calculated))))</span></p>\n"
            case .redacted: out += "<p class=\"a redacted\">\(text)</p>\n"
            default: out += "<p class=\"a status\">(\(text))</p>\n"
            }
        }
        if let translation = answer.translation { out += extra(w(.translation), translation, cls: "translation") }
        if let draft = answer.draft { out += extra(w(.draft), draft, cls: "draft") }
        if let note = answer.note { out += extra(w(.interviewerNote), note, cls: "note") }
        if let note = answer.authorNote { out += extra(w(.authorNote), note, cls: "author-note") }
        var marks: [String] = []
        if answer.forInterviewer { marks.append("<span class=\"mark\">\(e(w(.interviewerQuestion)))</span>") }
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

    private func checks(_ checks: [ReportCheck], report: Report) -> String {
        if checks.isEmpty { return "<p class=\"none\">\(e(ReportWords.text(.none, report.wordsLanguage)))</p>" }
        var out = "<ul class=\"checks\">\n"
        for check in checks {
            let important = check.severity == .error && !check.withheld
                ? "<strong>[\(e(ReportWords.text(.important, report.wordsLanguage)))]</strong> " : ""
            let idAttribute = check.withheld ? "" : " data-check=\"\(e(check.id))\""
            let rule = LegalDataWording.ruleLine(check, report).map { "<br><span class=\"rule\">\(e($0))</span>" } ?? ""
            out += "<li class=\"\(check.severity.rawValue)\"\(idAttribute)>\(important)\(e(check.message))\(rule)</li>\n"
        }
        return out + "</ul>"
    }

    private func marks(_ marks: [ReportMark], report: Report) -> String {
        if marks.isEmpty { return "<p class=\"none\">\(e(ReportWords.text(.none, report.wordsLanguage)))</p>" }
        var out = "<ul class=\"marks-list\">\n"
        for mark in marks {
            out += "<li><code>\(e(mark.label))</code>: \(wordingInline(mark.question))"
            if mark.withheld {
                out += "<br><span class=\"redacted\">\(e(ProgramWordsBridge.redacted(report.wordsLanguage)))</span>"
            } else if let text = mark.text {
                out += "<br><span class=\"text\">\(e(text))</span>"
            }
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
        h1 { font-size: 18pt; margin: 0 0 .4em; }
        h1, h2, h3 { break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
        h2 { font-size: 14pt; margin: 1.6em 0 .6em; padding-bottom: .15em; border-bottom: 1.5px solid #444; }
        h3 { font-size: 12pt; margin: 1.2em 0 .4em; }
        h1 .alt, h2 .alt, .q .alt, th .alt { display: block; font-weight: normal; color: #444; }
        h1 .alt, h2 .alt { font-size: .8em; }
        .q .main, th .main { display: block; }
        table.meta { border-collapse: collapse; margin: .5em 0; }
        table.meta th { text-align: left; font-weight: 600; padding: .1em 1em .1em 0; vertical-align: top; white-space: nowrap; }
        table.meta td { padding: .1em 0; }
        td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
        .confidential { border: 1.5px solid #111; padding: .4em .6em; font-weight: 600; }
        .redacted-notice { border: 1.5px dashed #111; padding: .4em .6em; }
        ul.checks { list-style: none; padding: 0; }
        ul.checks li { border-left: 6px solid #b26b00; background: #fff4e0; padding: .35em .6em; margin: .35em 0;
                       break-inside: avoid; page-break-inside: avoid; }
        ul.checks li.error { border-left-color: #a40000; background: #fde8e8; }
        .qa { margin: .9em 0; }
        .qa:not(.repeat) { break-inside: avoid; page-break-inside: avoid; }
        .q { font-weight: 600; margin: 0; }
        .a { margin: .15em 0 0 1.2em; white-space: pre-wrap; overflow-wrap: anywhere; }
        .status { font-style: italic; color: #333; }
        .redacted { font-weight: 600; letter-spacing: .03em; }
        .extra { margin: .15em 0 0 1.2em; font-size: 10pt; }
        .extra .text, .marks-list .text, .removed .text { white-space: pre-wrap; overflow-wrap: anywhere; }
        .marks { margin: .2em 0 0 1.2em; }
        .mark { display: inline-block; border: 1px solid #555; border-radius: 3px; padding: 0 .35em; font-size: 8.5pt; }
        .mark.follow-up { border-color: #b26b00; }
        .mark.lawyer-only { border-color: #a40000; }
        table.entry { border-collapse: collapse; width: calc(100% - 1.2em); margin: .6em 0 .6em 1.2em; }
        table.entry tr, table.timeline tr { break-inside: avoid; page-break-inside: avoid; }
        table.entry caption { break-after: avoid; page-break-after: avoid; }
        table.entry caption { text-align: left; font-weight: 600; padding: .2em 0; }
        table.entry th, table.entry td { border: 1px solid #aaa; padding: .25em .45em; text-align: left; vertical-align: top; }
        table.entry th { width: 42%; font-weight: normal; background: #f4f4f4; }
        table.entry td .a, table.entry td .extra, table.entry td .marks { margin-left: 0; }
        table.entry td p { margin: 0; }
        table.timeline { border-collapse: collapse; width: 100%; }
        table.timeline td { padding: .2em .5em; border-bottom: 1px solid #ddd; vertical-align: top; }
        table.timeline td.date { white-space: nowrap; font-family: "DejaVu Sans Mono", monospace; width: 9em; }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
        .none { color: #444; }
        @page {
          size: auto;
          margin: 20mm 16mm 18mm 16mm;
          @top-left { content: "\(Escaping.cssString(label))"; font: 9pt sans-serif; color: #333; }
          @top-right { content: "\(Escaping.cssString(confidential))"; font: bold 9pt sans-serif; color: #333; }
          @bottom-right { content: "\(Escaping.cssString(page)) " counter(page) " / " counter(pages); font: 9pt sans-serif; color: #333; }
        }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
          ul.checks li { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
    }
}
