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

/// `refuge manual`: the manual page refuge(1), written from the command tree itself (every
/// command, argument and option with its help, as `--help` shows them) plus the sections a
/// manual page has and `--help` does not (environment, files, exit status). `install.sh` and
/// the Debian package write it at install time, so it never disagrees with the program.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the manual page refuge(1) in roff (install.sh installs it; read it with `man refuge`).",
        shouldDisplay: false)

    func run() throws {
        print(ManualPage.render(try ManualPage.tree()), terminator: "")
    }
}

enum ManualPage {
    /// The part of ArgumentParser's `--experimental-dump-help` JSON the page uses.
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }
    struct Argument: Decodable {
        struct Name: Decodable { var kind: String; var name: String }
        var kind: String
        var shouldDisplay: Bool
        var isOptional: Bool
        var isRepeating: Bool
        var names: [Name]?
        var valueName: String?
        var defaultValue: String?
        var abstract: String?
        var discussion: String?
    }
    struct Tool: Decodable { var command: Command }

    static func tree() throws -> Command {
        try JSONDecoder().decode(Tool.self, from: Data(Refuge._dumpHelp().utf8)).command
    }

    static func render(_ root: Command) -> String {
        var out = ""
        func line(_ text: String) { out += text + "\n" }
        line(".\\\" refuge(1), written by `refuge manual` from the program's own command tree.")
        line(".TH REFUGE 1 \"\" \"refuge \(escape(RefugeVersion.release))\" \"User Commands\"")
        line(".SH NAME")
        line("refuge \\- \(escape(root.abstract ?? ""))")
        line(".SH SYNOPSIS")
        line(".B refuge")
        line("[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]")
        line(".SH DESCRIPTION")
        // The root's discussion ends with the version (the same line as in `--help`).
        paragraphs(root.discussion ?? "", into: &out)
        line(".SH COMMANDS")
        for command in (root.subcommands ?? []) where command.shouldDisplay ?? true && command.commandName != "help" {
            line(".SS \"refuge \(escape(command.commandName)) \(escape(usage(command)))\"")
            paragraphs(command.abstract ?? "", into: &out)
            if let discussion = command.discussion, !discussion.isEmpty { line(".PP"); paragraphs(discussion, into: &out) }
            for argument in (command.arguments ?? []) where argument.shouldDisplay && !isHelp(argument) {
                line(".TP")
                line(escape(label(argument)))
                line(escape(describe(argument)))
            }
        }
        line(".SH OPTIONS")
        for argument in (root.arguments ?? []) where argument.shouldDisplay {
            line(".TP")
            line(escape(label(argument)))
            line(escape(describe(argument)))
        }
        line(".SH SESSION")
        line("SESSION is, in this order: an exact session id, a path to a session file, an exact label, or a unique prefix of an id. An ambiguous label or prefix is an error that lists the candidates.")
        line(".SH ENVIRONMENT")
        for (name, text) in environment {
            line(".TP")
            line(".B \(name)")
            line(escape(text))
        }
        line(".SH FILES")
        for (path, text) in files {
            line(".TP")
            line(".I \(escape(path))")
            line(escape(text))
        }
        line(".SH EXIT STATUS")
        line("0 success; 1 a failure explained in one line on standard error; 2 a usage error.")
        line(".SH SHELL COMPLETION")
        line("Completion scripts for bash, zsh and fish are installed with the program; they also complete session ids and labels, questionnaire ids, question ids for \\fBrefuge answer\\fR and report formats. \\fBrefuge \\-\\-generate\\-completion\\-script bash\\fR (or zsh, fish) prints one.")
        line(".SH SEE ALSO")
        line("The README and docs/questionnaire\\-format.md of the source, and /usr/share/refuge/questionnaire.schema.json for editors.")
        return out
    }

    static let environment: [(String, String)] = [
        ("REFUGE_HOME", "The folder that holds sessions/, reports/, questionnaires/ and cache/ (default $XDG_DATA_HOME/refuge, else ~/.local/share/refuge)."),
        ("XDG_DATA_HOME", "Used when REFUGE_HOME is not set."),
        ("REFUGE_PASSPHRASE", "The passphrase of a protected session (else --passphrase-file, else the terminal asks without echo)."),
        ("REFUGE_QUESTIONNAIRES", "A folder of questionnaires to use instead of the shipped ones."),
        ("REFUGE_UTF8_LOCALE", "The UTF-8 locale to use when the current one is not UTF-8 (default: C.UTF-8, then en_US.UTF-8)."),
        ("NO_COLOR", "When set, the full-screen program uses no colours."),
        ("TERM", "When unset or dumb, interviews run in plain mode."),
    ]

    static let files: [(String, String)] = [
        ("~/.local/share/refuge/sessions/", "Sessions: <id>.refuge (mode 0600, in a 0700 folder), its journal <id>.refuge.journal (the changes since its last full save), its backup <id>.refuge.bak, and <id>.questionnaire.json, the copy of its questionnaire."),
        ("~/.local/share/refuge/reports/", "Reports written from the full-screen program."),
        ("~/.local/share/refuge/questionnaires/", "Your own questionnaires."),
        ("~/.local/share/refuge/cache/", "Compiled questionnaires (q-*.compiled, mode 0600, in a 0700 folder), so that opening a session skips reading YAML when a questionnaire has not changed. Questionnaire data only, never answers; safe to delete."),
        ("/usr/share/refuge/questionnaires/", "The shipped questionnaires (Debian package; share/refuge/questionnaires beside the program's bin/ otherwise)."),
    ]

    private static func isHelp(_ a: Argument) -> Bool {
        (a.names ?? []).contains { $0.name == "help" || $0.name == "version" }
    }

    private static func label(_ a: Argument) -> String {
        let value = a.valueName.map { $0.uppercased() } ?? ""
        switch a.kind {
        case "positional":
            return a.isOptional ? "[\(value)]" : value
        default:
            let names = (a.names ?? []).map { ($0.kind == "short" ? "-" : "--") + $0.name }.joined(separator: ", ")
            return a.kind == "option" ? "\(names) \(value)" : names
        }
    }

    private static func describe(_ a: Argument) -> String {
        var text = a.abstract ?? ""
        if let d = a.discussion, !d.isEmpty { text += " " + d }
        if let d = a.defaultValue, !d.isEmpty, a.kind == "option" { text += " (default: \(d))" }
        return text
    }

    private static func usage(_ c: Command) -> String {
        (c.arguments ?? []).filter { $0.shouldDisplay && !isHelp($0) && $0.kind == "positional" }
            .map { a in
                let v = (a.valueName ?? "").uppercased() + (a.isRepeating ? "..." : "")
                return a.isOptional ? "[\(v)]" : v
            }.joined(separator: " ")
    }

    private static func paragraphs(_ text: String, into out: inout String) {
        let blocks = text.piecesSeparated(by: "\n\n").map { $0.trimmingSpacesAndNewlines }.filter { !$0.isEmpty }
        for (i, block) in blocks.enumerated() {
            if i > 0 { out += ".PP\n" }
            out += escape(block.replacingEvery("\n", with: " ")) + "\n"
        }
    }

    /// roff-safe: backslashes doubled, hyphens made minus signs (so options can be searched and
    /// copied), a leading dot or quote kept from being read as a request.
    static func escape(_ text: String) -> String {
        var t = text.replacingEvery("\\", with: "\\e").replacingEvery("-", with: "\\-")
        if t.hasPrefix(".") || t.hasPrefix("'") { t = "\\&" + t }
        return t
    }
}
