import ArgumentParser
import Foundation

@main
struct Refuge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refuge",
        abstract: "Prepare for a credible fear interview: a guided, offline interview and a summary for the attorney.",
        discussion: "Without a command, opens the full-screen program on the home screen.",
        subcommands: [
            NewCommand.self, ResumeCommand.self, ListCommand.self, ValidateCommand.self,
            QuestionnairesCommand.self, DeleteCommand.self, AnswerCommand.self, ReportCommand.self,
        ]
    )
}
