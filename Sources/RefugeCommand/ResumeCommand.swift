import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeSession

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Reopen a session at the question where it was left.")

    @Argument(help: "The session: id, path, exact label or unique id prefix.", completion: Completions.sessions)
    var session: String
    @Flag(help: "Run the interview as plain lines of text (screen readers, braille, scripts).")
    var plain = false
    @OptionGroup var passphraseOptions: PassphraseOptions

    func run() throws {
        try Self.resume(session, plain: plain, passphraseFile: passphraseOptions.passphraseFile)
    }

    /// What `refuge resume` does once its arguments are known (also reached by `DirectRoute`).
    static func resume(_ session: String, plain: Bool, passphraseFile: String?) throws {
        let controller = try SessionAccess().openForWriting(session, passphraseFile: passphraseFile)
        try InterviewLauncher.run(controller, plain: plain)
    }
}
