// Recursive descent over the grammar in the questionnaire format:
//   expr := or;  or := and ("or" and)*;  and := not ("and" not)*;  not := "not" not | cmp
//   cmp := sum (op sum)?;  sum := unary (("+" | "-") unary)*;  unary := "-" unary | atom
// Stops at the first mistake: later messages would mostly be echoes of it.
//
// Every shape is bounded (`Limits`): the source's length, and the depth of the tree, to which
// brackets, `not`, unary minus, calls, lists and each `+`/`-` of a chain add one, so the type
// checker and evaluator, which recurse, never exhaust the stack.

import RefugeLimits

struct Parser {
    private let tokens: [Token]
    private var position = 0
    private var depth = 0
    /// Far beyond any real expression; keeps a pathological input from exhausting the stack.
    private static let maximumDepth = Limits.expressionDepth

    struct Failure: Error {
        var diagnostic: ExpressionDiagnostic
    }

    static func parse(_ source: String) -> Result<SyntaxNode, ExpressionDiagnostic> {
        if source.count > Limits.expressionCharacters {
            return .failure(ExpressionDiagnostic(
                column: 0, message: "the expression is longer than \(Limits.expressionCharacters) characters; split it into several checks"))
        }
        let tokens: [Token]
        switch Tokenizer.tokenize(source) {
        case .success(let result): tokens = result
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        if tokens.count == 1 {
            return .failure(ExpressionDiagnostic(column: 0, message: "the expression is empty"))
        }
        var parser = Parser(tokens: tokens)
        do {
            let node = try parser.parseOr()
            if parser.current.kind != .end { throw parser.unexpectedAfterExpression() }
            return .success(node)
        } catch let failure as Failure {
            return .failure(failure.diagnostic)
        } catch {
            return .failure(ExpressionDiagnostic(column: 0, message: "the expression cannot be read"))
        }
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    private var current: Token { tokens[position] }
    private var next: Token { tokens[min(position + 1, tokens.count - 1)] }
    private var previous: Token? { position > 0 ? tokens[position - 1] : nil }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func failure(_ message: String, at column: Int) -> Failure {
        Failure(diagnostic: ExpressionDiagnostic(column: column, message: message))
    }

    private func isKeyword(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }
    private func isPunctuation(_ punctuation: Punctuation) -> Bool { current.kind == .punctuation(punctuation) }

    // MARK: - Levels

    private mutating func parseOr() throws -> SyntaxNode {
        try nested {
            let first = try $0.parseAnd()
            var operands = [first]
            while $0.isKeyword(.or) {
                _ = $0.advance()
                operands.append(try $0.parseAnd())
            }
            return operands.count == 1 ? first : $0.node(from: first.column, .or(operands))
        }
    }

    private mutating func parseAnd() throws -> SyntaxNode {
        let first = try parseNot()
        var operands = [first]
        while isKeyword(.and) {
            _ = advance()
            operands.append(try parseNot())
        }
        return operands.count == 1 ? first : node(from: first.column, .and(operands))
    }

    private mutating func parseNot() throws -> SyntaxNode {
        if isKeyword(.not) {
            if next.kind == .keyword(.in) {
                throw failure("`not in` needs a value before it, as in `'army' not in groups`", at: current.column)
            }
            let token = advance()
            return try nested {
                let operand = try $0.parseNot()
                return $0.node(from: token.column, .not(operand))
            }
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> SyntaxNode {
        let left = try parseSum()
        guard let (op, column) = comparisonOperatorHere() else { return left }
        let right = try parseSum()
        if let (extra, extraColumn) = comparisonOperatorHere() {
            throw failure(
                "comparisons cannot be chained: `\(op.rawValue)` is followed by `\(extra.rawValue)`; "
                    + "join two comparisons with `and`, as in `a < b and b < c`",
                at: extraColumn)
        }
        return node(from: left.column, .comparison(op, left, right, operatorColumn: column))
    }

    /// Consumes a comparison operator if one is here.
    private mutating func comparisonOperatorHere() -> (ComparisonOperator, Int)? {
        let column = current.column
        switch current.kind {
        case .keyword(.in):
            _ = advance()
            return (.in, column)
        case .keyword(.not) where next.kind == .keyword(.in):
            _ = advance()
            _ = advance()
            return (.notIn, column)
        case .punctuation(let punctuation):
            let op: ComparisonOperator
            switch punctuation {
            case .equal: op = .equal
            case .notEqual: op = .notEqual
            case .less: op = .less
            case .lessOrEqual: op = .lessOrEqual
            case .greater: op = .greater
            case .greaterOrEqual: op = .greaterOrEqual
            default: return nil
            }
            _ = advance()
            return (op, column)
        default:
            return nil
        }
    }

    private mutating func parseSum() throws -> SyntaxNode {
        var left = try parseUnary()
        // Each operator makes the (left-leaning) tree one level deeper.
        let outerDepth = depth
        defer { depth = outerDepth }
        while isPunctuation(.plus) || isPunctuation(.minus) {
            depth += 1
            if depth > Self.maximumDepth {
                throw failure("this chain of `+` and `-` is too long (at most \(Self.maximumDepth) terms, fewer inside brackets)",
                              at: current.column)
            }
            let token = advance()
            let op: ArithmeticOperator = token.kind == .punctuation(.plus) ? .plus : .minus
            let right = try parseUnary()
            left = node(from: left.column, .arithmetic(op, left, right, operatorColumn: token.column))
        }
        return left
    }

    private mutating func parseUnary() throws -> SyntaxNode {
        if isPunctuation(.minus) {
            let token = advance()
            return try nested {
                let operand = try $0.parseUnary()
                return $0.node(from: token.column, .negate(operand))
            }
        }
        return try parseAtom()
    }

    private mutating func parseAtom() throws -> SyntaxNode {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return node(from: token.column, .number(value))
        case .string(let value):
            _ = advance()
            return node(from: token.column, .string(value))
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return node(from: token.column, .boolean(token.kind == .keyword(.true)))
        case .punctuation(.dot):
            _ = advance()
            return node(from: token.column, .dot)
        case .identifier(let name):
            _ = advance()
            guard isPunctuation(.leftParen) else { return node(from: token.column, .identifier(name)) }
            let open = advance()
            let arguments = try parseSequence(closing: .rightParen, opening: open, what: "the arguments of `\(name)`")
            return node(from: token.column, .call(name: name, arguments: arguments))
        case .punctuation(.leftParen):
            let open = advance()
            let inner = try parseOr()
            guard isPunctuation(.rightParen) else { throw unclosed(open, inside: "this bracket") }
            _ = advance()
            return inner
        case .punctuation(.leftBracket):
            let open = advance()
            let elements = try parseSequence(closing: .rightBracket, opening: open, what: "this list")
            return node(from: token.column, .list(elements))
        default:
            throw missingValue()
        }
    }

    /// `expr ("," expr)*` up to `closing`, possibly empty.
    private mutating func parseSequence(closing: Punctuation, opening: Token, what: String) throws -> [SyntaxNode] {
        var elements: [SyntaxNode] = []
        if isPunctuation(closing) {
            _ = advance()
            return elements
        }
        while true {
            elements.append(try parseOr())
            if isPunctuation(.comma) {
                _ = advance()
                continue
            }
            if isPunctuation(closing) {
                _ = advance()
                return elements
            }
            if current.kind == .end { throw unclosed(opening, inside: what) }
            throw failure("expected `,` or `\(closing.rawValue)` in \(what), found `\(current.text)`", at: current.column)
        }
    }

    // MARK: - Messages

    private func unclosed(_ open: Token, inside what: String) -> Failure {
        let closing = open.kind == .punctuation(.leftBracket) ? "]" : ")"
        if current.kind == .end {
            return failure("`\(open.text)` is never closed; add `\(closing)`", at: open.column)
        }
        return failure("expected `\(closing)` to close \(what) (opened at column \(open.column + 1)), found `\(current.text)`",
                       at: current.column)
    }

    /// A value was expected at `current` and is not there.
    private func missingValue() -> Failure {
        let after = previous.map { " after `\($0.text)`" } ?? ""
        switch current.kind {
        case .end:
            return failure("the expression ends too early: a value is missing\(after)", at: current.column)
        case .keyword(let keyword) where keyword == .and || keyword == .or || keyword == .in:
            return failure("`\(keyword.rawValue)` needs a value on each side; one is missing\(after)", at: current.column)
        case .punctuation(.comma):
            return failure("a value is missing before this `,`", at: current.column)
        default:
            return failure("`\(current.text)` cannot stand here: a value is missing\(after)", at: current.column)
        }
    }

    private func unexpectedAfterExpression() -> Failure {
        switch current.kind {
        case .punctuation(.rightParen), .punctuation(.rightBracket):
            return failure("this `\(current.text)` closes nothing; remove it or add the opening bracket", at: current.column)
        case .identifier, .number, .string, .keyword(.true), .keyword(.false), .punctuation(.leftParen):
            return failure("`\(current.text)` follows a complete value; is an operator such as `and` or `==` missing before it?",
                           at: current.column)
        default:
            return failure("`\(current.text)` cannot stand here", at: current.column)
        }
    }

    /// A node from `start` to the end of the token just consumed.
    private func node(from start: Int, _ kind: SyntaxKind) -> SyntaxNode {
        let end = previous.map { $0.column + $0.text.count } ?? start
        return SyntaxNode(column: start, end: max(end, start), kind: kind)
    }

    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            throw failure("the expression is nested too deeply", at: current.column)
        }
        return try body(&self)
    }
}
