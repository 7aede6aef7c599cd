import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics
import RefugeVersion

@main
struct Refuge: ParsableCommand {
    /// Runs the command with the exit codes of the spec: 0 success, 1 a failure explained in one
    /// line, 2 a usage error (ArgumentParser's own default for those is 64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        MallocTuning.apply(arguments: arguments)
        _ = ProgramLocale.outcome
        do {
            if let route = DirectRoute(arguments: arguments) {
                try route.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = TerminalSafe.text(fullMessage(for: error))
            if code == .success {
                if !message.isEmpty { print(message) }
                exitProcess(0)
            }
            if !message.isEmpty { StandardStream.error.write(Data((message + "\n").utf8)) }
            if code.rawValue == 64 { exitProcess(2) }
            exitProcess(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "refuge",
        abstract: "Prepare for a credible fear interview: a guided, offline interview and a summary for the attorney.",
        discussion: "Without a command, opens the full-screen program on the home screen.\n\nVersion \(RefugeVersion.full).",
        version: "refuge \(RefugeVersion.full)",
        subcommands: [
            NewCommand.self, ResumeCommand.self, ListCommand.self, ValidateCommand.self,
            QuestionnairesCommand.self, DeleteCommand.self, AnswerCommand.self, ReportCommand.self, ManualCommand.self,
            ImportCommand.self,
        ]
    )

    func run() throws {
        try HomeLauncher.run()
    }
}
