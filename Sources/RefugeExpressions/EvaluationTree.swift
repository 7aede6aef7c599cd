import Foundation
import RefugeLimits

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
///
/// The work of one match is bounded (`Limits.regexWorkUnits` of the engine's progress reports,
/// and texts up to `Limits.regexTextLength`): a pattern that backtracks catastrophically gives
/// up in a fraction of a second instead of hanging the interview, and a give-up is never taken
/// for "no match". The pattern is wrapped so that the whole text must match while the author's
/// `\Q…` (even unclosed) and `(?x)` comments (even running to the end) keep their meaning.
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
        regex = try NSRegularExpression(pattern: Self.anchored(pattern))
        source = pattern
    }

    /// `\A(?:pattern)\z`, written so that nothing in `pattern` can swallow the end: an unclosed
    /// `\Q` gets its `\E`; and `(?#⏎(?:)` is a comment `⏎(?:` in the usual mode, while in `(?x)`
    /// mode a `#` comment still open ends at its newline and `(?:)` is an empty group. Either
    /// way one `)` then closes the group.
    static func anchored(_ pattern: String) -> String {
        "\\A(?:" + pattern + (endsInsideQuote(pattern) ? "\\E" : "") + "(?#\n(?:))\\z"
    }

    /// Whether `pattern` ends inside `\Q…` (a quotation never closed by `\E`).
    static func endsInsideQuote(_ pattern: String) -> Bool {
        var quoting = false
        var escaped = false
        var previous: Character?
        for character in pattern {
            if quoting {
                if previous == "\\" && character == "E" { quoting = false; previous = nil; continue }
                previous = character
                continue
            }
            if escaped {
                escaped = false
                if character == "Q" { quoting = true; previous = nil }
                continue
            }
            if character == "\\" { escaped = true }
        }
        return quoting
    }

    /// Whether the whole text matches; nil when the engine gave up (too much work, too long a
    /// text, or its own backtracking limit), which is neither yes nor no.
    public func wholeMatch(_ text: String) -> Bool? {
        let length = text.utf16.count
        guard length <= Limits.regexTextLength else { return nil }
        var matched = false
        var gaveUp = false
        var work = 0
        regex.enumerateMatches(in: text, options: [.reportProgress, .reportCompletion],
                               range: NSRange(location: 0, length: length)) { result, flags, stop in
            if result != nil { matched = true; stop.pointee = true; return }
            if flags.contains(.internalError) { gaveUp = true; stop.pointee = true; return }
            work += 1
            if work > Limits.regexWorkUnits { gaveUp = true; stop.pointee = true }
        }
        if matched { return true }
        return gaveUp ? nil : false
    }

    /// True only when the whole text is known to match.
    public func matchesWhole(_ text: String) -> Bool { wholeMatch(text) == true }
}
