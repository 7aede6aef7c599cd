#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeLimits
import RefugeBasics

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

enum EvaluationNode: Sendable {
    indirect case constant(Value)
    case question(String)
    case dot
    case today
    indirect case negate(EvaluationNode)
    indirect case add(EvaluationNode, EvaluationNode)
    indirect case subtract(EvaluationNode, EvaluationNode)
    indirect case equal(EvaluationNode, EvaluationNode, negated: Bool)
    indirect case order(OrderingOperator, EvaluationNode, EvaluationNode)
    /// `x in multichoice`
    indirect case memberOfSet(EvaluationNode, EvaluationNode, negated: Bool)
    /// `x in ['a', 'b']` with only literal strings
    indirect case memberOfConstants(EvaluationNode, Set<String>, negated: Bool)
    /// `x in [a, 'b']` with at least one element that is not a literal
    indirect case memberOfList(EvaluationNode, [EvaluationNode], negated: Bool)
    indirect case not(EvaluationNode, LogicMode)
    indirect case and([EvaluationNode], LogicMode)
    indirect case or([EvaluationNode], LogicMode)
    case answered(String)
    case dontKnow(String)
    case refused(String)
    case countEntries(String)
    case countSelections(String)
    indirect case countWhere(String, EvaluationNode)
    indirect case any(String, EvaluationNode, LogicMode)
    indirect case all(String, EvaluationNode, LogicMode)
    indirect case yearsBetween(EvaluationNode, EvaluationNode)
    indirect case length(EvaluationNode)
    indirect case matches(EvaluationNode, WholeTextPattern)
    indirect case choose(EvaluationNode, EvaluationNode, EvaluationNode)
}

/// A regular expression (ICU syntax, as `NSRegularExpression` reads it) that must match a
/// whole text, compiled once: when a questionnaire's source is loaded (so that a bad pattern is
/// refused with its reason), or, for one read back from a compiled questionnaire, at its first
/// use.
///
/// Matched by Refuge's own backtracking matcher (BoundedRegexMatcher.swift), whose work is
/// bounded (`Limits.regexSteps` steps and `Limits.regexBacktrackEntries` open choices, and texts
/// up to `Limits.regexTextLength`): a pattern that backtracks catastrophically gives up in a
/// fraction of a second instead of hanging the interview, and a give-up is never taken for
/// "no match". The whole text must match; the author's `\Q…` (even unclosed) and `(?x)`
/// comments (even running to the end) keep their meaning. What the matcher does not support
/// (back references, look-behind, script properties) is refused at load as not valid.
public final class WholeTextPattern: @unchecked Sendable {
    // @unchecked: `program` is written at most once after init, under `lock`.
    public let source: String
    private let lock = PlainLock()
    private var program: RegexProgram?

    /// Fails with the reason when `pattern` is not a valid (or not a supported) regular expression.
    public init(_ pattern: String) throws {
        program = try RegexProgram(RegexParser.parse(pattern))
        source = pattern
    }

    /// A pattern this program compiled when it wrote it into a compiled questionnaire (whose
    /// checksum vouches for the bytes), compiled again only when first matched. Why: compiling
    /// credible-fear's one pattern (`{6,8}` repeats) was about 0.7% of every resume, which rarely
    /// shows that question (issue 19). Should it fail to compile all the same, it matches nothing
    /// for sure: `wholeMatch` says it gave up, never yes or no.
    public init(compiledBefore pattern: String) {
        source = pattern
        program = nil
    }

    private func compiled() -> RegexProgram? {
        lock.withLock {
            if program == nil { program = try? RegexProgram(RegexParser.parse(source)) }
            return program
        }
    }

    /// Whether the whole text matches; nil when the matcher gave up (too much work, too many
    /// open choices, or too long a text), which is neither yes nor no.
    public func wholeMatch(_ text: String) -> Bool? {
        guard text.utf16.count <= Limits.regexTextLength, let program = compiled() else { return nil }
        var run = RegexRun(program: program, text: Array(text.unicodeScalars))
        do {
            return try run.run(0, from: 0) != nil
        } catch {
            return nil
        }
    }

    /// True only when the whole text is known to match.
    public func matchesWhole(_ text: String) -> Bool { wholeMatch(text) == true }
}

/// A pattern is its source: whether it is compiled yet, and its lock, are not part of its value
/// (a questionnaire read back from its compiled form reflects as equal to the one loaded).
extension WholeTextPattern: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["source": source], displayStyle: .class) }
}
