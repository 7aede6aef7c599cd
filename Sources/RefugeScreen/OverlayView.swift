#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import RefugeText

extension InterviewScreen {
    /// A framed panel in the middle of the screen, cleared, with a title.
    func panel(_ grid: inout CellGrid, title: String, width w: Int, height h: Int) -> Rect {
        let pw = min(width - 4, w), ph = min(height - 2, h)
        let rect = Rect(row: (height - ph) / 2, column: (width - pw) / 2, width: pw, height: ph)
        grid.fill(rect)
        grid.box(rect, style: Self.notice, title: " " + title + " ", titleStyle: Self.notice.bolded)
        let inner = rect.inset(by: 1)
        return Rect(row: inner.row, column: inner.column + 1, width: max(1, inner.width - 2), height: inner.height)
    }

    func drawOverlay(_ grid: inout CellGrid, _ overlay: Overlay) {
        let lang = uiLanguage
        grid.cursor = nil
        switch overlay {
        case .help(let scroll):
            let inner = panel(&grid, title: ScreenWords.text(.helpTitle, lang), width: 76, height: height - 2)
            let lines = helpLines(width: inner.width)
            let rows = inner.height - 1
            let first = max(0, min(scroll, lines.count - rows))
            for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
                grid.put(line, row: inner.row + i, column: inner.column, limit: inner.right)
            }
            grid.put(keyLine(overlayKeymap(overlay), language: lang), row: inner.bottom - 1, column: inner.column, style: Self.muted)
            if first > 0 { grid.put("↑", row: inner.row, column: inner.right, style: Self.notice.bolded) }
            if first + rows < lines.count { grid.put("↓", row: inner.row + rows - 1, column: inner.right, style: Self.notice.bolded) }
        case .menu(let highlight):
            let actions = MenuAction.allCases
            let inner = panel(&grid, title: ScreenWords.text(.menuTitle, lang), width: 52, height: actions.count + 3)
            for (i, action) in actions.enumerated() {
                let label = " " + ScreenWords.text(action.word, lang)
                let line = label + String(repeating: " ", count: max(1, inner.width - label.displayWidth - action.key.displayWidth - 1)) + action.key
                grid.put(line, row: inner.row + i, column: inner.column, style: i == highlight ? Self.selection : .plain, limit: inner.right)
                addClickTarget(row: inner.row + i, columns: inner.column..<inner.right, .menu(i))
            }
            grid.put(keyLine(overlayKeymap(overlay), language: lang), row: inner.bottom - 1, column: inner.column, style: Self.muted)
        case .dontKnow(let highlight):
            let texts = dontKnowChoices.map { status in
                " " + bothLanguages(languageFor(currentItem)) { ProgramWords.text(status == .dontKnow ? .dontKnow : .preferNotToSay, $0) } + " "
            }
            // As wide as its longest line (both languages in the interviewer's view), so nothing is cut.
            let panelWidth = max(44, (texts.map(\.displayWidth).max() ?? 0) + 6)
            let inner = panel(&grid, title: ScreenWords.text(.dontKnowMenuTitle, lang), width: panelWidth, height: dontKnowChoices.count + 4)
            for (i, text) in texts.enumerated() {
                grid.put(text, row: inner.row + i, column: inner.column, style: i == highlight ? Self.selection : .plain, limit: inner.right)
                addClickTarget(row: inner.row + i, columns: inner.column..<inner.right, .dontKnow(i))
            }
            grid.put(keyLine(overlayKeymap(overlay), language: lang), row: inner.bottom - 1, column: inner.column, style: Self.muted)
        case .note(let editor), .translation(let editor):
            let isNote: Bool = { if case .note = overlay { return true } else { return false } }()
            let il = interviewerLanguage
            let inner = panel(&grid, title: ScreenWords.text(isNote ? .noteTitle : .translationTitle, il), width: 66, height: 12)
            var e = editor
            let field = Rect(row: inner.row, column: inner.column, width: inner.width, height: inner.height - 2)
            e.scrollToCursor(width: field.width, height: field.height)
            grid.put(e.viewport(width: field.width, height: field.height), in: field)
            grid.put(keyLine(overlayKeymap(overlay), language: il), row: inner.bottom - 1, column: inner.column, style: Self.muted)
        case .review(let highlight):
            drawReview(&grid, highlight: highlight)
        case .saveFailed(let detail):
            let inner = panel(&grid, title: ScreenWords.text(.notSaved, lang), width: 70, height: 10)
            var row = inner.row
            // One line per key, from the panel's keymap.
            let keys = overlayKeymap(overlay).compactMap(\.footer)
            for line in wrap(ScreenWords.format(.saveFailed, lang, detail), width: inner.width) where row < inner.bottom - keys.count - 1 {
                grid.put(line, row: row, column: inner.column, style: Self.notice)
                row += 1
            }
            for (i, key) in keys.enumerated() { grid.put(key, row: inner.bottom - keys.count + i, column: inner.column) }
        case .hidden:
            break
        case .quitUnsaved(let dialog):
            drawQuitDialog(&grid, dialog)
        }
    }

    /// The help panel's size, for scrolling it from the keys.
    var helpWidth: Int { max(1, min(width - 4, 76) - 4) }
    var helpRows: Int { max(1, min(height - 2, height - 2) - 3) }

    /// The help panel: the whole question (in both languages in the interviewer's view), its
    /// help, then every key that works here.
    func helpLines(width w: Int) -> [[StyledRun]] {
        let lang = uiLanguage
        var lines: [[StyledRun]] = []
        if let item = currentItem, let ref = cursor.ref {
            let clientLanguage = languageFor(item)
            lines += questionLines(item, ref: ref, language: clientLanguage, width: w, forInterviewer: false)
            if interviewerView, interviewerLanguage != clientLanguage {
                lines.append([])
                lines += questionLines(item, ref: ref, language: interviewerLanguage, width: w - 2, forInterviewer: true)
                    .map { [StyledRun("│ ", style: Self.interviewer)] + $0 }
            }
            if item.help == nil {
                lines.append([])
                lines.append([StyledRun(ScreenWords.text(.noHelp, lang), style: Self.muted)])
            }
            lines.append([])
        }
        lines.append([StyledRun(ScreenWords.text(.helpKeys, lang), style: Style().bolded)])
        // Every key that works here, from the keymaps: the question's, then the F-keys in the
        // menu's order, Ctrl-C and Esc.
        for binding in questionKeymap() where !binding.help.isEmpty { lines.append([StyledRun("  " + binding.helpLine(lang))]) }
        let order = MenuAction.allCases.map(\.key)
        let functions = functionKeymap().enumerated().sorted { a, b in
            let x = order.firstIndex(of: KeyNames.name(a.element.keys[0], lang)) ?? order.count
            let y = order.firstIndex(of: KeyNames.name(b.element.keys[0], lang)) ?? order.count
            return x != y ? x < y : a.offset < b.offset
        }
        for (_, binding) in functions { lines.append([StyledRun("  " + binding.helpLine(lang))]) }
        return lines
    }

    func drawReview(_ grid: inout CellGrid, highlight: Int) {
        let lang = uiLanguage
        let area = Rect(row: 1, column: 0, width: width, height: height - 1)
        grid.fill(area)
        grid.put(" " + ScreenWords.text(.reviewTitle, lang), row: 1, column: 0, style: Style().bolded)
        var row = 2
        // Points to clarify are for the interviewer: the client's view does not list them.
        let checks = interviewerView ? interview.holdingChecks.filter { $0.kind == .clarify } : []
        if !checks.isEmpty {
            let il = interviewerLanguage
            grid.put(" " + ScreenWords.text(.clarifyTitle, il) + ":", row: row, column: 0, style: Self.notice.bolded)
            row += 1
            for check in checks.prefix(4) {
                grid.put(("  • " + check.message.resolve(il, defaultLanguage: questionnaire.defaultLanguage).text).truncated(toWidth: width - 1),
                         row: row, column: 0, style: Self.notice)
                row += 1
            }
        }
        row += 1
        let rows = reviewRows()
        let space = height - 2 - row
        let first = max(0, min(highlight - space / 2, rows.count - space))
        let answerColumn = width * 3 / 5
        for (offset, r) in rows.dropFirst(first).prefix(space).enumerated() {
            let index = first + offset
            let style: Style = index == highlight ? Self.selection : .plain
            grid.fill(Rect(row: row + offset, column: 0, width: width, height: 1), style: style)
            let text = String(repeating: " ", count: 1 + r.indent) + r.text
            grid.put(text.truncated(toWidth: answerColumn - 2), row: row + offset, column: 0, style: style)
            let answer = r.answer.replacingEvery("\n", with: " ") + (r.marks.isEmpty ? "" : "  [" + r.marks + "]")
            grid.put(answer.truncated(toWidth: width - answerColumn - 1), row: row + offset, column: answerColumn, style: style)
        }
        grid.horizontalRule(row: height - 2, style: Self.muted)
        grid.put(" " + keyLine(overlayKeymap(.review(highlight: highlight)), language: lang), row: height - 1, column: 0, style: Self.muted)
    }
}
