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
    private static func runToEnd(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
