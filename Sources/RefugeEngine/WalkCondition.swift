import RefugeExpressions

/// A `show_if` or `next` condition as the walk holds it: most are one question compared with
/// one text (`TextTest`), decided from that question's record at its flow position, without the
/// evaluator and without looking its id up; any other is evaluated.
///
/// Why: each condition read a compiled tree scattered over the heap (its storage, a comparison
/// node, a constant node) and hashed its question's id into the table of positions and then
/// into the answer table, at ten thousand items several misses in the second-level cache per
/// condition, which made the walk grow faster than the questionnaire (issue 19). The test is 32
/// bytes inline in the plan's lists, read in file order: the 10,000-item walk took 0.56 ms
/// instead of 1.19 ms, the 1,000-item one 46 µs instead of 88 µs.
enum WalkCondition: Sendable {
    case expression(Expression)
    /// The question at `position` (a top-level item that is not a calculation) compared with
    /// `text`, as `TextTest` says.
    case answerIs(position: Int32, text: String, wantsEqual: Bool, inverted: Bool)

    /// `expression` as a test when its shape allows and `position(id)` gives its question's
    /// flow position (nil for a field, a section, a calculation, an unknown id).
    init(_ expression: Expression, position: (String) -> Int?) {
        if let test = expression.textTest, let found = position(test.question), let narrow = Int32(exactly: found) {
            self = .answerIs(position: narrow, text: test.text, wantsEqual: test.wantsEqual, inverted: test.inverted)
        } else {
            self = .expression(expression)
        }
    }

    /// What the expression's `holds(in: env)` says.
    func holds(in env: WalkEnvironment) -> Bool {
        switch self {
        case .expression(let expression):
            return expression.holds(in: env)
        case .answerIs(let position, let text, let wantsEqual, let inverted):
            return TextTest.holds(env.answerValue(at: Int(position)), text: text, wantsEqual: wantsEqual, inverted: inverted)
        }
    }

    /// The same in a repeat's entry. The question of a test is outside the repeat (a field has
    /// no flow position), so the walk around the entry decides it.
    func holds(in env: EntryEnvironment) -> Bool {
        if case .expression(let expression) = self { return expression.holds(in: env) }
        return holds(in: env.parent)
    }
}
