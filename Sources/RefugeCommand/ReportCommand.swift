import ArgumentParser
import Foundation
import RefugeReport
import RefugeSession

extension ReportFormat: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The summary for the attorney, as text, Markdown, HTML or JSON.",
        discussion: """
        By default each question is shown in the client's language and, where it differs, in the \
        interviewer's language. With -o the report is written to FILE (mode 0600); otherwise it goes \
        to standard output.
        """)

    @Argument(help: "The session: id, path, exact label or unique id prefix.", completion: Completions.sessions)
    var session: String
    @Option(help: "text, markdown, html or json.") var format: ReportFormat = .text
    @Option(help: "Show only this language.") var language: String?
    @Flag(help: "Withhold answers to sensitive questions and answers marked for the lawyer only.") var redact = false
    @Flag(help: "Include the questionnaire's notes for the interviewer and attorney.") var notes = false
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output (`-`: standard output).", completion: .file()) var output: String?
    @OptionGroup var passphraseOptions: PassphraseOptions

    func run() throws {
        let access = SessionAccess()
        let (session, questionnaire) = try access.read(self.session, passphraseFile: passphraseOptions.passphraseFile)
        if let language, !questionnaire.languages.contains(language) {
            throw CommandFailure("This questionnaire has no language \(language); it has \(questionnaire.languages.joined(separator: ", ")).")
        }
        let options = ReportOptions(language: language, redact: redact, notes: notes, now: Date())
        // `-o -` is standard output, as for most Unix tools.
        guard let output, output != "-" else {
            let text = ReportWriter.render(session: session, questionnaire: questionnaire, format: format, options: options)
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: output)
        let path: String
        do {
            path = try ReportWriter.write(session: session, questionnaire: questionnaire, format: format, options: options, to: url)
        } catch let failure as ReportWriteError {
            throw CommandFailure(failure.description)
        }
        access.note("Report written to \(path).")
        if let sessionURL = try? access.store.resolve(self.session), access.store.isProtected(sessionURL) {
            access.note("This session is protected, but the report is an unencrypted copy: keep it safe and delete it when it is no longer needed.")
        }
    }
}
