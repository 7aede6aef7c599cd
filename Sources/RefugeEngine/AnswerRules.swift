import RefugeBasics
import RefugeExpressions
import RefugeQuestionnaire

/// The rules of an item's own keys (type, lengths, pattern, limits, choices). The
/// `constraint` expression is checked by `Interview`, which knows the other answers.
public enum AnswerRules {
    public static func problem(with value: AnswerValue, otherText: String? = nil, for item: Item) -> AnswerProblem? {
        switch (item.type, value) {
        case (.text, .text(let s)), (.longtext, .text(let s)):
            let length = s.count
            if let min = item.minLength, length < min { return .tooShort(min: min) }
            if let max = item.maxLength, length > max { return .tooLong(max: max) }
            if let pattern = item.pattern {
                switch pattern.wholeMatch(s) {
                case true?: break
                case false?: return .patternMismatch(message: item.patternMessage)
                case nil: return .uncheckable
                }
            }
            return nil
        case (.yesno, .choice(let v)):
            return v == "yes" || v == "no" ? nil : .notAChoice
        case (.choice, .choice(let v)):
            guard item.choiceValues.contains(v) else { return .notAChoice }
            if v == "other", item.other, (otherText ?? "").trimmingSpaces.isEmpty { return .otherTextMissing }
            return nil
        case (.multichoice, .choices(let vs)):
            if vs.contains(where: { !item.choiceValues.contains($0) }) { return .notAChoice }
            if Set(vs).count != vs.count { return .notAChoice }
            if vs.contains("other"), item.other, (otherText ?? "").trimmingSpaces.isEmpty { return .otherTextMissing }
            if let min = item.minCount, vs.count < min { return .tooFewSelected(min: min) }
            if let max = item.maxCount, vs.count > max { return .tooManySelected(max: max) }
            return nil
        case (.number, .number(let n)):
            if item.integerOnly && !n.isInteger { return .notWholeNumber }
            if let min = item.min, n < min { return .belowMinimum(min) }
            if let max = item.max, n > max { return .aboveMaximum(max) }
            return nil
        case (.date, .date(let d)):
            if d.precision.rank > item.precision.rank { return .tooPrecise(allowed: item.precision) }
            return nil
        default:
            return .wrongKind(expected: item.type)
        }
    }
}

extension DatePrecision {
    /// year < month < day
    var rank: Int {
        switch self {
        case .year: return 0
        case .month: return 1
        case .day: return 2
        }
    }
}
