import Foundation
import RefugeStorage
import RefugeSynthetic

// refuge-benchmarks: measures loading, key presses, confirmed answers, reports and start-up on
// the shipped credible-fear questionnaire and on generated ones of 100, 1,000 and 10,000 items,
// and prints Markdown tables (progress goes to standard error). Run it through ./bench.sh.

struct Options {
    var refuge = ".build/release/refuge"
    var credibleFear = "Questionnaires/credible-fear"
    var scratch: String?
    var unsyncedScratch: String?
    var sizes = [100, 1000, 10000]
    var only: Set<String> = ["load", "validate", "keys", "engine", "answers", "reports", "startup", "import", "size"]
    var importSizes = [200, 2000]
    var budget = Budget.normal
    /// Start-up cases: leave the programs' pages in the page cache as they are (see StartupBenchmark).
    var keepPageCache = false
    /// Which generated questionnaires: the proportional mix (the default), the random mix that
    /// the benchmarks used until issue 19's fourth session, or both in one run (the in-process
    /// cases, load, engine and reports, measured again on the random mix after the rest, their
    /// names marked "(random mix)"; the growth verdict reads the proportional mix only).
    var syntheticMix = "proportional"

    static let usage = """
    usage: refuge-benchmarks [--quick | --runs N] [--keep-page-cache] [--synthetic-mix proportional|random|both] [--only load,validate,keys,engine,answers,reports,startup,import,size] [--sizes 100,1000,10000]
                             [--import-sizes 200,2000]
                             [--refuge PATH] [--credible-fear FOLDER] [--scratch FOLDER] [--unsynced-scratch FOLDER]
    """

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchmarkFailure("\(flag) needs a value\n\(Self.usage)") }
            return v
        }
        while let arg = rest.popFirst() {
            switch arg {
            case "--quick": budget = .quick
            case "--keep-page-cache": keepPageCache = true
            case "--synthetic-mix":
                syntheticMix = try value(arg)
                guard ["proportional", "random", "both"].contains(syntheticMix) else {
                    throw BenchmarkFailure("--synthetic-mix is proportional, random or both\n\(Self.usage)")
                }
            case "--runs":
                // Exactly N samples of every in-process case, whatever they take: for counting
                // instructions under callgrind, where the time budget would cut runs short.
                guard let n = Int(try value(arg)), n > 0 else { throw BenchmarkFailure("--runs needs a count above 0\n\(Self.usage)") }
                budget = Budget(minimum: n, maximum: n, seconds: .infinity)
            case "--refuge": refuge = try value(arg)
            case "--credible-fear": credibleFear = try value(arg)
            case "--scratch": scratch = try value(arg)
            case "--unsynced-scratch": unsyncedScratch = try value(arg)
            case "--sizes": sizes = try value(arg).split(separator: ",").compactMap { Int($0) }
            case "--import-sizes": importSizes = try value(arg).split(separator: ",").compactMap { Int($0) }
            case "--only": only = Set(try value(arg).split(separator: ",").map(String.init))
            case "-h", "--help": print(Self.usage); exit(0)
            default: throw BenchmarkFailure("unknown argument \(arg)\n\(Self.usage)")
            }
        }
    }
}

func progress(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func machine() -> String {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }?
        .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    let formatter = ISO8601DateFormatter()
    return "\(formatter.string(from: Date())), \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), load average at start \(load)"
}

func run() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let scratch = try Scratch(base: options.scratch, unsyncedBase: options.unsyncedScratch)
    defer { scratch.remove() }
    let results = Results()
    let header = machine()

    progress("preparing questionnaires…")
    let credibleFear = try Dataset.shipped(folder: URL(fileURLWithPath: options.credibleFear).standardizedFileURL.path)
    let mix: SyntheticQuestionnaire.Mix = options.syntheticMix == "random" ? .random : .proportional
    let generated = try options.sizes.map { try Dataset.synthetic(items: $0, mix: mix) }
    let datasets = [credibleFear] + generated

    if options.only.contains("load") {
        progress("load and validate…")
        LoadBenchmark.run(datasets, budget: options.budget, into: results)
        try CompiledCacheBenchmark.run(datasets, scratch: scratch, budget: options.budget, into: results)
    }
    if options.only.contains("validate") {
        progress("refuge validate as a process…")
        let refuge = URL(fileURLWithPath: options.refuge).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: refuge) else {
            throw BenchmarkFailure("\(refuge) is not there; build it with swift build -c release --product refuge")
        }
        try ValidateBenchmark.run(datasets, refuge: refuge, scratch: scratch,
                                  budget: Budget(minimum: 5, maximum: 30, seconds: 3), into: results)
    }
    if options.only.contains("keys") {
        progress("key presses…")
        try KeyBenchmark.run(datasets, scratch: scratch, budget: options.budget, into: results)
    }
    if options.only.contains("engine") {
        progress("engine pieces…")
        EngineBenchmark.run(datasets, budget: options.budget, into: results)
    }
    if options.only.contains("answers") {
        progress("confirmed answers (deriving one key with scrypt first)…")
        let key = try SessionKey.derive(from: Passphrase("correct horse battery staple")!)
        try AnswerBenchmark.run(datasets, key: key, scratch: scratch, budget: options.budget, into: results)
    }
    if options.only.contains("reports") {
        progress("reports…")
        try ReportBenchmark.run(datasets, scratch: scratch, budget: options.budget, into: results)
    }
    if options.only.contains("import") {
        progress("XLSForm import…")
        try ImportBenchmark.run(sizes: options.importSizes, scratch: scratch, budget: options.budget, into: results)
    }
    if options.only.contains("startup") {
        progress("start-up in a pseudo-terminal…")
        guard FileManager.default.isExecutableFile(atPath: options.refuge) else {
            throw BenchmarkFailure("\(options.refuge) is not there; build it with swift build -c release --product refuge")
        }
        var targets = [StartupBenchmark.Target(dataset: credibleFear, questionnaireFolder: credibleFear.questionnaire.sourcePath)]
        for d in generated {
            let folder = scratch.folder("questionnaires/synthetic-\(d.items ?? 0)")
            try d.write(to: folder)
            targets.append(StartupBenchmark.Target(dataset: d, questionnaireFolder: folder.path))
        }
        let refuge = URL(fileURLWithPath: options.refuge).standardizedFileURL.path
        try StartupBenchmark.run(targets, refuge: refuge, scratch: scratch,
                                 budget: Budget(minimum: 5, maximum: 30, seconds: 3), dropPageCache: !options.keepPageCache, into: results)
    }

    if options.syntheticMix == "both" {
        progress("the same in-process cases on the random mix…")
        let randomMix = try options.sizes.map { try Dataset.synthetic(items: $0, mix: .random) }
        results.caseSuffix = Results.randomMixSuffix
        if options.only.contains("load") {
            LoadBenchmark.run(randomMix, budget: options.budget, into: results)
            try CompiledCacheBenchmark.run(randomMix, scratch: scratch, budget: options.budget, into: results)
        }
        if options.only.contains("engine") { EngineBenchmark.run(randomMix, budget: options.budget, into: results) }
        if options.only.contains("reports") { try ReportBenchmark.run(randomMix, scratch: scratch, budget: options.budget, into: results) }
        results.caseSuffix = ""
    }

    if options.only.contains("startup") || options.only.contains("size") {
        results.binary = BinarySize.measure(options.refuge, scratch: scratch)
    }

    let growth = Summary.growth(results)
    let verdict = growth.flagged.filter { !$0.contains(Results.randomMixSuffix) }
    let targets = Summary.targets(results, growthFlagged: options.sizes.count >= 2 ? verdict : nil)
    print("""
    ## Measured \(header)

    Times are per operation; "× ref" divides the median by a reference measured in the same run on \
    the same data, so runs on machines of different speed can be compared.

    \(Summary.table(results))

    ¹ In-process cases: how far resident memory rose above what the benchmark held when the case \
    began. Start-up: the child's own peak (VmHWM) when its first frame (or the end of its help) was out.

    ### References

    \(Summary.references(results))

    ### Growth (medians; a 10× step in size should cost about 10×, \(Int(Summary.superlinear))× or more is flagged)

    In-process computations (loading, the engine, reports) are compared in CPU time ("CPU"), which \
    leaves out time spent waiting for a core on a shared machine; their wall-clock steps are in the last column.

    \(growth.text)

    \(growth.flagged.isEmpty ? "Nothing grows faster than linearly." : "12× or more per tenfold step: " + growth.flagged.joined(separator: "; ") + ".")

    ### Targets (2 cores, release build)

    \(Summary.targetTable(targets))
    """)
    for note in results.notes { print("\nNote: \(note)") }
    let failed = targets.filter { $0.pass == false }.count
    let unmeasured = targets.filter { $0.pass == nil }.count
    // A run of some benchmarks (`--only`) leaves targets unmeasured: never "all pass" then.
    let summary = failed > 0 ? "\(failed) target(s) FAIL." : unmeasured > 0 ? "Every target measured passes." : "All targets pass."
    print("\n\(summary)\(unmeasured > 0 ? " \(unmeasured) of \(targets.count) not measured in this run." : "")")
}

do {
    try run()
} catch {
    progress("refuge-benchmarks: \(error)")
    exit(1)
}
