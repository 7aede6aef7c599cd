// Turns an XLSForm expression (XPath) into a Refuge expression, or says why it cannot.
// The result is built from the syntax tree, so precedence is kept and parentheses are added
// only where Refuge's grammar needs them.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeExpressions

struct Untranslatable: Error, Sendable {
    var reason: String
}

/// A translated expression: its text, how tightly it binds, and what it is known to hold.
struct RefugeExpression: Sendable {
    /// Refuge's levels: or 1, and 2, not 3, comparison 4, sum 5, unary minus 6, atom 7.
    var text: String
    var level: Int
    var kind: ValueKind

    enum ValueKind: Equatable, Sendable {
        case number, text, date, boolean, choice, multichoice, acknowledge, repeatGroup
        case literalString(String), literalNumber(String)
        case unknown
    }

    func wrapped(atLeast level: Int) -> String {
        self.level < level ? "(\(text))" : text
    }

    /// `a and b`, for joining a group's condition with a question's.
    static func all(_ parts: [String]) -> String? {
        guard !parts.isEmpty else { return nil }
        if parts.count == 1 { return parts[0] }
        return parts.map { "(\($0))" }.joined(separator: " and ")
    }
}

struct ExpressionTranslator {
    var symbols: [String: FormSymbol]
    /// The repeat whose field is being translated (its fields are named without a prefix).
    var repeatName: String?
    /// `.` (the answer being given) is allowed only in constraints.
    var currentKind: RefugeExpression.ValueKind?
    /// In a constraint, the question's own name means the answer being given (`.`): the stored
    /// answer is the one being replaced.
    var selfName: String? = nil

    func translate(_ source: String) throws(Untranslatable) -> RefugeExpression {
        let tree: XPathNode
        do { tree = try XPathParser.parse(source) } catch { throw Untranslatable(reason: "it cannot be read: \(error.message)") }
        return try translate(tree)
    }

    func translate(_ node: XPathNode) throws(Untranslatable) -> RefugeExpression {
        switch node {
        case .number(let n):
            return RefugeExpression(text: Self.number(n), level: 7, kind: .literalNumber(Self.number(n)))
        case .string(let s):
            return RefugeExpression(text: try Self.quote(s), level: 7, kind: .literalString(s))
        case .reference(let name):
            return try reference(name)
        case .current:
            guard let kind = currentKind else {
                throw Untranslatable(reason: "`.` (this question's answer) can be used only in a constraint")
            }
            return RefugeExpression(text: ".", level: 7, kind: kind)
        case .path(let p):
            throw Untranslatable(reason: "the XPath path `\(p)` has no equivalent; name questions as ${name}")
        case .negate(let inner):
            let x = try translate(inner)
            return RefugeExpression(text: "-" + x.wrapped(atLeast: 6), level: 6, kind: .number)
        case .binary(let op, let l, let r):
            return try binary(op, l, r)
        case .call(let name, let arguments):
            return try call(name, arguments)
        }
    }

    private func reference(_ name: String) throws(Untranslatable) -> RefugeExpression {
        if let selfName, name == selfName, let currentKind {
            return RefugeExpression(text: ".", level: 7, kind: currentKind)
        }
        guard let symbol = symbols[name] else {
            throw Untranslatable(reason: "`${\(name)}` names no question of this form")
        }
        let kind: RefugeExpression.ValueKind
        switch symbol.kind {
        case .text: kind = .text
        case .number: kind = .number
        case .date: kind = .date
        case .choice: kind = .choice
        case .multichoice: kind = .multichoice
        case .acknowledge: kind = .acknowledge
        case .calculate: kind = .unknown
        case .repeatGroup: kind = .repeatGroup
        case .group: throw Untranslatable(reason: "`${\(name)}` is a group, which has no value")
        case .note: throw Untranslatable(reason: "`${\(name)}` is a note, which has no value")
        case .notImported(let type): throw Untranslatable(reason: "`${\(name)}` (\(type)) was not imported")
        }
        if let owner = symbol.repeatName, owner != repeatName {
            throw Untranslatable(reason: "`${\(name)}` is a field of the repeat `\(owner)`, named from outside it; Refuge reads a repeat's fields only inside their repeat (or with count/any/all)")
        }
        return RefugeExpression(text: symbol.id, level: 7, kind: kind)
    }

    private func binary(_ op: XPathOperator, _ l: XPathNode, _ r: XPathNode) throws(Untranslatable) -> RefugeExpression {
        switch op {
        case .or, .and:
            let a = try translate(l), b = try translate(r)
            let level = op == .or ? 1 : 2
            return RefugeExpression(text: "\(a.wrapped(atLeast: level)) \(op.rawValue) \(b.wrapped(atLeast: level + 1))",
                                    level: level, kind: .boolean)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            // `${q} = ''` and `${q} != ''` are XLSForm's way to ask whether q has an answer.
            if op == .equal || op == .notEqual, let question = emptyComparison(l, r) {
                guard question != .current else {
                    throw Untranslatable(reason: "comparing `.` with '' has no equivalent; Refuge's `required` asks for an answer")
                }
                let answered = "answered(\(try translate(question).text))"
                return op == .notEqual ? RefugeExpression(text: answered, level: 7, kind: .boolean)
                    : RefugeExpression(text: "not " + answered, level: 3, kind: .boolean)
            }
            var a = try translate(l), b = try translate(r)
            a = try coerce(a, toward: b.kind)
            b = try coerce(b, toward: a.kind)
            if a.kind == .multichoice || b.kind == .multichoice, op == .equal || op == .notEqual {
                throw Untranslatable(reason: "comparing a select_multiple answer with `\(op.rawValue)` has no equivalent; use selected(${q}, 'value')")
            }
            if a.kind == .repeatGroup || b.kind == .repeatGroup {
                throw Untranslatable(reason: "a repeat has no single value to compare; use count(${repeat})")
            }
            if op == .notEqual {
                // XLSForm compares an empty answer as '', so `${q} != 'no'` holds while q has no
                // answer. Refuge's `q != 'no'` would be nothing (false) then; `not (q == 'no')`
                // is true, as in XLSForm, and also for don't know.
                return RefugeExpression(text: "not (\(a.wrapped(atLeast: 5)) == \(b.wrapped(atLeast: 5)))", level: 3, kind: .boolean)
            }
            let refugeOp = op == .equal ? "==" : op.rawValue
            return RefugeExpression(text: "\(a.wrapped(atLeast: 5)) \(refugeOp) \(b.wrapped(atLeast: 5))", level: 4, kind: .boolean)
        case .plus, .minus:
            let a = try translate(l), b = try translate(r)
            if a.kind == .date || b.kind == .date {
                throw Untranslatable(reason: "arithmetic on dates has no equivalent; compare dates, or use years_between in Refuge")
            }
            return RefugeExpression(text: "\(a.wrapped(atLeast: 5)) \(op.rawValue) \(b.wrapped(atLeast: 6))", level: 5, kind: .number)
        case .times:
            throw Untranslatable(reason: "Refuge expressions have no multiplication (`*`)")
        case .div:
            throw Untranslatable(reason: "Refuge expressions have no division (`div`)")
        case .mod:
            throw Untranslatable(reason: "Refuge expressions have no remainder (`mod`)")
        case .union:
            throw Untranslatable(reason: "the XPath union `|` has no equivalent")
        }
    }

    /// The question side of `q = ''` or `'' = q`.
    private func emptyComparison(_ l: XPathNode, _ r: XPathNode) -> XPathNode? {
        if r == .string(""), case .reference = l { return l }
        if l == .string(""), case .reference = r { return r }
        if r == .string(""), l == .current { return l }
        if l == .string(""), r == .current { return r }
        return nil
    }

    /// A literal written in XLSForm's loose way, made the type of what it is compared with:
    /// '2020-01-31' beside a date becomes date('2020-01-31'), 3 beside a choice becomes '3',
    /// '18' beside a number becomes 18, 'OK' beside an acknowledge becomes 'yes'.
    private func coerce(_ e: RefugeExpression, toward other: RefugeExpression.ValueKind) throws(Untranslatable) -> RefugeExpression {
        switch (e.kind, other) {
        case (.literalString(let s), .date):
            guard Self.isDateLiteral(s) else { throw Untranslatable(reason: "'\(s)' is compared with a date but is not a date (write YYYY-MM-DD)") }
            return RefugeExpression(text: "date(\(try Self.quote(s)))", level: 7, kind: .date)
        case (.literalString(let s), .number):
            // Only a decimal Refuge keeps exactly; '1e3' or a 40-digit text stays a text (and
            // the comparison is then refused as comparing a text with a number).
            guard let n = ExactNumber(Self.number(s.trimmed)) else { return e }
            return RefugeExpression(text: n.description, level: 7, kind: .number)
        case (.literalNumber(let n), .choice), (.literalNumber(let n), .text), (.literalNumber(let n), .multichoice):
            return RefugeExpression(text: try Self.quote(n), level: 7, kind: .literalString(n))
        case (.literalString(let s), .acknowledge):
            guard s.uppercased() == "OK" else { throw Untranslatable(reason: "an acknowledge question is 'OK' or empty, not '\(s)'") }
            return RefugeExpression(text: "'yes'", level: 7, kind: .literalString("yes"))
        default:
            return e
        }
    }

    private func call(_ name: String, _ args: [XPathNode]) throws(Untranslatable) -> RefugeExpression {
        func arity(_ n: Int) throws(Untranslatable) {
            guard args.count == n else { throw Untranslatable(reason: "`\(name)()` takes \(n) argument\(n == 1 ? "" : "s"), not \(args.count)") }
        }
        switch name {
        case "selected":
            try arity(2)
            let question = try translate(args[0])
            var value = try translate(args[1])
            if case .literalNumber(let n) = value.kind { value = RefugeExpression(text: try Self.quote(n), level: 7, kind: .literalString(n)) }
            switch question.kind {
            case .multichoice:
                return RefugeExpression(text: "\(value.wrapped(atLeast: 5)) in \(question.text)", level: 4, kind: .boolean)
            case .choice:
                return RefugeExpression(text: "\(question.text) == \(value.wrapped(atLeast: 5))", level: 4, kind: .boolean)
            case .acknowledge:
                let yes = try coerce(value, toward: .acknowledge)
                return RefugeExpression(text: "\(question.text) == \(yes.text)", level: 4, kind: .boolean)
            default:
                throw Untranslatable(reason: "`selected()` needs a select_one or select_multiple question first")
            }
        case "count-selected":
            try arity(1)
            let question = try translate(args[0])
            guard question.kind == .multichoice else { throw Untranslatable(reason: "`count-selected()` needs a select_multiple question") }
            guard question.text != "." else {
                throw Untranslatable(reason: "`count-selected()` of the answer being given has no equivalent in an expression (Refuge's min_count and max_count say how many may be chosen)")
            }
            return RefugeExpression(text: "count(\(question.text))", level: 7, kind: .number)
        case "count":
            try arity(1)
            guard case .reference(let name) = args[0], let symbol = symbols[name], symbol.kind == .repeatGroup else {
                throw Untranslatable(reason: "`count()` is translated only for a repeat, as count(${repeat})")
            }
            return RefugeExpression(text: "count(\(symbol.id))", level: 7, kind: .number)
        case "string-length":
            try arity(1)
            let text = try translate(args[0])
            return RefugeExpression(text: "length(\(text.text))", level: 7, kind: .number)
        case "regex":
            try arity(2)
            let text = try translate(args[0])
            guard case .string(let pattern) = args[1] else { throw Untranslatable(reason: "`regex()` is translated only with the pattern written in quotes") }
            return RefugeExpression(text: "matches(\(text.text), \(try Self.quote(Self.wholeMatch(pattern))))", level: 7, kind: .boolean)
        case "today":
            try arity(0)
            return RefugeExpression(text: "today()", level: 7, kind: .date)
        case "date":
            try arity(1)
            switch args[0] {
            case .string(let s):
                guard Self.isDateLiteral(s) else { throw Untranslatable(reason: "date('\(s)') is not a date written YYYY-MM-DD") }
                return RefugeExpression(text: "date(\(try Self.quote(s)))", level: 7, kind: .date)
            default:
                let inner = try translate(args[0])
                guard inner.kind == .date else { throw Untranslatable(reason: "`date()` is translated only for a date written in quotes or a date question") }
                return inner
            }
        case "if":
            try arity(3)
            let c = try translate(args[0])
            var a = try translate(args[1]), b = try translate(args[2])
            a = try coerce(a, toward: b.kind)
            b = try coerce(b, toward: a.kind)
            return RefugeExpression(text: "if(\(c.text), \(a.text), \(b.text))", level: 7, kind: a.kind == .unknown ? b.kind : a.kind)
        case "coalesce":
            try arity(2)
            guard case .reference = args[0] else { throw Untranslatable(reason: "`coalesce()` is translated only when its first argument is a question, as ${q}") }
            let a = try translate(args[0]), b = try coerce(try translate(args[1]), toward: try translate(args[0]).kind)
            return RefugeExpression(text: "if(answered(\(a.text)), \(a.text), \(b.text))", level: 7, kind: a.kind)
        case "not":
            try arity(1)
            let x = try translate(args[0])
            // Always bracketed unless a single word: `not (a == 'x')` reads as meant.
            return RefugeExpression(text: "not " + x.wrapped(atLeast: 7), level: 3, kind: .boolean)
        case "true", "false":
            try arity(0)
            return RefugeExpression(text: name, level: 7, kind: .boolean)
        case "jr:choice-name":
            throw Untranslatable(reason: "`jr:choice-name()` has no equivalent (Refuge shows a choice's label wherever {{q}} is written in a text)")
        case "indexed-repeat":
            throw Untranslatable(reason: "`indexed-repeat()` has no equivalent: Refuge reads a repeat's entries only with count, any and all")
        case "position":
            throw Untranslatable(reason: "`position()` has no equivalent (Refuge's entry labels number the entries)")
        default:
            throw Untranslatable(reason: "the function `\(name)()` has no equivalent in Refuge's expressions")
        }
    }

    // MARK: - Literals

    /// XPath numbers as Refuge writes them: `[0-9]+(\.[0-9]+)?`.
    static func number(_ n: String) -> String {
        var text = n
        if text.hasSuffix(".") { text.removeLast() }
        if text.hasPrefix(".") { text = "0" + text }
        return text
    }

    /// A Refuge string literal. A backslash before the closing quote would escape it, so such a
    /// text uses the other quote.
    static func quote(_ s: String) throws(Untranslatable) -> String {
        if !s.contains("'") && !s.hasSuffix("\\") { return "'\(s)'" }
        if !s.contains("\"") && !s.hasSuffix("\\") { return "\"\(s)\"" }
        if !s.hasSuffix("\\") { return "'" + s.replacingEvery("'", with: "\\'") + "'" }
        throw Untranslatable(reason: "the text '\(s)' ends with a backslash and has quotes of both kinds")
    }

    static func isDateLiteral(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && parts.dropFirst().allSatisfy { $0.count == 2 }
    }

    /// ODK's regex() is true when the pattern is found anywhere in the text; Refuge's matches()
    /// needs the whole text to match. A pattern anchored at both ends (and without `|`, whose
    /// alternatives could each carry one anchor) means the same in both and is kept as written;
    /// any other is wrapped so that it may match anywhere.
    static func wholeMatch(_ pattern: String) -> String {
        if pattern.hasPrefix("^"), pattern.hasSuffix("$"), !pattern.hasSuffix("\\$"), !pattern.contains("|") {
            return pattern
        }
        return "(?s).*(?:\(pattern)).*"
    }
}
