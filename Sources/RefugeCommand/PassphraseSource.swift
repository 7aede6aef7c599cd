#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeStorage

/// Where a passphrase comes from: `REFUGE_PASSPHRASE`, `--passphrase-file`, or the terminal
/// (not echoed). Never from the answers of plain mode, never from argv, never written anywhere.
enum PassphraseSource {
    static func fromEnvironmentOrFile(_ file: String?) throws -> Passphrase? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file), var text = String(data: data, encoding: .utf8) else {
                throw CommandFailure("The passphrase file \(file) cannot be read.")
            }
            if text.hasSuffix("\n") { text.removeLast() }
            if text.hasSuffix("\r") { text.removeLast() }
            guard let p = Passphrase(text) else { throw CommandFailure("The passphrase file \(file) is empty.") }
            return p
        }
        if let env = ProcessInfo.processInfo.environment["REFUGE_PASSPHRASE"], let p = Passphrase(env) { return p }
        return nil
    }

    /// Asks on the terminal without echo; nil when there is no terminal. Ctrl-C (or any signal
    /// that stops the program) while it asks puts echo back before the program ends.
    static func ask(_ prompt: String) -> Passphrase? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = write(fd, prompt, prompt.utf8.count)
        EchoRestorer.arm(fd: fd, original: original)
        tcsetattr(fd, TCSAFLUSH, &silent)
        defer {
            tcsetattr(fd, TCSAFLUSH, &original)
            EchoRestorer.disarm()
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 10, byte != 13 { bytes.append(byte) }
        let text = String(decoding: bytes, as: UTF8.self)
        bytes = [UInt8](repeating: 0, count: bytes.count)
        return Passphrase(text)
    }

    /// The passphrase for opening a protected session.
    static func forOpening(file: String?) throws -> Passphrase? {
        if let p = try fromEnvironmentOrFile(file) { return p }
        return ask("Passphrase for this session: ")
    }
}

/// A failure to report to the person in one line, with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Puts the terminal's settings back when a signal stops the program while a passphrase is
/// asked without echo, then lets the signal end the program as it would have.
enum EchoRestorer {
    // Set before the handlers are installed and read only by them: a signal handler can use
    // nothing else.
    nonisolated(unsafe) private static var descriptor: Int32 = -1
    nonisolated(unsafe) private static var saved = termios()
    private static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// The handlers in place before, put back afterwards.
    nonisolated(unsafe) private static var previous: [__sighandler_t?] = []

    static func arm(fd: Int32, original: termios) {
        descriptor = fd
        saved = original
        previous = signals.map { number in
            signal(number) { received in
                _ = tcsetattr(EchoRestorer.descriptor, TCSANOW, &EchoRestorer.saved)
                _ = write(EchoRestorer.descriptor, "\n", 1)
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    static func disarm() {
        for (number, handler) in zip(signals, previous) { signal(number, handler) }
        previous = []
        descriptor = -1
    }
}
