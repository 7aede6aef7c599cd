// Type rules for `==`, `!=`, `<`, `<=`, `>`, `>=`, `in` and `not in`, and the warning about
// date comparisons that hide a branch when a date is uncertain.

extension TypeChecker {
    mutating func checkComparison(_ op: ComparisonOperator, _ leftNode: SyntaxNode, _ rightNode: SyntaxNode,
                                  operatorColumn: Int, node: SyntaxNode, in scope: CheckScope) -> TypedNode? {
        if op == .in || op == .notIn {
            return checkMembership(negated: op == .notIn, leftNode, rightNode,
                                   operatorColumn: operatorColumn, node: node, in: scope)
        }
        let left = check(leftNode, in: scope)
        let right = checkOperand(rightNode, comparedWith: left, in: scope)
        guard let left, let right else { return nil }

        let evaluation: EvaluationNode
        switch op {
        case .equal, .notEqual:
            if let problem = equalityProblem(op, left, right) {
                error(problem, at: operatorColumn)
                return nil
            }
            evaluation = .equal(left.evaluation, right.evaluation, negated: op == .notEqual)
        default:
            if let problem = orderingProblem(op, left, right) {
                error(problem, at: operatorColumn)
                return nil
            }
            evaluation = .order(TypeChecker.orderingOperator(op), left.evaluation, right.evaluation)
        }
        warnIfDateComparisonHides(op, left, right, operatorColumn: operatorColumn, in: scope)
        return combined(evaluation, .boolean, node, [left, right])
    }

    private static func orderingOperator(_ op: ComparisonOperator) -> OrderingOperator {
        switch op {
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return .less
        }
    }

    /// Checks one side of a comparison. A bare word that is no question but is one of the
    /// values the other side offers (`fear_return == yes`) gets a message about quotes.
    mutating func checkOperand(_ node: SyntaxNode, comparedWith other: TypedNode?, in scope: CheckScope) -> TypedNode? {
        if case .identifier(let name) = node.kind, let other, TypeChecker.isTextLike(other.type),
           case .unknown(let suggestion) = scope.symbols.lookup(name),
           TypeChecker.offeredValues(other.type)?.contains(name) ?? (suggestion == nil) {
            error("`\(name)` is not a question in this questionnaire; to compare with the answer '\(name)', "
                    + "put it in quotes: '\(name)'", at: node.column)
            return nil
        }
        return check(node, in: scope)
    }

    static func isTextLike(_ type: ExprType) -> Bool {
        switch type {
        case .text, .choice: return true
        default: return false
        }
    }

    /// The values a choice or multichoice offers, when known.
    static func offeredValues(_ type: ExprType) -> Set<String>? {
        switch type {
        case .choice(let values), .multichoice(let values): return values
        default: return nil
        }
    }

    // MARK: - == and !=

    private func equalityProblem(_ op: ComparisonOperator, _ left: TypedNode, _ right: TypedNode) -> String? {
        if let problem = repeatProblem(left) ?? repeatProblem(right) { return problem }
        switch (left.type, right.type) {
        case (.number, .number), (.date, .date), (.boolean, .boolean), (.multichoice, .multichoice):
            return nil
        case (.text, .text), (.text, .choice), (.choice, .text), (.choice, .choice):
            if let literal = right.stringLiteral, let problem = literalProblem(literal, offeredBy: left) { return problem }
            if let literal = left.stringLiteral, let problem = literalProblem(literal, offeredBy: right) { return problem }
            return nil
        case (.multichoice, .text), (.multichoice, .choice):
            return multichoiceEqualityProblem(set: left, element: right)
        case (.text, .multichoice), (.choice, .multichoice):
            return multichoiceEqualityProblem(set: right, element: left)
        case (.choice, _):
            return choiceComparedWithOther(left, other: right)
        case (_, .choice):
            return choiceComparedWithOther(right, other: left)
        default:
            if let problem = literalMisuse(left, right) ?? literalMisuse(right, left) { return problem }
            return "`\(op.rawValue)` compares two values of the same kind, but \(describe(left)) and \(describe(right))"
        }
    }

    private func repeatProblem(_ node: TypedNode) -> String? {
        guard case .repeatGroup(let id) = node.type else { return nil }
        return "\(describe(node)); compare `count(\(id))` instead, or use `any(\(id), ...)`"
    }

    /// A quoted value that a choice or multichoice does not offer.
    func literalProblem(_ literal: String, offeredBy node: TypedNode) -> String? {
        guard let values = TypeChecker.offeredValues(node.type), !values.contains(literal) else { return nil }
        let owner = node.questionID.map { "`\($0)`" } ?? (node.isDot ? "this question" : quote(node))
        if AuthorWords.isYesNo(node.type) {
            return "'\(literal)' is not an answer to the yes/no question \(owner); write 'yes' or 'no'"
        }
        var message = "'\(literal)' is not one of the choices of \(owner) (choices: \(AuthorWords.choiceList(values)))"
        if let close = Suggestions.closest(to: literal, among: values) { message += "; did you mean '\(close)'?" }
        return message
    }

    private func multichoiceEqualityProblem(set: TypedNode, element: TypedNode) -> String {
        let subject = set.questionID.map { "`\($0)` is \(AuthorWords.question(set.type))" } ?? describe(set)
        let value = element.stringLiteral.map { "'\($0)'" } ?? quote(element)
        let name = set.questionID ?? quote(set)
        return "\(subject); to ask whether \(value) is among its answers write `\(value) in \(name)`"
    }

    private func choiceComparedWithOther(_ choice: TypedNode, other: TypedNode) -> String {
        if AuthorWords.isYesNo(choice.type) {
            return "\(describe(choice)); compare it with 'yes' or 'no', not \(AuthorWords.kind(other.type))"
        }
        var offered = ""
        if let values = TypeChecker.offeredValues(choice.type) { offered = " (\(AuthorWords.choiceList(values)))" }
        return "\(describe(choice)); compare it with one of its choices in quotes\(offered), not \(AuthorWords.kind(other.type))"
    }

    /// A literal written in the wrong form for the other side: '2022-09' for a date, '18' for
    /// a number.
    private func literalMisuse(_ side: TypedNode, _ literalSide: TypedNode) -> String? {
        guard let literal = literalSide.stringLiteral else { return nil }
        let subject = side.questionID.map { "`\($0)`" } ?? (side.isDot ? "the answer" : quote(side))
        if side.type == .date {
            if PartialDate(iso: literal) != nil {
                return "to compare \(subject) with a date, write `date('\(literal)')` instead of '\(literal)'"
            }
            return "\(subject) is a date; compare it with a date such as `date('2022-09-21')`, not a text"
        }
        if side.type == .number, ExactNumber(literal) != nil {
            return "\(subject) is a number; write \(literal) without quotes"
        }
        return nil
    }

    // MARK: - <, <=, >, >=

    private func orderingProblem(_ op: ComparisonOperator, _ left: TypedNode, _ right: TypedNode) -> String? {
        switch (left.type, right.type) {
        case (.number, .number), (.date, .date):
            return nil
        default:
            break
        }
        if let problem = repeatProblem(left) ?? repeatProblem(right) { return problem }
        if let problem = literalMisuse(left, right) ?? literalMisuse(right, left) { return problem }
        for side in [left, right] where side.type != .number && side.type != .date {
            if case .choice = side.type {
                return "`\(op.rawValue)` compares numbers or dates, but \(describe(side))"
            }
        }
        var message = "`\(op.rawValue)` compares numbers with numbers and dates with dates, but "
            + "\(describe(left)) and \(describe(right))"
        if (left.type == .date && right.type == .number) || (left.type == .number && right.type == .date) {
            message += "; to compare an age, write `years_between(birth_date, today())`"
        }
        return message
    }

    // MARK: - in, not in

    private mutating func checkMembership(negated: Bool, _ leftNode: SyntaxNode, _ rightNode: SyntaxNode,
                                          operatorColumn: Int, node: SyntaxNode, in scope: CheckScope) -> TypedNode? {
        let word = negated ? "`not in`" : "`in`"
        var failed = false
        let left = check(leftNode, in: scope)
        if let left, !TypeChecker.isTextLike(left.type) {
            error("\(word) asks whether one text or choice is among several, but \(describe(left))", at: left.column)
            failed = true
        }

        if case .list(let elementNodes) = rightNode.kind {
            var elements: [TypedNode] = []
            for elementNode in elementNodes {
                guard let element = checkOperand(elementNode, comparedWith: left, in: scope) else {
                    failed = true
                    continue
                }
                if !TypeChecker.isTextLike(element.type) {
                    error("the list after \(word) may hold only texts in quotes or choices, but \(describe(element))",
                          at: element.column)
                    failed = true
                } else if let left, let literal = element.stringLiteral,
                          let problem = literalProblem(literal, offeredBy: left) {
                    error(problem, at: element.column)
                    failed = true
                }
                elements.append(element)
            }
            guard let left, !failed else { return nil }
            let literals = elements.compactMap(\.stringLiteral)
            let evaluation: EvaluationNode = literals.count == elements.count
                ? .memberOfConstants(left.evaluation, Set(literals), negated: negated)
                : .memberOfList(left.evaluation, elements.map(\.evaluation), negated: negated)
            return combined(evaluation, .boolean, node, [left] + elements)
        }

        guard let right = check(rightNode, in: scope) else { return nil }
        switch right.type {
        case .multichoice:
            if let left, let literal = left.stringLiteral, let problem = literalProblem(literal, offeredBy: right) {
                error(problem, at: left.column)
                failed = true
            }
        case .choice:
            let value = left?.stringLiteral.map { "'\($0)'" } ?? "'...'"
            let name = right.questionID ?? quote(right)
            error("\(describe(right)) with a single answer; write `\(name) == \(value)`", at: operatorColumn)
            failed = true
        default:
            error("\(word) needs a multichoice question or a list such as ['a', 'b'] after it, but \(describe(right))",
                  at: right.column)
            failed = true
        }
        guard let left, !failed else { return nil }
        return combined(.memberOfSet(left.evaluation, right.evaluation, negated: negated), .boolean, node, [left, right])
    }

    // MARK: - The date warning

    /// In a show_if or next, a date comparison that is nothing for an uncertain or partial date
    /// counts as false and hides the branch; `not (...)` with the opposite comparison keeps it.
    private mutating func warnIfDateComparisonHides(_ op: ComparisonOperator, _ left: TypedNode, _ right: TypedNode,
                                                    operatorColumn: Int, in scope: CheckScope) {
        guard scope.warnsOnDateComparisons, !scope.negated, left.type == .date, right.type == .date,
              left.readsAnswers || right.readsAnswers else { return }
        let opposite: String
        switch op {
        case .less: opposite = ">="
        case .lessOrEqual: opposite = ">"
        case .greater: opposite = "<="
        case .greaterOrEqual: opposite = "<"
        case .equal: opposite = "!="
        case .notEqual: opposite = "=="
        case .in, .notIn: return
        }
        let (leftText, rightText) = (String(quote(left).dropFirst().dropLast()), String(quote(right).dropFirst().dropLast()))
        warning("`\(leftText) \(op.rawValue) \(rightText)` is nothing (counts as false) when the date is uncertain or only "
                    + "partly known, so this hides the branch for such a client; to include uncertain dates write "
                    + "`not (\(leftText) \(opposite) \(rightText))`",
                at: operatorColumn)
    }
}
