import RefugeLimits

// Refuge's own matcher for `matches` and `pattern`: a backtracking machine (as ICU's is, so
// the same patterns mean the same) whose work is counted. Every step of the machine, and every
// scalar a repeated class takes, costs one unit; past `Limits.regexSteps` the match gives up,
// and past `Limits.regexBacktrackEntries` remembered choices it gives up too, so a pattern that
// backtracks catastrophically costs a bounded fraction of a second and bounded memory, and the
// caller gets "unknown", never "no match".

/// What one match step can take: a single scalar.
enum SingleScalarMatcher: Sendable {
    case scalar(Unicode.Scalar, ignoringCase: Bool)
    case set(ScalarSet, ignoringCase: Bool)
    case any(dotAll: Bool)

    @inline(__always)
    func matches(_ s: Unicode.Scalar) -> Bool {
        switch self {
        case .scalar(let c, let ignoringCase):
            return c == s || (ignoringCase && RegexCase.fold(c) == RegexCase.fold(s))
        case .set(let set, let ignoringCase):
            if set.contains(s) { return true }
            guard ignoringCase else { return false }
            let lower = RegexCase.fold(s)
            return (lower != s && set.contains(lower)) || set.contains(RegexCase.upper(s))
        case .any(let dotAll):
            return dotAll || !RegexCase.isLineTerminator(s)
        }
    }
}

enum RegexCase {
    /// The simple lowercase of a scalar (itself when lowercasing gives several scalars).
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII {
            return (0x41...0x5A).contains(s.value) ? Unicode.Scalar(s.value + 0x20)! : s
        }
        let mapped = s.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : s
    }

    static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII {
            return (0x61...0x7A).contains(s.value) ? Unicode.Scalar(s.value - 0x20)! : s
        }
        let mapped = s.properties.uppercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : s
    }

    static func isLineTerminator(_ s: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(s.value) || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
    }
}

enum RegexInstruction: Sendable {
    case single(SingleScalarMatcher)
    /// Try `preferred` first; on failure come back to `other`.
    case split(preferred: Int, other: Int)
    case jump(Int)
    case assertion(RegexAssertion)
    /// A single-scalar item repeated: taken in one go, given back one at a time.
    case repeatSingle(SingleScalarMatcher, min: Int, max: Int?, RepeatKind)
    /// Remembers where a loop's pass began…
    case mark(slot: Int)
    /// …and fails a pass that took nothing, so an empty loop cannot turn forever.
    case requireProgress(slot: Int)
    case lookahead(program: Int, negative: Bool)
    case atomic(program: Int)
    case match
}

/// A compiled pattern: programs of instructions (the first is the whole pattern, anchored at
/// both ends; the others are look-aheads and atomic groups).
struct RegexProgram: Sendable {
    var programs: [[RegexInstruction]] = []
    var slots: [Int] = []

    static let maximumInstructions = 100_000

    init(_ node: RegexNode) throws {
        var compiler = Compiler()
        try compiler.main(.sequence([node, .assertion(.textEnd)]))
        programs = compiler.programs
        slots = compiler.slots
    }

    private struct Compiler {
        var programs: [[RegexInstruction]] = [[]]
        var slots: [Int] = [0]
        var total = 0

        mutating func main(_ node: RegexNode) throws {
            try compile(node, at: 0)
        }

        private mutating func subprogram(_ node: RegexNode) throws -> Int {
            programs.append([])
            slots.append(0)
            let index = programs.count - 1
            try compile(node, at: index)
            return index
        }

        /// Compiles `node` into program `index` (its place is taken first, so that programs
        /// nested inside it get the numbers after it), counting against the size limit.
        private mutating func compile(_ node: RegexNode, at index: Int) throws {
            var code: [RegexInstruction] = []
            var slotCount = 0
            try emit(node, into: &code, slots: &slotCount)
            code.append(.match)
            total += code.count
            guard total <= RegexProgram.maximumInstructions else { throw RegexSyntaxError("a pattern too large") }
            programs[index] = code
            slots[index] = slotCount
        }

        private mutating func emit(_ node: RegexNode, into code: inout [RegexInstruction], slots: inout Int) throws {
            guard code.count + total <= RegexProgram.maximumInstructions else { throw RegexSyntaxError("a pattern too large") }
            switch node {
            case .empty: break
            case .scalar(let s, let ic): code.append(.single(.scalar(s, ignoringCase: ic)))
            case .set(let set, let ic): code.append(.single(.set(set, ignoringCase: ic)))
            case .any(let dotAll): code.append(.single(.any(dotAll: dotAll)))
            case .sequence(let nodes):
                for n in nodes { try emit(n, into: &code, slots: &slots) }
            case .alternation(let branches):
                var jumpsToEnd: [Int] = []
                for (i, branch) in branches.enumerated() {
                    if i < branches.count - 1 {
                        let split = code.count
                        code.append(.split(preferred: split + 1, other: -1))
                        try emit(branch, into: &code, slots: &slots)
                        jumpsToEnd.append(code.count)
                        code.append(.jump(-1))
                        code[split] = .split(preferred: split + 1, other: code.count)
                    } else {
                        try emit(branch, into: &code, slots: &slots)
                    }
                }
                for j in jumpsToEnd { code[j] = .jump(code.count) }
            case .assertion(let a): code.append(.assertion(a))
            case .lookahead(let inner, let negative):
                code.append(.lookahead(program: try subprogram(inner), negative: negative))
            case .atomic(let inner):
                code.append(.atomic(program: try subprogram(inner)))
            case .repetition(let inner, let min, let max, let kind):
                if let single = Self.single(inner) {
                    code.append(.repeatSingle(single, min: min, max: max, kind))
                    return
                }
                if kind == .possessive {
                    code.append(.atomic(program: try subprogram(.repetition(inner, min: min, max: max, .greedy))))
                    return
                }
                for _ in 0..<min { try emit(inner, into: &code, slots: &slots) }
                let guardEmpty = inner.canBeEmpty
                if let max {
                    // Each optional pass nested in the one before: x{2,4} = xx(x(x)?)?
                    var exits: [Int] = []
                    for _ in 0..<(max - min) {
                        let split = code.count
                        code.append(.split(preferred: -1, other: -1))
                        exits.append(split)
                        try emit(inner, into: &code, slots: &slots)
                    }
                    let end = code.count
                    for split in exits {
                        code[split] = kind == .lazy ? .split(preferred: end, other: split + 1) : .split(preferred: split + 1, other: end)
                    }
                } else {
                    let loop = code.count
                    code.append(.split(preferred: -1, other: -1))
                    let slot = slots
                    if guardEmpty { slots += 1; code.append(.mark(slot: slot)) }
                    try emit(inner, into: &code, slots: &slots)
                    if guardEmpty { code.append(.requireProgress(slot: slot)) }
                    code.append(.jump(loop))
                    let end = code.count
                    code[loop] = kind == .lazy ? .split(preferred: end, other: loop + 1) : .split(preferred: loop + 1, other: end)
                }
            }
        }

        static func single(_ node: RegexNode) -> SingleScalarMatcher? {
            switch node {
            case .scalar(let s, let ic): return .scalar(s, ignoringCase: ic)
            case .set(let set, let ic): return .set(set, ignoringCase: ic)
            case .any(let dotAll): return .any(dotAll: dotAll)
            case .sequence(let nodes) where nodes.count == 1: return single(nodes[0])
            default: return nil
            }
        }
    }
}

/// One match of a program against a text, with its budget.
struct RegexRun {
    struct GaveUp: Error {}

    private enum Choice {
        case resume(pc: Int, position: Int)
        /// A greedy repeat may still give back scalars down to `lowest`.
        case giveBack(next: Int, lowest: Int, position: Int)
        /// A lazy repeat may still take one more (instruction `at`, `count` taken so far).
        case takeMore(at: Int, position: Int, count: Int)
        case restoreMark(slot: Int, value: Int)
    }

    let program: RegexProgram
    let text: [Unicode.Scalar]
    var steps = 0
    let stepLimit: Int
    let choiceLimit: Int

    init(program: RegexProgram, text: [Unicode.Scalar], stepLimit: Int = Limits.regexSteps,
         choiceLimit: Int = Limits.regexBacktrackEntries) {
        self.program = program
        self.text = text
        self.stepLimit = stepLimit
        self.choiceLimit = choiceLimit
    }

    /// Where program `index` ends a match begun at `start`, or nil when it cannot match.
    mutating func run(_ index: Int, from start: Int) throws -> Int? {
        let code = program.programs[index]
        var marks = [Int](repeating: -1, count: program.slots[index])
        var choices: [Choice] = []
        var pc = 0
        var position = start
        let end = text.count

        func count(_ matcher: SingleScalarMatcher, from p: Int, upTo limit: Int) -> Int {
            var n = 0
            while n < limit, p + n < end, matcher.matches(text[p + n]) { n += 1 }
            return n
        }

        while true {
            steps += 1
            if steps > stepLimit || choices.count > choiceLimit { throw GaveUp() }
            var failed = false
            switch code[pc] {
            case .match:
                return position
            case .single(let matcher):
                if position < end, matcher.matches(text[position]) { position += 1; pc += 1 } else { failed = true }
            case .split(let preferred, let other):
                choices.append(.resume(pc: other, position: position))
                pc = preferred
            case .jump(let target):
                pc = target
            case .assertion(let assertion):
                if holds(assertion, at: position) { pc += 1 } else { failed = true }
            case .repeatSingle(let matcher, let min, let max, let kind):
                let most = max ?? Int.max
                switch kind {
                case .greedy, .possessive:
                    let n = count(matcher, from: position, upTo: most)
                    steps += n
                    if n < min { failed = true; break }
                    if kind == .greedy && n > min {
                        choices.append(.giveBack(next: pc + 1, lowest: position + min, position: position + n - 1))
                    }
                    position += n
                    pc += 1
                case .lazy:
                    let n = count(matcher, from: position, upTo: min)
                    steps += n
                    if n < min { failed = true; break }
                    position += n
                    if min < most { choices.append(.takeMore(at: pc, position: position, count: min)) }
                    pc += 1
                }
            case .mark(let slot):
                choices.append(.restoreMark(slot: slot, value: marks[slot]))
                marks[slot] = position
                pc += 1
            case .requireProgress(let slot):
                if position == marks[slot] { failed = true } else { pc += 1 }
            case .lookahead(let sub, let negative):
                let found = try run(sub, from: position) != nil
                if found != negative { pc += 1 } else { failed = true }
            case .atomic(let sub):
                if let after = try run(sub, from: position) { position = after; pc += 1 } else { failed = true }
            }
            guard failed else { continue }
            // Back to the most recent choice still open.
            var resumed = false
            while !resumed, let choice = choices.popLast() {
                steps += 1
                switch choice {
                case .resume(let p, let at):
                    pc = p; position = at; resumed = true
                case .giveBack(let next, let lowest, let at):
                    if at > lowest { choices.append(.giveBack(next: next, lowest: lowest, position: at - 1)) }
                    pc = next; position = at; resumed = true
                case .takeMore(let at, let p, let taken):
                    guard case .repeatSingle(let matcher, _, let max, _) = code[at] else { continue }
                    if taken >= (max ?? Int.max) || p >= end || !matcher.matches(text[p]) { continue }
                    choices.append(.takeMore(at: at, position: p + 1, count: taken + 1))
                    pc = at + 1; position = p + 1; resumed = true
                case .restoreMark(let slot, let value):
                    marks[slot] = value
                }
            }
            if !resumed { return nil }
        }
    }

    private func holds(_ assertion: RegexAssertion, at p: Int) -> Bool {
        let end = text.count
        switch assertion {
        case .textStart: return p == 0
        case .textEnd: return p == end
        case .textEndOrFinalLineBreak:
            if p == end { return true }
            if p == end - 1 { return RegexCase.isLineTerminator(text[p]) }
            return p == end - 2 && text[p] == "\r" && text[p + 1] == "\n"
        case .lineStart: return p == 0 || (RegexCase.isLineTerminator(text[p - 1]) && !(text[p - 1] == "\r" && p < end && text[p] == "\n"))
        case .lineEnd: return p == end || (RegexCase.isLineTerminator(text[p]) && !(p > 0 && text[p - 1] == "\r" && text[p] == "\n"))
        case .wordBoundary(let wanted):
            let before = p > 0 && ScalarProperty.word.holds(for: text[p - 1])
            let after = p < end && ScalarProperty.word.holds(for: text[p])
            return (before != after) == wanted
        }
    }
}
