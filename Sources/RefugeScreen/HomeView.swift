#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeCanvas
import RefugeText

extension HomeScreen {
    static let header = Style(role: .accent, reverse: true)
    static let muted = Style(role: .muted)
    static let selection = Style(role: .selection, reverse: true)
    static let problem = Style(role: .error, bold: true)

    public func view() -> CellGrid {
        var grid = CellGrid(width: max(1, width), height: max(1, height))
        if width < 80 || height < 24 {
            grid.put(ScreenWords.text(.enlarge, language), row: height / 2, column: 1)
            grid.put(ScreenWords.format(.enlargeDetail, language, String(width), String(height)).truncated(toWidth: max(1, width - 2)),
                     row: height / 2 + 1, column: 1)
            return grid
        }
        grid.fill(Rect(row: 0, column: 0, width: width, height: 1), style: Self.header)
        grid.put(" Refuge · Sessions on this computer", row: 0, column: 0, style: Self.header.bolded)
        if case .form(let form) = mode {
            drawForm(&grid, form)
        } else {
            drawList(&grid)
        }
        if mode == .help {
            // The list's keys in a box over it, every one, from the keymap.
            let lines = helpLines
            let box = Rect(row: 2, column: 4, width: min(width - 8, 64), height: lines.count + 4)
            grid.fill(box)
            grid.box(box, style: Style(role: .accent), title: " Keys ", titleStyle: Style(role: .accent, bold: true))
            for (i, line) in lines.enumerated() { grid.put(line.truncated(toWidth: box.width - 4), row: box.row + 2 + i, column: box.column + 2) }
        }
        if let message {
            for (i, line) in wrap(message.text, width: width - 4).prefix(2).enumerated() {
                grid.put(line, row: height - 4 + i, column: 2, style: message.isProblem ? Self.problem : Style(role: .accent))
            }
        }
        grid.horizontalRule(row: height - 2, style: Self.muted)
        // Made from the home keymap (HomeKeymap.swift): only keys that do something here.
        let keys = footerLine
        grid.put(" " + keys, row: height - 1, column: 0, style: Self.muted)
        return grid
    }

    func drawList(_ grid: inout CellGrid) {
        var row = 2
        if rows.isEmpty {
            grid.put("No sessions yet. Press n to start one.", row: row, column: 2, style: Self.muted)
            return
        }
        // Fits 80 columns: 2 + 15 + 21 + 4 + 8 + 16 + 4 and 5 separators = 75.
        let columns = [("LABEL", 15), ("QUESTIONNAIRE", 21), ("LANG", 4), ("PROGRESS", 8), ("LAST CHANGE", 16), ("LOCK", 4)]
        var column = 2
        for (title, w) in columns {
            grid.put(title, row: row, column: column, style: Self.muted.bolded)
            column += w + 1
        }
        row += 1
        if let filter {
            grid.put("Find: " + filter + "▏", row: height - 6, column: 2, style: Style(role: .accent).bolded)
        }
        let visible = visibleRows
        if visible.isEmpty {
            grid.put("No session's label contains “\(filter ?? "")”.", row: row, column: 2, style: Self.muted)
        }
        let space = height - 9
        let position = highlightPosition
        let first = max(0, min(position - space / 2, visible.count - space))
        if first > 0 { grid.put("↑", row: row, column: width - 2, style: Self.muted.bolded) }
        if first + space < visible.count { grid.put("↓", row: row + space - 1, column: width - 2, style: Self.muted.bolded) }
        for (offset, index) in visible.dropFirst(first).prefix(space).enumerated() {
            let r = rows[index]
            let style = index == highlight ? Self.selection : .plain
            grid.fill(Rect(row: row + offset, column: 1, width: width - 3, height: 1), style: style)
            let values = [r.label.isEmpty ? r.id : r.label, r.questionnaire, r.language, r.progress, r.updated, r.isProtected ? "yes" : "no"]
            column = 2
            for ((_, w), value) in zip(columns, values) {
                grid.put(value.truncated(toWidth: w), row: row + offset, column: column, style: style)
                column += w + 1
            }
        }
        switch mode {
        case .confirmQuit:
            grid.put("Quit Refuge? Press y to quit, any other key to stay.", row: height - 5, column: 2, style: Self.problem)
        case .confirmReport(let index):
            if let r = rows[safe: index] {
                grid.put("Write a report for \(r.label.isEmpty ? r.id : r.label) into the reports folder (an unencrypted copy)? Press y.".truncated(toWidth: width - 4),
                         row: height - 5, column: 2, style: Self.problem)
            }
        case .confirmDelete(let index):
            if let r = rows[safe: index] {
                grid.put("Delete the session \(r.label.isEmpty ? r.id : r.label) and its backups? This cannot be undone. Press y to delete.".truncated(toWidth: width - 4),
                         row: height - 5, column: 2, style: Self.problem)
            }
        case .passphrase(_, let editor):
            grid.put("Passphrase: " + String(repeating: "•", count: editor.text.count), row: height - 5, column: 2, style: Style().bolded)
            grid.cursor = CellPosition(row: height - 5, column: 14 + editor.text.count)
        default: break
        }
    }

    func drawForm(_ grid: inout CellGrid, _ form: Form) {
        let picksFile = form.questionnaire == choices.count
        let choice = picksFile ? form.fileChoice : choices[safe: form.questionnaire]
        let languages = choice?.languages ?? []
        var fields: [(String, String)] = [
            // A long title is shortened with a visible "…", never cut at the edge.
            ("Questionnaire", picksFile ? "a file: " + form.path.text
                : "‹ " + (choice?.title ?? "-").truncated(toWidth: max(8, width - 46)) + " ›"),
            ("Client's language", "‹ \(languages[safe: form.language].map { LanguageNames.name(of: $0) } ?? "-") ›"),
            ("Interviewer's language", "‹ \(languages[safe: form.interviewerLanguage].map { LanguageNames.name(of: $0) } ?? "-") ›"),
            ("Label (a case number, not a name)", form.label.text),
            ("Who holds the keyboard", form.interviewerHolds ? "‹ the interviewer (F12 view) ›" : "‹ the client ›"),
            ("Protect with a passphrase", form.protect ? "‹ yes ›" : "‹ no passphrase ›"),
        ]
        if form.protect {
            fields.append(("Passphrase", String(repeating: "•", count: form.passphrase.text.count)))
            fields.append(("The same passphrase again", String(repeating: "•", count: form.again.text.count)))
        }
        grid.put("New session", row: 2, column: 2, style: Style().bolded)
        for (i, field) in fields.enumerated() {
            let row = 4 + i * 2
            let focused = i == form.field
            grid.put((focused ? "▸ " : "  ") + field.0, row: row, column: 2, style: focused ? Style().bolded : Self.muted)
            let end = grid.put(field.1, row: row, column: 40, style: focused ? Self.selection : .plain)
            if focused && ([3, 6, 7].contains(i) || (i == 0 && picksFile)) { grid.cursor = CellPosition(row: row, column: end) }
        }
        if form.protect {
            grid.put("There is no way to recover a forgotten passphrase.", row: 4 + fields.count * 2, column: 4, style: Self.muted)
        }
    }
}
