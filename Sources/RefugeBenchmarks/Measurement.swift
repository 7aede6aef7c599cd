import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durations in nanoseconds from the monotonic clock, and the summary the table prints.
struct Samples {
    var nanoseconds: [UInt64] = []
    /// The same samples in CPU time of the measuring thread (in-process cases only; empty for
    /// cases that time a child process). The growth verdict reads these: see `measure`.
    var cpuNanoseconds: [UInt64] = []

    var count: Int { nanoseconds.count }
    var sorted: [UInt64] { nanoseconds.sorted() }

    /// The value below which `fraction` of the samples lie (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        let rank = Int((fraction * Double(s.count)).rounded(.up)) - 1
        return Double(s[Swift.min(Swift.max(rank, 0), s.count - 1)])
    }

    var median: Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : (Double(s[mid - 1]) + Double(s[mid])) / 2
    }
    var p90: Double { percentile(0.9) }
    var max: Double { Double(nanoseconds.max() ?? 0) }

    /// The median CPU time, when the case has one.
    var cpuMedian: Double? {
        guard !cpuNanoseconds.isEmpty else { return nil }
        return Samples(nanoseconds: cpuNanoseconds).median
    }
}

enum Clock {
    static func now() -> UInt64 { read(CLOCK_MONOTONIC) }

    /// CPU time this thread has run (user and system), which stops while it waits for a core.
    static func threadCPU() -> UInt64 { read(CLOCK_THREAD_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var t = timespec()
        clock_gettime(clock, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}

/// How many times a case runs: at least `minimum` samples, then more until `maximum` samples or
/// the time budget is spent, so a slow case does not hold the whole run up.
struct Budget {
    var minimum: Int
    var maximum: Int
    var seconds: Double

    static let quick = Budget(minimum: 5, maximum: 50, seconds: 1)
    static let normal = Budget(minimum: 5, maximum: 300, seconds: 1)
}

/// Peak resident memory of this process. Linux lets a process reset its own high-water mark
/// (writing 5 to /proc/self/clear_refs), so each case gets its own peak.
enum Memory {
    static func resetPeak() {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return }
        _ = write(fd, "5", 1)
        close(fd)
        #endif
    }

    /// VmHWM in bytes, or the whole run's ru_maxrss when /proc is not there.
    static func peakBytes() -> Int {
        if let kb = status("VmHWM:") { return kb * 1024 }
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024   // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss          // bytes on macOS
        #endif
    }

    /// VmRSS in bytes (0 when /proc is not there).
    static func residentBytes() -> Int { (status("VmRSS:") ?? 0) * 1024 }

    private static func status(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
}

/// The shortest a sample of an in-process case may be: an operation that takes less is run
/// several times in one sample and the sample divided by that count. Reading the thread's CPU
/// clock is a system call (about a microsecond here), which would otherwise be a tenth of a
/// 10 µs operation and make the smallest size look cheaper than it is.
let shortestSample: UInt64 = 200_000

/// Runs `body` repeatedly, timing each run in wall-clock time and in the thread's CPU time;
/// `prepare` runs before each, untimed. The peak is how far resident memory rose above what
/// the process held when the case began.
///
/// Why CPU time too: on a machine shared with other work, a sample's wall-clock time includes
/// the time the benchmark waited for a core, and that wait grows with the sample's length (a
/// 10 ms sample is nearly always interrupted, a 10 µs one nearly never), so the largest size
/// grew 12-57× against the smaller one in wall-clock medians where its CPU time grew 10×
/// (README, "Round two (issue 19)"). On a quiet machine the two agree.
///
/// Only cases that are pure computation (`cpuBound`: loading, the engine, reports) are timed
/// in CPU time too: a save's time is mostly waiting for the disk, which CPU time leaves out.
/// Such a case without `prepare` whose operation takes less than `shortestSample` runs it
/// `repeats` times per sample (worked out from one untimed run first).
func measure(_ budget: Budget, cpuBound: Bool = false, prepare: (() -> Void)? = nil,
             _ body: () throws -> Void) rethrows -> (Samples, peak: Int) {
    var samples = Samples()
    let before = Memory.residentBytes()
    Memory.resetPeak()
    var repeats: UInt64 = 1
    if cpuBound, prepare == nil {
        let c0 = Clock.threadCPU()
        try body()
        let once = Swift.max(Clock.threadCPU() - c0, 1)
        if once < shortestSample { repeats = Swift.min(1000, (shortestSample + once - 1) / once) }
    }
    let started = Clock.now()
    while samples.count < budget.maximum {
        if samples.count >= budget.minimum, Double(Clock.now() - started) / 1e9 > budget.seconds { break }
        prepare?()
        let c0 = Clock.threadCPU()
        let t0 = Clock.now()
        for _ in 0..<repeats { try body() }
        let t1 = Clock.now()
        let c1 = Clock.threadCPU()
        samples.nanoseconds.append((t1 - t0) / repeats)
        if cpuBound { samples.cpuNanoseconds.append((c1 - c0) / repeats) }
    }
    return (samples, Swift.max(0, Memory.peakBytes() - before))
}

/// Keeps a value alive and opaque to the optimiser, so measured work is not thrown away.
@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
