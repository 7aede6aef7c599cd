import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// From exec of `refuge resume ID` to its first complete interview frame on an 80x24
/// pseudo-terminal (the footer line, which is drawn last, has appeared), and the child's peak
/// memory up to that frame. The reference is `refuge --help` run to its end on the same terminal: starting the
/// process and its libraries, with no session and no questionnaire.
enum StartupBenchmark {
    static let name = "start-up: resume to first frame"
    static let session = "interview: resume, 12 keys, quit (peak memory)"
    static let coldName = "start-up: resume to first frame, no compiled questionnaire yet"
    static let dialogName = "start-up: dialog --yesno to first frame"
    static let footer = "Esc menu"
    /// dialog's prompt, which it draws last in its first frame.
    static let dialogPrompt = "Ready?"
    /// Keys sent after the first frame for the session's peak memory: Ctrl-N and Ctrl-P (move
    /// on and back), arrows, and typing.
    static let sessionKeys: [[UInt8]] = [[0x0E], [0x0E], [0x10], [0x10], [0x1B, 0x5B, 0x42], [0x1B, 0x5B, 0x41],
                                         Array("ab".utf8), [0x7F], [0x7F], [0x0E], [0x10], [0x0E]]

    /// Where dialog is, or nil (then its reference is not measured).
    static func dialogPath() -> String? {
        ["/usr/bin/dialog", "/usr/local/bin/dialog", "/bin/dialog"].first { access($0, X_OK) == 0 }
    }

    struct Target {
        var dataset: Dataset
        /// The folder the session recorded as its questionnaire's path.
        var questionnaireFolder: String
    }

    /// `dropPageCache`: first let the programs' own pages (refuge's and dialog's) go from the page
    /// cache, so each is read from disk as after a reboot. Why: the kernel maps a program's pages
    /// in the pieces the page cache holds them in, and a file just written by the linker is held
    /// in larger pieces than one read from disk, which made the same refuge measure up to 1 MB
    /// more at its peak right after a build (README, "Round two (issue 19)").
    static func run(_ targets: [Target], refuge: String, scratch: Scratch, budget: Budget, dropPageCache: Bool = true,
                    into results: Results) throws {
        if dropPageCache {
            for program in [refuge, dialogPath()].compactMap({ $0 }) { Self.dropFromPageCache(program) }
            results.notes.append("start-up: the programs' pages were dropped from the page cache first (read from disk as after a reboot; --keep-page-cache leaves them)")
        }
        let home = scratch.folder("home")
        let environment = [
            "REFUGE_HOME": home.path, "HOME": home.path, "PATH": "/usr/bin:/bin",
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LINES": "24", "COLUMNS": "80",
        ]
        let reference = try runs(budget) {
            let pty = try PseudoTerminal(width: 80, height: 24)
            let t0 = Clock.now()
            let pid = try pty.spawn([refuge, "--help"], environment: environment)
            // The help text is out once its last line is; the child is still there to measure.
            _ = pty.read(until: { $0.contains("See 'refuge help") }, timeout: 10)
            let peak = peakOfChild(pid)
            _ = pty.read(until: { _ in false }, timeout: 10)
            let (status, _) = waitForChild(pid, timeout: 10)
            guard status == 0 else { throw BenchmarkFailure("refuge --help failed (status \(status))") }
            return (Clock.now() - t0, peak)
        }
        results.setReference("help", data: "-", median: reference.0.median)
        results.add(Row(name: "start-up: refuge --help to exit", data: "-", items: nil, samples: reference.0, peak: reference.peak,
                        reference: reference.0.median, referenceName: "itself", detail: "the reference"))

        // The floor for an ncurses program: dialog's yes/no box, from exec to its first frame.
        // It is run in turn with each case's resumes (below), not in a block of its own, so that
        // both see the machine as it is at the same moments: on the 2-core virtual machine the
        // same program's median moved by a quarter between blocks a few seconds apart, and a
        // ratio of two blocks moved with it (README, "Round two (issue 19)").
        let dialog = dialogPath()
        let dialogOnce: (() throws -> (UInt64, Int))? = dialog.map { dialog in {
            let pty = try PseudoTerminal(width: 80, height: 24)
            let t0 = Clock.now()
            let pid = try pty.spawn([dialog, "--yesno", dialogPrompt, "7", "30"], environment: environment)
            let (seen, screen) = pty.read(until: { $0.contains(dialogPrompt) }, timeout: 10)
            let elapsed = Clock.now() - t0
            let peak = peakOfChild(pid)
            pty.send([0x0D])   // Enter: yes
            _ = pty.read(until: { _ in false }, timeout: 5)
            _ = waitForChild(pid, timeout: 10)
            guard seen else { throw BenchmarkFailure("dialog never drew its prompt; the terminal showed:\n\(screen.suffix(2000))") }
            return (elapsed, peak)
        } }
        if dialog == nil {
            results.notes.append("dialog is not installed (apt-get install dialog): the start-up target has no reference")
        }
        var dialogRowAdded = false

        for target in targets {
            let d = target.dataset
            let id = "start\(d.items ?? 0)"
            let fixture = try SessionFixture(d, sessionsFolder: home.appendingPathComponent("sessions"), id: id, fsync: true,
                                             questionnairePath: target.questionnaireFolder,
                                             position: { KeyBenchmark.middleStep($0, type: .text) })
            fixture.close()
            // On credible-fear the session goes on after the first frame for a few keys, so the
            // peak memory of an interview (not only of its start) is measured too.
            let withKeys = d.items == nil
            var sessionPeak = 0
            var sessionTimes = Samples()
            // One resume from exec to its first frame: (time, peak at the first frame); with
            // `keys`, the interview goes on for them and `afterKeys` gets the peak and the time
            // after the last. Ctrl-C then saves and quits; a missing frame or a bad exit throws.
            func resume(keys: [[UInt8]] = [], afterKeys: (Int, UInt64) -> Void = { _, _ in }) throws -> (UInt64, Int) {
                let pty = try PseudoTerminal(width: 80, height: 24)
                let t0 = Clock.now()
                let pid = try pty.spawn([refuge, "resume", id], environment: environment)
                let (seen, screen) = pty.read(until: { $0.contains(footer) }, timeout: 30)
                let elapsed = Clock.now() - t0
                let peak = peakOfChild(pid)
                if !keys.isEmpty && seen {
                    // Each key's frame is out within a few milliseconds; a changed frame
                    // sends only its changes, so there is nothing fixed to wait for.
                    for key in keys {
                        pty.send(key)
                        _ = pty.read(until: { _ in false }, timeout: 0.05)
                    }
                    afterKeys(peakOfChild(pid), Clock.now() - t0)
                }
                pty.send([0x03])   // Ctrl-C: save and quit
                _ = pty.read(until: { _ in false }, timeout: 10)
                let (status, _) = waitForChild(pid, timeout: 10)
                guard seen else {
                    throw BenchmarkFailure("refuge resume never drew its footer; the terminal showed:\n\(screen.suffix(2000))")
                }
                guard status == 0 else { throw BenchmarkFailure("refuge resume ended with status \(status)") }
                return (elapsed, peak)
            }
            // One resume first, not measured: it writes the compiled questionnaire, which every
            // later opening reads (the first opening is the row "no compiled questionnaire yet").
            _ = try resume()
            // The first frame is timed in resumes that quit at once, as many as the budget holds
            // (30 at most): timed within the interview runs below, which take 0.6 s each, the
            // budget held only 5, and their median moved by 2.6 ms between two runs of the
            // benchmark a minute apart (4.78 and 7.39 ms, README "Round two (issue 19)").
            // With dialog, each round runs both (in turns: dialog first in one round, the
            // resume first in the next), twice as many rounds as the budget's runs (60), in up
            // to four times its time; the reference is the median of dialog's runs in these same rounds.
            let measured: (Samples, peak: Int)
            var dialogMedian: Double?
            if let dialogOnce {
                let paired = try pairedRuns(Budget(minimum: budget.minimum, maximum: 2 * budget.maximum, seconds: 4 * budget.seconds),
                                            { try resume() }, dialogOnce)
                measured = paired.first
                dialogMedian = paired.second.0.median
                if !dialogRowAdded {
                    // The dialog row and the reference the target reads are those of the first
                    // case's rounds: credible-fear's, which `main` puts first.
                    results.setReference("dialog", data: "-", median: paired.second.0.median)
                    results.add(Row(name: dialogName, data: "-", items: nil, samples: paired.second.0, peak: paired.second.peak,
                                    reference: reference.0.median, referenceName: "refuge --help",
                                    detail: "the floor: \(dialog ?? "dialog"), run in turn with the resumes of \(d.name)"))
                    dialogRowAdded = true
                }
            } else {
                measured = try runs(budget) { try resume() }
            }
            results.add(Row(name: name, data: d.name, items: d.items, samples: measured.0, peak: measured.peak,
                            reference: dialogMedian ?? reference.0.median, referenceName: dialogMedian == nil ? "refuge --help" : "dialog --yesno",
                            detail: "\(fixture.answerCount.formatted()) answers"))
            if withKeys {
                // The interview's peak: the same resume, then the keys.
                _ = try runs(budget) {
                    try resume(keys: sessionKeys) { peak, elapsed in
                        sessionPeak = max(sessionPeak, peak)
                        sessionTimes.nanoseconds.append(elapsed)
                    }
                }
                // The same resume with no compiled questionnaire kept yet (the first opening after
                // an install or an edit): loaded from YAML, and the cache entry written.
                let cold = try runs(budget) {
                    try? FileManager.default.removeItem(at: home.appendingPathComponent("cache"))
                    return try resume()
                }
                results.add(Row(name: coldName, data: d.name, items: d.items, samples: cold.0, peak: cold.peak,
                                reference: dialogMedian ?? reference.0.median, referenceName: dialogMedian == nil ? "refuge --help" : "dialog --yesno",
                                detail: "\(fixture.answerCount.formatted()) answers, cache/ removed before each run"))
            }
            if withKeys && sessionTimes.count > 0 {
                results.add(Row(name: session, data: d.name, items: nil, samples: sessionTimes, peak: sessionPeak,
                                reference: nil, referenceName: nil,
                                detail: "\(fixture.answerCount.formatted()) answers, \(sessionKeys.count) keys after the first frame"))
            }
        }
    }

    /// Asks the kernel to let a file's cached pages go (they are clean, so nothing is lost; the
    /// next reader reads them from disk).
    static func dropFromPageCache(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
        close(fd)
    }

    /// The child's peak resident memory so far (VmHWM), read while it runs. Not ru_maxrss from
    /// wait4: a child started with vfork semantics inherits the parent's high-water mark.
    static func peakOfChild(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }

    /// Runs `first` and `second` in turns (which goes first alternates by round) until the
    /// budget is spent; each returns its time and the child's peak memory.
    static func pairedRuns(_ budget: Budget, _ first: () throws -> (UInt64, Int), _ second: () throws -> (UInt64, Int))
        throws -> (first: (Samples, peak: Int), second: (Samples, peak: Int)) {
        var a = (Samples(), peak: 0), b = (Samples(), peak: 0)
        let started = Clock.now()
        func record(_ run: () throws -> (UInt64, Int), into side: inout (Samples, peak: Int)) throws {
            let (ns, bytes) = try run()
            side.0.nanoseconds.append(ns)
            side.peak = max(side.peak, bytes)
        }
        while a.0.count < budget.maximum {
            if a.0.count >= budget.minimum, Double(Clock.now() - started) / 1e9 > budget.seconds { break }
            if a.0.count % 2 == 0 {
                try record(first, into: &a); try record(second, into: &b)
            } else {
                try record(second, into: &b); try record(first, into: &a)
            }
        }
        return (a, b)
    }

    /// Runs `once` until the budget is spent; each returns its time and the child's peak memory.
    static func runs(_ budget: Budget, _ once: () throws -> (UInt64, Int)) throws -> (Samples, peak: Int) {
        var samples = Samples()
        var peak = 0
        let started = Clock.now()
        while samples.count < budget.maximum {
            if samples.count >= budget.minimum, Double(Clock.now() - started) / 1e9 > budget.seconds { break }
            let (ns, bytes) = try once()
            samples.nanoseconds.append(ns)
            peak = max(peak, bytes)
        }
        return (samples, peak)
    }
}
