// The commonest condition of a real questionnaire, recognised in its compiled tree so that a
// caller which can find one question's value quickly (the interview's walk, by position) can
// decide it without the evaluator: `q == 'yes'`, `q != 'no'`, the same with the text first,
// and each under a `not`: 75 of credible-fear's 107 `show_if`s have this shape.

/// A condition that compares one question's value with one text.
public struct TextTest: Sendable, Equatable {
    /// The question whose value is compared.
    public let question: String
    /// The text it is compared with.
    public let text: String
    /// `==` (true) or `!=` (false).
    public let wantsEqual: Bool
    /// Under a `not`, which holds when the comparison does not (and when it has no value).
    public let inverted: Bool

    /// Whether the condition holds when the question's value is `value`: what `holds(in:)` of
    /// the expression it came from says. A comparison holds only between two texts (a missing
    /// or other answer gives nothing, which does not hold); a `not` of it holds whenever the
    /// comparison does not, nothing included (`show_if`, `next` and checks treat nothing as false
    /// before `not`, see `LogicMode.strict`).
    public func holds(for value: Value) -> Bool {
        Self.holds(value, text: text, wantsEqual: wantsEqual, inverted: inverted)
    }

    /// The same for a test kept in parts (the interview's walk keeps the text, the comparison
    /// and the `not` inline, and the question as a position).
    @inline(__always)
    public static func holds(_ value: Value, text: String, wantsEqual: Bool, inverted: Bool) -> Bool {
        guard case .text(let answer) = value else { return inverted }
        return ((answer == text) == wantsEqual) != inverted
    }
}

extension Expression {
    /// The expression as a `TextTest`, when that is its shape; nil for any other.
    public var textTest: TextTest? {
        switch root {
        case .not(let operand, .strict):
            return Self.comparison(operand, inverted: true)
        default:
            return Self.comparison(root, inverted: false)
        }
    }

    private static func comparison(_ node: EvaluationNode, inverted: Bool) -> TextTest? {
        guard case .equal(let left, let right, let negated) = node else { return nil }
        switch (left, right) {
        case (.question(let id), .constant(.text(let text))), (.constant(.text(let text)), .question(let id)):
            return TextTest(question: id, text: text, wantsEqual: !negated, inverted: inverted)
        default:
            return nil
        }
    }
}
