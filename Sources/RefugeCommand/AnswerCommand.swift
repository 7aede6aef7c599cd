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

struct AnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Answer one question without the screen, through the same rules (for scripts and tests).",
        discussion: """
        QUESTION is a question id, or repeat_id[N].field_id for the entry at position N (from 1) of a repeat; \
        N one past the last entry adds an entry. VALUE is a choice's value, values separated by commas for a \
        multichoice, yes/no, a number, a date such as ~2022-09, or text; `-` reads it from standard input.
        """)

    @Argument(help: "The session: id, path, exact label or unique id prefix.", completion: Completions.sessions)
    var session: String
    @Argument(help: "The question id, or repeat_id[N].field_id.", completion: Completions.questions)
    var question: String
    @Argument(help: "The answer (`-` reads it from standard input).")
    var value: String?

    @Flag(name: .customLong("dont-know"), help: "Record “don't know”.") var dontKnow = false
    @Flag(help: "Record “prefer not to say”.") var refuse = false
    @Flag(help: "Remove the answer (notes and marks stay).") var clear = false
    @Option(name: .customLong("other-text"), help: "The text for the “other” choice (`-` reads it from standard input).") var otherText: String?
    @Option(help: "The interviewer's note ('' clears it; `-` reads it from standard input).") var note: String?
    @Option(help: "The interpreter's translation of the answer ('' clears it; `-` reads it from standard input).") var translation: String?
    @Flag(inversion: .prefixedNo, help: "Mark for follow-up.") var followUp: Bool?
    @Flag(name: .customLong("lawyer-only"), inversion: .prefixedNo, help: "Mark as for the lawyer only.") var lawyerOnly: Bool?
    @OptionGroup var passphraseOptions: PassphraseOptions

    func validate() throws {
        let statuses = [dontKnow, refuse, clear].filter { $0 }.count
        if statuses > 1 { throw ValidationError("Give only one of --dont-know, --refuse and --clear.") }
        if statuses == 1 && value != nil { throw ValidationError("--dont-know, --refuse and --clear take no VALUE.") }
        if [value, otherText, note, translation].filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Only one of VALUE, --other-text, --note and --translation can be `-` (read from standard input).")
        }
        if statuses == 0 && value == nil && note == nil && translation == nil && followUp == nil && lawyerOnly == nil && otherText == nil {
            throw ValidationError("Give a VALUE, or one of --dont-know, --refuse, --clear, --note, --translation, --follow-up, --lawyer-only.")
        }
    }

    func run() throws {
        let controller = try SessionAccess().openForWriting(session, passphraseFile: passphraseOptions.passphraseFile)
        defer { controller.file.close() }
        // `-` reads the text from standard input, so it stays out of the process list and the
        // shell's history. Empty input is refused: it is far more likely a mistake (a closed
        // pipe, a file not found) than a wish to store nothing.
        func fromInput(_ given: String?, _ what: String) throws -> String? {
            guard given == "-" else { return given }
            let data = StandardStream.input.readToEnd()
            var text = String(decoding: data, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            if text.hasSuffix("\r") { text.removeLast() }
            if text.trimmingSpacesAndNewlines.isEmpty {
                throw CommandFailure("Standard input was empty, so \(what) was not changed. (To clear it, use --clear or '' instead of -.)")
            }
            return text
        }
        let typed = try fromInput(value, "the answer to \(question)")
        let request = AnswerRequest(question: question, value: typed, dontKnow: dontKnow, refuse: refuse, clear: clear,
                                    otherText: try fromInput(otherText, "the “other” text"), note: try fromInput(note, "the note"),
                                    translation: try fromInput(translation, "the translation"),
                                    followUp: followUp, lawyerOnly: lawyerOnly)
        do {
            try request.apply(to: controller)
        } catch let failure as AnswerRequest.Refusal {
            throw CommandFailure(failure.message)
        }
    }
}
