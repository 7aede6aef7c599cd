#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeCanvas
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession
import RefugeText

extension InterviewScreen {
    func drawWidget(_ grid: inout CellGrid, item: Item, ref: AnswerRef, in area: Rect) {
        guard area.height > 0 else { return }
        let lang = languageFor(item)
        let words = wordsLanguage
        let record = interview.answers[ref]
        // A don't know / prefer not to say answer is shown above the widget.
        var area = area
        if record.status == .dontKnow || record.status == .refused {
            let text = bothLanguages(lang) { ProgramWords.text(record.status == .dontKnow ? .dontKnow : .preferNotToSay, $0) }
            grid.put("● " + text, row: area.row, column: area.column, style: Self.notice.bolded)
            area = Rect(row: area.row + 1, column: area.column, width: area.width, height: max(1, area.height - 1))
        }
        switch item.type {
        case .info, .calculate:
            grid.put(ScreenWords.text(.enterHint, words), row: area.row, column: area.column, style: Self.muted)
        case .text, .number, .date:
            drawTextField(&grid, item: item, in: area, language: words)
        case .longtext:
            drawLongText(&grid, in: area)
        case .yesno:
            drawYesNo(&grid, in: area, language: lang)
        case .choice, .multichoice:
            drawChoices(&grid, item: item, in: area, language: lang)
        case .repeat:
            drawRepeat(&grid, item: item, in: area, language: words)
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
            let typed = editor.text.trimmingSpaces
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
        longTextRows = inner.height
        longTextWidth = inner.width
        editor.scrollToCursor(width: inner.width, height: inner.height)
        grid.put(editor.viewport(width: inner.width, height: inner.height), in: inner, showCursor: overlay == nil)
    }

    func drawYesNo(_ grid: inout CellGrid, in area: Rect, language lang: String) {
        let options = [bothLanguages(lang) { ProgramWords.text(.yes, $0) }, bothLanguages(lang) { ProgramWords.text(.no, $0) }]
        var column = area.column + 1
        for (i, option) in options.enumerated() {
            let chosen = widget.highlight == i
            let text = (chosen ? "(●) " : "( ) ") + option
            grid.put(" " + text + " ", row: area.row, column: column, style: chosen ? Self.selection : .plain)
            addClickTarget(row: area.row, columns: column..<(column + text.displayWidth + 2), .yesNo(i))
            column += text.displayWidth + 6
        }
    }

    func drawChoices(_ grid: inout CellGrid, item: Item, in area: Rect, language lang: String) {
        let f = AnswerFormatter(questionnaire: questionnaire, language: lang)
        let visible = widget.visibleChoices(item, formatter: f)
        var rows = area.height
        var top = area.row
        if !widget.filter.isEmpty {
            grid.put(ScreenWords.format(.filter, wordsLanguage, widget.filter), row: top, column: area.column, style: Self.notice)
            top += 1; rows -= 1
        }
        let showOther = item.other && (widget.editingOther || (item.type == .multichoice && widget.selected.contains("other"))
            || (item.type == .choice && item.choices[safe: widget.highlight]?.value == "other"))
        if showOther { rows -= 2 }
        rows = max(1, rows)
        // Each choice wraps over as many lines as its label needs; the right-most column is kept
        // for the ↑/↓ marks that say the list goes on.
        let labelWidth = max(8, area.width - 11)
        let blocks: [[String]] = visible.map { index in
            let label = bothLanguages(lang) { AnswerFormatter(questionnaire: questionnaire, language: $0).label(of: item.choices[index], in: item) }
            let lines = wrap(label, width: labelWidth)
            return lines.isEmpty ? [""] : lines
        }
        let position = visible.firstIndex(of: widget.highlight) ?? 0
        // The first choice shown: the highlight about a third of the way down when the list is longer than the room.
        var first = position
        var used = blocks[safe: position]?.count ?? 0
        while first > 0, used + blocks[first - 1].count <= max(rows / 3, rows - remainingHeight(blocks, from: position + 1, limit: rows)) {
            first -= 1
            used += blocks[first].count
        }
        var row = top
        var last = first - 1
        for (offset, index) in visible.enumerated().dropFirst(first) {
            let block = blocks[offset]
            // A block that does not fit whole waits for the next page, unless it is the only one.
            if row + block.count > top + rows && row > top { break }
            let choice = item.choices[index]
            let highlighted = index == widget.highlight && !widget.editingOther
            let mark: String
            if item.type == .multichoice {
                mark = widget.selected.contains(choice.value) ? "[x]" : "[ ]"
            } else {
                // The row Enter will record; nothing is marked until the client chooses.
                mark = index == widget.highlight ? "(●)" : "( )"
            }
            let number = index < 9 && widget.filter.isEmpty ? "\(index + 1)." : "  "
            let style = highlighted ? Self.selection : .plain
            for (i, text) in block.enumerated() where row < top + rows {
                let lead = i == 0 ? " \(number) \(mark) " : String(repeating: " ", count: 9)
                grid.put(lead + text + " ", row: row, column: area.column, style: style, limit: area.right - 1)
                addClickTarget(row: row, columns: area.column..<(area.right - 1), .choice(index))
                row += 1
            }
            last = offset
        }
        if first > 0 { grid.put("↑", row: top, column: area.right - 1, style: Self.notice.bolded) }
        if last < visible.count - 1 { grid.put("↓", row: max(top, row - 1), column: area.right - 1, style: Self.notice.bolded) }
        if showOther {
            let row = min(row, top + rows) + 1
            let label = ScreenWords.text(.otherPrompt, wordsLanguage)
            grid.put(label, row: row, column: area.column + 1, style: widget.editingOther ? Self.notice.bolded : Self.muted)
            let start = area.column + 2 + label.displayWidth
            var editor = widget.other
            let w = max(10, area.right - start - 1)
            editor.scrollToCursor(width: w, height: 1)
            grid.put(editor.viewport(width: w, height: 1), in: Rect(row: row, column: start, width: w, height: 1),
                     style: Style(underline: true), showCursor: widget.editingOther && overlay == nil)
        }
    }

    /// How many of `limit` rows the blocks from `start` on would fill.
    func remainingHeight(_ blocks: [[String]], from start: Int, limit: Int) -> Int {
        var total = 0
        for block in blocks.dropFirst(start) {
            total += block.count
            if total >= limit { return limit }
        }
        return total
    }

    /// A text in the client's language and, in the interviewer's view, also in the interviewer's.
    func bothLanguages(_ clientLanguage: String, _ text: (String) -> String) -> String {
        let client = text(clientLanguage)
        guard interviewerView, interviewerLanguage != clientLanguage else { return client }
        let other = text(interviewerLanguage)
        return other == client ? client : client + " · " + other
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
