import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession

extension InterviewScreen {
    func drawWidget(_ grid: inout CellGrid, item: Item, ref: AnswerRef, in area: Rect) {
        guard area.height > 0 else { return }
        let lang = languageFor(item)
        let record = interview.answers[ref]
        // A don't know / prefer not to say answer is shown above the widget.
        var area = area
        if record.status == .dontKnow || record.status == .refused {
            let text = ProgramWords.text(record.status == .dontKnow ? .dontKnow : .preferNotToSay, lang)
            grid.put("● " + text, row: area.row, column: area.column, style: Self.notice.bolded)
            area = Rect(row: area.row + 1, column: area.column, width: area.width, height: max(1, area.height - 1))
        }
        switch item.type {
        case .info, .calculate:
            grid.put(ScreenWords.text(.enterHint, lang), row: area.row, column: area.column, style: Self.muted)
        case .text, .number, .date:
            drawTextField(&grid, item: item, in: area, language: lang)
        case .longtext:
            drawLongText(&grid, in: area)
        case .yesno:
            drawYesNo(&grid, in: area, language: lang)
        case .choice, .multichoice:
            drawChoices(&grid, item: item, in: area, language: lang)
        case .repeat:
            drawRepeat(&grid, item: item, in: area, language: lang)
        }
    }

    func drawTextField(_ grid: inout CellGrid, item: Item, in area: Rect, language lang: String) {
        guard var editor = widget.editor else { return }
        let fieldWidth = min(area.width - 2, item.type == .text ? area.width - 2 : 30)
        editor.scrollToCursor(width: fieldWidth, height: 1)
        let field = Rect(row: area.row, column: area.column + 1, width: fieldWidth, height: 1)
        grid.put("›", row: area.row, column: area.column, style: Self.notice.bolded)
        grid.put(editor.viewport(width: fieldWidth, height: 1), in: field, style: Style(underline: true), showCursor: overlay == nil)
        if item.type == .date, area.height > 1 {
            let typed = editor.text.trimmingCharacters(in: .whitespaces)
            var echo = ""
            if typed.isEmpty {
                echo = ScreenWords.text(.dateNotYet, lang)
            } else if case .success(let d) = PartialDate.parseTyped(typed) {
                echo = ScreenWords.format(.dateMeans, lang, d.isoString + (d.approximate ? " (" + ProgramWords.text(.approximate, lang) + ")" : ""))
            } else {
                echo = ScreenWords.text(.dateNotYet, lang)
            }
            grid.put(echo.truncated(toWidth: area.width), row: area.row + 1, column: area.column + 1, style: Self.muted)
        }
    }

    func drawLongText(_ grid: inout CellGrid, in area: Rect) {
        guard var editor = widget.editor else { return }
        let box = Rect(row: area.row, column: area.column, width: area.width, height: max(3, area.height))
        grid.box(box, style: Self.muted)
        let inner = box.inset(by: 1)
        editor.scrollToCursor(width: inner.width, height: inner.height)
        grid.put(editor.viewport(width: inner.width, height: inner.height), in: inner, showCursor: overlay == nil)
    }

    func drawYesNo(_ grid: inout CellGrid, in area: Rect, language lang: String) {
        let options = [ProgramWords.text(.yes, lang), ProgramWords.text(.no, lang)]
        var column = area.column + 1
        for (i, option) in options.enumerated() {
            let chosen = widget.highlight == i
            let text = (chosen ? "(●) " : "( ) ") + option
            grid.put(" " + text + " ", row: area.row, column: column, style: chosen ? Self.selection : .plain)
            column += text.displayWidth + 6
        }
    }

    func drawChoices(_ grid: inout CellGrid, item: Item, in area: Rect, language lang: String) {
        let f = AnswerFormatter(questionnaire: questionnaire, language: lang)
        let visible = widget.visibleChoices(item, formatter: f)
        var rows = area.height
        var top = area.row
        if !widget.filter.isEmpty {
            grid.put(ScreenWords.format(.filter, lang, widget.filter), row: top, column: area.column, style: Self.notice)
            top += 1; rows -= 1
        }
        let showOther = item.other && (widget.editingOther || (item.type == .multichoice && widget.selected.contains("other"))
            || (item.type == .choice && item.choices[safe: widget.highlight]?.value == "other"))
        if showOther { rows -= 2 }
        rows = max(1, rows)
        let position = visible.firstIndex(of: widget.highlight) ?? 0
        let first = max(0, min(position - rows / 2, visible.count - rows))
        for (offset, index) in visible.dropFirst(first).prefix(rows).enumerated() {
            let choice = item.choices[index]
            let highlighted = index == widget.highlight && !widget.editingOther
            let mark: String
            if item.type == .multichoice {
                mark = widget.selected.contains(choice.value) ? "[x]" : "[ ]"
            } else {
                let current = interview.answers[cursor.ref!].value == .choice(choice.value)
                mark = current ? "(●)" : "( )"
            }
            let number = index < 9 && widget.filter.isEmpty ? "\(index + 1)." : "  "
            let line = " \(number) \(mark) \(f.label(of: choice, in: item)) "
            grid.put(line.truncated(toWidth: area.width), row: top + offset, column: area.column, style: highlighted ? Self.selection : .plain)
        }
        if first > 0 { grid.put("↑", row: top, column: area.right - 1, style: Self.muted) }
        if first + rows < visible.count { grid.put("↓", row: top + rows - 1, column: area.right - 1, style: Self.muted) }
        if showOther {
            let row = top + min(rows, visible.count) + 1
            let label = ScreenWords.text(.otherPrompt, lang)
            grid.put(label, row: row, column: area.column + 1, style: widget.editingOther ? Self.notice.bolded : Self.muted)
            let start = area.column + 2 + label.displayWidth
            var editor = widget.other
            let w = max(10, area.right - start - 1)
            editor.scrollToCursor(width: w, height: 1)
            grid.put(editor.viewport(width: w, height: 1), in: Rect(row: row, column: start, width: w, height: 1),
                     style: Style(underline: true), showCursor: widget.editingOther && overlay == nil)
        }
    }

    func drawRepeat(_ grid: inout CellGrid, item: Item, in area: Rect, language lang: String) {
        let entries = interview.entries(of: item.id)
        var row = area.row
        if entries.isEmpty {
            grid.put(ScreenWords.text(.noEntries, lang), row: row, column: area.column + 1, style: Self.muted)
            row += 1
        }
        let interpolator = Interpolator(interview: interview, language: lang)
        for (i, entry) in entries.enumerated() where row < area.bottom - 1 {
            var label = "\(ProgramWords.text(.entry, lang)) \(i + 1)"
            if let template = item.entryLabel?.resolve(lang, defaultLanguage: questionnaire.defaultLanguage).text {
                label = "\(i + 1). " + interpolator.render(template, entry: (repeatID: item.id, entryID: entry.entry.id))
            }
            let highlighted = i == widget.highlight
            grid.put((" " + label + " ").truncated(toWidth: area.width), row: row, column: area.column, style: highlighted ? Self.selection : .plain)
            row += 1
        }
        let expected = interview.path.repeats[item.id]?.expectedCount
        if expected == nil || entries.count < expected! {
            grid.put(ScreenWords.text(.addEntry, lang), row: min(row, area.bottom - 1), column: area.column + 1, style: Self.notice)
            row += 1
        }
        if let pending = widget.confirmDelete, let n = entries.firstIndex(where: { $0.entry.id == pending }) {
            grid.put(ScreenWords.format(.deleteEntryConfirm, lang, String(n + 1)).truncated(toWidth: area.width),
                     row: min(row, area.bottom - 1), column: area.column, style: Self.problem)
        }
    }
}
