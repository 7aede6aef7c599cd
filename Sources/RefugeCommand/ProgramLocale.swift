#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeTerminal

/// The locale the program runs with, settled once at start-up (before curses): the person's
/// own when it is UTF-8, else a UTF-8 locale the system has, else none, and then the
/// interview runs in plain mode with a one-line notice instead of refusing to start.
enum ProgramLocale {
    static let outcome = TerminalLocale.prepare { name in getenv(name).map { String(cString: $0) } }

    static var forcesPlainMode: Bool {
        if case .unavailable = outcome { return true }
        return false
    }

    /// Why the plain mode runs, when the locale is the reason.
    static var plainModeNotice: String? {
        guard case .unavailable(let codeset) = outcome else { return nil }
        return "This system has no UTF-8 locale (the character set here is \(codeset.isEmpty ? "unknown" : codeset)), so Refuge runs in plain mode (one line at a time)."
    }
}
