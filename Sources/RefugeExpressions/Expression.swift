// A checked expression, ready to be evaluated many times.

public struct Expression: Sendable {
    /// Everything an expression is, behind one reference: an item holds four optional
    /// expressions (and each `next` rule one), most of them absent, and inline each took 56
    /// bytes that every pass over the items went through (issue 19, sixth session). Never
    /// changed once made.
    private final class Storage: Sendable {
        let source: String
        let type: ExprType
        let references: Set<String>
        let context: ExpressionContext
        let readsSession: Bool
        let root: EvaluationNode

        init(source: String, type: ExprType, references: Set<String>, context: ExpressionContext, readsSession: Bool,
             root: EvaluationNode) {
            self.source = source; self.type = type; self.references = references; self.context = context
            self.readsSession = readsSession; self.root = root
        }
    }

    private let storage: Storage

    /// The expression as the author wrote it.
    public var source: String { storage.source }
    /// The type of its result.
    public var type: ExprType { storage.type }
    /// Every question id it names, including fields named inside count/any/all.
    public var references: Set<String> { storage.references }
    public var context: ExpressionContext { storage.context }
    /// False when its value cannot change with answers or the interview date.
    public var readsSession: Bool { storage.readsSession }
    var root: EvaluationNode { storage.root }

    init(source: String, type: ExprType, references: Set<String>, context: ExpressionContext, readsSession: Bool,
         root: EvaluationNode) {
        storage = Storage(source: source, type: type, references: references, context: context, readsSession: readsSession,
                          root: root)
    }

    /// Parses and type-checks `source`. Returns every problem found (errors and warnings,
    /// columns counted in characters from 0); the expression is nil when there is an error.
    public static func compile(_ source: String, context: ExpressionContext, symbols: any SymbolTable)
        -> (expression: Expression?, diagnostics: [ExpressionDiagnostic]) {
        let syntax: SyntaxNode
        switch Parser.parse(source) {
        case .success(let node): syntax = node
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        let checked = TypeChecker.check(syntax, source: source, context: context, symbols: symbols)
        guard let node = checked.node else { return (nil, checked.diagnostics) }
        let expression = Expression(source: source, type: node.type, references: checked.references,
                                    context: context, readsSession: node.readsSession, root: node.evaluation)
        return (expression, checked.diagnostics)
    }

    /// The value, with nothing where an answer is missing or uncertain.
    public func evaluate(in env: any EvaluationEnvironment) -> Value {
        Evaluator.evaluate(root, in: EvaluationScope(base: env, dot: env.dot, log: nil))
    }

    /// The value, and whether a pattern gave up on the way. `.` keeps its value inside
    /// `count`, `any` and `all`.
    private func evaluateLogging(in env: any EvaluationEnvironment) -> (value: Value, gaveUp: Bool) {
        let log = GiveUpLog()
        let value = Evaluator.evaluate(root, in: EvaluationScope(base: env, dot: env.dot, log: log))
        return (value, log.gaveUp)
    }

    /// For show_if, next, checks: true only when the value is true (nothing counts as false).
    public func holds(in env: any EvaluationEnvironment) -> Bool {
        evaluate(in: env) == .bool(true)
    }

    /// For constraints: refuses only when the value is exactly false; nothing accepts.
    public func refuses(in env: any EvaluationEnvironment) -> Bool {
        evaluate(in: env) == .bool(false)
    }

    /// For constraints: false refuses; nothing accepts, unless it came from a pattern that
    /// could not be checked, which refuses with its own message.
    public func outcome(in env: any EvaluationEnvironment) -> ConstraintOutcome {
        let (value, gaveUp) = evaluateLogging(in: env)
        if value == .bool(false) { return .refused }
        if value == .nothing && gaveUp { return .unchecked }
        return .accepted
    }

    /// The value of an expression that reads no answers and not the interview date (such as
    /// `show_if: "false"`), known at load time; nil otherwise.
    public var constantValue: Value? {
        readsSession ? nil : Evaluator.evaluate(root, in: EvaluationScope(base: ConstantEnvironment(), dot: .nothing, log: nil))
    }
}

extension Expression: Equatable {
    /// Two expressions are equal when written alike for the same place with the same result.
    public static func == (a: Expression, b: Expression) -> Bool {
        a.source == b.source && a.context == b.context && a.type == b.type && a.references == b.references
    }
}

extension Expression: CustomStringConvertible {
    public var description: String { source }
}

/// Answers for an expression that reads none: never consulted by a constant expression.
private struct ConstantEnvironment: EvaluationEnvironment {
    func value(of id: String) -> Value { .nothing }
    func isAnswered(_ id: String) -> Bool { false }
    func isDontKnow(_ id: String) -> Bool { false }
    func isRefused(_ id: String) -> Bool { false }
    func entries(of repeatID: String) -> [any EvaluationEnvironment] { [] }
    var today: PartialDate { PartialDate(year: 1970, month: 1, day: 1) }
    var dot: Value { .nothing }
}
