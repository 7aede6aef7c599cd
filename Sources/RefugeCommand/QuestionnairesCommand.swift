import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeQuestionnaire

struct QuestionnairesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaires",
        abstract: "List the questionnaires installed with the program and in your own folder.",
        discussion: "With --json, one JSON array for scripts (its fields are listed in the README)."
    )

    @Flag(help: "Print one JSON array (stable fields, see the README) instead of lines.")
    var json = false

    func run() throws {
        let catalog = Places.current().catalog
        let entries = catalog.all()
        if json {
            print(try CommandJSON.text(entries.map(QuestionnaireListJSON.init)))
            return
        }
        if entries.isEmpty {
            print(TerminalSafe.line("No questionnaires found. Shipped folder: \(catalog.shippedFolders.joined(separator: ", ")); your folder: \(catalog.userFolder ?? "-")"))
            return
        }
        for entry in entries {
            if let q = entry.result.questionnaire {
                let title = q.title.resolve("en", defaultLanguage: q.defaultLanguage).text
                print([q.id, q.version, q.languages.joined(separator: ","), title, "(\(entry.origin.rawValue): \(entry.path))"].map(TerminalSafe.line).joined(separator: "\t"))
            } else {
                print(["(not valid)", "-", "-", "\(entry.result.errors.count) errors; run `refuge validate \(entry.path)`",
                       "(\(entry.origin.rawValue): \(entry.path))"].map(TerminalSafe.line).joined(separator: "\t"))
            }
        }
    }
}
