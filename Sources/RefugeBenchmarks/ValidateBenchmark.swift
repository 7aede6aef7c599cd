import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `refuge validate FOLDER` as an author runs it, from exec to exit, and the process's peak
/// memory, on each questionnaire (the generated ones written to the scratch folder first). The
/// reference is Yams parsing the same YAML in this process (see `LoadBenchmark`).
///
/// The peak is the child's own high-water mark as GNU time reports it (`/usr/bin/time -f %M`,
/// which forks from a small process): a child started from this large process with vfork
/// semantics would carry this process's high-water mark in its `ru_maxrss`. Without
/// `/usr/bin/time` the case is left out with a note.
enum ValidateBenchmark {
    static let name = "validate: refuge validate, exec to exit"
    static let time = "/usr/bin/time"

    static func run(_ datasets: [Dataset], refuge: String, scratch: Scratch, budget: Budget, into results: Results) throws {
        guard FileManager.default.isExecutableFile(atPath: time) else {
            results.notes.append("\(name) was not measured: \(time) (GNU time) is not installed.")
            return
        }
        for d in datasets {
            let folder = scratch.folder("validate/\(d.name)")
            try d.write(to: folder)
            let measured = try StartupBenchmark.runs(budget) {
                let t0 = Clock.now()
                let (status, errors) = try runToEnd([time, "-f", "peak %M", refuge, "validate", folder.path])
                let elapsed = Clock.now() - t0
                guard status == 0 else { throw BenchmarkFailure("refuge validate \(d.name) ended with status \(status): \(errors.suffix(500))") }
                let kilobytes = errors.split(separator: "\n").last { $0.hasPrefix("peak ") }.flatMap { Int($0.dropFirst(5)) } ?? 0
                return (elapsed, kilobytes * 1024)
            }
            results.add(Row(name: name, data: d.name, items: d.items, samples: measured.0, peak: measured.peak,
                            reference: results.reference("yams", data: d.name), referenceName: "Yams parse",
                            detail: "peak: the process's own (GNU time)"))
        }
    }

    /// Runs a program to its end with its output thrown away; its status and standard error.
    /// Started with posix_spawn and reaped with waitpid: Foundation's `Process` added about
    /// 55 ms to every run here (its exit is noticed by polling), which swamped the 10 ms cases.
    private static func runToEnd(_ arguments: [String]) throws -> (Int32, String) {
        let errorsPath = NSTemporaryDirectory() + "refuge-validate-\(getpid()).err"
        defer { unlink(errorsPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard started == 0 else { throw BenchmarkFailure("cannot start \(arguments[0]): \(String(cString: strerror(started)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        // Exited normally: its exit code; killed by a signal: -1.
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : -1, text)
    }
}
