import Foundation
import RefugeFuzz
import XCTest

/// The fuzz target, bounded for the suite: the loader and the expression parser fed mutated
/// questionnaires and random expressions. Every case must return (no crash, no stack overflow)
/// within a second. The seed is fixed (REFUGE_FUZZ_SEED changes it); a failure prints it, so the case can
/// be made again (`swift run refuge-fuzz --seed S`), and the README has the long run.
final class FuzzTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func testMutatedQuestionnairesAndRandomExpressionsNeverCrashOrHang() {
        let corpus = FuzzCases.corpus(root: Self.root)
        XCTAssertGreaterThan(corpus.count, 10, "the seed files are found")
        let seed = ProcessInfo.processInfo.environment["REFUGE_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_206
        let iterations = ProcessInfo.processInfo.environment["REFUGE_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 150
        let slowest = FuzzCases.run(iterations: iterations, seed: seed, corpus: corpus, limit: 1.0) { kind, bytes, seconds in
            XCTFail("seed \(seed): a \(kind) case took \(seconds) s: \(String(decoding: bytes.prefix(300), as: UTF8.self).debugDescription)")
        }
        print("FuzzTests: seed \(seed), \(iterations * 2) cases, slowest \(String(format: "%.3f", slowest)) s")
    }
}
