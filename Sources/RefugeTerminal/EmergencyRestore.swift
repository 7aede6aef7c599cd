#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

// Last-resort terminal restoration for exits that skip `Terminal.restore()`: a crash or a call
// to exit(). A crash cannot save answers, but it must not leave the interviewer with a terminal
// that no longer echoes or shows a cursor.

/// The terminal settings from before curses started. Written once in `EmergencyRestore.arm`
/// before any handler that reads it is installed, and never written while one is installed;
/// signal handlers cannot take locks, so this is a plain global.
nonisolated(unsafe) private var savedSettings = termios()
/// The crash handlers that were installed before ours (the Swift runtime's backtracer), so a
/// crash still produces its report after the terminal is restored. Same discipline as above.
nonisolated(unsafe) private var previousCrashActions = [SignalAction](repeating: SignalAction(), count: 6)
private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

/// Whether the terminal is in full-screen mode and needs restoring.
private let armed = Atomic<Bool>(false)
private let atExitRegistered = Atomic<Bool>(false)

/// Puts the saved settings back and leaves the terminal's special modes: async-signal-safe
/// (tcsetattr and write, static strings only).
private func restoreTerminalSettings() {
    guard armed.exchange(false, ordering: .sequentiallyConsistent) else { return }
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedSettings)
    // Mouse reports and bracketed paste off, normal screen, cursor visible, attributes reset.
    let reset: StaticString = "\u{1B}[?1006l\u{1B}[?1000l\u{1B}[?2004l\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n"
    _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
}

private func crashHandler(_ number: Int32) {
    restoreTerminalSettings()
    if let index = crashSignals.firstIndex(of: number) {
        sigaction(number, &previousCrashActions[index], nil)
    }
    // A fault happens again when the instruction is retried, now reaching the previous handler;
    // a signal sent by abort() or raise() has to be sent again.
    if number == SIGABRT || number == SIGTRAP {
        raise(number)
    }
}

enum EmergencyRestore {
    /// Remembers the terminal's current settings and installs the crash and exit hooks.
    static func arm() {
        guard tcgetattr(STDIN_FILENO, &savedSettings) == 0 else { return }
        for (index, number) in crashSignals.enumerated() {
            var action = SignalAction()
            action.setHandler(crashHandler)
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, &previousCrashActions[index])
        }
        if !atExitRegistered.exchange(true, ordering: .sequentiallyConsistent) {
            atexit { restoreTerminalSettings() }
        }
        armed.store(true, ordering: .sequentiallyConsistent)
    }

    /// The terminal was restored the normal way: the hooks have nothing left to do.
    static func disarm() {
        armed.store(false, ordering: .sequentiallyConsistent)
        for (index, number) in crashSignals.enumerated() {
            sigaction(number, &previousCrashActions[index], nil)
        }
    }

    /// The settings from before curses started, to put back after `endwin()` as well.
    static func restoreSavedSettings() {
        _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &savedSettings)
    }
}
