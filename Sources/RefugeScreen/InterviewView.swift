#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeCanvas
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession
import RefugeText

extension InterviewScreen {
    static let header = Style(role: .accent, reverse: true)
    static let muted = Style(role: .muted)
    static let problem = Style(role: .error, bold: true)
    static let notice = Style(role: .accent)
    static let selection = Style(role: .selection, reverse: true)
    static let interviewer = Style(role: .marker)

    /// The screen for the current state, drawn into a fresh grid.
    public func view() -> CellGrid {
        var grid = CellGrid(width: max(1, width), height: max(1, height))
        clickTargets = []
        drawingPanel = false
        if isTooSmall {
            drawEnlarge(&grid)
            return grid
        }
        if case .hidden(let passphrase, let wrong) = overlay {
            drawHidden(&grid, passphrase: passphrase, wrong: wrong)
            return grid
        }
        drawHeader(&grid)
        textOverflows = false
        let body = Rect(row: 2, column: 2, width: width - 4, height: height - 5)
        if cursor == .end {
            drawEnd(&grid, in: body)
        } else if let item = currentItem, let ref = cursor.ref {
            drawQuestion(&grid, item: item, ref: ref, in: body)
        }
        drawFooter(&grid)
        if let overlay {
            drawingPanel = true
            drawOverlay(&grid, overlay)
            drawingPanel = false
        }
        return grid
    }

    // MARK: Frame

    func drawEnlarge(_ grid: inout CellGrid) {
        let lines = [ScreenWords.text(.enlarge, uiLanguage), ScreenWords.format(.enlargeDetail, uiLanguage, String(width), String(height))]
        for (i, line) in lines.enumerated() {
            for (j, part) in wrap(line, width: max(1, width - 2)).enumerated() {
                grid.put(part, row: max(0, height / 2 - 1) + i * 2 + j, column: 1)
            }
        }
    }

    func drawHidden(_ grid: inout CellGrid, passphrase: TextEditor, wrong: Bool) {
        // A blank, neutral screen; for a protected session a small passphrase field at the bottom.
        guard options.asksPassphrase else { return }
        let row = height - 2
        let language = uiLanguage
        grid.put(ScreenWords.text(.passphrasePrompt, language), row: row, column: 2, style: Self.muted)
        let masked = String(repeating: "•", count: passphrase.text.count)
        let end = grid.put(masked, row: row, column: 2 + ScreenWords.text(.passphrasePrompt, language).displayWidth + 1)
        grid.cursor = CellPosition(row: row, column: end)
        if wrong { grid.put(ScreenWords.text(.wrongPassphrase, language), row: row - 1, column: 2, style: Self.problem) }
    }

    func drawHeader(_ grid: inout CellGrid) {
        grid.fill(Rect(row: 0, column: 0, width: width, height: 1), style: Self.header)
        let lang = uiLanguage
        let title = questionnaire.title.resolve(lang, defaultLanguage: questionnaire.defaultLanguage).text
        // The session's label first: with several clients a day, which one this is matters most.
        var left = " " + session.label
        left += (session.label.isEmpty ? "" : " · ") + title
        if let item = currentItem, let section = questionnaire.section(item.sectionID) {
            left += " · " + section.title.resolve(lang, defaultLanguage: questionnaire.defaultLanguage).text
        }
        let progress = interview.progress
        let barWidth = 12
        let filled = progress.total == 0 ? 0 : barWidth * progress.answered / progress.total
        var right = String(repeating: "■", count: filled) + String(repeating: "□", count: barWidth - filled)
        right += " " + ScreenWords.format(.questionOf, lang, String(progress.answered), String(progress.total)) + " "
        // The marks are the interviewer's: the client's view does not show them.
        if interviewerView, let ref = cursor.ref {
            let record = interview.answers[ref]
            let symbols = (record.note != nil ? "✎" : "") + (record.followUp ? "⚑" : "") + (record.lawyerOnly ? "⚖" : "")
            if !symbols.isEmpty { right = symbols + "  " + right }
        }
        let rightWidth = right.displayWidth
        grid.put(left.truncated(toWidth: max(1, width - rightWidth - 2)), row: 0, column: 0, style: Self.header.bolded)
        grid.put(right, row: 0, column: width - rightWidth, style: Self.header)
    }

    /// The keys of the current question (the footer's first line): only keys that do something
    /// here, from the question's keymap.
    func footerKeys() -> [String] { questionKeymap().compactMap(\.footer) }

    /// The F-keys that work here, most needed first (the footer's second line, like the
    /// function-key bar of mc or htop); Esc for the menu that holds them all comes last.
    func functionKeys() -> [String] { functionKeymap().compactMap(\.footer) }

    func drawFooter(_ grid: inout CellGrid) {
        grid.horizontalRule(row: height - 3, style: Self.muted)
        drawKeyLines(&grid, footerKeys() + functionKeys(), menu: ScreenWords.text(.keyMenu, uiLanguage), firstRow: height - 2)
    }

    /// The keys on two lines: the question's own first, then the F-keys, and Esc for the menu
    /// always last. F-keys that do not fit are in the menu (the footer says so by ending with it).
    func drawKeyLines(_ grid: inout CellGrid, _ keys: [String], menu: String, firstRow: Int) {
        let gap = 2
        var lines: [[String]] = [[], []]
        var used = [0, 0]
        let room = width - 1
        used[1] = menu.displayWidth + gap
        var line = 0
        for key in keys {
            let w = key.displayWidth + gap
            if used[line] + w > room, line == 0 { line = 1 }
            guard used[line] + w <= room else { break }
            lines[line].append(key)
            used[line] += w
        }
        lines[1].append(menu)
        for (i, keys) in lines.enumerated() {
            var column = 1
            for key in keys {
                let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
                let end = grid.put(parts[0], row: firstRow + i, column: column, style: Self.muted.bolded)
                if parts.count > 1 { grid.put(" " + parts[1], row: firstRow + i, column: end, style: Self.muted) }
                column += key.displayWidth + gap
            }
        }
    }

    // MARK: The question

    func rendered(_ text: LocalizedText?, language lang: String, ref: AnswerRef) -> (String, Bool)? {
        guard let text else { return nil }
        let (raw, fallback) = text.resolve(lang, defaultLanguage: questionnaire.defaultLanguage)
        let entry = ref.entryID.map { (repeatID: ref.repeatID!, entryID: $0) }
        return (Interpolator(interview: interview, language: lang).render(raw, entry: entry), fallback)
    }

    /// The question's texts in one language: marker, prompt, help (and for an info screen, its text).
    func questionLines(_ item: Item, ref: AnswerRef, language lang: String, width w: Int, forInterviewer: Bool) -> [[StyledRun]] {
        var lines: [[StyledRun]] = []
        if let entryID = ref.entryID, let repeatID = ref.repeatID {
            let entries = interview.entries(of: repeatID)
            let n = (entries.firstIndex { $0.entry.id == entryID } ?? 0) + 1
            lines.append([StyledRun(ScreenWords.format(.entryHeading, lang, String(n), String(entries.count)), style: Self.muted)])
        }
        if item.audience == .interviewer {
            lines.append([StyledRun("▌" + ScreenWords.text(.forInterviewer, lang), style: Self.interviewer.bolded)])
        }
        var fellBack = false
        if let (prompt, fallback) = rendered(item.prompt, language: lang, ref: ref) {
            lines += MarkdownRenderer.render(prompt, width: w, style: Style().bolded)
            fellBack = fellBack || fallback
        }
        if let (text, fallback) = rendered(item.text, language: lang, ref: ref) {
            if !lines.isEmpty { lines.append([]) }
            lines += MarkdownRenderer.render(text, width: w)
            fellBack = fellBack || fallback
        }
        if let (help, fallback) = rendered(item.help, language: lang, ref: ref) {
            lines += MarkdownRenderer.render(help, width: w, style: Self.muted)
            fellBack = fellBack || fallback
        }
        if fellBack { lines.append([StyledRun(ScreenWords.text(.fallback, lang), style: Self.muted)]) }
        if forInterviewer {
            if let (note, _) = rendered(item.note, language: interviewerLanguage, ref: ref) {
                lines += MarkdownRenderer.render(ScreenWords.text(.authorNote, interviewerLanguage) + ": " + note, width: w, style: Self.interviewer)
            }
            let record = interview.answers[ref]
            var marks: [String] = []
            if record.followUp { marks.append(ScreenWords.text(.markFollowUp, interviewerLanguage)) }
            if record.lawyerOnly { marks.append(ScreenWords.text(.markLawyer, interviewerLanguage)) }
            if let note = record.note { marks.append(ScreenWords.text(.markNote, interviewerLanguage) + ": " + note) }
            if let t = record.translation { marks.append(ScreenWords.text(.markTranslation, interviewerLanguage) + ": " + t) }
            for mark in marks { lines += wrap("• " + mark, width: w).map { [StyledRun($0, style: Self.interviewer)] } }
        }
        return lines
    }

    func drawQuestion(_ grid: inout CellGrid, item: Item, ref: AnswerRef, in body: Rect) {
        let clientLanguage = languageFor(item)
        let bilingual = interviewerView && clientLanguage != interviewerLanguage
        var row = body.row
        if bilingual && width >= 120 {
            // Side by side: the interviewer's language on the left, the client's on the right.
            let half = (body.width - 3) / 2
            let left = questionLines(item, ref: ref, language: interviewerLanguage, width: half, forInterviewer: true)
            let right = questionLines(item, ref: ref, language: clientLanguage, width: half, forInterviewer: false)
            grid.put(ScreenWords.text(.interviewerLabel, interviewerLanguage) + " (\(interviewerLanguage))", row: row, column: body.column, style: Self.interviewer.bolded)
            grid.put(LanguageNames.name(of: clientLanguage), row: row, column: body.column + half + 3, style: Self.muted.bolded)
            row += 1
            let limit = body.row + body.height / 2
            for (i, line) in left.enumerated() where row + i < limit { grid.put(line, row: row + i, column: body.column, limit: body.column + half) }
            for (i, line) in right.enumerated() where row + i < limit { grid.put(line, row: row + i, column: body.column + half + 3, limit: body.right) }
            grid.verticalRule(row: row, column: body.column + half + 1, length: max(1, min(limit, row + max(left.count, right.count)) - row), style: Self.muted)
            if row + max(left.count, right.count) > limit {
                // The rest is in F1, which shows the whole question in both languages.
                grid.put("↓ " + ScreenWords.text(.moreInHelp, interviewerLanguage), row: limit, column: body.column, style: Self.notice.bolded)
                row += 1
            }
            row += min(limit - row, max(left.count, right.count)) + 1
        } else {
            // In the interviewer's view at this width the interviewer's language comes first, marked
            // with a bar, then the client's; both scroll together when they do not fit.
            var lines: [[StyledRun]] = []
            if bilingual {
                let top = questionLines(item, ref: ref, language: interviewerLanguage, width: body.width - 2, forInterviewer: true)
                lines = top.map { [StyledRun("│ ", style: Self.interviewer)] + $0 } + [[]]
            }
            lines += questionLines(item, ref: ref, language: clientLanguage, width: body.width, forInterviewer: interviewerView && !bilingual)
            // A text longer than the room scrolls with ↑↓ on an information screen; elsewhere F1
            // shows it whole. A marker says there is more.
            let reserve = item.type == .info ? 2 : 4
            let room = max(1, body.bottom - reserve - row)
            let overflow = lines.count > room
            textOverflows = overflow && item.type == .info
            let first = overflow && item.type == .info ? min(textScroll, lines.count - room + 1) : 0
            let shown = overflow ? room - 1 : room
            for line in lines.dropFirst(first).prefix(shown) {
                grid.put(line, row: row, column: body.column, limit: body.right)
                row += 1
            }
            if overflow {
                let words = wordsLanguage
                let more: String
                if item.type != .info { more = "↓ " + ScreenWords.text(.moreInHelp, words) }
                else if first + shown < lines.count { more = "↓ " + ScreenWords.text(.moreBelow, words) }
                else { more = "↑" }
                grid.put(more, row: row, column: body.column, style: Self.notice.bolded)
                row += 1
            }
            row += 1
        }
        // The message (why an answer was not taken) sits under the widget, on up to two lines.
        let message = shownMessage
        let messageLines = message.map { wrap(($0.isProblem ? "! " : "") + $0.text(wordsLanguage), width: body.width) } ?? []
        let messageRow = body.bottom - max(1, min(2, messageLines.count))
        let widgetArea = Rect(row: row, column: body.column, width: body.width, height: max(1, messageRow - row))
        drawWidget(&grid, item: item, ref: ref, in: widgetArea)
        if let message {
            let style = message.isProblem ? Self.problem : Self.notice
            for (i, line) in messageLines.prefix(2).enumerated() {
                grid.put(line, row: messageRow + i, column: body.column, style: style)
            }
        }
    }

    func drawEnd(_ grid: inout CellGrid, in body: Rect) {
        var row = body.row + 1
        let language = uiLanguage
        grid.put(ScreenWords.text(.endTitle, language), row: row, column: body.column, style: Style().bolded)
        row += 2
        let gaps = interview.unansweredRequired.map(\.label)
        let line = gaps.isEmpty ? ScreenWords.text(.endNone, language) : ScreenWords.format(.endRequired, language, gaps.joined(separator: ", "))
        for part in wrap(line, width: body.width) where row < body.bottom {
            grid.put(part, row: row, column: body.column, style: gaps.isEmpty ? Self.muted : Self.notice)
            row += 1
        }
    }
}
