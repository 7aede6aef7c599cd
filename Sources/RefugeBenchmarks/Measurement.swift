import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durations in nanoseconds from the monotonic clock, and the summary the table prints.
struct Samples {
    var nanoseconds: [UInt64] = []

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
}

enum Clock {
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
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

/// Runs `body` repeatedly, timing each run; `prepare` runs before each, untimed. The peak is
/// how far resident memory rose above what the process held when the case began.
func measure(_ budget: Budget, prepare: () -> Void = {}, _ body: () throws -> Void) rethrows -> (Samples, peak: Int) {
    var samples = Samples()
    let before = Memory.residentBytes()
    Memory.resetPeak()
    let started = Clock.now()
    while samples.count < budget.maximum {
        if samples.count >= budget.minimum, Double(Clock.now() - started) / 1e9 > budget.seconds { break }
        prepare()
        let t0 = Clock.now()
        try body()
        samples.nanoseconds.append(Clock.now() - t0)
    }
    return (samples, Swift.max(0, Memory.peakBytes() - before))
}

/// Keeps a value alive and opaque to the optimiser, so measured work is not thrown away.
@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
