import Foundation

// The checked expression in the form the evaluator walks: every choice that can be made at
// load time is made here (which comparison, which logic, the parsed date literals, the
// compiled regular expressions), so evaluating on each key press does no parsing or
// string building.

enum OrderingOperator: Sendable {
    case less, lessOrEqual, greater, greaterOrEqual
}

/// How `and`, `or`, `not` (and `any`/`all`) treat nothing. `strict`: nothing becomes false
/// first (show_if, next, checks, if's condition). `threeValued`: nothing stays unknown
/// (constraints, calculations).
enum LogicMode: Sendable {
    case strict, threeValued
}

indirect enum EvaluationNode: Sendable {
    case constant(Value)
    case question(String)
    case dot
    case today
    case negate(EvaluationNode)
    case add(EvaluationNode, EvaluationNode)
    case subtract(EvaluationNode, EvaluationNode)
    case equal(EvaluationNode, EvaluationNode, negated: Bool)
    case order(OrderingOperator, EvaluationNode, EvaluationNode)
    /// `x in multichoice`
    case memberOfSet(EvaluationNode, EvaluationNode, negated: Bool)
    /// `x in ['a', 'b']` with only literal strings
    case memberOfConstants(EvaluationNode, Set<String>, negated: Bool)
    /// `x in [a, 'b']` with at least one element that is not a literal
    case memberOfList(EvaluationNode, [EvaluationNode], negated: Bool)
    case not(EvaluationNode, LogicMode)
    case and([EvaluationNode], LogicMode)
    case or([EvaluationNode], LogicMode)
    case answered(String)
    case dontKnow(String)
    case refused(String)
    case countEntries(String)
    case countSelections(String)
    case countWhere(String, EvaluationNode)
    case any(String, EvaluationNode, LogicMode)
    case all(String, EvaluationNode, LogicMode)
    case yearsBetween(EvaluationNode, EvaluationNode)
    case length(EvaluationNode)
    case matches(EvaluationNode, WholeTextPattern)
    case choose(EvaluationNode, EvaluationNode, EvaluationNode)
}

/// A regular expression (ICU syntax, as `NSRegularExpression`) that must match a whole text,
/// compiled once when the questionnaire loads.
public final class WholeTextPattern: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after creation and documented as safe to
    // use from several threads at once; nothing here mutates it.
    private let regex: NSRegularExpression
    public let source: String

    /// Fails with the reason when `pattern` is not a valid regular expression.
    public init(_ pattern: String) throws {
        // Checked on its own first, so that an author's mistake is reported against what
        // they wrote rather than against the anchored form.
        _ = try NSRegularExpression(pattern: pattern)
        regex = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
        source = pattern
    }

    public func matchesWhole(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}
