import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pseudo-terminal of a given size and a child process running on it, with its output read
/// back: enough to time `refuge` from exec to its first full frame. The pty functions are not in
/// Swift's Glibc module (they need _XOPEN_SOURCE), so they are looked up in the C library.
final class PseudoTerminal {
    private typealias OpenPT = @convention(c) (Int32) -> Int32
    private typealias FDCall = @convention(c) (Int32) -> Int32
    private typealias NameCall = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32

    private static func function<T>(_ name: String, as type: T.Type) throws -> T {
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, name) else {
            throw BenchmarkFailure("the C library has no \(name)")
        }
        return unsafeBitCast(symbol, to: type)
    }

    let master: Int32
    let slavePath: String

    init(width: Int, height: Int) throws {
        let openpt = try Self.function("posix_openpt", as: OpenPT.self)
        let grant = try Self.function("grantpt", as: FDCall.self)
        let unlock = try Self.function("unlockpt", as: FDCall.self)
        let name = try Self.function("ptsname_r", as: NameCall.self)
        master = openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, grant(master) == 0, unlock(master) == 0 else { throw BenchmarkFailure("no pseudo-terminal") }
        var buffer = [CChar](repeating: 0, count: 128)
        guard name(master, &buffer, buffer.count) == 0 else { throw BenchmarkFailure("no pseudo-terminal name") }
        slavePath = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    deinit { close(master) }

    /// Starts `arguments` in a new session whose controlling terminal is this one.
    func spawn(_ arguments: [String], environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, the terminal becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setsid: Int16 = 0x80   // POSIX_SPAWN_SETSID in glibc
        posix_spawnattr_setflags(&attributes, setsid)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else { throw BenchmarkFailure("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    /// Reads output until `done` says the text so far is enough, the child closes the terminal,
    /// or `timeout` seconds pass. Returns whether `done` was satisfied.
    func read(until done: (String) -> Bool, timeout: Double) -> (Bool, String) {
        var output: [UInt8] = []
        let deadline = Clock.now() + UInt64(timeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Clock.now() < deadline {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            #if os(Linux)
            let n = Glibc.read(master, &buffer, buffer.count)
            #else
            let n = Darwin.read(master, &buffer, buffer.count)
            #endif
            if n <= 0 { return (false, String(decoding: output, as: UTF8.self)) }   // EIO: the child closed it
            output += buffer[0..<n]
            let text = Self.visibleText(output)
            if done(text) { return (true, text) }
        }
        return (false, String(decoding: output, as: UTF8.self))
    }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// The bytes with escape sequences taken out (what lands on the screen, roughly).
    static func visibleText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
                    i += 1
                    while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                } else if i < bytes.count, bytes[i] == UInt8(ascii: "(") || bytes[i] == UInt8(ascii: ")") {
                    i += 1
                }
                i += 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Waits for a child (killing it after `timeout` seconds); returns its status and ru_maxrss.
func waitForChild(_ pid: pid_t, timeout: Double) -> (status: Int32, peak: Int) {
    var usage = rusage()
    var status: Int32 = 0
    let deadline = Clock.now() + UInt64(timeout * 1e9)
    while true {
        let r = wait4(pid, &status, WNOHANG, &usage)
        if r == pid { return (status, usage.ru_maxrss * 1024) }
        if r < 0 { return (-1, 0) }
        if Clock.now() > deadline {
            kill(pid, SIGKILL)
            _ = wait4(pid, &status, 0, &usage)
            return (-1, usage.ru_maxrss * 1024)
        }
        usleep(1000)
    }
}
