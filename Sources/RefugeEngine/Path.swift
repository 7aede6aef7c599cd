import RefugeExpressions
import RefugeQuestionnaire

/// The fields of one repeat entry that are on the path.
public struct EntryPath: Sendable {
    public var entry: RepeatEntry
    /// Asked fields on the path, in order (calculations excluded).
    public var fields: [String]
    /// Every field on the path, calculations included.
    public var onPath: Set<String>
    public var calculated: [String: Value]
}

/// A repeat on the path: its entries on the path, and for a `count` repeat how many there
/// should be.
public struct RepeatPath: Sendable {
    public var entries: [EntryPath]
    /// Entries kept but off the path (beyond a `count` that dropped).
    public var offPathEntryIDs: [String]
    /// The number of entries a `count` asks for (nil: the person decides).
    public var expectedCount: Int?
}

/// The path through the questionnaire for the current answers. It is computed, never
/// stored: answers that fall off it stay in the session and come back with it.
public struct InterviewPath: Sendable {
    /// Top-level info screens and questions on the path, in order (calculations excluded).
    public var steps: [String]
    /// Every top-level item on the path, calculations included.
    public var onPath: Set<String>
    public var repeats: [String: RepeatPath]
    public var calculated: [String: Value]
    /// The position of each step in `steps`.
    public var stepIndex: [String: Int]
}

enum PathWalker {
    /// Walks the questionnaire once, in file order: linear in its size. The progress (questions
    /// answered over questions on the path) is counted on the way, from the walk's own copy of
    /// each item's type: a second pass looked every step up in the questionnaire's tables and
    /// read its large `Item`, scattered reads that at ten thousand items no longer stay in the
    /// cache and made the walk grow faster than the questionnaire.
    ///
    /// `previous` is the last walk of the same plan. When the same items are on the path again
    /// (most walks: a date set again, an answer that moves nothing), its id tables (`onPath`,
    /// `stepIndex`) are kept rather than built anew: at ten thousand items building them was
    /// twenty thousand hashed inserts into tables larger than the cache, and freeing the old ones.
    ///
    /// `records` (see `WalkRecords`) holds each top-level record's status and value by
    /// position, so the progress is counted, and the conditions read their answers, without
    /// looking each id up in the answers: one hashed lookup per name into a table that at ten
    /// thousand answers is larger than the cache. Empty: read `answers` (an interview only
    /// read), and count no question as answered.
    ///
    /// Without `indexed` (an interview only read, see `Interview.init(readingOnly:…)`),
    /// `stepIndex` is left empty.
    static func walk(_ q: Questionnaire, plan: WalkPlan, answers: AnswerSet, records: WalkRecords, today: PartialDate,
                     previous: (path: InterviewPath, environment: WalkEnvironment)? = nil, indexed: Bool = true)
        -> (path: InterviewPath, environment: WalkEnvironment, progress: (answered: Int, total: Int)) {
        let env = WalkEnvironment(questionnaire: q, plan: plan, answers: answers, records: records, today: today)
        let counted = !records.isEmpty
        var answered = 0, total = 0
        var position = 0
        let flow = plan.steps
        let shapes = plan.shapes
        let ids = plan.ids
        let shownIf = plan.shownIf
        let shownIfIndex = plan.shownIfIndex
        let routes = plan.routes
        let routeIndex = plan.routeIndex
        let statuses = records.statuses
        walk: while position < flow.count {
            let shape = shapes[position]
            if shape.contains(.light) {
                // What the general case below does for such an item, without reading it.
                if !shape.contains(.shownIf) || shownIf[Int(shownIfIndex[position])].holds(in: env) {
                    env.onPathAt[position] = true
                    if shape.contains(.asked) {
                        total += 1
                        if counted, statuses[position] != nil { answered += 1 }
                    }
                    if shape.contains(.routed) {
                        let rule = routes[Int(routeIndex[position])]
                        if rule.condition?.holds(in: env) ?? true {
                            guard let target = rule.targetPosition else { break walk }
                            position = target
                            continue
                        }
                    }
                }
                position += 1
                continue
            }
            switch flow[position] {
            case .sectionStart(let showIf, let itemCount):
                if let showIf, !showIf.holds(in: env) {
                    position += 1 + itemCount
                } else {
                    position += 1
                }
            case .item(let item):
                var jumped: Int?? = nil   // .some(nil): end of interview
                if item.showIf?.holds(in: env) ?? true {
                    env.onPathAt[position] = true
                    switch item.type {
                    case .calculate:
                        if let e = item.expression { env.calculated[item.id] = e.evaluate(in: env) }
                    case .repeat:
                        env.repeats[item.id] = walkRepeat(item, env: env)
                    default:
                        break
                    }
                    if item.type.isAsked {
                        total += 1
                        if counted, statuses[position] != nil { answered += 1 }
                    }
                    if let rule = item.next.first(where: { $0.condition?.holds(in: env) ?? true }) {
                        jumped = .some(rule.targetPosition)
                    }
                }
                // The section's own rules, after its last item.
                if jumped == nil, let rule = item.sectionNext.first(where: { $0.condition?.holds(in: env) ?? true }) {
                    jumped = .some(rule.targetPosition)
                }
                switch jumped {
                case .none: position += 1
                case .some(.none): break walk
                case .some(.some(let target)): position = target
                }
            }
        }
        // The same items on the path means the same steps in the same order: a `goto` only
        // ever leads forward, so the steps are the items on the path in file order.
        if let previous, previous.environment.plan === plan, previous.environment.onPathAt == env.onPathAt {
            let path = InterviewPath(steps: previous.path.steps, onPath: previous.path.onPath, repeats: env.repeats,
                                     calculated: env.calculated, stepIndex: previous.path.stepIndex)
            return (path, env, (answered, total))
        }
        // Only item steps are ever marked on the path. Their ids are read from the plan's
        // contiguous `ids`: reading each step's `WalkItem` for its id touched one more object per
        // item, scattered over the heap (callgrind, 1 MB cache, the walk of a 10,000-item export:
        // 65 K misses → 54 K).
        // The steps are listed here, from the flags, not appended as the walk goes: when the same
        // items are on the path as in the last walk (above), they are not needed at all.
        var onPath = Set<String>(minimumCapacity: plan.itemCount)
        var steps: [String] = []
        steps.reserveCapacity(plan.itemCount)
        let onPathAt = env.onPathAt
        for position in onPathAt.indices where onPathAt[position] {
            onPath.insert(ids[position])
            if !shapes[position].contains(.calculation) { steps.append(ids[position]) }
        }
        var index: [String: Int] = [:]
        if indexed {
            index.reserveCapacity(steps.count)
            for (i, id) in steps.enumerated() { index[id] = i }
        }
        let path = InterviewPath(steps: steps, onPath: onPath, repeats: env.repeats, calculated: env.calculated, stepIndex: index)
        return (path, env, (answered, total))
    }

    static func walkRepeat(_ item: WalkItem, env: WalkEnvironment) -> RepeatPath {
        let all = env.answers.entries(of: item.id)
        var expected: Int?
        var included = all
        var offPath: [String] = []
        if let count = item.count {
            if case .number(let n) = count.evaluate(in: env) {
                // A fraction counts its whole entries; more than an Int holds is "all of them".
                let whole = n.roundedDown()
                let wanted = whole.isNegative ? 0 : whole.integerValue ?? Int.max
                expected = wanted
                included = Array(all.prefix(wanted))
                offPath = all.dropFirst(wanted).map(\.id)
            } else {
                expected = 0
                included = []
                offPath = all.map(\.id)
            }
        }
        return RepeatPath(entries: included.map { walkEntry($0, item: item, env: env) }, offPathEntryIDs: offPath, expectedCount: expected)
    }

    static func walkEntry(_ entry: RepeatEntry, item: WalkItem, env: WalkEnvironment) -> EntryPath {
        let fields = item.fields
        // Sized once for every field: growing the set as fields join rehashed it twice an entry.
        var path = EntryPath(entry: entry, fields: [], onPath: Set(minimumCapacity: fields.count), calculated: [:])
        path.fields.reserveCapacity(fields.count)
        var f = 0
        while f < fields.count {
            let field = fields[f]
            // An entry's environment holds a copy of the entry's path so far: made only for a
            // field with an expression to evaluate, not for every field.
            if let showIf = field.showIf, !showIf.holds(in: EntryEnvironment(parent: env, repeatID: item.id, path: path)) {
                f += 1
                continue
            }
            // A calculation is worked out in the entry as it was before its own field joined the path.
            let value = field.type == .calculate
                ? field.expression.map { $0.evaluate(in: EntryEnvironment(parent: env, repeatID: item.id, path: path)) } : nil
            path.onPath.insert(field.id)
            if field.type == .calculate {
                if let value { path.calculated[field.id] = value }
            } else {
                path.fields.append(field.id)
            }
            if !field.next.isEmpty {
                let after = EntryEnvironment(parent: env, repeatID: item.id, path: path)
                if let rule = field.next.first(where: { $0.condition?.holds(in: after) ?? true }), let target = rule.targetPosition {
                    f = target
                    continue
                }
            }
            f += 1
        }
        return path
    }
}
