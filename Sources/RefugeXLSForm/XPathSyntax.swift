// XLSForm's expressions: the XPath 1.0 subset ODK forms use, parsed into a tree with XPath's
// own precedence (or < and < = != < < <= > >= < + - < * div mod < unary - < | < primary).

indirect enum XPathNode: Equatable, Sendable {
    case number(String)
    case string(String)
    /// `${name}`
    case reference(String)
    /// `.`
    case current
    /// `..`, a path such as `/data/q1`, or a bare name: none has a Refuge equivalent.
    case path(String)
    case binary(XPathOperator, XPathNode, XPathNode)
    case negate(XPathNode)
    case call(String, [XPathNode])
}

enum XPathOperator: String, Sendable {
    case or, and
    case equal = "=", notEqual = "!="
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case plus = "+", minus = "-", times = "*", div, mod
    case union = "|"
}

struct XPathSyntaxError: Error, Equatable, Sendable {
    var message: String
}

enum XPathToken: Equatable, Sendable {
    case number(String), string(String), reference(String), name(String)
    case op(String)            // = != < <= > >= + - * | and or div mod
    case leftParen, rightParen, comma, dot, dotDot, slash
    case end
}

enum XPathTokenizer {
    static func tokens(_ source: String) throws(XPathSyntaxError) -> [XPathToken] {
        var tokens: [XPathToken] = []
        let chars = Array(source.unicodeScalars)
        var i = 0
        /// XPath reads `and`, `or`, `div`, `mod` and `*` as operators only after an operand.
        func afterOperand() -> Bool {
            switch tokens.last {
            case .number?, .string?, .reference?, .name?, .rightParen?, .dot?, .dotDot?: return true
            default: return false
            }
        }
        func isNameStart(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic
        }
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            isNameStart(c) || c == "-" || c == "." || c == ":" || (c.value >= 48 && c.value <= 57)
        }
        while i < chars.count {
            let c = chars[i]
            if c.properties.isWhitespace { i += 1; continue }
            switch c {
            case "(": tokens.append(.leftParen); i += 1
            case ")": tokens.append(.rightParen); i += 1
            case ",": tokens.append(.comma); i += 1
            case "/": tokens.append(.slash); i += 1
            case "=", "+", "-", "|": tokens.append(.op(String(c))); i += 1
            case "*":
                if afterOperand() { tokens.append(.op("*")) } else { tokens.append(.name("*")) }
                i += 1
            case "!":
                guard i + 1 < chars.count, chars[i + 1] == "=" else { throw XPathSyntaxError(message: "`!` on its own; write `!=` for \"not equal\"") }
                tokens.append(.op("!=")); i += 2
            case "<", ">":
                if i + 1 < chars.count, chars[i + 1] == "=" { tokens.append(.op(String(c) + "=")); i += 2 }
                else { tokens.append(.op(String(c))); i += 1 }
            case "'", "\"", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}":
                // Spreadsheet programs turn quotes into typographic ones as they are typed;
                // pyxform reads those as plain quotes, and so does this.
                let closers: Set<Unicode.Scalar> = c == "'" ? ["'"] : c == "\"" ? ["\""]
                    : (c == "\u{2018}" || c == "\u{2019}") ? ["\u{2018}", "\u{2019}", "'"] : ["\u{201C}", "\u{201D}", "\""]
                var j = i + 1
                var text = String.UnicodeScalarView()
                while j < chars.count, !closers.contains(chars[j]) { text.append(chars[j]); j += 1 }
                guard j < chars.count else { throw XPathSyntaxError(message: "a text in quotes is never closed (a \(c) is missing)") }
                tokens.append(.string(String(text))); i = j + 1
            case "$":
                guard i + 1 < chars.count, chars[i + 1] == "{" else { throw XPathSyntaxError(message: "`$` not followed by `{name}`") }
                var j = i + 2
                var name = String.UnicodeScalarView()
                while j < chars.count, chars[j] != "}" { name.append(chars[j]); j += 1 }
                guard j < chars.count else { throw XPathSyntaxError(message: "`${` is never closed (a `}` is missing)") }
                tokens.append(.reference(String(name).trimmed)); i = j + 1
            case ".":
                if i + 1 < chars.count, chars[i + 1] == "." { tokens.append(.dotDot); i += 2 }
                else if i + 1 < chars.count, chars[i + 1].value >= 48, chars[i + 1].value <= 57 {
                    var j = i + 1
                    while j < chars.count, chars[j].value >= 48, chars[j].value <= 57 { j += 1 }
                    tokens.append(.number("0" + String(String.UnicodeScalarView(chars[i..<j])))); i = j
                } else { tokens.append(.dot); i += 1 }
            default:
                if c.value >= 48 && c.value <= 57 {
                    var j = i
                    while j < chars.count, chars[j].value >= 48, chars[j].value <= 57 { j += 1 }
                    if j < chars.count, chars[j] == "." {
                        j += 1
                        while j < chars.count, chars[j].value >= 48, chars[j].value <= 57 { j += 1 }
                    }
                    tokens.append(.number(String(String.UnicodeScalarView(chars[i..<j])))); i = j
                } else if isNameStart(c) {
                    var j = i
                    while j < chars.count, isNameChar(chars[j]) { j += 1 }
                    let word = String(String.UnicodeScalarView(chars[i..<j]))
                    if ["and", "or", "div", "mod"].contains(word), afterOperand() { tokens.append(.op(word)) }
                    else { tokens.append(.name(word)) }
                    i = j
                } else {
                    throw XPathSyntaxError(message: "`\(c)` is not part of an XLSForm expression")
                }
            }
        }
        tokens.append(.end)
        return tokens
    }
}

struct XPathParser {
    private var tokens: [XPathToken]
    private var position = 0
    private var depth = 0

    /// Brackets, calls and unary minus nest; each level costs stack, so the nesting is bounded.
    private mutating func enter() throws(XPathSyntaxError) {
        depth += 1
        guard depth <= ImportLimits.expressionDepth else {
            throw XPathSyntaxError(message: "it nests more than \(ImportLimits.expressionDepth) levels deep")
        }
    }

    static func parse(_ source: String) throws(XPathSyntaxError) -> XPathNode {
        guard source.count <= ImportLimits.expressionCharacters else {
            throw XPathSyntaxError(message: "it is longer than \(ImportLimits.expressionCharacters) characters")
        }
        var parser = XPathParser(tokens: try XPathTokenizer.tokens(source))
        let node = try parser.expression()
        guard parser.peek == .end else { throw XPathSyntaxError(message: "unexpected \(describe(parser.peek)) after a complete expression") }
        return node
    }

    private init(tokens: [XPathToken]) { self.tokens = tokens }

    private var peek: XPathToken { tokens[position] }
    private mutating func advance() -> XPathToken { defer { position += 1 }; return tokens[position] }

    private mutating func expression() throws(XPathSyntaxError) -> XPathNode { try binary(level: 0) }

    /// Binary operators by XPath precedence, lowest first; all are left-associative.
    private static let levels: [[XPathOperator]] = [
        [.or], [.and], [.equal, .notEqual], [.less, .lessOrEqual, .greater, .greaterOrEqual],
        [.plus, .minus], [.times, .div, .mod],
    ]

    private mutating func binary(level: Int) throws(XPathSyntaxError) -> XPathNode {
        if level == XPathParser.levels.count { return try unary() }
        var left = try binary(level: level + 1)
        while case .op(let text) = peek, let op = XPathOperator(rawValue: text), XPathParser.levels[level].contains(op) {
            position += 1
            let right = try binary(level: level + 1)
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func unary() throws(XPathSyntaxError) -> XPathNode {
        if peek == .op("-") {
            position += 1
            try enter()
            defer { depth -= 1 }
            return .negate(try unary())
        }
        var left = try primary()
        while peek == .op("|") {
            position += 1
            left = .binary(.union, left, try primary())
        }
        return left
    }

    private mutating func primary() throws(XPathSyntaxError) -> XPathNode {
        let token = advance()
        switch token {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .reference(let r): return try pathTail(.reference(r))
        case .dot: return try pathTail(.current)
        case .dotDot: return try pathTail(.path(".."))
        case .slash:
            position -= 1
            return try pathTail(.path(""))
        case .leftParen:
            try enter()
            defer { depth -= 1 }
            let inner = try expression()
            guard advance() == .rightParen else { throw XPathSyntaxError(message: "a `(` is never closed") }
            return inner
        case .name(let name):
            if peek == .leftParen {
                position += 1
                try enter()
                defer { depth -= 1 }
                var arguments: [XPathNode] = []
                if peek != .rightParen {
                    arguments.append(try expression())
                    while peek == .comma {
                        position += 1
                        arguments.append(try expression())
                    }
                }
                guard advance() == .rightParen else { throw XPathSyntaxError(message: "the brackets of `\(name)(` are never closed") }
                return .call(name, arguments)
            }
            return try pathTail(.path(name))
        default:
            throw XPathSyntaxError(message: "expected a value, found \(XPathParser.describe(token))")
        }
    }

    /// `/data/x`, `../x`, `${r}/x`: XPath steps after a primary. They are kept as one path,
    /// which the translator reports as having no Refuge equivalent.
    private mutating func pathTail(_ start: XPathNode) throws(XPathSyntaxError) -> XPathNode {
        guard peek == .slash else { return start }
        var text: String
        switch start {
        case .reference(let r): text = "${\(r)}"
        case .current: text = "."
        case .path(let p): text = p
        default: text = ""
        }
        while peek == .slash {
            position += 1
            text += text.hasSuffix("/") ? "" : "/"
            switch peek {
            case .name(let n): text += n; position += 1
            case .dot: text += "."; position += 1
            case .dotDot: text += ".."; position += 1
            default: break
            }
        }
        return .path(text)
    }

    static func describe(_ token: XPathToken) -> String {
        switch token {
        case .number(let n): return "the number \(n)"
        case .string(let s): return "the text '\(s)'"
        case .reference(let r): return "${\(r)}"
        case .name(let n): return "`\(n)`"
        case .op(let o): return "`\(o)`"
        case .leftParen: return "`(`"
        case .rightParen: return "`)`"
        case .comma: return "`,`"
        case .dot: return "`.`"
        case .dotDot: return "`..`"
        case .slash: return "`/`"
        case .end: return "the end"
        }
    }
}
