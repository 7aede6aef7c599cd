// The words and signs of an expression, each with the column where it starts.

enum Keyword: String, Sendable {
    case and, or, not, `in`, `true`, `false`
}

enum Punctuation: String, Sendable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case comma = ",", dot = "."
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-"
}

enum TokenKind: Equatable, Sendable {
    case number(ExactNumber)
    case string(String)
    case identifier(String)
    case keyword(Keyword)
    case punctuation(Punctuation)
    case end
}

struct Token: Equatable, Sendable {
    var kind: TokenKind
    /// Character offset of the token's first character in the source.
    var column: Int
    /// The token as written, for messages.
    var text: String
}
