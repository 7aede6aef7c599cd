// A checked expression in bytes, for the compiled questionnaire: the evaluation tree as the
// type checker left it (so reading it back parses and checks nothing), with its source, type,
// context and references. Regular expressions are kept as their source and compiled again
// when read (`WholeTextPattern` holds a program that is cheaper to rebuild than to describe).

extension Expression {
    public func write(to writer: inout CompiledWriter) {
        writer.string(source)
        type.write(to: &writer)
        writer.stringSet(references)
        context.write(to: &writer)
        writer.bool(readsSession)
        root.write(to: &writer, depth: 0)
    }

    public static func read(from reader: inout CompiledReader) throws(CompiledFormError) -> Expression {
        let source = try reader.string()
        let type = try ExprType.read(from: &reader, depth: 0)
        let references = try reader.stringSet()
        let context = try ExpressionContext.read(from: &reader)
        let readsSession = try reader.bool()
        let root = try EvaluationNode.read(from: &reader, depth: 0)
        return Expression(source: source, type: type, references: references, context: context,
                          readsSession: readsSession, root: root)
    }
}

/// Deeper than any checked expression can be (`Limits.expressionDepth` bounds the source), so
/// a damaged entry cannot recurse without end.
private let compiledDepthLimit = 4 * 100 + 64

private func checkDepth(_ depth: Int) throws(CompiledFormError) {
    guard depth <= compiledDepthLimit else { throw CompiledFormError("nested too deeply") }
}

extension ExprType {
    func write(to writer: inout CompiledWriter) {
        switch self {
        case .text: writer.byte(0)
        case .number: writer.byte(1)
        case .date: writer.byte(2)
        case .boolean: writer.byte(3)
        case .choice(let values): writer.byte(4); writer.optional(values) { $0.stringSet($1) }
        case .multichoice(let values): writer.byte(5); writer.optional(values) { $0.stringSet($1) }
        case .repeatGroup(let id): writer.byte(6); writer.string(id)
        case .list(let element): writer.byte(7); element.write(to: &writer)
        }
    }

    static func read(from reader: inout CompiledReader, depth: Int) throws(CompiledFormError) -> ExprType {
        try checkDepth(depth)
        switch try reader.byte() {
        case 0: return .text
        case 1: return .number
        case 2: return .date
        case 3: return .boolean
        case 4: return .choice(values: try reader.optional { (r: inout CompiledReader) throws(CompiledFormError) in try r.stringSet() })
        case 5: return .multichoice(values: try reader.optional { (r: inout CompiledReader) throws(CompiledFormError) in try r.stringSet() })
        case 6: return .repeatGroup(id: try reader.string())
        case 7: return .list(try ExprType.read(from: &reader, depth: depth + 1))
        default: throw CompiledFormError("unknown type")
        }
    }
}

extension ExpressionContext {
    func write(to writer: inout CompiledWriter) {
        switch self {
        case .showIf: writer.byte(0)
        case .nextIf: writer.byte(1)
        case .checkIf: writer.byte(2)
        case .constraint(let dot): writer.byte(3); dot.write(to: &writer)
        case .calculate: writer.byte(4)
        case .count: writer.byte(5)
        }
    }

    static func read(from reader: inout CompiledReader) throws(CompiledFormError) -> ExpressionContext {
        switch try reader.byte() {
        case 0: return .showIf
        case 1: return .nextIf
        case 2: return .checkIf
        case 3: return .constraint(dot: try ExprType.read(from: &reader, depth: 0))
        case 4: return .calculate
        case 5: return .count
        default: throw CompiledFormError("unknown context")
        }
    }
}

extension ExactNumber {
    /// As its canonical text, which reads back to the same number.
    public func write(to writer: inout CompiledWriter) { writer.string(description) }

    public static func read(from reader: inout CompiledReader) throws(CompiledFormError) -> ExactNumber {
        guard let number = ExactNumber(try reader.string()) else { throw CompiledFormError("not a number") }
        return number
    }
}

extension PartialDate {
    func write(to writer: inout CompiledWriter) {
        writer.int(year)
        writer.optionalInt(month)
        writer.optionalInt(day)
        writer.bool(approximate)
    }

    static func read(from reader: inout CompiledReader) throws(CompiledFormError) -> PartialDate {
        let year = try reader.int(), month = try reader.optionalInt(), day = try reader.optionalInt()
        let approximate = try reader.bool()
        guard PartialDate.isValid(year: year, month: month, day: day) else { throw CompiledFormError("not a date") }
        return PartialDate(year: year, month: month, day: day, approximate: approximate)
    }
}

extension Value {
    func write(to writer: inout CompiledWriter) {
        switch self {
        case .nothing: writer.byte(0)
        case .text(let text): writer.byte(1); writer.string(text)
        case .number(let number): writer.byte(2); number.write(to: &writer)
        case .date(let date): writer.byte(3); date.write(to: &writer)
        case .bool(let value): writer.byte(4); writer.bool(value)
        case .set(let values): writer.byte(5); writer.stringSet(values)
        case .list(let values): writer.byte(6); writer.array(values) { $1.write(to: &$0) }
        }
    }

    static func read(from reader: inout CompiledReader, depth: Int) throws(CompiledFormError) -> Value {
        try checkDepth(depth)
        switch try reader.byte() {
        case 0: return .nothing
        case 1: return .text(try reader.string())
        case 2: return .number(try ExactNumber.read(from: &reader))
        case 3: return .date(try PartialDate.read(from: &reader))
        case 4: return .bool(try reader.bool())
        case 5: return .set(try reader.stringSet())
        case 6:
            return .list(try reader.array { (r: inout CompiledReader) throws(CompiledFormError) in try Value.read(from: &r, depth: depth + 1) })
        default: throw CompiledFormError("unknown value")
        }
    }
}

extension OrderingOperator {
    var tag: UInt8 {
        switch self {
        case .less: return 0
        case .lessOrEqual: return 1
        case .greater: return 2
        case .greaterOrEqual: return 3
        }
    }

    init(tag: UInt8) throws(CompiledFormError) {
        switch tag {
        case 0: self = .less
        case 1: self = .lessOrEqual
        case 2: self = .greater
        case 3: self = .greaterOrEqual
        default: throw CompiledFormError("unknown comparison")
        }
    }
}

extension LogicMode {
    var tag: UInt8 { self == .strict ? 0 : 1 }

    init(tag: UInt8) throws(CompiledFormError) {
        switch tag {
        case 0: self = .strict
        case 1: self = .threeValued
        default: throw CompiledFormError("unknown logic")
        }
    }
}

extension EvaluationNode {
    func write(to writer: inout CompiledWriter, depth: Int) {
        let d = depth + 1
        func node(_ n: EvaluationNode) { n.write(to: &writer, depth: d) }
        func nodes(_ list: [EvaluationNode]) {
            writer.count(list.count)
            for n in list { n.write(to: &writer, depth: d) }
        }
        switch self {
        case .constant(let value): writer.byte(0); value.write(to: &writer)
        case .question(let id): writer.byte(1); writer.string(id)
        case .dot: writer.byte(2)
        case .today: writer.byte(3)
        case .negate(let a): writer.byte(4); node(a)
        case .add(let a, let b): writer.byte(5); node(a); node(b)
        case .subtract(let a, let b): writer.byte(6); node(a); node(b)
        case .equal(let a, let b, let negated): writer.byte(7); node(a); node(b); writer.bool(negated)
        case .order(let op, let a, let b): writer.byte(8); writer.byte(op.tag); node(a); node(b)
        case .memberOfSet(let a, let b, let negated): writer.byte(9); node(a); node(b); writer.bool(negated)
        case .memberOfConstants(let a, let values, let negated): writer.byte(10); node(a); writer.stringSet(values); writer.bool(negated)
        case .memberOfList(let a, let list, let negated): writer.byte(11); node(a); nodes(list); writer.bool(negated)
        case .not(let a, let mode): writer.byte(12); node(a); writer.byte(mode.tag)
        case .and(let list, let mode): writer.byte(13); nodes(list); writer.byte(mode.tag)
        case .or(let list, let mode): writer.byte(14); nodes(list); writer.byte(mode.tag)
        case .answered(let id): writer.byte(15); writer.string(id)
        case .dontKnow(let id): writer.byte(16); writer.string(id)
        case .refused(let id): writer.byte(17); writer.string(id)
        case .countEntries(let id): writer.byte(18); writer.string(id)
        case .countSelections(let id): writer.byte(19); writer.string(id)
        case .countWhere(let id, let a): writer.byte(20); writer.string(id); node(a)
        case .any(let id, let a, let mode): writer.byte(21); writer.string(id); node(a); writer.byte(mode.tag)
        case .all(let id, let a, let mode): writer.byte(22); writer.string(id); node(a); writer.byte(mode.tag)
        case .yearsBetween(let a, let b): writer.byte(23); node(a); node(b)
        case .length(let a): writer.byte(24); node(a)
        case .matches(let a, let pattern): writer.byte(25); node(a); writer.string(pattern.source)
        case .choose(let a, let b, let c): writer.byte(26); node(a); node(b); node(c)
        }
    }

    static func read(from reader: inout CompiledReader, depth: Int) throws(CompiledFormError) -> EvaluationNode {
        try checkDepth(depth)
        let d = depth + 1
        func node(_ r: inout CompiledReader) throws(CompiledFormError) -> EvaluationNode { try EvaluationNode.read(from: &r, depth: d) }
        func nodes(_ r: inout CompiledReader) throws(CompiledFormError) -> [EvaluationNode] {
            try r.array { (inner: inout CompiledReader) throws(CompiledFormError) in try EvaluationNode.read(from: &inner, depth: d) }
        }
        switch try reader.byte() {
        case 0: return .constant(try Value.read(from: &reader, depth: d))
        case 1: return .question(try reader.string())
        case 2: return .dot
        case 3: return .today
        case 4: return .negate(try node(&reader))
        case 5: return .add(try node(&reader), try node(&reader))
        case 6: return .subtract(try node(&reader), try node(&reader))
        case 7: return .equal(try node(&reader), try node(&reader), negated: try reader.bool())
        case 8:
            let op = try OrderingOperator(tag: try reader.byte())
            return .order(op, try node(&reader), try node(&reader))
        case 9: return .memberOfSet(try node(&reader), try node(&reader), negated: try reader.bool())
        case 10: return .memberOfConstants(try node(&reader), try reader.stringSet(), negated: try reader.bool())
        case 11: return .memberOfList(try node(&reader), try nodes(&reader), negated: try reader.bool())
        case 12: return .not(try node(&reader), try LogicMode(tag: try reader.byte()))
        case 13: return .and(try nodes(&reader), try LogicMode(tag: try reader.byte()))
        case 14: return .or(try nodes(&reader), try LogicMode(tag: try reader.byte()))
        case 15: return .answered(try reader.string())
        case 16: return .dontKnow(try reader.string())
        case 17: return .refused(try reader.string())
        case 18: return .countEntries(try reader.string())
        case 19: return .countSelections(try reader.string())
        case 20: return .countWhere(try reader.string(), try node(&reader))
        case 21: return .any(try reader.string(), try node(&reader), try LogicMode(tag: try reader.byte()))
        case 22: return .all(try reader.string(), try node(&reader), try LogicMode(tag: try reader.byte()))
        case 23: return .yearsBetween(try node(&reader), try node(&reader))
        case 24: return .length(try node(&reader))
        case 25:
            let subject = try node(&reader)
            return .matches(subject, try WholeTextPattern.read(from: &reader))
        case 26: return .choose(try node(&reader), try node(&reader), try node(&reader))
        default: throw CompiledFormError("unknown expression node")
        }
    }
}

extension WholeTextPattern {
    /// Read back from its source, compiled at its first use (see `init(compiledBefore:)`).
    public static func read(from reader: inout CompiledReader) throws(CompiledFormError) -> WholeTextPattern {
        WholeTextPattern(compiledBefore: try reader.string())
    }
}
