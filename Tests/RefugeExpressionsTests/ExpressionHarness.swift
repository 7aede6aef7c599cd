@testable import RefugeExpressions
import XCTest

/// A small questionnaire's worth of symbols and answers for testing expressions on their own,
/// without the loader or the engine: question ids with their types, and the answers given.
struct TestSymbols: SymbolTable {
    var types: [String: ExprType]
    /// Each repeat's fields, visible only inside `count`/`any`/`all` over it.
    var repeatFields: [String: [String: ExprType]] = [:]

    func lookup(_ id: String) -> SymbolLookup {
        if let type = types[id] { return .found(type) }
        let known = Array(types.keys) + repeatFields.values.flatMap(\.keys)
        if known.contains(id) { return .notAllowed(reason: "`\(id)` is a field of a repeat") }
        return .unknown(suggestion: Suggestions.closest(to: id, among: known))
    }

    func entryScope(of repeatID: String) -> any SymbolTable {
        var inner = self
        inner.types.merge(repeatFields[repeatID] ?? [:]) { _, field in field }
        return inner
    }

    /// The symbols of every test here: one question of each kind, and a repeat of people.
    static let standard = TestSymbols(
        types: [
            "age": .number, "children": .number, "name": .text, "story": .text,
            "fear": .choice(values: ["yes", "no"]), "ground": .choice(values: ["political", "religion", "other"]),
            "harms": .multichoice(values: ["beaten", "threatened", "detained"]),
            "left": .date, "entered": .date, "born": .date,
            "people": .repeatGroup(id: "people"),
        ],
        repeatFields: ["people": ["person_age": .number, "relation": .choice(values: ["child", "spouse", "parent"])]])
}

/// Answers as the evaluator reads them. Entries of a repeat are environments of their own
/// whose unknown ids fall back to the outer answers.
struct TestAnswers: EvaluationEnvironment {
    var values: [String: Value] = [:]
    var dontKnow: Set<String> = []
    var refused: Set<String> = []
    var entryValues: [String: [[String: Value]]] = [:]
    var today = PartialDate(year: 2026, month: 11, day: 20)
    var dot: Value = .nothing

    func value(of id: String) -> Value { values[id] ?? .nothing }
    func isAnswered(_ id: String) -> Bool {
        if let entries = entryValues[id] { return !entries.isEmpty }
        return values[id].map { $0 != .nothing } ?? false
    }
    func isDontKnow(_ id: String) -> Bool { dontKnow.contains(id) }
    func isRefused(_ id: String) -> Bool { refused.contains(id) }
    func entries(of repeatID: String) -> [any EvaluationEnvironment] {
        (entryValues[repeatID] ?? []).map { fields in
            var entry = self
            entry.values.merge(fields) { _, field in field }
            return entry
        }
    }
}

extension XCTestCase {
    /// Compiles `source` for `context` and fails the test on any error.
    func compiled(_ source: String, _ context: ExpressionContext = .calculate,
                  symbols: TestSymbols = .standard, file: StaticString = #filePath, line: UInt = #line) -> RefugeExpressions.Expression? {
        let (expression, diagnostics) = RefugeExpressions.Expression.compile(source, context: context, symbols: symbols)
        let errors = diagnostics.filter { $0.severity == .error }
        XCTAssertTrue(errors.isEmpty, "`\(source)`: \(errors.map(\.message))", file: file, line: line)
        return expression
    }

    /// The value of `source` with `answers`.
    func value(_ source: String, _ context: ExpressionContext = .calculate, answers: TestAnswers = TestAnswers(),
               file: StaticString = #filePath, line: UInt = #line) -> Value? {
        compiled(source, context, file: file, line: line)?.evaluate(in: answers)
    }

    /// The messages of the errors `source` gets in `context` (empty when it compiles).
    func errors(_ source: String, _ context: ExpressionContext = .calculate) -> [String] {
        RefugeExpressions.Expression.compile(source, context: context, symbols: TestSymbols.standard).diagnostics
            .filter { $0.severity == .error }.map(\.message)
    }

    /// Asserts that `source` is refused in `context` with a message containing `fragment`.
    func assertRefused(_ source: String, _ context: ExpressionContext = .calculate, saying fragment: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        let messages = errors(source, context)
        XCTAssertFalse(messages.isEmpty, "`\(source)` compiled but should not", file: file, line: line)
        XCTAssertTrue(messages.contains { $0.localizedCaseInsensitiveContains(fragment) },
                      "`\(source)`: expected “\(fragment)” in \(messages)", file: file, line: line)
    }
}

/// A date value from its ISO form (`~` marks it approximate).
func day(_ iso: String) -> Value { .date(PartialDate(iso: iso)!) }

/// A number value (one place to change should numbers change representation).
func n(_ number: ExactNumber) -> Value { .number(number) }

/// A number value from its decimal text (`n("0.3")`), which must be a number in range.
func n(_ text: String) -> Value { .number(ExactNumber(text)!) }
