#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics
import RefugeQuestionnaire

/// Where Refuge keeps things: `$REFUGE_HOME`, else `$XDG_DATA_HOME/refuge`, else
/// `~/.local/share/refuge`, holding `sessions/`, `reports/` and `questionnaires/`.
struct Places {
    var home: String
    var environment: [String: String]

    static func current(_ environment: [String: String] = Places.processEnvironment()) -> Places {
        if let home = environment["REFUGE_HOME"], !home.isEmpty { return Places(home: home, environment: environment) }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PathText.join(environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path, ".local/share")
        return Places(home: PathText.join(data, "refuge"), environment: environment)
    }

    /// The variables `Places` and the catalog read (`REFUGE_HOME`, `XDG_DATA_HOME`, `HOME`,
    /// `REFUGE_QUESTIONNAIRES`), read one by one: the whole environment as a dictionary
    /// (`ProcessInfo`) cost about 0.1 ms of every start.
    static func processEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for name in ["REFUGE_HOME", "XDG_DATA_HOME", "HOME", "REFUGE_QUESTIONNAIRES"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }

    /// The running program's real path (argv[0] may be a bare name found on PATH).
    static var executablePath: String {
        #if os(Linux)
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        #else
        Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
    }

    var sessions: String { PathText.join(home, "sessions") }
    var reports: String { PathText.join(home, "reports") }
    var userQuestionnaires: String { PathText.join(home, "questionnaires") }
    /// Compiled questionnaires (`QuestionnaireCache`): questionnaire data only, never answers.
    var cache: String { PathText.join(home, "cache") }

    var catalog: QuestionnaireCatalog {
        QuestionnaireCatalog(
            shippedFolders: QuestionnaireCatalog.shippedFolders(executablePath: Places.executablePath, environment: environment),
            userFolder: userQuestionnaires)
    }
}
