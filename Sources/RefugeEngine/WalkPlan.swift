import RefugeBasics
import RefugeExpressions
import RefugeQuestionnaire

/// The questionnaire's flow reduced to what a walk of the path reads, built once per interview.
///
/// `Item` and `Section` are large values: taking one out of the questionnaire's arrays copies
/// every field (dozens of retains and releases), and at a thousand items those copies were a
/// third of every walk. Here each step is a small final class, so reaching one costs a single
/// retain.
final class WalkPlan: Sendable {
    enum Step: Sendable {
        /// A section's start: when its `show_if` fails the walk skips `itemCount` steps.
        case sectionStart(showIf: Expression?, itemCount: Int)
        case item(WalkItem)
    }

    let steps: [Step]
    /// Per step, contiguous and small, what the walk needs of the items that route nothing
    /// (most of them): their ids, and whether each is such a plain item and asked. The walk
    /// reads a plain item from these and never touches its `WalkItem`, so at ten thousand items
    /// a walk streams through a few hundred kilobytes instead of megabytes of scattered objects.
    let ids: [String]
    let shapes: [StepShape]
    /// Per step, the `show_if` of an item whose only routing it is (`StepShape.shownIf`), so
    /// the walk decides such an item without reading its `WalkItem`; nil for every other step.
    let shownIf: [Expression?]
    /// For each field of a repeat, the repeat's id.
    let repeatOfField: [String: String]
    /// How many top-level items there are, to size the walk's tables.
    let itemCount: Int
    /// The position in `steps` of each top-level item (and section start) by id: the
    /// questionnaire's own `flowPosition`, whose positions are these steps' (both list each
    /// section's start, then its items). Ids are unique across sections, items and fields, so
    /// a field's or a section's id never finds an item's position.
    let positions: FlowPositions
    /// Every question id an expression of the walk names (`show_if`, `next`, calculations,
    /// counts, at every level): an answer to any other question cannot move the path.
    let readIDs: Set<String>

    init(_ q: Questionnaire) {
        var steps: [Step] = []
        steps.reserveCapacity(q.flow.count)
        var repeatOfField: [String: String] = [:]
        var itemCount = 0
        var readIDs: Set<String> = []
        func reads(_ expression: Expression?) {
            if let expression { readIDs.formUnion(expression.references) }
        }
        // Items and sections are read where they lie, field by field, by index: taking each one
        // out of its array (`for item in section.items`) copied all of it, about half a kilobyte
        // and dozens of retains an item, twice over; every report makes a plan, and at a
        // thousand items those copies were a fifth of the report's misses in the second-level
        // cache (callgrind).
        func reads(_ items: [Item], _ i: Int) {
            reads(items[i].showIf)
            reads(items[i].expression)
            reads(items[i].count)
            for r in items[i].next.indices { reads(items[i].next[r].condition) }
            let fields = items[i].fields
            for f in fields.indices { reads(fields, f) }
        }
        let sections = q.sections
        for s in sections.indices {
            let items = sections[s].items
            reads(sections[s].showIf)
            for r in sections[s].next.indices { reads(sections[s].next[r].condition) }
            for i in items.indices { reads(items, i) }
            steps.append(.sectionStart(showIf: sections[s].showIf, itemCount: items.count))
            for i in items.indices {
                let isLast = i == items.count - 1
                steps.append(.item(WalkItem.of(items, i, sectionNext: isLast ? sections[s].next.map(WalkRule.init) : [])))
                let fields = items[i].fields
                if !fields.isEmpty {
                    let id = items[i].id
                    for f in fields.indices { repeatOfField[fields[f].id] = id }
                }
                itemCount += 1
            }
        }
        assert(steps.count == q.flow.count, "the walk's steps must be the questionnaire's flow")
        self.steps = steps
        var ids: [String] = []
        ids.reserveCapacity(steps.count)
        var shapes: [StepShape] = []
        shapes.reserveCapacity(steps.count)
        var shownIf: [Expression?] = []
        shownIf.reserveCapacity(steps.count)
        for step in steps {
            guard case .item(let item) = step else {
                ids.append("")
                shapes.append([])
                shownIf.append(nil)
                continue
            }
            ids.append(item.id)
            var shape: StepShape = item.type == .calculate ? .calculation : []
            if item.required { shape.insert(.required) }
            if item.type == .repeat { shape.insert(.repeatGroup) }
            if item.next.isEmpty, item.sectionNext.isEmpty, item.type != .calculate, item.type != .repeat {
                shape.insert(item.showIf == nil ? .plain : .shownIf)
                if item.type.isAsked { shape.insert(.asked) }
            }
            shapes.append(shape)
            shownIf.append(shape.contains(.shownIf) ? item.showIf : nil)
        }
        self.ids = ids
        self.shapes = shapes
        self.shownIf = shownIf
        self.positions = q.flowPosition
        self.repeatOfField = repeatOfField
        self.itemCount = itemCount
        self.readIDs = readIDs
    }

    /// The walk's copy of the top-level item `id` (nil for a field, a section or an unknown id).
    func item(_ id: String) -> WalkItem? {
        guard let position = positions[id], case .item(let item) = steps[position] else { return nil }
        return item
    }

    /// For each step, whether its top-level record has a status (answered, don't know or
    /// prefer not to say): what the progress count reads, by position.
    func answeredFlags(_ answers: AnswerSet) -> [Bool] {
        var flags = [Bool](repeating: false, count: steps.count)
        // Each record's status is read in place: going through the table's (id, answer) pairs
        // copied every answer out of it, retaining each of its texts.
        let byID = answers.byID
        for index in byID.indices where byID.values[index].status != nil {
            if let position = positions[byID.keys[index]], case .item = steps[position] { flags[position] = true }
        }
        return flags
    }

    /// Sets the flag of one top-level record after it changed (a field's change names its repeat).
    func refreshAnswered(_ id: String, in answers: AnswerSet, flags: inout [Bool]) {
        guard let position = positions[id], case .item = steps[position] else { return }
        flags[position] = answers.byID[id]?.status != nil
    }
}

/// What the walk needs to know of a step without reading its item.
struct StepShape: OptionSet, Sendable {
    let rawValue: UInt8
    /// An item with no `show_if`, no `next` (its own or its section's), not a calculation or
    /// a repeat: always on the path when reached, one step, and the walk goes on to the next.
    static let plain = StepShape(rawValue: 1)
    /// A plain or `shownIf` item that is a question (counted in the progress).
    static let asked = StepShape(rawValue: 2)
    /// A calculation: its value is in the walk's `calculated`, not in the answers.
    static let calculation = StepShape(rawValue: 4)
    /// A required question, and a repeat: what the list of required questions left unanswered
    /// reads of every step on the path, without reading its `WalkItem`.
    static let required = StepShape(rawValue: 8)
    static let repeatGroup = StepShape(rawValue: 16)
    /// An item that would be plain but for its `show_if`: on the path when that holds, one
    /// step either way (the condition is in `WalkPlan.shownIf`).
    static let shownIf = StepShape(rawValue: 32)
}

/// One `next` rule: where to go when its condition holds (nil target: the end).
struct WalkRule: Sendable {
    let condition: Expression?
    let targetPosition: Int?
    init(_ rule: RoutingRule) { condition = rule.condition; targetPosition = rule.targetPosition }
}

/// What the walk reads of an item (or of a repeat's field).
final class WalkItem: Sendable {
    let id: String
    let type: ItemType
    /// For the list of required questions left unanswered.
    let required: Bool
    let showIf: Expression?
    let next: [WalkRule]
    /// The section's `next` rules, on the last item of a section only.
    let sectionNext: [WalkRule]
    let expression: Expression?
    let count: Expression?
    let fields: [WalkItem]

    private init(id: String, type: ItemType, required: Bool, showIf: Expression?, next: [WalkRule], sectionNext: [WalkRule],
                 expression: Expression?, count: Expression?, fields: [WalkItem]) {
        self.id = id
        self.type = type
        self.required = required
        self.showIf = showIf
        self.next = next
        self.sectionNext = sectionNext
        self.expression = expression
        self.count = count
        self.fields = fields
    }

    /// The item at `items[i]`, read in place (see `WalkPlan.init`).
    static func of(_ items: [Item], _ i: Int, sectionNext: [WalkRule]) -> WalkItem {
        // Through a pointer: `items[i].id` and the like copied the whole item (832 bytes, 40
        // members retained and released) for each member read (perf: 0.04 ms of a resume). The
        // members go straight to the initialiser: handed out of the closure as one tuple, they
        // were copied once more by the runtime's generic tuple copy, which was most of the
        // plan's making (callgrind: about a million instructions of a resumed credible-fear).
        items.withUnsafeBufferPointer { buffer in
            let item = buffer.baseAddress! + i
            let fields = item.pointee.fields
            return WalkItem(id: item.pointee.id, type: item.pointee.type, required: item.pointee.required,
                            showIf: item.pointee.showIf, next: item.pointee.next.map(WalkRule.init), sectionNext: sectionNext,
                            expression: item.pointee.expression, count: item.pointee.count,
                            fields: fields.indices.map { WalkItem.of(fields, $0, sectionNext: []) })
        }
    }
}

extension WalkPlan {
    /// The plan of `q`: the one made last when `q` holds the very sections it was made from,
    /// else a new one, kept in its place. A report makes an interview, and so a plan, which
    /// reads every item of the questionnaire: the full-screen program writing its two reports
    /// made the plan its own interview already had twice more, and at a thousand items making
    /// and freeing it was about a fifth of a report's misses in a 1 MB cache (callgrind).
    ///
    /// The sections are told apart by their storage: the memo keeps that array alive, so no
    /// other array can be given its place while it is kept, and a questionnaire's sections never
    /// change once built (`Questionnaire.sections` is read-only; `flow` and `flowPosition`, which
    /// the plan also reads, are made from them in its one initialiser), so the same storage
    /// means the same plan.
    static func of(_ q: Questionnaire) -> WalkPlan {
        let sections = q.sections
        guard !sections.isEmpty else { return WalkPlan(q) }
        if let plan = PlanMemo.shared.plan(for: sections) { return plan }
        let plan = WalkPlan(q)
        PlanMemo.shared.keep(plan, for: sections)
        return plan
    }
}

/// The last walk plan made and the sections it was made from (see `WalkPlan.of`).
private final class PlanMemo: @unchecked Sendable {
    // @unchecked: `sections` and `plan` are read and written only while holding `lock`.
    static let shared = PlanMemo()
    private let lock = PlainLock()
    private var sections: [Section] = []
    private var plan: WalkPlan?

    func plan(for sections: [Section]) -> WalkPlan? {
        lock.withLock { Self.sameStorage(self.sections, sections) ? plan : nil }
    }

    func keep(_ plan: WalkPlan, for sections: [Section]) {
        // The plan and sections let go of are freed after the lock is given back.
        var replaced: (sections: [Section], plan: WalkPlan?) = ([], nil)
        lock.withLock {
            replaced = (self.sections, self.plan)
            self.sections = sections
            self.plan = plan
        }
        withExtendedLifetime(replaced) {}
    }

    private static func sameStorage(_ a: [Section], _ b: [Section]) -> Bool {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress && pa.count == pb.count }
        }
    }
}
