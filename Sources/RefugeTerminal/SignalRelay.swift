#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The C `struct sigaction`, named apart from the function of the same name.
typealias SignalAction = sigaction

extension SignalAction {
    /// Sets the handler: a member of a union that glibc and Darwin name differently.
    mutating func setHandler(_ handler: (@convention(c) (Int32) -> Void)?) {
        #if os(Linux)
        __sigaction_handler.sa_handler = handler
        #else
        __sigaction_u.__sa_handler = handler
        #endif
    }
}

/// The write end of the self-pipe, read by the signal handler. A signal handler may only do
/// async-signal-safe things; a lock-free atomic load and write(2) are, and an `Atomic` in a
/// global `let` is `Sendable`, so Swift 6 accepts it without `nonisolated(unsafe)`.
private let relayWriteDescriptor = Atomic<Int32>(-1)

/// The signal handler: writes the signal's number into the self-pipe and nothing else. The
/// program's loop reads the pipe (it is polled together with the keyboard) and acts on the
/// signal outside the handler, so it can save before it quits.
private func relaySignal(_ number: Int32) {
    let savedErrno = errno
    let descriptor = relayWriteDescriptor.load(ordering: .relaxed)
    if descriptor >= 0 {
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(descriptor, &byte, 1)
    }
    errno = savedErrno
}

/// Catches the signals the interview must answer and turns them into bytes on a pipe.
///
/// Installed before curses starts: ncurses only installs its own handlers (which end the
/// program at once, without saving) for signals still at their default disposition.
final class SignalRelay {
    /// Signals passed on to the program as `KeyEvent.signal`.
    static let reported: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP]
    /// Signals the terminal handles itself (a resize; coming back after being stopped).
    static let handledInside: [Int32] = [SIGWINCH, SIGCONT]

    /// The end to poll and read.
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private var previousActions: [Int32: SignalAction] = [:]

    init() throws(TerminalError) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw .cannotStart("could not create a pipe for signals (errno \(errno))")
        }
        // Non-blocking both ways: a handler must never wait on a full pipe, and draining stops
        // when it is empty. Not inherited by programs started later (an editor, a pager).
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        guard relayWriteDescriptor.compareExchange(expected: -1, desired: descriptors[1], ordering: .sequentiallyConsistent).exchanged else {
            close(descriptors[0])
            close(descriptors[1])
            throw .alreadyRunning
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        for number in Self.reported + Self.handledInside {
            install(number)
        }
    }

    /// Catches a signal with the relay handler, remembering what was there before.
    func install(_ number: Int32) {
        var action = SignalAction()
        action.setHandler(relaySignal)
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var previous = SignalAction()
        sigaction(number, &action, &previous)
        if previousActions[number] == nil {
            previousActions[number] = previous
        }
    }

    /// Gives a signal its default action again (to stop the process for real on Ctrl-Z).
    func setDefault(_ number: Int32) {
        var action = SignalAction()
        action.setHandler(SIG_DFL)
        sigemptyset(&action.sa_mask)
        sigaction(number, &action, nil)
    }

    /// The signals that arrived since the last call, oldest first.
    func drain() -> [Int32] {
        var numbers: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            if count > 0 {
                numbers += buffer[0..<count].map { Int32($0) }
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        return numbers
    }

    /// Puts back the handlers that were there before and closes the pipe. Safe to call twice.
    func uninstall() {
        for (number, previous) in previousActions {
            var action = previous
            sigaction(number, &action, nil)
        }
        previousActions = [:]
        if relayWriteDescriptor.compareExchange(expected: writeDescriptor, desired: -1, ordering: .sequentiallyConsistent).exchanged {
            close(readDescriptor)
            close(writeDescriptor)
        }
    }
}
