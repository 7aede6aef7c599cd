// Walks a checked tree against answers. Nothing rules, from the questionnaire format:
// comparisons and arithmetic with nothing give nothing; `and`/`or`/`not` either turn nothing
// into false first (strict) or keep it unknown (three-valued); date comparisons have a value
// only when every pair of days in the two spans agrees.

enum Evaluator {
    /// Takes the scope itself, not `any EvaluationEnvironment`: the scope is too large for an
    /// existential's inline buffer, so passing it as one boxed a copy on the heap at every node
    /// (a third of a walk's instructions went to making, copying and freeing those boxes).
    static func evaluate(_ node: EvaluationNode, in env: EvaluationScope) -> Value {
        switch node {
        case .constant(let value):
            return value
        case .question(let id):
            return env.value(of: id)
        case .dot:
            return env.dot
        case .today:
            return .date(env.today)

        case .negate(let operand):
            guard case .number(let value) = evaluate(operand, in: env) else { return .nothing }
            return .number(-value)
        case .add(let left, let right):
            guard case .number(let a) = evaluate(left, in: env),
                  case .number(let b) = evaluate(right, in: env) else { return .nothing }
            return (a + b).map(Value.number) ?? .nothing
        case .subtract(let left, let right):
            guard case .number(let a) = evaluate(left, in: env),
                  case .number(let b) = evaluate(right, in: env) else { return .nothing }
            return (a - b).map(Value.number) ?? .nothing

        case .equal(let left, let right, let negated):
            let answer = equality(evaluate(left, in: env), evaluate(right, in: env))
            return truth(negated ? answer.map(!) : answer)
        case .order(let op, let left, let right):
            return truth(ordering(op, evaluate(left, in: env), evaluate(right, in: env)))

        case .memberOfSet(let element, let collection, let negated):
            guard case .text(let value) = evaluate(element, in: env),
                  case .set(let values) = evaluate(collection, in: env) else { return .nothing }
            return .bool(values.contains(value) != negated)
        case .memberOfConstants(let element, let values, let negated):
            guard case .text(let value) = evaluate(element, in: env) else { return .nothing }
            return .bool(values.contains(value) != negated)
        case .memberOfList(let element, let list, let negated):
            guard case .text(let value) = evaluate(element, in: env) else { return .nothing }
            // Found among the real values: true. Not found, but some element is nothing: we
            // cannot tell. Otherwise false.
            var unknown = false
            for item in list {
                switch evaluate(item, in: env) {
                case .text(let candidate) where candidate == value: return .bool(!negated)
                case .text: continue
                default: unknown = true
                }
            }
            return unknown ? .nothing : .bool(negated)

        case .not(let operand, let mode):
            switch (truthValue(evaluate(operand, in: env)), mode) {
            case (let value?, _): return .bool(!value)
            case (nil, .strict): return .bool(true)
            case (nil, .threeValued): return .nothing
            }
        case .and(let operands, let mode):
            var unknown = false
            for operand in operands {
                switch truthValue(evaluate(operand, in: env)) {
                case false?: return .bool(false)
                case true?: continue
                case nil:
                    if mode == .strict { return .bool(false) }
                    unknown = true
                }
            }
            return unknown ? .nothing : .bool(true)
        case .or(let operands, let mode):
            var unknown = false
            for operand in operands {
                switch truthValue(evaluate(operand, in: env)) {
                case true?: return .bool(true)
                case false?: continue
                case nil: unknown = true
                }
            }
            return unknown && mode == .threeValued ? .nothing : .bool(false)

        case .answered(let id):
            return .bool(env.isAnswered(id))
        case .dontKnow(let id):
            return .bool(env.isDontKnow(id))
        case .refused(let id):
            return .bool(env.isRefused(id))
        case .countEntries(let id):
            return .number(ExactNumber(env.entries(of: id).count))
        case .countSelections(let id):
            guard case .set(let values) = env.value(of: id) else { return .number(0) }
            return .number(ExactNumber(values.count))
        case .countWhere(let id, let condition):
            var count = 0
            for entry in env.entryScopes(of: id) where evaluate(condition, in: entry) == .bool(true) {
                count += 1
            }
            return .number(ExactNumber(count))
        case .any(let id, let condition, let mode):
            // `any` is `or` over the entries (false on none), `all` is `and` (true on none).
            var unknown = false
            for entry in env.entryScopes(of: id) {
                switch truthValue(evaluate(condition, in: entry)) {
                case true?: return .bool(true)
                case false?: continue
                case nil: unknown = true
                }
            }
            return unknown && mode == .threeValued ? .nothing : .bool(false)
        case .all(let id, let condition, let mode):
            var unknown = false
            for entry in env.entryScopes(of: id) {
                switch truthValue(evaluate(condition, in: entry)) {
                case false?: return .bool(false)
                case true?: continue
                case nil:
                    if mode == .strict { return .bool(false) }
                    unknown = true
                }
            }
            return unknown ? .nothing : .bool(true)

        case .yearsBetween(let from, let to):
            guard case .date(let start) = evaluate(from, in: env),
                  case .date(let end) = evaluate(to, in: env) else { return .nothing }
            // Fewest years: latest start to earliest end; most: the other way round.
            let fewest = CivilCalendar.wholeYears(from: start.lastDay, to: end.firstDay)
            let most = CivilCalendar.wholeYears(from: start.firstDay, to: end.lastDay)
            return fewest == most ? .number(ExactNumber(fewest)) : .nothing
        case .length(let operand):
            guard case .text(let text) = evaluate(operand, in: env) else { return .nothing }
            return .number(ExactNumber(text.count))
        case .matches(let operand, let pattern):
            guard case .text(let text) = evaluate(operand, in: env) else { return .nothing }
            guard let matched = pattern.wholeMatch(text) else {
                env.log?.gaveUp = true
                return .nothing
            }
            return .bool(matched)
        case .choose(let condition, let whenTrue, let whenFalse):
            // An unknown condition counts as false, as everywhere a condition decides.
            return evaluate(condition, in: env) == .bool(true)
                ? evaluate(whenTrue, in: env) : evaluate(whenFalse, in: env)
        }
    }

    private static func truth(_ value: Bool?) -> Value {
        value.map(Value.bool) ?? .nothing
    }

    private static func truthValue(_ value: Value) -> Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }
}
