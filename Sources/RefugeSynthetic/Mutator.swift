/// Mutations of a text for fuzzing the questionnaire loader and the expression parser: bytes
/// flipped, removed, repeated; slices copied elsewhere; and tokens that have broken YAML and
/// expression parsers before (anchors and aliases, deep brackets, long chains, odd scalars,
/// control characters, invalid UTF-8) inserted. Seeded, so a failing case can be made again.
public struct Mutator {
    public var random: SyntheticQuestionnaire.Random

    public init(seed: UInt64) { random = SyntheticQuestionnaire.Random(seed: seed) }

    /// Tokens worth inserting into YAML.
    public static let yamlTokens: [String] = [
        "&a ", "*a", "<<: *a", "? ", ": ", "- ", "[", "]", "{", "}", "|", ">-", "|+2", "!!binary ", "!tag ",
        "\"\\u0000\"", "'", "\"", "#", "\n", "\n  ", "\t", "---\n", "...\n", "~", "null", "0x1F", "1e999",
        "\u{FEFF}", "\u{202E}", "\u{1B}[2J", "%YAML 1.1\n", "show_if: ", "constraint: ", "type: repeat\n",
        "next: [{goto: end}]", "{{x}}", "count(", "matches(., '(a+)+b')",
    ]

    /// Tokens worth inserting into an expression.
    public static let expressionTokens: [String] = [
        "(", ")", "[", "]", ",", ".", "'", "\"", "\\", "+", "-", "==", "!=", "<", "<=", ">", ">=", "and", "or", "not",
        "in", "not in", "count(", "any(", "all(", "date(", "today()", "years_between(", "length(", "matches(",
        "if(", "answered(", "dont_know(", "refused(", "1", "0.1", "9007199254740993", "1e5", "'2022-09'",
        "~", "x", "n", "people", "person_age", " ", "\u{0}", "\u{FFFF}",
    ]

    public mutating func below(_ n: Int) -> Int { random.below(n) }

    /// One to four mutations of `bytes`.
    public mutating func mutate(_ bytes: [UInt8], tokens: [String]) -> [UInt8] {
        var out = bytes
        for _ in 0...random.below(4) { out = mutateOnce(out, tokens: tokens) }
        return out
    }

    private mutating func mutateOnce(_ bytes: [UInt8], tokens: [String]) -> [UInt8] {
        var out = bytes
        let at = out.isEmpty ? 0 : random.below(out.count + 1)
        switch random.below(7) {
        case 0 where !out.isEmpty:   // flip a bit
            let i = random.below(out.count)
            out[i] ^= UInt8(1 << random.below(8))
        case 1 where !out.isEmpty:   // remove a slice
            let end = min(out.count, at + 1 + random.below(16))
            if at < end { out.removeSubrange(at..<end) }
        case 2 where !out.isEmpty:   // copy a slice elsewhere
            let start = random.below(out.count)
            let end = min(out.count, start + 1 + random.below(64))
            out.insert(contentsOf: out[start..<end], at: random.below(out.count + 1))
        case 3:                      // a token
            out.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: at)
        case 4:                      // a token repeated (deep nesting, long chains)
            let token = Array(tokens[random.below(tokens.count)].utf8)
            let times = 1 + random.below(400)
            out.insert(contentsOf: (0..<times).flatMap { _ in token }, at: at)
        case 5:                      // a random byte (invalid UTF-8 included)
            out.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        default:                     // a line cut short
            if let newline = out[at...].firstIndex(of: 10) { out.removeSubrange(at..<newline) }
        }
        return out
    }

    /// A random expression of up to `length` tokens.
    public mutating func randomExpression(length: Int) -> String {
        (0..<(1 + random.below(length))).map { _ in Self.expressionTokens[random.below(Self.expressionTokens.count)] }
            .joined(separator: random.below(3) == 0 ? "" : " ")
    }
}
