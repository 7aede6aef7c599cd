// The public surface of the expression language that the rest of Refuge relies on.
// The questionnaire loader parses and type-checks every expression once at load time;
// the engine evaluates the checked trees against answers.

/// A value at run time. `nothing` stands for "no real value": unanswered, off the path,
/// don't know, prefer not to say.
public enum Value: Sendable, Equatable, Hashable {
    case nothing
    /// text, longtext, a choice's value, and a yes/no ("yes" / "no")
    case text(String)
    case number(ExactNumber)
    case date(PartialDate)
    case bool(Bool)
    /// the selected values of a multichoice
    case set(Set<String>)
    /// a list literal `[a, b]`
    case list([Value])
}

/// The static type of an expression, known at load time.
public indirect enum ExprType: Sendable, Equatable, Hashable {
    case text
    case number
    case date
    case boolean
    /// a choice value; `values` are those the question offers (nil: any string, e.g. with `other`)
    case choice(values: Set<String>?)
    /// a multichoice answer: a set of values the question offers
    case multichoice(values: Set<String>?)
    /// a repeat question (usable in `count`, `any`, `all`, `answered`...)
    case repeatGroup(id: String)
    /// a list literal, with its element type
    case list(ExprType)
}

/// Where an expression appears; decides what is allowed in it (`.` only in constraints,
/// how `and`/`or`/`not` treat nothing, and that the result must be boolean).
public enum ExpressionContext: Sendable, Equatable {
    case showIf, nextIf, checkIf
    /// `dot` is the type of the answer being given
    case constraint(dot: ExprType)
    case calculate
    case count
}

/// What the type checker learns about an identifier.
public enum SymbolLookup: Sendable, Equatable {
    case found(ExprType)
    /// no question has this id; `suggestion` is a close id, if any
    case unknown(suggestion: String?)
    /// the id exists but may not be named here; `reason` is a full sentence for authors
    case notAllowed(reason: String)
}

/// The symbols visible to an expression. The questionnaire supplies one per expression site.
public protocol SymbolTable: Sendable {
    func lookup(_ id: String) -> SymbolLookup
    /// The symbols visible inside the second argument of `count`/`any`/`all` over `repeatID`:
    /// that repeat's fields (of the entry being looked at) plus everything visible here.
    func entryScope(of repeatID: String) -> any SymbolTable
}

/// Answers as the evaluator sees them.
public protocol EvaluationEnvironment {
    /// The real value of a question, or `.nothing`.
    func value(of id: String) -> Value
    /// True when the question has a real value (`answered(q)`).
    func isAnswered(_ id: String) -> Bool
    func isDontKnow(_ id: String) -> Bool
    func isRefused(_ id: String) -> Bool
    /// The entries of a repeat that are on the path, each as an environment in which the
    /// repeat's field ids name that entry's fields (other ids resolve as in `self`).
    func entries(of repeatID: String) -> [any EvaluationEnvironment]
    /// The session's interview date (`today()`).
    var today: PartialDate { get }
    /// The answer being given (`.` in a constraint), `.nothing` elsewhere.
    var dot: Value { get }
}

/// A problem in an expression, with its position (0-based UTF-8 offset... see `column`).
public struct ExpressionDiagnostic: Sendable, Equatable, Error {
    public enum Severity: Sendable, Equatable { case error, warning }
    public var severity: Severity
    /// Column inside the expression source, counted in characters from 0.
    public var column: Int
    public var message: String
    public init(severity: Severity = .error, column: Int, message: String) {
        self.severity = severity; self.column = column; self.message = message
    }
}
