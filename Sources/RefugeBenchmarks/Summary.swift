import Foundation

/// Prints the run as Markdown tables: every case, the references, growth between sizes, and
/// the targets with PASS or FAIL.
enum Summary {
    static func table(_ results: Results) -> String {
        var lines = ["| case | data | median | p90 | max | × ref (ref) | peak memory ¹ | runs | data detail |",
                     "|---|---|---:|---:|---:|---|---:|---:|---|"]
        for row in results.rows {
            let ref = row.referenceName.map { "\(Format.ratio(row.ratio)) (\($0))" } ?? "-"
            lines.append("| \(row.name) | \(row.data) | \(Format.time(row.samples.median)) | \(Format.time(row.samples.p90)) | "
                         + "\(Format.time(row.samples.max)) | \(ref) | \(Format.megabytes(row.peak)) | \(row.samples.count) | \(row.detail) |")
        }
        return lines.joined(separator: "\n")
    }

    static func references(_ results: Results) -> String {
        let explained = [
            "yams": "Yams.compose of the same questionnaire.yaml",
            "json": "JSONSerialization of the session's answers",
            "session-json": "JSONSerialization of the whole session (answers and history)",
            "help": "`refuge --help` from exec to exit on the same pty",
        ]
        var lines = ["| reference | data | median |", "|---|---|---:|"]
        for (name, byData) in results.references.sorted(by: { $0.key < $1.key }) {
            for (data, median) in byData.sorted(by: { order($0.key) < order($1.key) }) {
                lines.append("| \(explained[name] ?? name) | \(data) | \(Format.time(median)) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func order(_ data: String) -> Int { Int(data.replacingOccurrences(of: ",", with: "")) ?? -1 }

    /// A step of 10× in size should cost about 10× in time; 12× or more is flagged (issue 19).
    static let superlinear = 12.0

    /// Growth is read from CPU-time medians where a case has them (the in-process computations:
    /// loading, the engine, reports; see `measure`) and from wall-clock medians elsewhere; the
    /// wall-clock steps of the same cases are printed beside them.
    static func growth(_ results: Results) -> (text: String, flagged: [String]) {
        var lines = ["| case | 100 | 1,000 | 10,000 | 100→1,000 | 1,000→10,000 | | wall-clock steps |",
                     "|---|---:|---:|---:|---:|---:|---|---:|"]
        var flagged: [String] = []
        var names: [String] = []
        for row in results.rows where row.items != nil && !names.contains(row.name) { names.append(row.name) }
        func step(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b, a > 0 else { return nil }
            return b / a
        }
        for name in names {
            let rows = [100, 1000, 10000].map { n in results.rows.first { $0.name == name && $0.items == n } }
            let cpu = rows.allSatisfy { $0 == nil || $0?.samples.cpuMedian != nil }
            let medians = rows.map { $0.flatMap { cpu ? $0.samples.cpuMedian : $0.samples.median } }
            let walls = rows.map { $0?.samples.median }
            let wallSteps = [step(walls[0], walls[1]), step(walls[1], walls[2])]
                .map { s in s.map { String(format: "%.1f×", $0) } ?? "-" }.joined(separator: ", ")
            let steps = [step(medians[0], medians[1]), step(medians[1], medians[2])]
            let stepNames = ["100→1,000", "1,000→10,000"]
            // Each step at 12× or more is named with its figure, so the verdict says where and how much.
            let over = zip(stepNames, steps).compactMap { stepName, s in
                s.flatMap { $0 >= superlinear ? "\(stepName) \(String(format: "%.1f×", $0))" : nil }
            }
            if !over.isEmpty { flagged.append("\(name) (\(over.joined(separator: ", ")))") }
            let cells = medians.map { $0.map { Format.time($0) + (cpu ? " CPU" : "") } ?? "-" }
                + steps.map { s in s.map { String(format: "%.1f×", $0) } ?? "-" }
            lines.append("| \(name) | " + cells.joined(separator: " | ") + " | \(over.isEmpty ? "" : "**12× or more**") | "
                         + (cpu ? wallSteps : "") + " |")
        }
        return (lines.joined(separator: "\n"), flagged)
    }

    struct Target {
        var text: String
        var measured: String
        var pass: Bool?
    }

    static func targets(_ results: Results, growthFlagged: [String]? = nil) -> [Target] {
        func median(_ name: String, _ data: String) -> Double? { results.row(name, data: data)?.samples.median }
        func under(_ text: String, _ value: Double?, _ limit: Double, show: (Double) -> String = Format.time) -> Target {
            Target(text: text, measured: value.map(show) ?? "not measured", pass: value.map { $0 < limit })
        }
        func atMost(_ text: String, _ value: Double?, _ limit: Double, show: (Double) -> String = Format.time) -> Target {
            Target(text: text, measured: value.map(show) ?? "not measured", pass: value.map { $0 <= limit })
        }
        let ms = 1_000_000.0
        let mb = 1_048_576.0
        var out: [Target] = []
        // Issue 19 (performance, round two), each with its reference.
        let resume = median(StartupBenchmark.name, "credible-fear")
        let dialog = results.reference("dialog", data: "-")
        let ratio = resume.flatMap { r in dialog.map { r / $0 } }
        out.append(Target(text: "#19 resume to first frame, credible-fear, at most 2× `dialog --yesno` to its first frame"
                            + (dialog.map { " (dialog: \(Format.time($0)))" } ?? ""),
                          measured: ratio.map { "\(Format.ratio($0)) (\(Format.time(resume!)))" } ?? "not measured",
                          pass: ratio.map { $0 <= 2 }))
        out.append(atMost("#19 interview session on credible-fear (resume, 12 keys), peak memory at most 12 MB",
                          results.row(StartupBenchmark.session, data: "credible-fear")?.peak.map(Double.init), 12 * mb,
                          show: { Format.megabytes(Int($0)) }))
        out.append(atMost("#19 installed binary, stripped, runtime linked in, at most 30 MB"
                            + (results.binary.map { " (unstripped: \(Format.megabytes($0.unstripped)))" } ?? ""),
                          results.binary?.stripped.map(Double.init), 30 * mb, show: { Format.megabytes(Int($0)) }))
        out.append(atMost("#19 confirmed answer with 10,000 answers, no fsync, at most 2 ms (median)",
                          median(AnswerBenchmark.name(encrypted: false, fsync: false), "10,000"), 2 * ms))
        // Validating as a person runs it (`refuge validate` as a process, its own peak) when that
        // case ran; else loading and validating in this process.
        let validate = results.row(ValidateBenchmark.name, data: "10,000")
        let validateRow = validate ?? results.row(LoadBenchmark.name, data: "10,000")
        let how = validate == nil ? "load + validate in process" : "refuge validate"
        out.append(atMost("#19 validate 10,000 items (\(how)), at most 150 ms (median)", validateRow?.samples.median, 150 * ms))
        out.append(atMost("#19 validate 10,000 items (\(how)), peak memory at most 40 MB",
                          validateRow?.peak.map(Double.init), 40 * mb, show: { Format.megabytes(Int($0)) }))
        if let growthFlagged {
            out.append(Target(text: "#19 growth per tenfold step under 12× for every case",
                              measured: growthFlagged.isEmpty ? "none at 12× or more" : growthFlagged.joined(separator: "; "),
                              pass: growthFlagged.isEmpty))
        }
        // Round one.
        out.append(under("start-up to first frame, credible-fear, median < 50 ms",
                         median(StartupBenchmark.name, "credible-fear"), 50 * ms))
        out.append(under("start-up peak memory, credible-fear < 30 MB",
                         results.row(StartupBenchmark.name, data: "credible-fear")?.peak.map(Double.init), 30 * 1_048_576,
                         show: { Format.megabytes(Int($0)) }))
        for name in [KeyBenchmark.typing, KeyBenchmark.choosing] {
            out.append(under("\(name), credible-fear, median < 1 ms", median(name, "credible-fear"), 1 * ms))
            out.append(under("\(name), 10,000 items, median < 5 ms", median(name, "10,000"), 5 * ms))
        }
        out.append(under("load + validate 10,000 items < 1 s (median)", median(LoadBenchmark.name, "10,000"), 1000 * ms))
        for encrypted in [false, true] {
            let name = AnswerBenchmark.name(encrypted: encrypted, fsync: false)
            out.append(under("\(name), 1,000 items, median < 2 ms", median(name, "1,000"), 2 * ms))
        }
        out.append(under("XLSForm import of 2,000 questions (.xlsx read, converted, validated) < 1 s (median)",
                         median(ImportBenchmark.convertAndValidate, "2,000"), 1000 * ms))
        let reports = results.rows.filter { $0.name.hasPrefix("report:") && $0.data == "credible-fear" }
        let slowest = reports.max { $0.samples.median < $1.samples.median }
        out.append(under("report, every format, full credible-fear session, median < 50 ms"
                         + (slowest.map { " (slowest: \($0.name))" } ?? ""), slowest?.samples.median, 50 * ms))
        return out
    }

    static func targetTable(_ targets: [Target]) -> String {
        var lines = ["| target | measured | result |", "|---|---:|---|"]
        for t in targets {
            lines.append("| \(t.text) | \(t.measured) | \(t.pass.map { $0 ? "PASS" : "**FAIL**" } ?? "not measured") |")
        }
        return lines.joined(separator: "\n")
    }
}
