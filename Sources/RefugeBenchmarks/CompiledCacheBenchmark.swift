import Foundation
import RefugeQuestionnaire

/// What a compiled-cache hit costs when a session opens (issue 19), against loading the same
/// files from YAML the way opening does (`.withoutLint`), both from bytes in memory: hashing the
/// source files, checking the entry's checksum and reading the model back.
enum CompiledCacheBenchmark {
    static let name = "load from the compiled cache (hit)"
    static let program = "refuge-benchmarks"

    static func run(_ datasets: [Dataset], budget: Budget, into results: Results) {
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
        }
    }
}
