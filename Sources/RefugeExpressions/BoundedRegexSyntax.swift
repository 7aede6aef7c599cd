// The syntax of the regular expressions `matches` and `pattern` take: the ICU syntax that
// `NSRegularExpression` reads, for the parts a questionnaire needs, parsed here so that matching
// can run in Refuge's own bounded matcher (BoundedRegexMatcher.swift) without Foundation's ICU.
// What is not supported (back references, look-behind, script properties, \X, \N{…}) is refused
// as an invalid pattern at load, never matched differently.

/// Why a pattern could not be read.
public struct RegexSyntaxError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A set of scalars: what a class `[…]`, `\d`, `\p{L}` or a POSIX name stands for.
indirect enum ScalarSet: Sendable {
    case range(UInt32, UInt32)
    case property(ScalarProperty)
    case union([ScalarSet])
    case intersection(ScalarSet, ScalarSet)
    case difference(ScalarSet, ScalarSet)
    case inverted(ScalarSet)

    func contains(_ s: Unicode.Scalar) -> Bool {
        switch self {
        case .range(let lo, let hi): return s.value >= lo && s.value <= hi
        case .property(let p): return p.holds(for: s)
        case .union(let sets): return sets.contains { $0.contains(s) }
        case .intersection(let a, let b): return a.contains(s) && b.contains(s)
        case .difference(let a, let b): return a.contains(s) && !b.contains(s)
        case .inverted(let a): return !a.contains(s)
        }
    }
}

/// The Unicode properties a pattern can name.
enum ScalarProperty: Sendable {
    case categories(Set<Unicode.GeneralCategory>)
    case alphabetic, whiteSpace, uppercase, lowercase, any, ascii
    /// ICU's `\w`: letters, marks, decimal digits, connector punctuation, ZWNJ and ZWJ.
    case word
    /// `\h`: horizontal white space (spaces and tabs).
    case horizontalSpace
    /// `\v`: vertical white space (line breaks).
    case verticalSpace

    func holds(for s: Unicode.Scalar) -> Bool {
        switch self {
        case .categories(let set): return set.contains(s.properties.generalCategory)
        case .alphabetic: return s.properties.isAlphabetic
        case .whiteSpace: return s.properties.isWhitespace
        case .uppercase: return s.properties.isUppercase
        case .lowercase: return s.properties.isLowercase
        case .any: return true
        case .ascii: return s.isASCII
        case .word:
            if s.properties.isAlphabetic { return true }
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
            default: return s.value == 0x200C || s.value == 0x200D
            }
        case .horizontalSpace: return s.value == 0x09 || s.properties.generalCategory == .spaceSeparator
        case .verticalSpace: return (0x0A...0x0D).contains(s.value) || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
        }
    }

    static let digit = ScalarProperty.categories([.decimalNumber])

    /// `\p{name}`: general categories (short and long names), a few binary properties.
    static func named(_ raw: String) -> ScalarProperty? {
        var name = raw.filter { $0 != " " && $0 != "_" && $0 != "-" }.lowercased()
        for prefix in ["generalcategory=", "gc="] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
        if name.hasPrefix("is"), name.count > 2, let p = named(String(name.dropFirst(2))) { return p }
        switch name {
        case "alphabetic", "alpha": return .alphabetic
        case "whitespace", "space": return .whiteSpace
        case "uppercase", "upper": return .uppercase
        case "lowercase", "lower": return .lowercase
        case "any": return .any
        case "ascii": return .ascii
        default: break
        }
        let groups: [String: [Unicode.GeneralCategory]] = [
            "l": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter],
            "letter": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter],
            "lu": [.uppercaseLetter], "uppercaseletter": [.uppercaseLetter],
            "ll": [.lowercaseLetter], "lowercaseletter": [.lowercaseLetter],
            "lt": [.titlecaseLetter], "titlecaseletter": [.titlecaseLetter],
            "lm": [.modifierLetter], "modifierletter": [.modifierLetter],
            "lo": [.otherLetter], "otherletter": [.otherLetter],
            "lc": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter], "casedletter": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter],
            "m": [.nonspacingMark, .spacingMark, .enclosingMark], "mark": [.nonspacingMark, .spacingMark, .enclosingMark],
            "mn": [.nonspacingMark], "nonspacingmark": [.nonspacingMark],
            "mc": [.spacingMark], "spacingmark": [.spacingMark],
            "me": [.enclosingMark], "enclosingmark": [.enclosingMark],
            "n": [.decimalNumber, .letterNumber, .otherNumber], "number": [.decimalNumber, .letterNumber, .otherNumber],
            "nd": [.decimalNumber], "decimalnumber": [.decimalNumber], "digit": [.decimalNumber],
            "nl": [.letterNumber], "letternumber": [.letterNumber],
            "no": [.otherNumber], "othernumber": [.otherNumber],
            "p": [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation],
            "punctuation": [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation],
            "punct": [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation],
            "pc": [.connectorPunctuation], "connectorpunctuation": [.connectorPunctuation],
            "pd": [.dashPunctuation], "dashpunctuation": [.dashPunctuation],
            "ps": [.openPunctuation], "openpunctuation": [.openPunctuation],
            "pe": [.closePunctuation], "closepunctuation": [.closePunctuation],
            "pi": [.initialPunctuation], "initialpunctuation": [.initialPunctuation],
            "pf": [.finalPunctuation], "finalpunctuation": [.finalPunctuation],
            "po": [.otherPunctuation], "otherpunctuation": [.otherPunctuation],
            "s": [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol], "symbol": [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol],
            "sm": [.mathSymbol], "mathsymbol": [.mathSymbol],
            "sc": [.currencySymbol], "currencysymbol": [.currencySymbol],
            "sk": [.modifierSymbol], "modifiersymbol": [.modifierSymbol],
            "so": [.otherSymbol], "othersymbol": [.otherSymbol],
            "z": [.spaceSeparator, .lineSeparator, .paragraphSeparator], "separator": [.spaceSeparator, .lineSeparator, .paragraphSeparator],
            "zs": [.spaceSeparator], "spaceseparator": [.spaceSeparator],
            "zl": [.lineSeparator], "lineseparator": [.lineSeparator],
            "zp": [.paragraphSeparator], "paragraphseparator": [.paragraphSeparator],
            "c": [.control, .format, .surrogate, .privateUse, .unassigned], "other": [.control, .format, .surrogate, .privateUse, .unassigned],
            "cc": [.control], "control": [.control], "cntrl": [.control],
            "cf": [.format], "format": [.format],
            "cs": [.surrogate], "surrogate": [.surrogate],
            "co": [.privateUse], "privateuse": [.privateUse],
            "cn": [.unassigned], "unassigned": [.unassigned],
        ]
        return groups[name].map { .categories(Set($0)) }
    }

    /// `[:name:]` inside a class.
    static func posix(_ name: String) -> ScalarSet? {
        switch name.lowercased() {
        case "alpha": return .property(.alphabetic)
        case "digit": return .property(.digit)
        case "alnum": return .union([.property(.alphabetic), .property(.digit)])
        case "space": return .property(.whiteSpace)
        case "upper": return .property(.uppercase)
        case "lower": return .property(.lowercase)
        case "punct": return named("p").map { .property($0) }
        case "xdigit": return .union([.range(0x30, 0x39), .range(0x41, 0x46), .range(0x61, 0x66)])
        case "word": return .property(.word)
        case "blank": return .property(.horizontalSpace)
        case "cntrl": return .property(.categories([.control]))
        case "ascii": return .property(.ascii)
        default: return named(name).map { .property($0) }
        }
    }
}

/// Zero-width tests.
enum RegexAssertion: Sendable {
    case textStart, textEnd
    /// `$` without (?m) and `\Z`: the end, or before a final line break.
    case textEndOrFinalLineBreak
    case lineStart, lineEnd
    case wordBoundary(Bool)
}

enum RepeatKind: Sendable { case greedy, lazy, possessive }

/// The parsed pattern.
indirect enum RegexNode: Sendable {
    case empty
    case scalar(Unicode.Scalar, ignoringCase: Bool)
    case set(ScalarSet, ignoringCase: Bool)
    /// `.`; with (?s) it also matches line breaks.
    case any(dotAll: Bool)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?, RepeatKind)
    case assertion(RegexAssertion)
    case lookahead(RegexNode, negative: Bool)
    case atomic(RegexNode)

    /// Whether the node can match without consuming anything (for the empty-loop guard).
    var canBeEmpty: Bool {
        switch self {
        case .empty, .assertion, .lookahead: return true
        case .scalar, .set, .any: return false
        case .sequence(let nodes): return nodes.allSatisfy(\.canBeEmpty)
        case .alternation(let nodes): return nodes.contains(where: \.canBeEmpty)
        case .repetition(let node, let min, _, _): return min == 0 || node.canBeEmpty
        case .atomic(let node): return node.canBeEmpty
        }
    }
}

/// Reads a pattern in ICU syntax into a `RegexNode`.
struct RegexParser {
    private struct Flags {
        var ignoreCase = false, extended = false, dotAll = false, multiline = false
    }

    private let scalars: [Unicode.Scalar]
    private var at = 0
    private var flags = Flags()
    /// Open groups, to bound the nesting (the parser recurses once per group).
    private var depth = 0
    static let maximumDepth = 100

    init(_ pattern: String) { scalars = Array(pattern.unicodeScalars) }

    static func parse(_ pattern: String) throws -> RegexNode {
        var parser = RegexParser(pattern)
        let node = try parser.alternation()
        if parser.at < parser.scalars.count {
            throw RegexSyntaxError("an unmatched ')'")
        }
        return node
    }

    private var current: Unicode.Scalar? { at < scalars.count ? scalars[at] : nil }
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? { at + offset < scalars.count ? scalars[at + offset] : nil }

    /// alternatives separated by `|`, up to `)` or the end.
    private mutating func alternation() throws -> RegexNode {
        let saved = flags
        var branches: [RegexNode] = []
        var items: [RegexNode] = []
        while true {
            skipExtendedSpace()
            guard let c = current else { break }
            if c == ")" { break }
            if c == "|" {
                at += 1
                branches.append(.sequence(items)); items = []
                continue
            }
            if let item = try atomWithQuantifier() { items.append(item) }
        }
        branches.append(.sequence(items))
        // An inline (?i) reaches to the end of its group only.
        flags = saved
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    /// In (?x) mode, white space and `#` comments between items mean nothing.
    private mutating func skipExtendedSpace() {
        guard flags.extended else { return }
        while let c = current {
            if c.properties.isWhitespace { at += 1; continue }
            if c == "#" {
                while let d = current, d != "\n" { at += 1 }
                continue
            }
            break
        }
    }

    private mutating func atomWithQuantifier() throws -> RegexNode? {
        guard let atom = try self.atom() else { return nil }
        var node = atom
        while true {
            skipExtendedSpace()
            guard let c = current else { break }
            var min = 0, max: Int? = nil
            switch c {
            case "*": at += 1
            case "+": at += 1; min = 1
            case "?": at += 1; max = 1
            case "{":
                guard let (lo, hi) = try interval() else { return node }
                min = lo; max = hi
            default: return node
            }
            var kind = RepeatKind.greedy
            if current == "?" { at += 1; kind = .lazy } else if current == "+" { at += 1; kind = .possessive }
            node = .repetition(node, min: min, max: max, kind)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`.
    private mutating func interval() throws -> (Int, Int?)? {
        var i = at + 1
        func number() -> Int? {
            var value: Int? = nil
            while i < scalars.count, let d = Int(String(scalars[i])), scalars[i].isASCII {
                value = (value ?? 0) * 10 + d
                if value! > 100_000 { return nil }
                i += 1
            }
            return value
        }
        guard let lo = number() else { throw RegexSyntaxError("a bad repeat count") }
        var hi: Int? = lo
        if i < scalars.count, scalars[i] == "," {
            i += 1
            hi = number()
        }
        guard i < scalars.count, scalars[i] == "}" else { throw RegexSyntaxError("a bad repeat count") }
        if let hi, hi < lo { throw RegexSyntaxError("a repeat count whose maximum is below its minimum") }
        at = i + 1
        return (lo, hi)
    }

    private mutating func atom() throws -> RegexNode? {
        guard let c = current else { return nil }
        switch c {
        case "(": return try group()
        case "[":
            at += 1
            return .set(try classBody(), ignoringCase: flags.ignoreCase)
        case ".": at += 1; return .any(dotAll: flags.dotAll)
        case "^": at += 1; return .assertion(flags.multiline ? .lineStart : .textStart)
        case "$": at += 1; return .assertion(flags.multiline ? .lineEnd : .textEndOrFinalLineBreak)
        case "\\": return try escape()
        case "*", "+", "?": throw RegexSyntaxError("a repeat with nothing before it")
        case "{":
            throw RegexSyntaxError("a repeat with nothing before it")
        default:
            at += 1
            return .scalar(c, ignoringCase: flags.ignoreCase)
        }
    }

    private mutating func group() throws -> RegexNode? {
        at += 1   // (
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw RegexSyntaxError("groups nested too deeply") }
        var wrap: (RegexNode) -> RegexNode = { $0 }
        if current == "?" {
            at += 1
            switch current {
            case ":": at += 1
            case ">": at += 1; wrap = { .atomic($0) }
            case "=": at += 1; wrap = { .lookahead($0, negative: false) }
            case "!": at += 1; wrap = { .lookahead($0, negative: true) }
            case "#":
                while let c = current, c != ")" { at += 1 }
                guard current == ")" else { throw RegexSyntaxError("an unclosed comment") }
                at += 1
                return nil
            case "<":
                if peek(1) == "=" || peek(1) == "!" { throw RegexSyntaxError("look-behind is not supported") }
                at += 1
                while let c = current, c != ">" {
                    guard c.properties.isAlphabetic || (c.isASCII && c.properties.numericType != nil) else {
                        throw RegexSyntaxError("a bad group name")
                    }
                    at += 1
                }
                guard current == ">" else { throw RegexSyntaxError("an unclosed group name") }
                at += 1
            default:
                // Flags: (?ix-s) for the rest of the group, (?i:…) for what it holds.
                var on = true
                var newFlags = flags
                while let c = current, c != ")" && c != ":" {
                    switch c {
                    case "-": on = false
                    case "i": newFlags.ignoreCase = on
                    case "x": newFlags.extended = on
                    case "s": newFlags.dotAll = on
                    case "m": newFlags.multiline = on
                    case "w": break
                    default: throw RegexSyntaxError("an unknown flag")
                    }
                    at += 1
                }
                guard let end = current else { throw RegexSyntaxError("an unclosed group") }
                at += 1
                if end == ")" { flags = newFlags; return nil }
                let outer = flags
                flags = newFlags
                let inner = try alternation()
                flags = outer
                guard current == ")" else { throw RegexSyntaxError("an unclosed group") }
                at += 1
                return inner
            }
        }
        let inner = try alternation()
        guard current == ")" else { throw RegexSyntaxError("an unclosed group") }
        at += 1
        return wrap(inner)
    }

    /// `\Q…\E` (to the end when never closed), or one escape.
    private mutating func escape() throws -> RegexNode? {
        at += 1
        guard let c = current else { throw RegexSyntaxError("a backslash at the end") }
        if c == "Q" {
            at += 1
            var quoted: [RegexNode] = []
            while let q = current {
                if q == "\\" && peek(1) == "E" { at += 2; break }
                quoted.append(.scalar(q, ignoringCase: flags.ignoreCase))
                at += 1
            }
            return .sequence(quoted)
        }
        if c == "E" { at += 1; return nil }
        switch c {
        case "A": at += 1; return .assertion(.textStart)
        case "z": at += 1; return .assertion(.textEnd)
        case "Z": at += 1; return .assertion(.textEndOrFinalLineBreak)
        case "b": at += 1; return .assertion(.wordBoundary(true))
        case "B": at += 1; return .assertion(.wordBoundary(false))
        case "G": at += 1; return .assertion(.textStart)
        default: break
        }
        switch try escapedItem() {
        case .scalar(let s): return .scalar(s, ignoringCase: flags.ignoreCase)
        case .set(let set): return .set(set, ignoringCase: flags.ignoreCase)
        }
    }

    private enum Escaped { case scalar(Unicode.Scalar), set(ScalarSet) }

    /// An escape that stands for one scalar or a set of them, after the backslash (in or out of a class).
    private mutating func escapedItem() throws -> Escaped {
        guard let c = current else { throw RegexSyntaxError("a backslash at the end") }
        at += 1
        switch c {
        case "d": return .set(.property(.digit))
        case "D": return .set(.inverted(.property(.digit)))
        case "w": return .set(.property(.word))
        case "W": return .set(.inverted(.property(.word)))
        case "s": return .set(.property(.whiteSpace))
        case "S": return .set(.inverted(.property(.whiteSpace)))
        case "h": return .set(.property(.horizontalSpace))
        case "H": return .set(.inverted(.property(.horizontalSpace)))
        case "v": return .set(.property(.verticalSpace))
        case "V": return .set(.inverted(.property(.verticalSpace)))
        case "p", "P":
            var name = ""
            if current == "{" {
                at += 1
                while let n = current, n != "}" { name.unicodeScalars.append(n); at += 1 }
                guard current == "}" else { throw RegexSyntaxError("an unclosed property name") }
                at += 1
            } else if let n = current {
                name = String(n); at += 1
            }
            var negated = c == "P"
            if name.hasPrefix("^") { name.removeFirst(); negated.toggle() }
            guard let property = ScalarProperty.named(name) else { throw RegexSyntaxError("an unknown property \(name)") }
            return .set(negated ? .inverted(.property(property)) : .property(property))
        case "t": return .scalar("\t")
        case "n": return .scalar("\n")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "a": return .scalar("\u{07}")
        case "e": return .scalar("\u{1B}")
        case "u": return .scalar(try hex(exactly: 4))
        case "U": return .scalar(try hex(exactly: 8))
        case "x":
            if current == "{" {
                at += 1
                var digits = ""
                while let h = current, h != "}" { digits.unicodeScalars.append(h); at += 1 }
                guard current == "}", let v = UInt32(digits, radix: 16), let s = Unicode.Scalar(v) else {
                    throw RegexSyntaxError("a bad \\x{…}")
                }
                at += 1
                return .scalar(s)
            }
            return .scalar(try hex(exactly: 2))
        case "0":
            var value: UInt32 = 0
            var count = 0
            while count < 3, let o = current, let d = UInt32(String(o), radix: 8), o.isASCII { value = value * 8 + d; at += 1; count += 1 }
            return .scalar(Unicode.Scalar(value)!)
        case "c":
            guard let l = current, l.isASCII else { throw RegexSyntaxError("a bad \\c") }
            at += 1
            return .scalar(Unicode.Scalar(l.value ^ 0x40)!)
        default:
            if c.properties.isAlphabetic || (c.isASCII && ("1"..."9").contains(Character(c))) {
                // Back references, \k, \N{…}, \X, \R and unknown letters.
                throw RegexSyntaxError("the escape \\\(Character(c)) is not supported")
            }
            return .scalar(c)
        }
    }

    private mutating func hex(exactly n: Int) throws -> Unicode.Scalar {
        guard at + n <= scalars.count else { throw RegexSyntaxError("a short hexadecimal escape") }
        var digits = ""
        for s in scalars[at..<(at + n)] { digits.unicodeScalars.append(s) }
        guard let v = UInt32(digits, radix: 16), let s = Unicode.Scalar(v) else { throw RegexSyntaxError("a bad hexadecimal escape") }
        at += n
        return s
    }

    /// The inside of `[…]` after its `[`, through its `]`: items, ranges, nested classes,
    /// `[:name:]`, and the ICU operators `&&` and `--` between nested classes or items.
    private mutating func classBody() throws -> ScalarSet {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw RegexSyntaxError("classes nested too deeply") }
        var negated = false
        if current == "^" { negated = true; at += 1 }
        var items: [ScalarSet] = []
        var result: ScalarSet?
        var pendingOperator: Unicode.Scalar?
        var first = true
        func flush() {
            let set: ScalarSet = items.count == 1 ? items[0] : .union(items)
            items = []
            if let existing = result, let op = pendingOperator {
                result = op == "&" ? .intersection(existing, set) : .difference(existing, set)
            } else if let existing = result {
                result = .union([existing, set])
            } else {
                result = set
            }
            pendingOperator = nil
        }
        while true {
            if flags.extended, let c = current, c.properties.isWhitespace { at += 1; continue }
            guard let c = current else { throw RegexSyntaxError("an unclosed [") }
            if c == "]" && !first { at += 1; break }
            first = false
            if (c == "&" && peek(1) == "&") || (c == "-" && peek(1) == "-") {
                at += 2
                flush()
                pendingOperator = c
                continue
            }
            if c == "[" {
                if peek(1) == ":" {
                    var i = at + 2
                    var name = ""
                    while i < scalars.count, scalars[i] != ":" { name.unicodeScalars.append(scalars[i]); i += 1 }
                    if i + 1 < scalars.count, scalars[i + 1] == "]" {
                        let inverted = name.hasPrefix("^")
                        if inverted { name.removeFirst() }
                        guard let set = ScalarProperty.posix(name) else { throw RegexSyntaxError("an unknown class [:\(name):]") }
                        items.append(inverted ? .inverted(set) : set)
                        at = i + 2
                        continue
                    }
                }
                at += 1
                items.append(try classBody())
                continue
            }
            let low = try classScalarOrSet()
            guard case .scalar(let lo) = low else {
                if case .set(let set) = low { items.append(set) }
                continue
            }
            if current == "-", let next = peek(1), next != "]", next != "-", next != "[" {
                at += 1
                guard case .scalar(let hi) = try classScalarOrSet() else { throw RegexSyntaxError("a range that ends in a class") }
                guard hi.value >= lo.value else { throw RegexSyntaxError("a range whose end comes before its start") }
                items.append(.range(lo.value, hi.value))
            } else {
                items.append(.range(lo.value, lo.value))
            }
        }
        flush()
        let set = result ?? .union([])
        return negated ? .inverted(set) : set
    }

    private mutating func classScalarOrSet() throws -> Escaped {
        guard let c = current else { throw RegexSyntaxError("an unclosed [") }
        if c == "\\" {
            at += 1
            if current == "Q" || current == "E" || current == "b" {
                throw RegexSyntaxError("an escape that does not belong in a class")
            }
            return try escapedItem()
        }
        at += 1
        return .scalar(c)
    }
}
