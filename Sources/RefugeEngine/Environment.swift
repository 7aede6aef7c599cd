import RefugeExpressions
import RefugeQuestionnaire

/// Answers as the expression language sees them while the path is walked: a question has
/// a value only when it is on the path (walked so far) and answered for real.
///
/// Filled in by the one walk that makes it and never changed afterwards, when the interview keeps
/// it for constraints and checks; that is what makes sharing it safe.
final class WalkEnvironment: EvaluationEnvironment, @unchecked Sendable {
    let questionnaire: Questionnaire
    let plan: WalkPlan
    let answers: AnswerSet
    /// The answers' top-level records by the plan's position (`WalkRecords`), read in their
    /// place; empty for an interview only read (`Interview.init(readingOnly:…)`), whose names are
    /// looked up in `answers` instead.
    let records: WalkRecords
    let today: PartialDate
    var dot: Value = .nothing
    /// For each of the plan's steps, whether it is on the path (walked so far): a flag by
    /// position rather than a set of ids, so the walk marks an item without hashing and
    /// inserting its id, and the next walk can tell at once whether the path moved.
    var onPathAt: [Bool]
    var calculated: [String: Value] = [:]
    var repeats: [String: RepeatPath] = [:]

    init(questionnaire: Questionnaire, plan: WalkPlan, answers: AnswerSet, records: WalkRecords, today: PartialDate) {
        self.questionnaire = questionnaire
        self.plan = plan
        self.answers = answers
        self.records = records
        self.today = today
        self.onPathAt = [Bool](repeating: false, count: plan.steps.count)
    }

    /// The same walk with other answers, for a change that cannot move the path (see
    /// `WalkPlan.readIDs`): a new environment, as this one may be shared.
    func with(answers: AnswerSet, records: WalkRecords) -> WalkEnvironment {
        let copy = WalkEnvironment(questionnaire: questionnaire, plan: plan, answers: answers, records: records, today: today)
        copy.onPathAt = onPathAt
        copy.calculated = calculated
        copy.repeats = repeats
        return copy
    }

    /// True when the top-level item `id` is on the path (walked so far).
    func isOnPath(_ id: String) -> Bool {
        guard let position = plan.positions[id] else { return false }
        return onPathAt[position]
    }

    // Every name an expression reads comes here, so each is one lookup of the id's position
    // (which also says whether it is a calculation and on the path) and, for an answer, a read
    // of its record's status and value at that position (`records`). Taking the whole `Answer`
    // out copied every field of it (a dozen retains and releases), and the calculations were
    // looked up for every name: three hashed lookups and a copy, where two lookups do.

    /// A calculation's value by its position, when it has one.
    private func calculatedValue(_ id: String, at position: Int) -> Value? {
        plan.shapes[position].contains(.calculation) ? calculated[id] : nil
    }

    /// The status of the record of `id`, on the path at `position` (nil when off the path or none).
    private func status(_ id: String, at position: Int) -> AnswerStatus? {
        guard onPathAt[position] else { return nil }
        return records.isEmpty ? answers.status(of: id) : records.statuses[position]
    }

    func value(of id: String) -> Value {
        guard let position = plan.positions[id] else { return .nothing }
        if let v = calculatedValue(id, at: position) { return v }
        return answerValue(at: position)
    }

    /// The value of the answer to the top-level question at `position` (not a calculation) as
    /// the expression language sees it: nothing when off the path or not answered for real.
    func answerValue(at position: Int) -> Value {
        guard onPathAt[position] else { return .nothing }
        return records.isEmpty ? answers.expressionValue(of: plan.ids[position]) : records.value(at: position)
    }
    func isAnswered(_ id: String) -> Bool {
        guard let position = plan.positions[id] else { return false }
        if let v = calculatedValue(id, at: position) { return v != .nothing }
        return status(id, at: position) == .answered
    }
    func isDontKnow(_ id: String) -> Bool {
        guard let position = plan.positions[id] else { return false }
        return status(id, at: position) == .dontKnow
    }
    func isRefused(_ id: String) -> Bool {
        guard let position = plan.positions[id] else { return false }
        return status(id, at: position) == .refused
    }
    func entries(of repeatID: String) -> [any EvaluationEnvironment] {
        guard let path = repeats[repeatID] else { return [] }
        return path.entries.map { EntryEnvironment(parent: self, repeatID: repeatID, path: $0) }
    }
}

/// One repeat entry's answers: the repeat's field ids name this entry's fields; every other
/// id resolves as outside the repeat.
struct EntryEnvironment: EvaluationEnvironment {
    let parent: WalkEnvironment
    let repeatID: String
    let path: EntryPath
    var dot: Value = .nothing

    private func isField(_ id: String) -> Bool { parent.plan.repeatOfField[id] == repeatID }
    /// The status of a field's record on the entry's path (read alone, as in `WalkEnvironment`).
    private func status(_ id: String) -> AnswerStatus? {
        guard path.onPath.contains(id) else { return nil }
        return AnswerSet.status(of: id, in: path.entry.answers)
    }
    func value(of id: String) -> Value {
        guard isField(id) else { return parent.value(of: id) }
        if let v = path.calculated[id] { return v }
        guard path.onPath.contains(id) else { return .nothing }
        return AnswerSet.expressionValue(of: id, in: path.entry.answers)
    }
    func isAnswered(_ id: String) -> Bool {
        guard isField(id) else { return parent.isAnswered(id) }
        if let v = path.calculated[id] { return v != .nothing }
        return status(id) == .answered
    }
    func isDontKnow(_ id: String) -> Bool { isField(id) ? status(id) == .dontKnow : parent.isDontKnow(id) }
    func isRefused(_ id: String) -> Bool { isField(id) ? status(id) == .refused : parent.isRefused(id) }
    func entries(of repeatID: String) -> [any EvaluationEnvironment] { parent.entries(of: repeatID) }
    var today: PartialDate { parent.today }
}

/// Wraps an environment to give `.` a value, for constraints.
struct DotEnvironment: EvaluationEnvironment {
    let base: any EvaluationEnvironment
    let dot: Value
    func value(of id: String) -> Value { base.value(of: id) }
    func isAnswered(_ id: String) -> Bool { base.isAnswered(id) }
    func isDontKnow(_ id: String) -> Bool { base.isDontKnow(id) }
    func isRefused(_ id: String) -> Bool { base.isRefused(id) }
    func entries(of repeatID: String) -> [any EvaluationEnvironment] { base.entries(of: repeatID) }
    var today: PartialDate { base.today }
}
