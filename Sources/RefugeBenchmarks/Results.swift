import Foundation

/// One measured case: what was measured, on which data, its samples and its peak memory, and
/// the reference it is compared with (measured in the same run on the same data).
struct Row {
    /// The case, e.g. "key: type a character".
    var name: String
    /// The data: "credible-fear" or a generated size ("1,000").
    var data: String
    /// The generated size, for growth; nil for the shipped questionnaire.
    var items: Int?
    var samples: Samples
    /// Peak resident memory while the case ran, in bytes.
    var peak: Int?
    /// The reference's median in nanoseconds, and which reference it is.
    var reference: Double?
    var referenceName: String?
    /// Anything the reader needs to know about the data (e.g. "962 answers").
    var detail: String = ""

    var ratio: Double? { reference.map { samples.median / $0 } }
}

/// Every row of the run, in the order measured.
final class Results {
    private(set) var rows: [Row] = []
    /// Reference medians by name and data, e.g. ("yams", "1,000").
    private(set) var references: [String: [String: Double]] = [:]
    var notes: [String] = []
    /// The program's size in bytes as built, and stripped (nil when `strip` could not run).
    var binary: (unstripped: Int, stripped: Int?)?

    /// Appended to every case's name while the random mix's questionnaires are measured, so
    /// the growth table has a line of their own for each case (`--synthetic-mix both`).
    var caseSuffix = ""
    static let randomMixSuffix = " (random mix)"

    func add(_ row: Row) {
        var row = row
        row.name += caseSuffix
        rows.append(row)
        FileHandle.standardError.write(Data("  measured \(row.name) [\(row.data)]: median \(Format.time(row.samples.median))\n".utf8))
    }

    func setReference(_ name: String, data: String, median: Double) {
        references[name, default: [:]][data] = median
    }

    func reference(_ name: String, data: String) -> Double? { references[name]?[data] }

    func row(_ name: String, data: String) -> Row? { rows.first { $0.name == name && $0.data == data } }
}

enum Format {
    /// Nanoseconds as µs or ms, three significant digits.
    static func time(_ ns: Double) -> String {
        guard ns.isFinite else { return "-" }
        if ns < 1_000_000 { return String(format: "%.1f µs", ns / 1_000) }
        if ns < 10_000_000_000 { return String(format: "%.2f ms", ns / 1_000_000) }
        return String(format: "%.1f s", ns / 1_000_000_000)
    }

    static func megabytes(_ bytes: Int?) -> String {
        guard let bytes else { return "-" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    static func ratio(_ r: Double?) -> String {
        guard let r, r.isFinite else { return "-" }
        return r < 10 ? String(format: "%.2f×", r) : String(format: "%.0f×", r)
    }

    /// Pads to a width counted in characters (the table has µs and ×).
    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let gap = max(0, width - s.count)
        return right ? String(repeating: " ", count: gap) + s : s + String(repeating: " ", count: gap)
    }
}
