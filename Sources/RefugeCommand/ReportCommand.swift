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
import RefugeExpressions
import RefugeReport
import RefugeSession

extension Redaction: ExpressibleByArgument {}

/// `--format`: the report's formats, and DOCX for the declaration.
enum ReportOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, html, json, csv, docx
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The summary for the attorney (page one: the claim at a glance), or the draft declaration.",
        discussion: """
        Each question is shown in the interviewer's language first and, where it differs, in the \
        client's. With --declaration the draft declaration is written instead (text, markdown, html \
        or docx). With -o the report is written to FILE (mode 0600); otherwise it goes to standard output.
        """)

    @Argument(help: "The session: id, path, exact label or unique id prefix.", completion: Completions.sessions)
    var session: String
    @Option(help: "text, markdown, html, json or csv; with --declaration text, markdown, html or docx.")
    var format: ReportOutputFormat = .text
    @Flag(help: "The draft declaration: first person, numbered paragraphs, in English, from the interpreter's translations.")
    var declaration = false
    @Option(help: "Show only this language.") var language: String?
    @Flag(help: """
        Withhold answers to sensitive questions and answers marked for the lawyer only, and \
        everything that exists only because of them. `--redact identity` also replaces names, \
        numbers and places marked identifying with placeholders.
        """) var redact = false
    @Argument(help: ArgumentHelp("After --redact: sensitive (the default) or identity.", valueName: "level"))
    var redactLevel: Redaction?
    @Flag(help: "JSON: the label of each coded value beside it.") var labels = false
    @Flag(help: "Keep the dates the questionnaire leaves out of the chronology (family birthdays).") var allDates = false
    @Option(help: ArgumentHelp("List only the answers changed after this day (YYYY-MM-DD).", valueName: "date"))
    var changesSince: String?
    @Flag(help: "Include the questionnaire's notes for the interviewer and attorney.") var notes = false
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output (`-`: standard output).", completion: .file()) var output: String?
    @OptionGroup var passphraseOptions: PassphraseOptions

    func validate() throws {
        if declaration && (format == .json || format == .csv) {
            throw ValidationError("The declaration is written as text, markdown, html or docx.")
        }
        if !declaration && format == .docx { throw ValidationError("DOCX is for the draft declaration: add --declaration.") }
        if redactLevel != nil && !redact { throw ValidationError("`sensitive` or `identity` goes right after --redact.") }
        if redactLevel == Redaction.none { throw ValidationError("--redact takes `sensitive` or `identity`.") }
    }

    /// `--redact` alone is `--redact sensitive`.
    var redaction: Redaction { redact ? (redactLevel ?? .sensitive) : .none }

    func sinceDate() throws -> PartialDate? {
        guard let changesSince else { return nil }
        guard let date = PartialDate(iso: changesSince), !date.approximate else {
            throw ValidationError("--changes-since takes a day such as 2026-11-20 (or a month, 2026-11).")
        }
        return date
    }

    func run() throws {
        let access = SessionAccess()
        let (session, questionnaire) = try access.read(self.session, passphraseFile: passphraseOptions.passphraseFile)
        if let language, !questionnaire.languages.contains(language) {
            throw CommandFailure("This questionnaire has no language \(language); it has \(questionnaire.languages.joined(separator: ", ")).")
        }
        let options = ReportOptions(language: language, redaction: redaction, notes: notes, labels: labels,
                                    allDates: allDates, changesSince: try sinceDate(), now: Date())
        let data: [UInt8]
        if declaration {
            guard let draft = DeclarationBuilder.build(session: session, questionnaire: questionnaire, options: options),
                  let declarationFormat = DeclarationFormat(rawValue: format.rawValue) else {
                throw CommandFailure("The questionnaire \(questionnaire.id) has no `declaration` layout, so there is no draft declaration to write.")
            }
            data = Array(try DeclarationRenderer.data(draft, format: declarationFormat, now: options.now))
        } else {
            guard let reportFormat = ReportFormat(rawValue: format.rawValue) else { throw ValidationError("Unknown format.") }
            data = ReportWriter.renderBytes(session: session, questionnaire: questionnaire, format: reportFormat, options: options)
        }
        // `-o -` is standard output, as for most Unix tools.
        guard let output, output != "-" else {
            StandardStream.output.write(data)
            return
        }
        let path = URL(fileURLWithPath: output).path
        do {
            try ReportWriter.writePrivately(data, to: path)
        } catch let failure as ReportWriteError {
            throw CommandFailure(failure.description)
        }
        access.note("\(declaration ? "Draft declaration" : "Report") written to \(path).")
        if let sessionURL = try? access.store.resolve(self.session), access.store.isProtected(sessionURL) {
            access.note("This session is protected, but the report is an unencrypted copy: keep it safe and delete it when it is no longer needed.")
        }
    }
}
