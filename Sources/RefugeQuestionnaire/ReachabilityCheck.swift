#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions

/// Warns about items no interview can reach, judged from the structure alone: an item every
/// path jumps over with an unconditional `goto`, or whose `show_if` is always false.
extension Builder {
    mutating func checkReachability(_ sections: [Section]) {
        // Flow positions: each section start, then its items.
        var steps: [(section: Int, item: Int?)] = []
        for (s, section) in sections.enumerated() {
            steps.append((s, nil))
            for i in section.items.indices { steps.append((s, i)) }
        }
        guard !steps.isEmpty else { return }
        var sectionStart: [Int] = []
        var sectionEnd: [Int] = []   // position just after the section's last item
        var p = 0
        for section in sections {
            sectionStart.append(p)
            p += 1 + section.items.count
            sectionEnd.append(p)
        }
        var reached = [Bool](repeating: false, count: steps.count + 1) // last slot: the end
        var queue = [0]
        reached[0] = true
        func visit(_ q: Int, _ queue: inout [Int]) {
            let q = Swift.min(q, steps.count)
            if !reached[q] { reached[q] = true; queue.append(q) }
        }
        // Sections and items are read in place: taking one out of its array copied all of it.
        while let here = queue.popLast() {
            if here == steps.count { continue }
            let step = steps[here]
            guard let i = step.item else {
                let showIf = sections[step.section].showIf
                if isConstantFalse(showIf) {
                    visit(sectionEnd[step.section], &queue)
                    continue
                }
                if showIf != nil { visit(sectionEnd[step.section], &queue) }
                visit(here + 1, &queue)
                continue
            }
            let itemShowIf = sections[step.section].items[i].showIf
            let fallThrough = i + 1 < sections[step.section].items.count ? here + 1 : -1
            var continues = true
            if isConstantFalse(itemShowIf) {
                continues = true
            } else {
                for rule in sections[step.section].items[i].next {
                    visit(rule.targetPosition ?? steps.count, &queue)
                    if rule.condition == nil || isConstantTrue(rule.condition) { continues = false; break }
                }
            }
            // Skipped by its show_if, the flow also goes on past the item.
            if itemShowIf != nil && !isConstantTrue(itemShowIf) { continues = true }
            guard continues else { continue }
            if fallThrough >= 0 {
                visit(fallThrough, &queue)
            } else {
                var sectionContinues = true
                for rule in sections[step.section].next {
                    visit(rule.targetPosition ?? steps.count, &queue)
                    if rule.condition == nil || isConstantTrue(rule.condition) { sectionContinues = false; break }
                }
                if sectionContinues { visit(sectionEnd[step.section], &queue) }
            }
        }
        for (position, step) in steps.enumerated() {
            if let i = step.item {
                let itemShowIf = sections[step.section].items[i].showIf
                if !reached[position] && reached[sectionStart[step.section]] {
                    let item = sections[step.section].items[i]
                    sink.warning(item.location, "no path through the interview reaches `\(item.id)`: every way to it jumps past it with a `goto`")
                } else if isConstantFalse(itemShowIf) {
                    let item = sections[step.section].items[i]
                    sink.warning(item.location, "`\(item.id)` is never asked: its `show_if` is always false")
                }
                for f in sections[step.section].items[i].fields.indices where isConstantFalse(sections[step.section].items[i].fields[f].showIf) {
                    let field = sections[step.section].items[i].fields[f]
                    sink.warning(field.location, "`\(field.id)` is never asked: its `show_if` is always false")
                }
            } else if !reached[position] {
                let section = sections[step.section]
                sink.warning(section.location, "no path through the interview reaches section `\(section.id)`: every way to it jumps past it with a `goto`")
            } else if isConstantFalse(sections[step.section].showIf) {
                let section = sections[step.section]
                sink.warning(section.location, "section `\(section.id)` is never shown: its `show_if` is always false")
            }
        }
    }

    private func constantValue(_ expression: RefugeExpressions.Expression?) -> Bool? {
        guard let expression, expression.references.isEmpty else { return nil }
        // `today()` depends on the session; only truly constant expressions count.
        if expression.source.contains("today") { return nil }
        return expression.holds(in: ConstantEnvironment())
    }
    func isConstantFalse(_ e: RefugeExpressions.Expression?) -> Bool { constantValue(e) == false }
    func isConstantTrue(_ e: RefugeExpressions.Expression?) -> Bool { constantValue(e) == true }
}

/// An environment with no answers, for evaluating expressions that name no question.
struct ConstantEnvironment: EvaluationEnvironment {
    func value(of id: String) -> Value { .nothing }
    func isAnswered(_ id: String) -> Bool { false }
    func isDontKnow(_ id: String) -> Bool { false }
    func isRefused(_ id: String) -> Bool { false }
    func entries(of repeatID: String) -> [any EvaluationEnvironment] { [] }
    var today: PartialDate { PartialDate(year: 2000, month: 1, day: 1, approximate: false) }
    var dot: Value { .nothing }
}
