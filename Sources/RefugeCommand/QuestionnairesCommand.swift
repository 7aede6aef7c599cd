import ArgumentParser
import Foundation
import RefugeQuestionnaire

struct QuestionnairesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaires",
        abstract: "List the questionnaires installed with the program and in your own folder."
    )

    func run() throws {
        let catalog = Places.current().catalog
        let entries = catalog.all()
        if entries.isEmpty {
            print("No questionnaires found. Shipped folder: \(catalog.shippedFolders.joined(separator: ", ")); your folder: \(catalog.userFolder ?? "-")")
            return
        }
        for entry in entries {
            if let q = entry.result.questionnaire {
                let title = q.title.resolve("en", defaultLanguage: q.defaultLanguage).text
                print("\(q.id)\t\(q.version)\t\(q.languages.joined(separator: ","))\t\(title)\t(\(entry.origin.rawValue): \(entry.path))")
            } else {
                print("(not valid)\t-\t-\t\(entry.result.errors.count) errors; run `refuge validate \(entry.path)`\t(\(entry.origin.rawValue): \(entry.path))")
            }
        }
    }
}
