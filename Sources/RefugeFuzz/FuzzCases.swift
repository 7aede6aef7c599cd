import Foundation
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSynthetic

/// One fuzzing case and how long it took; the same cases run in the test suite (a bounded loop)
/// and in `refuge-fuzz` (as long as asked).
public enum FuzzCases {
    /// Symbols for fuzzed expressions: a few of each type and a repeat with fields.
    struct Symbols: SymbolTable {
        static let types: [String: ExprType] = [
            "n": .number, "x": .text, "d": .date, "c": .choice(values: ["a", "b"]), "m": .multichoice(values: ["a", "b"]),
            "people": .repeatGroup(id: "people"),
        ]
        var inEntry = false
        func lookup(_ id: String) -> SymbolLookup {
            if let type = Self.types[id] { return .found(type) }
            if inEntry && id == "person_age" { return .found(.number) }
            return .unknown(suggestion: nil)
        }
        func entryScope(of repeatID: String) -> any SymbolTable { Symbols(inEntry: true) }
    }

    /// Answers for evaluating fuzzed expressions.
    struct Answers: EvaluationEnvironment {
        var dot: Value = .text(String(repeating: "a", count: 30))
        var today: PartialDate { PartialDate(year: 2026, month: 11, day: 20) }
        func value(of id: String) -> Value {
            switch id {
            case "n", "person_age": return .number(7)
            case "x": return .text("aaaa")
            case "c": return .text("a")
            default: return .nothing
            }
        }
        func isAnswered(_ id: String) -> Bool { value(of: id) != .nothing }
        func isDontKnow(_ id: String) -> Bool { false }
        func isRefused(_ id: String) -> Bool { false }
        func entries(of repeatID: String) -> [any EvaluationEnvironment] { [Answers(), Answers()] }
    }

    /// Loads `bytes` as a questionnaire (any outcome is fine, as long as it returns).
    public static func loadQuestionnaire(_ bytes: [UInt8]) -> Int {
        QuestionnaireLoader.load(files: [SourceFile(relativePath: "questionnaire.yaml", bytes: bytes)],
                                 displayRoot: "fuzz", sourcePath: "fuzz").diagnostics.count
    }

    /// Compiles `source` in every context and evaluates what compiles.
    public static func compileExpression(_ source: String) -> Int {
        var count = 0
        for context: ExpressionContext in [.showIf, .calculate, .constraint(dot: .text), .constraint(dot: .number)] {
            let (expression, diagnostics) = Expression.compile(source, context: context, symbols: Symbols())
            count += diagnostics.count
            if let expression { _ = expression.evaluate(in: Answers()) }
        }
        return count
    }

    /// The seed texts: every shipped questionnaire file and every broken fixture under `root`.
    public static func corpus(root: String) -> [[UInt8]] {
        let fm = FileManager.default
        var files: [[UInt8]] = []
        for folder in ["Questionnaires", "Questionnaires/credible-fear", "Questionnaires/intake", "Tests/RefugeQuestionnaireTests/Fixtures/broken"] {
            let path = (root as NSString).appendingPathComponent(folder)
            for name in ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() where name.hasSuffix(".yaml") {
                if let data = fm.contents(atPath: (path as NSString).appendingPathComponent(name)) { files.append(Array(data)) }
            }
        }
        return files
    }

    /// Runs `iterations` cases of each kind from `seed`; calls `slow` for any case over
    /// `limit` seconds with its input. Returns the slowest case's seconds.
    @discardableResult
    public static func run(iterations: Int, seed: UInt64, corpus: [[UInt8]], limit: Double,
                           before: (String, [UInt8]) -> Void = { _, _ in },
                           slow: (String, [UInt8], Double) -> Void) -> Double {
        var mutator = Mutator(seed: seed)
        var slowest = 0.0
        for _ in 0..<iterations {
            let base = corpus.isEmpty ? [] : corpus[mutator.below(corpus.count)]
            let yaml = mutator.mutate(base, tokens: Mutator.yamlTokens)
            before("yaml", yaml)
            slowest = max(slowest, timed(limit) { _ = loadQuestionnaire(yaml) } ifSlow: { slow("yaml", yaml, $0) })

            let expression = mutator.below(2) == 0
                ? mutator.randomExpression(length: 40)
                : String(decoding: mutator.mutate(Array(mutator.randomExpression(length: 12).utf8), tokens: Mutator.expressionTokens), as: UTF8.self)
            before("expression", Array(expression.utf8))
            slowest = max(slowest, timed(limit) { _ = compileExpression(expression) } ifSlow: { slow("expression", Array(expression.utf8), $0) })
        }
        return slowest
    }

    private static func timed(_ limit: Double, _ body: () -> Void, ifSlow: (Double) -> Void) -> Double {
        let start = Date()
        body()
        let seconds = Date().timeIntervalSince(start)
        if seconds > limit { ifSlow(seconds) }
        return seconds
    }
}
