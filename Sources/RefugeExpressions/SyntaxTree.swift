// The expression as written, before type checking. Every node keeps the column where it
// starts (and operators the column of the operator) so messages point at the right place.

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in", notIn = "not in"

    var isOrdering: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

enum ArithmeticOperator: String, Sendable {
    case plus = "+", minus = "-"
}

struct SyntaxNode: Sendable {
    /// Character offset where the node starts.
    var column: Int
    /// Character offset just after the node, so messages can quote it.
    var end: Int
    var kind: SyntaxKind
}

indirect enum SyntaxKind: Sendable {
    case number(ExactNumber)
    case string(String)
    case boolean(Bool)
    case dot
    case identifier(String)
    case call(name: String, arguments: [SyntaxNode])
    case list([SyntaxNode])
    case negate(SyntaxNode)
    case not(SyntaxNode)
    case and([SyntaxNode])
    case or([SyntaxNode])
    case comparison(ComparisonOperator, SyntaxNode, SyntaxNode, operatorColumn: Int)
    case arithmetic(ArithmeticOperator, SyntaxNode, SyntaxNode, operatorColumn: Int)
}

extension SyntaxNode: CustomStringConvertible {
    /// A fully parenthesised form, so tests can see how the parser grouped things.
    var description: String {
        switch kind {
        case .number(let value):
            return value.description
        case .string(let value): return "'\(value)'"
        case .boolean(let value): return String(value)
        case .dot: return "."
        case .identifier(let name): return name
        case .call(let name, let arguments):
            return "\(name)(\(arguments.map(\.description).joined(separator: ", ")))"
        case .list(let elements): return "[\(elements.map(\.description).joined(separator: ", "))]"
        case .negate(let operand): return "(- \(operand))"
        case .not(let operand): return "(not \(operand))"
        case .and(let operands): return "(" + operands.map(\.description).joined(separator: " and ") + ")"
        case .or(let operands): return "(" + operands.map(\.description).joined(separator: " or ") + ")"
        case .comparison(let op, let left, let right, _): return "(\(left) \(op.rawValue) \(right))"
        case .arithmetic(let op, let left, let right, _): return "(\(left) \(op.rawValue) \(right))"
        }
    }
}
