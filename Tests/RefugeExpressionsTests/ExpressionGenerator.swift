import RefugeExpressions
import RefugeSynthetic

/// Writes random well-typed expressions over `TestSymbols.standard`, and random answers for
/// them, for the property tests. Every compound part is put in brackets, so the text says
/// exactly which tree is meant whatever the precedence rules.
struct ExpressionGenerator {
    var random: SyntheticQuestionnaire.Random

    init(seed: UInt64) { random = SyntheticQuestionnaire.Random(seed: seed) }

    private mutating func pick<T>(_ options: [T]) -> T { options[random.below(options.count)] }
    private mutating func chance(_ percent: Int) -> Bool { random.below(100) < percent }

    mutating func number(_ depth: Int) -> String {
        guard depth > 0, chance(60) else {
            return pick(["age", "children", String(random.below(60)), "\(random.below(9)).\(random.below(9) + 1)",
                         "count(people)", "count(harms)"])
        }
        switch random.below(7) {
        case 0: return "(\(number(depth - 1)) + \(number(depth - 1)))"
        case 1: return "(\(number(depth - 1)) - \(number(depth - 1)))"
        case 2: return "(- \(number(depth - 1)))"
        case 3: return "if(\(boolean(depth - 1)), \(number(depth - 1)), \(number(depth - 1)))"
        case 4: return "years_between(\(date(depth - 1)), \(date(depth - 1)))"
        case 5: return "length(\(text(depth - 1)))"
        default: return "count(people, \(entryCondition()))"
        }
    }

    mutating func date(_ depth: Int) -> String {
        guard depth > 0, chance(40) else {
            return pick(["left", "entered", "born", "today()", "date('\(isoDate())')"])
        }
        return "if(\(boolean(depth - 1)), \(date(depth - 1)), \(date(depth - 1)))"
    }

    mutating func text(_ depth: Int) -> String {
        guard depth > 0, chance(30) else { return pick(["name", "story", "'Ana'", "'x'", "''", "'José'"]) }
        return "if(\(boolean(depth - 1)), \(text(depth - 1)), \(text(depth - 1)))"
    }

    mutating func boolean(_ depth: Int) -> String {
        guard depth > 0, chance(70) else {
            return pick(["true", "false", "answered(age)", "dont_know(left)", "refused(ground)", "fear == 'yes'",
                         "ground in ['political', 'religion']", "'beaten' in harms", "'detained' not in harms",
                         "matches(name, '[A-Z].*')"])
        }
        switch random.below(8) {
        case 0: return "(\(number(depth - 1)) \(pick(["==", "!=", "<", "<=", ">", ">="])) \(number(depth - 1)))"
        case 1: return "(\(date(depth - 1)) \(pick(["==", "!=", "<", "<=", ">", ">="])) \(date(depth - 1)))"
        case 2: return "(\(text(depth - 1)) \(pick(["==", "!="])) \(text(depth - 1)))"
        case 3: return "(not \(boolean(depth - 1)))"
        case 4: return "(\(boolean(depth - 1)) and \(boolean(depth - 1)))"
        case 5: return "(\(boolean(depth - 1)) or \(boolean(depth - 1)))"
        case 6: return "\(pick(["any", "all"]))(people, \(entryCondition()))"
        default: return "if(\(boolean(depth - 1)), \(boolean(depth - 1)), \(boolean(depth - 1)))"
        }
    }

    /// A condition on one entry of `people`, which may also read the outer answers.
    mutating func entryCondition() -> String {
        let parts = [
            "person_age \(pick(["<", ">=", "=="])) \(random.below(50))",
            "relation == '\(pick(["child", "spouse", "parent"]))'",
            "person_age > age",
        ]
        return chance(50) ? pick(parts) : "(\(pick(parts)) \(pick(["and", "or"])) \(pick(parts)))"
    }

    mutating func isoDate() -> String {
        let year = 1985 + random.below(45)
        switch random.below(3) {
        case 0: return String(year)
        case 1: return String(format: "%04d-%02d", year, 1 + random.below(12))
        default: return String(format: "%04d-%02d-%02d", year, 1 + random.below(12), 1 + random.below(28))
        }
    }

    /// Answers where each question is, at random, answered, don't know, prefer not to say or missing.
    mutating func answers() -> TestAnswers {
        var answers = TestAnswers()
        func maybe(_ id: String, _ make: (inout ExpressionGenerator) -> Value, into answers: inout TestAnswers) {
            switch random.below(6) {
            case 0: answers.dontKnow.insert(id)
            case 1: answers.refused.insert(id)
            case 2: break
            default: answers.values[id] = make(&self)
            }
        }
        maybe("age", { .number(ExactNumber($0.random.below(80))) }, into: &answers)
        maybe("children", { .number(ExactNumber($0.random.below(6))) }, into: &answers)
        maybe("name", { .text($0.pick(["Ana", "x", "", "José"])) }, into: &answers)
        maybe("story", { .text($0.pick(["long ago", "Ana"])) }, into: &answers)
        maybe("fear", { .text($0.pick(["yes", "no"])) }, into: &answers)
        maybe("ground", { .text($0.pick(["political", "religion", "other"])) }, into: &answers)
        maybe("harms", { generator in
            .set(Set(["beaten", "threatened", "detained"].filter { _ in generator.chance(50) }))
        }, into: &answers)
        for id in ["left", "entered", "born"] {
            maybe(id, { .date(PartialDate(iso: ($0.chance(20) ? "~" : "") + $0.isoDate())!) }, into: &answers)
        }
        answers.entryValues["people"] = (0..<random.below(4)).map { _ in
            ["person_age": chance(80) ? .number(ExactNumber(random.below(70))) : .nothing,
             "relation": chance(90) ? .text(pick(["child", "spouse", "parent"])) : .nothing]
        }
        return answers
    }
}
