import Foundation
import RefugeQuestionnaire
import RefugeSession

/// What a compiled-cache hit costs when a session opens (issue 19), against loading the same
/// files from YAML the way opening does (`.withoutLint`).
///
/// Two rows. "load from the compiled cache (hit)": the hit as it was checked before the files'
/// status was recorded, from bytes in memory: hashing the source files, checking the entry's
/// checksum and reading the model back (no file is read; what a hit that must read and hash
/// costs in CPU beyond the reading). "open through the compiled cache (files unchanged)": the
/// whole of `QuestionnaireCache.load` as resuming calls it, from files on disk: listing and
/// `stat`ing the files, reading the entry and reading the model back, against the same call
/// for a caller that needs the files' bytes (read and hashed: the hit as resuming paid it);
/// on credible-fear only.
enum CompiledCacheBenchmark {
    static let name = "load from the compiled cache (hit)"
    static let statName = "open through the compiled cache (files unchanged)"
    static let program = "refuge-benchmarks"

    static func run(_ datasets: [Dataset], scratch: Scratch, budget: Budget, into results: Results) throws {
        for d in datasets {
            // The questionnaire of the last run is freed before the next run starts, outside the
            // time: opening a session keeps it until the program ends, and freeing a large model
            // (glibc consolidating its chunks) is not part of getting it.
            var kept: Questionnaire?
            let (reference, _) = measure(budget, cpuBound: true, prepare: { kept = nil }) {
                let loaded = QuestionnaireLoader.load(files: d.files, displayRoot: d.name, sourcePath: d.name, checks: .withoutLint)
                precondition(loaded.questionnaire != nil, "the questionnaire stopped validating")
                kept = loaded.questionnaire
            }
            let q = d.questionnaire
            let entry = CompiledEntry.bytes(of: q, program: program)
            let (samples, peak) = measure(budget, cpuBound: true, prepare: { kept = nil }) {
                let hash = QuestionnaireLoader.contentHash(d.files)
                let read = CompiledEntry.questionnaire(from: entry, program: program, sourcePath: q.sourcePath, contentHash: hash,
                                                       sourceFiles: d.files)
                precondition(read != nil, "the compiled entry was refused")
                kept = read
            }
            consume(kept)
            results.add(Row(name: name, data: d.name, items: d.items, samples: samples, peak: peak,
                            reference: reference.median, referenceName: "load as opening does",
                            detail: "entry \(entry.count.formatted()) bytes"))
            // The shipped questionnaire only: what a resume pays. The model read back, which grows
            // with the size, is the row above's; this one is about what the check costs.
            if d.items == nil { try runFromDisk(d, scratch: scratch, budget: budget, into: results) }
        }
    }

    static func runFromDisk(_ d: Dataset, scratch: Scratch, budget: Budget, into results: Results) throws {
        let base = scratch.folder("compiled-cache-\(d.items ?? 0)")
        let source = base.appendingPathComponent("questionnaire")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("cache"), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        for file in d.files { try Data(file.bytes).write(to: source.appendingPathComponent(file.relativePath)) }
        // The files were written just now: judged a minute later, as a resume would find them.
        let moment = FileTime(seconds: FileTime.now().seconds + 60, nanoseconds: 0)
        let cache = QuestionnaireCache(folder: base.appendingPathComponent("cache").path, program: program, now: { moment })
        let path = source.path
        precondition(cache.load(path: path, checks: .withoutLint).questionnaire != nil, "the questionnaire stopped validating")
        let entry = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cache.entryPath(for: path))))
        precondition(CompiledEntry.header(of: entry)?.sourceStatus == QuestionnaireLoader.status(path: path), "the entry has no status")
        var kept: Questionnaire?
        let (reference, _) = measure(budget, cpuBound: true, prepare: { kept = nil }) {
            kept = cache.load(path: path, checks: .withoutLint, sourceBytes: .kept).questionnaire
            precondition(kept != nil, "the entry was refused")
        }
        let (samples, peak) = measure(budget, cpuBound: true, prepare: { kept = nil }) {
            kept = cache.load(path: path, checks: .withoutLint, sourceBytes: .notNeeded).questionnaire
            precondition(kept?.sourceFiles.isEmpty == true, "the entry was refused")
        }
        consume(kept)
        let bytes = d.files.reduce(0) { $0 + $1.bytes.count }
        results.add(Row(name: statName, data: d.name, items: d.items, samples: samples, peak: peak,
                        reference: reference.median, referenceName: "the same, reading and hashing the files",
                        detail: "\(d.files.count) files, \(bytes.formatted()) bytes not read"))
    }
}
