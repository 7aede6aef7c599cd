// Type rules for the functions: answered, dont_know, refused, count, any, all, date, today,
// years_between, length, matches and if.

extension TypeChecker {
    static let functionNames = [
        "answered", "dont_know", "refused", "count", "any", "all", "date", "today",
        "years_between", "length", "matches", "if",
    ]

    mutating func checkCall(_ name: String, arguments: [SyntaxNode], node: SyntaxNode,
                            in scope: CheckScope) -> TypedNode? {
        switch name {
        case "answered", "dont_know", "refused":
            guard takes(1...1, name, arguments, node),
                  let question = questionArgument(arguments[0], of: name, in: scope) else { return nil }
            let evaluation: EvaluationNode = name == "answered" ? .answered(question.id)
                : (name == "dont_know" ? .dontKnow(question.id) : .refused(question.id))
            return sessionNode(evaluation, .boolean, node)

        case "count":
            guard takes(1...2, name, arguments, node) else { return nil }
            if arguments.count == 2 { return checkQuantifier(name, arguments, node: node, in: scope) }
            guard let question = questionArgument(arguments[0], of: name, in: scope) else { return nil }
            switch question.node.type {
            case .repeatGroup: return sessionNode(.countEntries(question.id), .number, node)
            case .multichoice: return sessionNode(.countSelections(question.id), .number, node)
            default:
                error("`count` counts the entries of a repeat or the answers picked in a multichoice question, "
                        + "but \(describe(question.node))", at: arguments[0].column)
                return nil
            }

        case "any", "all":
            guard takes(2...2, name, arguments, node) else { return nil }
            return checkQuantifier(name, arguments, node: node, in: scope)

        case "date":
            guard takes(1...1, name, arguments, node) else { return nil }
            return checkDateLiteral(arguments[0], node: node)

        case "today":
            guard takes(0...0, name, arguments, node) else { return nil }
            return sessionNode(.today, .date, node)

        case "years_between":
            guard takes(2...2, name, arguments, node) else { return nil }
            let values = arguments.map { check($0, in: scope) }
            var failed = values.contains { $0 == nil }
            for value in values.compactMap({ $0 }) where value.type != .date {
                error("`years_between` needs two dates, but \(describe(value))", at: value.column)
                failed = true
            }
            guard !failed else { return nil }
            let (from, to) = (values[0]!, values[1]!)
            return combined(.yearsBetween(from.evaluation, to.evaluation), .number, node, [from, to])

        case "length":
            guard takes(1...1, name, arguments, node), let text = check(arguments[0], in: scope) else { return nil }
            guard TypeChecker.isTextLike(text.type) else {
                error("`length` counts the characters of a text, but \(describe(text))", at: text.column)
                return nil
            }
            return combined(.length(text.evaluation), .number, node, [text])

        case "matches":
            return checkMatches(arguments, node: node, in: scope)

        case "if":
            return checkIf(arguments, node: node, in: scope)

        default:
            if case .found = scope.symbols.lookup(name) {
                error("`\(name)` is a question, not a function; write it without brackets", at: node.column)
                return nil
            }
            var message = "`\(name)` is not a function"
            if let close = Suggestions.closest(to: name, among: TypeChecker.functionNames) {
                message += "; did you mean `\(close)`?"
            } else {
                message += "; the functions are " + TypeChecker.functionNames.dropLast().joined(separator: ", ")
                    + " and " + TypeChecker.functionNames.last!
            }
            error(message, at: node.column)
            return nil
        }
    }

    /// Reports a wrong number of arguments: "`years_between` takes 2 arguments, not 1".
    private mutating func takes(_ expected: ClosedRange<Int>, _ name: String, _ arguments: [SyntaxNode],
                                _ node: SyntaxNode) -> Bool {
        guard !expected.contains(arguments.count) else { return true }
        let wanted: String
        switch (expected.lowerBound, expected.upperBound) {
        case (0, 0): wanted = "no arguments"
        case (1, 1): wanted = "1 argument"
        case (let low, let high) where low == high: wanted = "\(low) arguments"
        case (let low, let high): wanted = "\(low) or \(high) arguments"
        }
        error("`\(name)` takes \(wanted), not \(arguments.count)", at: node.column)
        return false
    }

    private func sessionNode(_ evaluation: EvaluationNode, _ type: ExprType, _ node: SyntaxNode) -> TypedNode {
        TypedNode(evaluation: evaluation, type: type, column: node.column, end: node.end, readsSession: true)
    }

    /// An argument that must be a question id (answered, count, any...).
    private mutating func questionArgument(_ argument: SyntaxNode, of function: String,
                                           in scope: CheckScope) -> (id: String, node: TypedNode)? {
        guard case .identifier(let id) = argument.kind else {
            let example = function == "count" || function == "any" || function == "all" ? "children" : "birth_date"
            error("`\(function)` needs a question id here, as in `\(function)(\(example))`", at: argument.column)
            return nil
        }
        guard let node = check(argument, in: scope) else { return nil }
        return (id, node)
    }

    /// count(repeat, condition), any(...), all(...): the condition is checked inside an entry.
    private mutating func checkQuantifier(_ name: String, _ arguments: [SyntaxNode], node: SyntaxNode,
                                          in scope: CheckScope) -> TypedNode? {
        guard let question = questionArgument(arguments[0], of: name, in: scope) else { return nil }
        guard case .repeatGroup = question.node.type else {
            error("`\(name)` with a condition needs a repeat question first, but \(describe(question.node))",
                  at: arguments[0].column)
            return nil
        }
        var inner = scope
        inner.symbols = scope.symbols.entryScope(of: question.id)
        guard let condition = check(arguments[1], in: inner),
              requireCondition(condition, role: "the condition of `\(name)` must be true or false") else { return nil }
        let evaluation: EvaluationNode
        switch name {
        case "any": evaluation = .any(question.id, condition.evaluation, scope.logic)
        case "all": evaluation = .all(question.id, condition.evaluation, scope.logic)
        default: evaluation = .countWhere(question.id, condition.evaluation)
        }
        return sessionNode(evaluation, name == "count" ? .number : .boolean, node)
    }

    /// date('2022-09'): a quoted partial date, read once here.
    private mutating func checkDateLiteral(_ argument: SyntaxNode, node: SyntaxNode) -> TypedNode? {
        guard case .string(let text) = argument.kind else {
            error("`date` needs a date in quotes, as in `date('2022-09-21')`", at: argument.column)
            return nil
        }
        if let date = PartialDate(iso: text) {
            return TypedNode(evaluation: .constant(.date(date)), type: .date, column: node.column, end: node.end)
        }
        switch PartialDate.parseTyped(text) {
        case .success(let date):
            error("write the date as `date('\(date.isoString)')`: dates in expressions are written "
                    + "YYYY, YYYY-MM or YYYY-MM-DD", at: argument.column)
        case .failure(.invalid):
            error("'\(text)' is not a real date", at: argument.column)
        case .failure:
            error("'\(text)' is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD, as in `date('2022-09-21')`",
                  at: argument.column)
        }
        return nil
    }

    /// matches(text, 'pattern'): the pattern is compiled once here.
    private mutating func checkMatches(_ arguments: [SyntaxNode], node: SyntaxNode, in scope: CheckScope) -> TypedNode? {
        guard takes(2...2, "matches", arguments, node) else { return nil }
        let text = check(arguments[0], in: scope)
        var failed = text == nil
        if let text, !TypeChecker.isTextLike(text.type) {
            error("`matches` looks at a text, but \(describe(text))", at: text.column)
            failed = true
        }
        var pattern: WholeTextPattern?
        if case .string(let source) = arguments[1].kind {
            do {
                pattern = try WholeTextPattern(source)
            } catch {
                self.error("'\(source)' is not a valid regular expression", at: arguments[1].column)
            }
        } else {
            error("`matches` needs its pattern in quotes, as in `matches(passport_number, '[A-Z0-9]+')`",
                  at: arguments[1].column)
        }
        guard let text, let pattern, !failed else { return nil }
        return combined(.matches(text.evaluation, pattern), .boolean, node, [text])
    }

    /// if(condition, a, b): the condition decides like a show_if; a and b are of one kind.
    private mutating func checkIf(_ arguments: [SyntaxNode], node: SyntaxNode, in scope: CheckScope) -> TypedNode? {
        guard takes(3...3, "if", arguments, node) else { return nil }
        var conditionScope = scope
        conditionScope.logic = .strict
        conditionScope.warnsOnDateComparisons = false
        var failed = false
        let condition = check(arguments[0], in: conditionScope)
        if let condition, !requireCondition(condition, role: "the first part of `if` must be true or false") {
            failed = true
        }
        let whenTrue = check(arguments[1], in: scope)
        let whenFalse = check(arguments[2], in: scope)
        guard let condition, let whenTrue, let whenFalse, !failed else { return nil }
        guard let type = TypeChecker.commonType(whenTrue, whenFalse) else {
            error("`if` must give the same kind of value either way, but \(describe(whenTrue)) and \(describe(whenFalse))",
                  at: whenFalse.column)
            return nil
        }
        return combined(.choose(condition.evaluation, whenTrue.evaluation, whenFalse.evaluation), type, node,
                        [condition, whenTrue, whenFalse])
    }

    /// The type of a value that is one of two: the same kind, choices merged.
    static func commonType(_ a: TypedNode, _ b: TypedNode) -> ExprType? {
        switch (a.type, b.type) {
        case (.choice(let first), .choice(let second)):
            return .choice(values: first.flatMap { one in second.map { one.union($0) } })
        case (.multichoice(let first), .multichoice(let second)):
            return .multichoice(values: first.flatMap { one in second.map { one.union($0) } })
        case (.choice(let values), .text):
            return b.stringLiteral.map { literal in .choice(values: values.map { $0.union([literal]) }) } ?? .text
        case (.text, .choice(let values)):
            return a.stringLiteral.map { literal in .choice(values: values.map { $0.union([literal]) }) } ?? .text
        case (.repeatGroup, _), (_, .repeatGroup), (.list, _), (_, .list):
            return nil
        default:
            return a.type == b.type ? a.type : nil
        }
    }
}
