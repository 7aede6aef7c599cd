import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character set the program runs with. Refuge shows every language, so it needs UTF-8:
/// when the person's locale is not UTF-8 (`LANG=C`, `POSIX`, a Latin-1 locale), it switches to
/// a UTF-8 locale the system has (`C.UTF-8` first) instead of refusing; when the system has none,
/// the caller runs the plain mode, which writes UTF-8 whatever the locale says.
public enum TerminalLocale {
    /// The UTF-8 locales tried, in order, when the person's is not UTF-8. `REFUGE_UTF8_LOCALE`
    /// names another one to try first (or a made-up name, to see what a system without any does).
    static func candidates(environment: (String) -> String?) -> [String] {
        if let chosen = environment("REFUGE_UTF8_LOCALE"), !chosen.isEmpty { return [chosen] }
        return ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"]
    }

    public enum Outcome: Equatable, Sendable {
        /// The person's own locale is UTF-8.
        case utf8
        /// The person's locale was `from` (not UTF-8); `to`, a UTF-8 locale, is used instead.
        case switched(from: String, to: String)
        /// No UTF-8 locale could be set: only the plain mode can show the text correctly.
        case unavailable(codeset: String)
    }

    /// Sets the locale from the environment, switching to a UTF-8 one where needed. Call once,
    /// at start-up, before curses starts. The switch is made through `LC_ALL` in this process's
    /// environment, so that every later `setlocale(LC_CTYPE, "")` (the terminal's own) keeps it.
    /// Only the character type category is set: it is all the program uses (UTF-8 decoding,
    /// character widths, curses), and setting every category read a dozen locale files at start.
    public static func prepare(environment: [String: String]) -> Outcome {
        prepare { environment[$0] }
    }

    /// `prepare(environment:)` with the environment read variable by variable (the process's
    /// own: `getenv`), and only when the locale is not UTF-8: building the whole environment as a
    /// dictionary at start-up cost a tenth of `refuge --help`.
    public static func prepare(variable environment: (String) -> String?) -> Outcome {
        setlocale(LC_CTYPE, "")
        let codeset = currentCodeset()
        if isUTF8(codeset) { return .utf8 }
        let original = environment("LC_ALL").flatMap { $0.isEmpty ? nil : $0 }
            ?? environment("LC_CTYPE").flatMap { $0.isEmpty ? nil : $0 }
            ?? environment("LANG").flatMap { $0.isEmpty ? nil : $0 } ?? "C"
        for candidate in candidates(environment: environment) where setlocale(LC_CTYPE, candidate) != nil && isUTF8(currentCodeset()) {
            setenv("LC_ALL", candidate, 1)
            return .switched(from: original, to: candidate)
        }
        setlocale(LC_CTYPE, "")
        return .unavailable(codeset: codeset)
    }

    static func currentCodeset() -> String {
        refuge_codeset().map { String(cString: $0) } ?? ""
    }

    /// "UTF-8", "utf8", "UTF_8"...: codeset names are ASCII, so they are compared byte by byte
    /// (`uppercased()` and `filter` cost run-time type set-up at every start).
    static func isUTF8(_ codeset: String) -> Bool {
        let wanted: [UInt8] = [UInt8(ascii: "U"), UInt8(ascii: "T"), UInt8(ascii: "F"), UInt8(ascii: "8")]
        var matched = 0
        for byte in codeset.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
            let upper = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
            guard matched < wanted.count, upper == wanted[matched] else { return false }
            matched += 1
        }
        return matched == wanted.count
    }
}
