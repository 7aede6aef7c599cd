import RefugeExpressions
import RefugeQuestionnaire

/// A questionnaire and one person's answers: the path, navigation, progress, what blocks
/// moving on, and which checks hold. A value type; every change recomputes the path in one
/// linear walk.
public struct Interview: Sendable {
    public let questionnaire: Questionnaire
    public private(set) var answers: AnswerSet
    public private(set) var today: PartialDate
    public private(set) var path: InterviewPath
    /// Questions answered (for real, or don't know / prefer not to say) over questions on the
    /// path. Counted with each new path, not on each read: every frame's header and every save
    /// read it, and counting costs a pass over the path.
    public private(set) var progress: (answered: Int, total: Int)

    /// What the walk reads of the questionnaire, made once (and shared with the next interview
    /// of the same questionnaire, see `WalkPlan.of`).
    private let plan: WalkPlan
    /// The last walk's environment: constraints and checks (which may name any question) are
    /// evaluated in it rather than walking the path again.
    private var walked: WalkEnvironment
    /// What the walk reads of each top-level record, by the plan's step (`WalkRecords`),
    /// kept with `answers`: every change below sets its record's. Empty until the first change
    /// of an interview made `init(readingOnly:…)`.
    private var records: WalkRecords
    /// False for an interview made `init(readingOnly:…)` until its first change.
    private var complete = true

    public init(questionnaire: Questionnaire, answers: AnswerSet = AnswerSet(), today: PartialDate) {
        self.questionnaire = questionnaire
        self.answers = answers
        self.today = today
        let plan = WalkPlan.of(questionnaire)
        self.plan = plan
        let records = WalkRecords(answers, plan: plan)
        self.records = records
        (path, walked, progress) = PathWalker.walk(questionnaire, plan: plan, answers: answers, records: records,
                                                   today: today)
    }

    /// An interview that is only read, as a report reads it: the same path, repeats,
    /// calculations, checks and required gaps as `init(questionnaire:answers:today:)`, without
    /// the two tables only moving through the questions and changing answers read. Which
    /// records have a status (the progress count) was a pass over the whole answer table, and
    /// each step's position in the path ten thousand hashed inserts, together about a sixth
    /// of a JSON or CSV export at ten thousand answers, most of it memory the cache no longer
    /// holds. `progress.answered` is 0 and `step(after:)`/`step(before:)` find a step by the
    /// file's order, with the same result; the first change makes both tables first.
    public init(readingOnly questionnaire: Questionnaire, answers: AnswerSet, today: PartialDate) {
        self.questionnaire = questionnaire
        self.answers = answers
        self.today = today
        let plan = WalkPlan.of(questionnaire)
        self.plan = plan
        self.records = .none
        (path, walked, progress) = PathWalker.walk(questionnaire, plan: plan, answers: answers, records: .none,
                                                   today: today, indexed: false)
        complete = false
    }

    /// Makes what `init(readingOnly:…)` left out, before a change reads or keeps it.
    private mutating func completeIfReadingOnly() {
        guard !complete else { return }
        records = WalkRecords(answers, plan: plan)
        (path, walked, progress) = PathWalker.walk(questionnaire, plan: plan, answers: answers, records: records,
                                                   today: today)
        complete = true
    }

    private mutating func recompute() {
        (path, walked, progress) = PathWalker.walk(questionnaire, plan: plan, answers: answers, records: records,
                                                   today: today, previous: (path, walked))
    }

    private func environment() -> WalkEnvironment { walked }

    /// Makes the last walk's environment let go of the answers and records (keeping its path),
    /// before they are changed in place; the walk or `with` that follows gives it them again.
    private mutating func letWalkedGo() {
        walked = walked.with(answers: AnswerSet(), records: .none)
    }

    // MARK: Changing answers

    /// Changes one record (answer, note, marks, draft) and recomputes the path when the change
    /// can move it.
    public mutating func update(_ ref: AnswerRef, _ change: (inout Answer) -> Void) {
        completeIfReadingOnly()
        let old = answers[ref]
        var record = old
        change(&record)
        // The last walk's environment holds the same answers and records: it lets go of them
        // first, so the change is made in place instead of copying the whole tables (at ten
        // thousand answers that copy was most of a key press). Each way out below gives it them again.
        letWalkedGo()
        answers[ref] = record
        records.refresh(ref.repeatID ?? ref.itemID, in: answers, plan: plan)
        // The path, the progress and every expression read only a record's status, value and
        // entries. A top-level note, mark, translation or draft changes none of them, so the walk
        // is skipped (drafts are saved every second while typing). A field's record is also kept
        // inside the path's entries, so any change to one walks again.
        if ref.repeatID == nil, old.status == record.status, old.value == record.value, old.entries == record.entries {
            walked = walked.with(answers: answers, records: records)
            return
        }
        // An answer that no expression of the walk names cannot move the path either (a walk
        // costs milliseconds at ten thousand questions): only the answers that constraints and
        // checks read, and the progress, change.
        if ref.repeatID == nil, old.entries == record.entries, !plan.readIDs.contains(ref.itemID) {
            walked = walked.with(answers: answers, records: records)
            if path.stepIndex[ref.itemID] != nil, questionnaire.itemType(ref.itemID)?.isAsked ?? false {
                progress.answered += (record.status != nil ? 1 : 0) - (old.status != nil ? 1 : 0)
            }
            return
        }
        recompute()
    }

    public mutating func replaceAnswers(_ newAnswers: AnswerSet) {
        completeIfReadingOnly()
        answers = newAnswers
        records = WalkRecords(newAnswers, plan: plan)
        recompute()
    }

    public mutating func setToday(_ date: PartialDate) {
        completeIfReadingOnly()
        today = date
        recompute()
    }

    /// Adds an entry to a repeat (refused when the repeat is full or has a fixed `count`).
    public mutating func addEntry(to repeatID: String) throws(AnswerProblem) -> String {
        completeIfReadingOnly()
        guard let item = questionnaire.item(repeatID), item.type == .repeat else { throw .notAQuestion }
        guard path.onPath.contains(repeatID) else { throw .notOnPath }
        let current = path.repeats[repeatID]?.entries.count ?? 0
        if let expected = path.repeats[repeatID]?.expectedCount, current >= expected { throw .tooManyEntries(max: expected) }
        if let max = item.maxCount, current >= max { throw .tooManyEntries(max: max) }
        letWalkedGo()
        let id = answers.addEntry(to: repeatID)
        records.refresh(repeatID, in: answers, plan: plan)
        recompute()
        return id
    }

    public mutating func deleteEntry(_ entryID: String, of repeatID: String) {
        completeIfReadingOnly()
        letWalkedGo()
        answers.deleteEntry(entryID, of: repeatID)
        records.refresh(repeatID, in: answers, plan: plan)
        recompute()
    }

    // MARK: Reading the path

    public func item(_ ref: AnswerRef) -> Item? { questionnaire.item(ref.itemID) }

    public func isOnPath(_ ref: AnswerRef) -> Bool {
        guard let repeatID = ref.repeatID, let entryID = ref.entryID else { return path.onPath.contains(ref.itemID) }
        return entryPath(entryID, of: repeatID)?.onPath.contains(ref.itemID) ?? false
    }

    /// For each step of `questionnaire.flow` (each section's start, then its items), whether it
    /// is on the path: the same top-level items as `path.onPath`, by position. A pass over every
    /// item in file order reads these one after another, where asking `path.onPath` hashed each
    /// id and looked it up in a table that at ten thousand items is larger than the L2 cache.
    public var onPathByFlowPosition: [Bool] { walked.onPathAt }

    public func entryPath(_ entryID: String, of repeatID: String) -> EntryPath? {
        path.repeats[repeatID]?.entries.first { $0.entry.id == entryID }
    }

    /// The entries of a repeat on the path, in order.
    public func entries(of repeatID: String) -> [EntryPath] { path.repeats[repeatID]?.entries ?? [] }

    /// The first step of the interview.
    public var firstStep: AnswerRef? { path.steps.first.map(AnswerRef.init) }

    /// The next top-level step after `itemID` (a repeat's entries are walked by its own list).
    public func step(after itemID: String) -> AnswerRef? {
        if let i = path.stepIndex[itemID] {
            return i + 1 < path.steps.count ? AnswerRef(path.steps[i + 1]) : nil
        }
        // Off the path now: the next step that comes later in the file.
        let order = questionnaire.item(itemID)?.order ?? -1
        return path.steps.first { (questionnaire.item($0)?.order ?? 0) > order }.map(AnswerRef.init)
    }

    public func step(before itemID: String) -> AnswerRef? {
        if let i = path.stepIndex[itemID] {
            return i > 0 ? AnswerRef(path.steps[i - 1]) : nil
        }
        let order = questionnaire.item(itemID)?.order ?? Int.max
        return path.steps.last { (questionnaire.item($0)?.order ?? 0) < order }.map(AnswerRef.init)
    }

    /// The next field of an entry after `field` (nil: the entry is done), or its first field.
    public func field(after field: String?, entry entryID: String, of repeatID: String) -> AnswerRef? {
        guard let entry = entryPath(entryID, of: repeatID) else { return nil }
        let index = field.flatMap { entry.fields.firstIndex(of: $0) }
        var nextIndex = index.map { $0 + 1 } ?? 0
        if index == nil, let field, let order = questionnaire.item(field)?.order {
            nextIndex = entry.fields.firstIndex { (questionnaire.item($0)?.order ?? 0) > order } ?? entry.fields.count
        }
        guard nextIndex < entry.fields.count else { return nil }
        return AnswerRef(field: entry.fields[nextIndex], of: repeatID, entry: entryID)
    }

    public func field(before field: String, entry entryID: String, of repeatID: String) -> AnswerRef? {
        guard let entry = entryPath(entryID, of: repeatID) else { return nil }
        let order = questionnaire.item(field)?.order ?? Int.max
        guard let previous = entry.fields.last(where: { (questionnaire.item($0)?.order ?? 0) < order }) else { return nil }
        return AnswerRef(field: previous, of: repeatID, entry: entryID)
    }

    // MARK: Progress and gaps

    /// Required questions on the path with no answer at all, as `id` or `repeat[N].field`.
    /// Read from the walk's copy of each item: taking every step's large `Item` out of the
    /// questionnaire cost dozens of retains a step, scattered over memory.
    public var unansweredRequired: [(ref: AnswerRef, label: String)] {
        var gaps: [(AnswerRef, String)] = []
        // Each step's shape says whether it is required or a repeat: reading its `WalkItem` for
        // that touched one more object per step, scattered over the heap. The steps are the
        // items on the path but calculations, in file order (a `goto` only leads forward), so
        // they are read by position from the walk's flags and the plan's contiguous tables:
        // looking each step's id up in the table of positions, and copying each required
        // question's whole record out of the answers to read its status, were two hashed
        // lookups a step, scattered over tables that at ten thousand items the L2 cache no
        // longer holds beside the rest of a report (its status is now read in place).
        let onPathAt = walked.onPathAt
        for position in onPathAt.indices where onPathAt[position] {
            let shape = plan.shapes[position]
            if shape.contains(.calculation) { continue }
            let id = plan.ids[position]
            if shape.contains(.required), answers.status(of: id) == nil { gaps.append((AnswerRef(id), id)) }
            if shape.contains(.repeatGroup), case .item(let item) = plan.steps[position] {
                for (n, entry) in entries(of: id).enumerated() {
                    for fieldID in entry.fields {
                        guard let field = item.fields.first(where: { $0.id == fieldID }), field.required else { continue }
                        if entry.entry.answers[fieldID]?.status == nil {
                            gaps.append((AnswerRef(field: fieldID, of: id, entry: entry.entry.id), "\(id)[\(n + 1)].\(fieldID)"))
                        }
                    }
                }
            }
        }
        return gaps
    }

    /// The checks whose condition holds, in file order.
    public var holdingChecks: [Check] {
        let env = environment()
        return questionnaire.checks.filter { $0.condition.holds(in: env) }
    }

    /// Evaluates an expression against the answers on the path (top level).
    public func evaluate(_ expression: Expression) -> Value { expression.evaluate(in: environment()) }
    /// True when a condition holds (nothing counts as false).
    public func holds(_ expression: Expression) -> Bool { expression.holds(in: environment()) }

    /// The value of a calculation on the path (top level or in an entry).
    public func calculatedValue(_ ref: AnswerRef) -> Value {
        if let repeatID = ref.repeatID, let entryID = ref.entryID {
            return entryPath(entryID, of: repeatID)?.calculated[ref.itemID] ?? .nothing
        }
        return path.calculated[ref.itemID] ?? .nothing
    }

    // MARK: Checking answers

    /// Why `value` cannot be the answer to `ref`, or nil when it can.
    public func problem(with value: AnswerValue, otherText: String? = nil, for ref: AnswerRef) -> AnswerProblem? {
        guard let item = item(ref), item.type.isAsked else { return .notAQuestion }
        guard isOnPath(ref) else { return .notOnPath }
        if let p = AnswerRules.problem(with: value, otherText: otherText, for: item) { return p }
        if let constraint = item.constraint {
            let env = environment()
            let base: any EvaluationEnvironment
            if let repeatID = ref.repeatID, let entryID = ref.entryID,
               let entry = env.repeats[repeatID]?.entries.first(where: { $0.entry.id == entryID }) {
                base = EntryEnvironment(parent: env, repeatID: repeatID, path: entry)
            } else {
                base = env
            }
            switch constraint.outcome(in: DotEnvironment(base: base, dot: value.expressionValue)) {
            case .accepted: break
            case .refused: return .constraint(message: item.constraintMessage)
            case .unchecked: return .uncheckable
            }
        }
        return nil
    }

    /// What stops the interview moving on from `ref` (Enter, Ctrl-N), or nil.
    public func blockingProblem(at ref: AnswerRef) -> AnswerProblem? {
        guard let item = item(ref), item.type.isAsked else { return nil }
        let record = answers[ref]
        if item.type == .repeat {
            let count = entries(of: ref.itemID).count
            if let expected = path.repeats[ref.itemID]?.expectedCount, count < expected { return .tooFewEntries(min: expected) }
            if let min = item.minCount, count < min, record.status != .dontKnow, record.status != .refused { return .tooFewEntries(min: min) }
            if item.required && record.status == nil && count == 0 { return .required }
            return nil
        }
        if record.status == .answered, let value = record.value {
            return problem(with: value, otherText: record.otherText, for: ref)
        }
        if item.required && record.status == nil { return .required }
        return nil
    }
}
