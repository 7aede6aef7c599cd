// How types and parts of an expression are named in messages for questionnaire authors,
// who are legal-aid staff, not programmers.

enum AuthorWords {
    static func isYesNo(_ type: ExprType) -> Bool {
        if case .choice(let values?) = type { return values == ["yes", "no"] }
        return false
    }

    /// "a number", "a yes/no answer", ...
    static func kind(_ type: ExprType) -> String {
        switch type {
        case .text: return "a text"
        case .number: return "a number"
        case .date: return "a date"
        case .boolean: return "true or false"
        case .choice: return isYesNo(type) ? "a yes/no answer" : "a choice"
        case .multichoice: return "a set of choices"
        case .repeatGroup: return "a repeat (a list of entries)"
        case .list: return "a list"
        }
    }

    /// What a question of this type is called: "a yes/no question", "a multichoice question".
    static func question(_ type: ExprType) -> String {
        switch type {
        case .choice: return isYesNo(type) ? "a yes/no question" : "a choice question"
        case .multichoice: return "a multichoice question (several answers)"
        case .repeatGroup: return "a repeat question (a list of entries)"
        default: return kind(type)
        }
    }

    /// A sentence subject with its verb: "`fear_return` is a yes/no question",
    /// "'maybe' is a text", "`count(children)` gives a number".
    static func describe(_ node: TypedNode, source: [Character]) -> String {
        if let id = node.questionID { return "`\(id)` is \(question(node.type))" }
        if node.isDot { return "the answer (`.`) is \(kind(node.type))" }
        if let literal = node.stringLiteral { return "'\(literal)' is a text" }
        let text = quote(node, source: source)
        if case .constant = node.evaluation { return "\(text) is \(kind(node.type))" }
        return "\(text) gives \(kind(node.type))"
    }

    /// The node's source text in backticks.
    static func quote(_ node: TypedNode, source: [Character]) -> String {
        let start = min(max(node.column, 0), source.count)
        let end = min(max(node.end, start), source.count)
        return "`" + String(source[start..<end]) + "`"
    }

    /// "political, religion, social_group" (sorted), cut short when a list is long.
    static func choiceList(_ values: Set<String>) -> String {
        let sorted = values.sorted()
        let shown = sorted.prefix(12).joined(separator: ", ")
        return sorted.count > 12 ? shown + ", … (\(sorted.count) in all)" : shown
    }

    /// The name of what the whole expression is, per context.
    static func site(_ context: ExpressionContext) -> String {
        switch context {
        case .showIf: return "`show_if`"
        case .nextIf: return "the `if` of a `next` rule"
        case .checkIf: return "the `if` of a check"
        case .constraint: return "a `constraint`"
        case .calculate: return "a `calculate` expression"
        case .count: return "a repeat's `count`"
        }
    }
}
