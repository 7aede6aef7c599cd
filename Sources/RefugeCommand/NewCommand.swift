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
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a session and open it on the first question.")

    @Option(help: "The questionnaire's id or path (required when more than one is installed).", completion: Completions.questionnaires)
    var questionnaire: String?
    @Option(help: "The client's language (default: the questionnaire's first language).", completion: Completions.languages)
    var language: String?
    @Option(name: .customLong("interviewer-language"), help: "The interviewer's language (default: en where the questionnaire has it).", completion: Completions.languages)
    var interviewerLanguage: String?
    @Option(help: "A label for the session: use a case number, not a name.")
    var label: String = ""
    @Flag(name: .customLong("no-passphrase"), help: "Store this session without a passphrase.")
    var noPassphrase = false
    @Option(help: "Carry over the answers of another session whose questions match.", completion: Completions.sessions)
    var from: String?
    @Flag(name: .customLong("no-open"), help: "Create the session, print its id and stop (for scripts).")
    var noOpen = false
    @Flag(help: "Run the interview as plain lines of text (screen readers, braille, scripts).")
    var plain = false
    @OptionGroup var passphraseOptions: PassphraseOptions

    func run() throws {
        let access = SessionAccess()
        let q = try chooseQuestionnaire(access.places.catalog)
        if let language, !q.languages.contains(language) {
            throw CommandFailure("The questionnaire `\(q.id)` has no language `\(language)` (it has \(q.languages.joined(separator: ", "))).")
        }
        if let interviewerLanguage, !q.languages.contains(interviewerLanguage) {
            throw CommandFailure("The questionnaire `\(q.id)` has no language `\(interviewerLanguage)` (it has \(q.languages.joined(separator: ", "))).")
        }
        let key = try makeKey()
        var generator = SystemRandomNumberGenerator()
        var session = NewSession.make(id: SessionStore.newID(using: &generator), questionnaire: q, language: language,
                                      interviewerLanguage: interviewerLanguage, label: label, now: Date())
        if let from {
            let (source, sourceQuestionnaire) = try access.read(from, passphraseFile: passphraseOptions.passphraseFile)
            session.answers = NewSession.carryOver(from: source.answers, sourceQuestionnaire: sourceQuestionnaire, to: q)
        }
        NewSession.prepare(&session, questionnaire: q)
        let file = try access.store.create(session, questionnaire: q, key: key)
        if noOpen {
            file.close()
            print(session.id)
            return
        }
        let controller = SessionController(file: file, questionnaire: q)
        try InterviewLauncher.run(controller, plain: plain)
    }

    private func chooseQuestionnaire(_ catalog: QuestionnaireCatalog) throws -> Questionnaire {
        if let questionnaire {
            guard let entry = catalog.find(questionnaire) else {
                throw CommandFailure("No questionnaire `\(questionnaire)` is installed. `refuge questionnaires` lists them.")
            }
            guard let q = entry.result.questionnaire else {
                throw CommandFailure("The questionnaire \(entry.path) has errors and cannot be used; run `refuge validate \(entry.path)`.")
            }
            return q
        }
        let valid = catalog.all().compactMap(\.result.questionnaire)
        if valid.count == 1 { return valid[0] }
        if valid.isEmpty { throw CommandFailure("No questionnaire is installed.") }
        throw ValidationError("Several questionnaires are installed; choose one with --questionnaire (\(valid.map(\.id).joined(separator: ", "))).")
    }

    private func makeKey() throws -> SessionKey? {
        if noPassphrase { return nil }
        if let p = try PassphraseSource.fromEnvironmentOrFile(passphraseOptions.passphraseFile) {
            return try SessionKey.derive(from: p)
        }
        if noOpen {
            throw ValidationError("With --no-open, give a passphrase in REFUGE_PASSPHRASE or --passphrase-file, or say --no-passphrase.")
        }
        StandardStream.error.write(Data("A passphrase protects this session on disk. There is no way to recover a forgotten passphrase.\n".utf8))
        for _ in 0..<3 {
            guard let first = PassphraseSource.ask("New passphrase: ") else {
                throw ValidationError("No terminal to ask for a passphrase: use REFUGE_PASSPHRASE, --passphrase-file or --no-passphrase.")
            }
            guard let second = PassphraseSource.ask("The same passphrase again: ") else { break }
            if first.matches(second) { return try SessionKey.derive(from: first) }
            StandardStream.error.write(Data("The two passphrases differ; please try again.\n".utf8))
        }
        throw CommandFailure("No passphrase was set; the session was not created.")
    }
}
