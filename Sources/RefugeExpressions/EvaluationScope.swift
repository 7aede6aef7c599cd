// What one evaluation carries besides the answers: the value of `.` everywhere in it, and
// whether a pattern gave up on the way.

/// Set when `matches` could not decide (the regex engine gave up): the expression's *nothing*
/// then means "could not be checked", which a constraint must not take for "fits".
final class GiveUpLog: @unchecked Sendable {
    // One evaluation, on one thread, owns its log.
    var gaveUp = false
}

/// The environment of one evaluation: the answers, with `.` kept as the value being checked
/// inside `count`, `any` and `all` too (their entries are environments of their own, which
/// know nothing of `.`), and the log of give-ups shared by every entry.
struct EvaluationScope: EvaluationEnvironment {
    let base: any EvaluationEnvironment
    let dot: Value
    /// Nil when nobody asks whether a pattern gave up (`evaluate`, `holds`): no log is made.
    let log: GiveUpLog?

    func value(of id: String) -> Value { base.value(of: id) }
    func isAnswered(_ id: String) -> Bool { base.isAnswered(id) }
    func isDontKnow(_ id: String) -> Bool { base.isDontKnow(id) }
    func isRefused(_ id: String) -> Bool { base.isRefused(id) }
    func entries(of repeatID: String) -> [any EvaluationEnvironment] { entryScopes(of: repeatID) }
    /// The entries of a repeat, each in a scope that keeps this one's `.` and log.
    func entryScopes(of repeatID: String) -> [EvaluationScope] {
        base.entries(of: repeatID).map { EvaluationScope(base: $0, dot: dot, log: log) }
    }
    var today: PartialDate { base.today }
}

/// What a constraint says about an answer.
public enum ConstraintOutcome: Sendable, Equatable {
    /// The expression is true, or *nothing* for want of an answer: the answer is taken.
    case accepted
    /// The expression is false: the answer is refused with the constraint's message.
    case refused
    /// A pattern could not be checked (the regex engine gave up): the answer is refused with a
    /// message of its own, never taken as fitting.
    case unchecked
}
