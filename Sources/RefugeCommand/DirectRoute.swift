/// The two ways of starting Refuge that open the full screen at once, recognised without
/// ArgumentParser: `refuge` alone (the home screen) and `refuge resume SESSION`.
///
/// Why: ArgumentParser builds its description of every command and option by reflection before
/// it reads a single argument, and the Swift runtime looks each of its types up in the program's
/// tables the first time: 1.5 ms of a resumed session's start-up on a 2-core machine (perf, uprobes
/// at `refuge_main` and at the session store; README, "Round two (issue 19)"). Only the exact forms
/// below take this route, and they mean exactly what ArgumentParser makes of them; anything else
/// (an option, `--help`, a second argument, a session starting with `-`) goes to ArgumentParser,
/// which also gives every message about wrong usage.
enum DirectRoute: Equatable {
    case home
    case resume(session: String)

    init?(arguments: [String]) {
        switch arguments.count {
        case 0:
            self = .home
        case 2 where arguments[0] == "resume" && Self.isPlainValue(arguments[1]):
            self = .resume(session: arguments[1])
        default:
            return nil
        }
    }

    /// A value ArgumentParser would take as the positional argument itself: not empty and not
    /// something it reads as an option or as the end of options (`-x`, `--x`, `--`).
    static func isPlainValue(_ argument: String) -> Bool {
        !argument.isEmpty && !argument.hasPrefix("-")
    }

    func run() throws {
        switch self {
        case .home:
            try HomeLauncher.run()
        case .resume(let session):
            try ResumeCommand.resume(session, plain: false, passphraseFile: nil)
        }
    }
}
