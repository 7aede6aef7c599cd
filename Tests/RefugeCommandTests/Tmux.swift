import Foundation
import Glibc
import XCTest

/// A private tmux server running the real program in a pane of a given size: keys go in with
/// send-keys, the screen comes out with capture-pane.
final class Tmux {
    let socket = "refuge-test-\(UUID().uuidString.prefix(8))"
    let session = "t"

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Runs tmux through the shell with popen: Foundation's Process can wait forever on the
    /// client whose server it forked, so this stays with the C library.
    @discardableResult
    func tmux(_ args: [String], capture: Bool = true) throws -> String {
        let line = (["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + args).map(shellQuote).joined(separator: " ")
        guard capture else {
            _ = system(line + " </dev/null >/dev/null 2>&1")
            return ""
        }
        guard let pipe = popen(line + " </dev/null 2>/dev/null", "r") else { return "" }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            output.append(contentsOf: buffer[0..<n])
        }
        pclose(pipe)
        return String(decoding: output, as: UTF8.self)
    }

    /// Starts `command` (a shell command line) in a new pane of `width` x `height`.
    func start(_ command: String, width: Int = 80, height: Int = 24, environment: [String: String]) throws {
        let env = environment.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height),
                  "env \(env) TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -c \(shellQuote(command)); sleep 60"], capture: false)
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    /// Waits until the screen contains `text`; fails with the screen when it does not in time.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("the screen never showed “\(text)”; it shows:\n\(last)", file: file, line: line)
        return last
    }

    func stop() { _ = try? tmux(["kill-server"], capture: false) }
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// Sends a signal to the processes whose command line contains `marker`.
func signalProcesses(matching marker: String, _ signal: String) {
    // Only the program itself: the pane's shell and tmux have the marker in their command lines too.
    _ = system("pkill -\(signal) -f \(shellQuote("^" + RefugeBinary.path + " " + marker))")
}

/// A test case that runs the real program in a private tmux server: each test gets its own
/// REFUGE_HOME (`refuge`) and tmux server (`tmux`), both removed afterwards.
class ProgramInTmuxTestCase: XCTestCase {
    var refuge: RefugeBinary!
    var tmux: Tmux!

    override func setUpWithError() throws {
        refuge = try RefugeBinary()
        tmux = Tmux()
    }

    override func tearDown() {
        tmux.stop()
        refuge.cleanUp()
    }

    /// The environment the program runs in: its own sessions folder.
    var environment: [String: String] { ["REFUGE_HOME": refuge.home.path] }
}
