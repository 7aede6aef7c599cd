// Comparing two run-time values. `nil` is nothing: one side has no value, or (for dates)
// the answer depends on which day of a span is meant.

extension Evaluator {
    static func equality(_ left: Value, _ right: Value) -> Bool? {
        switch (left, right) {
        case (.text(let a), .text(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.set(let a), .set(let b)): return a == b
        case (.date(let a), .date(let b)): return DateSpans.equal(a, b)
        default: return nil
        }
    }

    static func ordering(_ op: OrderingOperator, _ left: Value, _ right: Value) -> Bool? {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            switch op {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        case (.date(let a), .date(let b)):
            switch op {
            case .less: return DateSpans.less(a, b)
            case .lessOrEqual: return DateSpans.lessOrEqual(a, b)
            case .greater: return DateSpans.less(b, a)
            case .greaterOrEqual: return DateSpans.lessOrEqual(b, a)
            }
        default:
            return nil
        }
    }
}

/// Comparisons of dates as spans of days: true when true for every pair of days, false when
/// false for every pair, otherwise nil. The approximate mark plays no part.
enum DateSpans {
    static func less(_ a: PartialDate, _ b: PartialDate) -> Bool? {
        if a.lastDay < b.firstDay { return true }
        if a.firstDay >= b.lastDay { return false }
        return nil
    }

    static func lessOrEqual(_ a: PartialDate, _ b: PartialDate) -> Bool? {
        if a.lastDay <= b.firstDay { return true }
        if a.firstDay > b.lastDay { return false }
        return nil
    }

    static func equal(_ a: PartialDate, _ b: PartialDate) -> Bool? {
        let (aFirst, aLast, bFirst, bLast) = (a.firstDay, a.lastDay, b.firstDay, b.lastDay)
        if aLast < bFirst || bLast < aFirst { return false }
        if aFirst == aLast && bFirst == bLast { return true }
        return nil
    }
}
