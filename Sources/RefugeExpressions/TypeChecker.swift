// Checks a syntax tree against the questions an expression may name, and turns it into the
// evaluation tree. Reports every problem it can find, in words an author understands, and
// keeps going after one so that a file's problems all show at once.

/// A checked part of an expression.
struct TypedNode {
    var evaluation: EvaluationNode
    var type: ExprType
    var column: Int
    var end: Int
    /// The text of a quoted string literal.
    var stringLiteral: String?
    /// The id when this part is just a question id.
    var questionID: String?
    /// This part is `.`, the answer being given.
    var isDot = false
    /// Names a question or `.`, whose value may be missing or uncertain.
    var readsAnswers = false
    /// Depends on anything of the session (answers, today()); false for constants.
    var readsSession = false
}

/// What holds where a part of an expression is checked.
struct CheckScope {
    var symbols: any SymbolTable
    var logic: LogicMode
    /// Date comparisons here may hide a branch (show_if, next).
    var warnsOnDateComparisons: Bool
    /// Inside an odd number of `not`s.
    var negated = false
}

struct TypeChecker {
    let source: [Character]
    let context: ExpressionContext
    private(set) var diagnostics: [ExpressionDiagnostic] = []
    private(set) var references: Set<String> = []

    init(source: String, context: ExpressionContext) {
        self.source = Array(source)
        self.context = context
    }

    /// Checks a whole expression; the node is nil when there are errors.
    static func check(_ root: SyntaxNode, source: String, context: ExpressionContext, symbols: any SymbolTable)
        -> (node: TypedNode?, diagnostics: [ExpressionDiagnostic], references: Set<String>) {
        var checker = TypeChecker(source: source, context: context)
        let isCondition = context == .showIf || context == .nextIf || context == .checkIf
        let scope = CheckScope(symbols: symbols,
                               logic: isCondition ? .strict : .threeValued,
                               warnsOnDateComparisons: context == .showIf || context == .nextIf)
        let typed = checker.check(root, in: scope)
        if let typed { checker.checkResult(typed) }
        let failed = checker.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : typed, checker.diagnostics, checker.references)
    }

    // MARK: - Reporting

    mutating func error(_ message: String, at column: Int) {
        diagnostics.append(ExpressionDiagnostic(severity: .error, column: column, message: message))
    }

    mutating func warning(_ message: String, at column: Int) {
        diagnostics.append(ExpressionDiagnostic(severity: .warning, column: column, message: message))
    }

    func describe(_ node: TypedNode) -> String { AuthorWords.describe(node, source: source) }
    func quote(_ node: TypedNode) -> String { AuthorWords.quote(node, source: source) }

    // MARK: - The whole expression

    private mutating func checkResult(_ node: TypedNode) {
        let site = AuthorWords.site(context)
        switch context {
        case .showIf, .nextIf, .checkIf, .constraint:
            if node.type != .boolean {
                let what = node.questionID != nil || node.isDot ? describe(node) : "this expression gives \(AuthorWords.kind(node.type))"
                error("\(site) must be true or false, but \(what)\(conditionHint(node))", at: node.column)
            }
        case .count:
            if node.type != .number {
                let what = node.questionID != nil ? describe(node) : "this expression gives \(AuthorWords.kind(node.type))"
                error("\(site) must be a number, but \(what)", at: node.column)
            }
        case .calculate:
            switch node.type {
            case .repeatGroup(let id):
                error("\(site) cannot give a whole repeat; to count its entries write `count(\(id))`", at: node.column)
            case .list:
                error("\(site) cannot give a list", at: node.column)
            default:
                break
            }
        }
    }

    /// How to turn a question into a condition, for messages: "; write `x == 'yes'`".
    func conditionHint(_ node: TypedNode) -> String {
        guard let id = node.questionID else { return "" }
        switch node.type {
        case .choice(let values):
            if AuthorWords.isYesNo(node.type) { return "; write `\(id) == 'yes'`" }
            let example = values?.sorted().first ?? "value"
            return "; write `\(id) == '\(example)'`"
        case .multichoice(let values):
            let example = values?.sorted().first ?? "value"
            return "; write `'\(example)' in \(id)`"
        case .text:
            return "; write `answered(\(id))` to ask whether it has an answer"
        case .repeatGroup:
            return "; write `count(\(id)) > 0` to ask whether it has entries"
        default:
            return ""
        }
    }

    // MARK: - Parts

    mutating func check(_ node: SyntaxNode, in scope: CheckScope) -> TypedNode? {
        switch node.kind {
        case .number(let value):
            return TypedNode(evaluation: .constant(.number(value)), type: .number, column: node.column, end: node.end)
        case .string(let value):
            return TypedNode(evaluation: .constant(.text(value)), type: .text, column: node.column, end: node.end,
                             stringLiteral: value)
        case .boolean(let value):
            return TypedNode(evaluation: .constant(.bool(value)), type: .boolean, column: node.column, end: node.end)
        case .dot:
            guard case .constraint(let dotType) = context else {
                error("`.` (the answer being given) can only be used in a `constraint`", at: node.column)
                return nil
            }
            return TypedNode(evaluation: .dot, type: dotType, column: node.column, end: node.end,
                             isDot: true, readsAnswers: true, readsSession: true)
        case .identifier(let name):
            return checkIdentifier(name, node: node, in: scope)
        case .call(let name, let arguments):
            return checkCall(name, arguments: arguments, node: node, in: scope)
        case .list:
            error("a list in square brackets can only follow `in`, as in `country in ['AF', 'IR']`", at: node.column)
            return nil
        case .negate(let operand):
            guard let value = check(operand, in: scope) else { return nil }
            guard value.type == .number else {
                error("`-` in front of a value needs a number, but \(describe(value))", at: node.column)
                return nil
            }
            if case .constant(.number(let number)) = value.evaluation {
                return TypedNode(evaluation: .constant(.number(-number)), type: .number, column: node.column, end: node.end)
            }
            return combined(.negate(value.evaluation), .number, node, [value])
        case .not(let operand):
            var inner = scope
            inner.negated.toggle()
            guard let value = check(operand, in: inner),
                  requireCondition(value, role: "`not` turns around a condition that is true or false") else { return nil }
            return combined(.not(value.evaluation, scope.logic), .boolean, node, [value])
        case .and(let operands), .or(let operands):
            let isAnd: Bool
            if case .and = node.kind { isAnd = true } else { isAnd = false }
            let role = isAnd ? "`and` joins conditions that are true or false" : "`or` joins conditions that are true or false"
            var values: [TypedNode] = []
            var failed = false
            for operand in operands {
                if let value = check(operand, in: scope), requireCondition(value, role: role) {
                    values.append(value)
                } else {
                    failed = true
                }
            }
            guard !failed else { return nil }
            let parts = values.map(\.evaluation)
            return combined(isAnd ? .and(parts, scope.logic) : .or(parts, scope.logic), .boolean, node, values)
        case .comparison(let op, let left, let right, let column):
            return checkComparison(op, left, right, operatorColumn: column, node: node, in: scope)
        case .arithmetic(let op, let left, let right, let column):
            return checkArithmetic(op, left, right, operatorColumn: column, node: node, in: scope)
        }
    }

    /// A node built from checked parts, inheriting what they read.
    func combined(_ evaluation: EvaluationNode, _ type: ExprType, _ node: SyntaxNode, _ parts: [TypedNode]) -> TypedNode {
        TypedNode(evaluation: evaluation, type: type, column: node.column, end: node.end,
                  readsAnswers: parts.contains { $0.readsAnswers },
                  readsSession: parts.contains { $0.readsSession })
    }

    /// Reports and returns false unless `value` is true-or-false.
    mutating func requireCondition(_ value: TypedNode, role: String) -> Bool {
        if value.type == .boolean { return true }
        error("\(role), but \(describe(value))\(conditionHint(value))", at: value.column)
        return false
    }

    private mutating func checkIdentifier(_ name: String, node: SyntaxNode, in scope: CheckScope) -> TypedNode? {
        switch scope.symbols.lookup(name) {
        case .found(let type):
            references.insert(name)
            return TypedNode(evaluation: .question(name), type: type, column: node.column, end: node.end,
                             questionID: name, readsAnswers: true, readsSession: true)
        case .unknown(let suggestion):
            error(unknownIdentifierMessage(name, suggestion: suggestion), at: node.column)
            return nil
        case .notAllowed(let reason):
            error(reason, at: node.column)
            return nil
        }
    }

    func unknownIdentifierMessage(_ name: String, suggestion: String?) -> String {
        if TypeChecker.functionNames.contains(name) {
            return "`\(name)` is a function; write it with brackets, as in `\(name)(...)`"
        }
        if let keyword = Keyword(rawValue: name.lowercased()) {
            return "`\(name)` is not a question in this questionnaire; to mean `\(keyword.rawValue)`, write it in small letters"
        }
        var message = "`\(name)` is not a question in this questionnaire"
        if let suggestion { message += "; did you mean `\(suggestion)`?" }
        return message
    }

    // MARK: - Arithmetic

    private mutating func checkArithmetic(_ op: ArithmeticOperator, _ leftNode: SyntaxNode, _ rightNode: SyntaxNode,
                                          operatorColumn: Int, node: SyntaxNode, in scope: CheckScope) -> TypedNode? {
        let left = check(leftNode, in: scope)
        let right = check(rightNode, in: scope)
        guard let left, let right else { return nil }
        if left.type == .number && right.type == .number {
            let evaluation: EvaluationNode = op == .plus
                ? .add(left.evaluation, right.evaluation) : .subtract(left.evaluation, right.evaluation)
            return combined(evaluation, .number, node, [left, right])
        }
        if left.type == .date || right.type == .date {
            error("dates cannot be added or subtracted; to count the years between two dates write `years_between(first, second)`",
                  at: operatorColumn)
            return nil
        }
        let verb = op == .plus ? "`+` adds numbers" : "`-` subtracts numbers"
        let offender = left.type != .number ? left : right
        error("\(verb), but \(describe(offender))", at: offender.column)
        return nil
    }
}
