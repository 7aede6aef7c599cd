import Foundation
import RefugeFuzz

// refuge-fuzz [--seconds N] [--seed S] [--limit SECONDS]
// Feeds the questionnaire loader and the expression parser random and mutated input until the
// time is up. Before each case its input is written to fuzz-current.*, so a crash leaves the
// input behind; a case slower than the limit is saved as fuzz-slow-<n>.* and reported.
// Exit status 1 when a case was slow. See README ("Fuzzing").

var seconds = 60.0
var seed = UInt64(Date().timeIntervalSince1970)
var limit = 2.0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--seconds": seconds = Double(arguments.next() ?? "") ?? seconds
    case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
    case "--limit": limit = Double(arguments.next() ?? "") ?? limit
    default:
        FileHandle.standardError.write(Data("usage: refuge-fuzz [--seconds N] [--seed S] [--limit SECONDS]\n".utf8))
        exit(2)
    }
}

let root = FileManager.default.currentDirectoryPath
let corpus = FuzzCases.corpus(root: root)
let started = Date()
var cases = 0
var slowCases = 0
var slowest = 0.0
var round: UInt64 = 0
print("refuge-fuzz: seed \(seed), \(corpus.count) seed files, \(Int(seconds)) s, limit \(limit) s per case")
while Date().timeIntervalSince(started) < seconds {
    let batch = FuzzCases.run(iterations: 100, seed: seed &+ round, corpus: corpus, limit: limit, before: { kind, bytes in
        _ = FileManager.default.createFile(atPath: "fuzz-current.\(kind == "yaml" ? "yaml" : "expr")", contents: Data(bytes))
    }, slow: { kind, bytes, time in
        slowCases += 1
        let name = "fuzz-slow-\(slowCases).\(kind == "yaml" ? "yaml" : "expr")"
        _ = FileManager.default.createFile(atPath: name, contents: Data(bytes))
        print("slow \(kind) case (\(String(format: "%.2f", time)) s) saved as \(name)")
    })
    slowest = max(slowest, batch)
    cases += 200
    round += 1
}
try? FileManager.default.removeItem(atPath: "fuzz-current.yaml")
try? FileManager.default.removeItem(atPath: "fuzz-current.expr")
print("refuge-fuzz: \(cases) cases in \(Int(Date().timeIntervalSince(started))) s, slowest \(String(format: "%.3f", slowest)) s, \(slowCases) over the limit, no crash")
exit(slowCases == 0 ? 0 : 1)
