/// Why the full-screen terminal could not start. The description is written for the person at
/// the keyboard (it is printed as it is, in English, before any questionnaire is loaded).
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file): use the plain mode.
    case notATerminal
    /// TERM is unset, "dumb" or unknown to terminfo.
    case unsupportedTerminal(String?)
    /// The locale's character set is not UTF-8.
    case notUTF8(codeset: String)
    /// Another `Terminal` is already running in this process.
    case alreadyRunning
    /// curses or the system refused for another reason.
    case cannotStart(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "Refuge's full-screen mode needs a terminal on standard input and output; use --plain to answer line by line."
        case .unsupportedTerminal(let name):
            let shown = name.map { "\"\($0)\"" } ?? "not set"
            return "This terminal type (TERM is \(shown)) cannot show full screens; use --plain, or set TERM=xterm-256color."
        case .notUTF8(let codeset):
            return "Refuge needs a UTF-8 terminal to show every language correctly, but the character set here is \(codeset.isEmpty ? "unknown" : codeset). Set LANG=C.UTF-8 (or another UTF-8 locale, such as en_US.UTF-8) and start again."
        case .alreadyRunning:
            return "The full-screen terminal is already running."
        case .cannotStart(let reason):
            return "The full-screen terminal could not start: \(reason)."
        }
    }
}
