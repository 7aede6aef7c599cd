import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeSession
import RefugeText

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the sessions: label, questionnaire, language, progress, last change, protected or not.",
        discussion: "Newest first. With --json, one JSON array for scripts (its fields are listed in the README).")

    @Flag(help: "Print one JSON array (stable fields, see the README) instead of a table.")
    var json = false

    func run() throws {
        try Self.printSessions(json: json)
    }

    /// The listing itself, also printed by `refuge` alone when there is no full terminal (a
    /// `ListCommand()` made without parsing cannot read its own `json` flag).
    static func printSessions(json: Bool) throws {
        let access = SessionAccess()
        let sessions = access.store.list()
        if json {
            print(try CommandJSON.text(sessions.map(SessionListJSON.init)))
            return
        }
        if sessions.isEmpty {
            print(TerminalSafe.line("No sessions yet in \(access.places.sessions). Start one with `refuge new`."))
            return
        }
        var rows = [["ID", "LABEL", "QUESTIONNAIRE", "LANGUAGE", "PROGRESS", "LAST CHANGE", "PROTECTED"]]
        for s in sessions {
            guard let h = s.header else {
                rows.append([TerminalSafe.line(s.url.deletingPathExtension().lastPathComponent), "(cannot be read)", "-", "-", "-", "-", "-"])
                continue
            }
            rows.append([h.id, h.label.isEmpty ? "-" : h.label, "\(h.questionnaire.id) \(h.questionnaire.version)",
                         h.language, "\(h.progress.answered)/\(h.progress.total)", LocalTime.minuteText(h.updated),
                         s.isProtected ? "yes" : "no"].map(TerminalSafe.line))
        }
        print(TextTable.render(rows))
    }
}

/// Columns padded by display width (a CJK character or an emoji takes two columns, a combining
/// accent none), so wide characters keep the columns aligned.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell)) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
