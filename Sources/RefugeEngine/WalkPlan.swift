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
        /// A section's start: when its `show_if` fails the walk skips `itemCount` steps. Boxed:
        /// inline, its condition made every step 40 bytes instead of 8, and the walk reads the
        /// step of every item that is not light (`perf annotate` of a 10,000-item walk: a tenth
        /// of the walk loop's own samples were that read). One in twenty steps is a section's start.
        indirect case sectionStart(showIf: WalkCondition?, itemCount: Int)
        case item(WalkItem)
    }

    let steps: [Step]
    /// Per step, contiguous and small, what the walk needs of the items that route little
    /// (most of them, `StepShape.light`): their ids, and their shape. The walk reads such an
    /// item from these and the lists below and never touches its `WalkItem`, so at ten thousand
    /// items a walk reads a few hundred kilobytes, mostly in order, instead of a megabyte of
    /// scattered objects.
    let ids: [String]
    let shapes: [StepShape]
    /// The `show_if` of each light item that has one (`StepShape.shownIf`), in file order; and
    /// per step, where its condition is in that list (-1 for every other step). Two arrays
    /// rather than one of optional conditions: most steps have none, and an array of 32-byte
    /// slots, most of them empty, would be a third of a megabyte for the walk to read at ten
    /// thousand items.
    let shownIf: [WalkCondition]
    let shownIfIndex: [Int32]
    /// The one `next` rule of each light item that has one (`StepShape.routed`), in file
    /// order, and per step where it is in that list (-1 for every other step): reading it from
    /// the item's `WalkItem` and its array of rules was two more objects scattered over the
    /// heap for each such item (`perf annotate` of a 10,000-item walk: the first read of the
    /// `WalkItem` was a fifth of the walk loop's own samples).
    let routes: [WalkRule]
    let routeIndex: [Int32]
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
        // Where a condition's question is, for the tests of `WalkCondition`: a top-level item
        // that is not a calculation (whose value is the walk's, not an answer).
        let flowPosition = q.flowPosition
        // The questionnaire is held once, by this closure: `position` is handed on for every
        // item and rule, and each time it captured the whole questionnaire value it copied it
        // (a dozen members retained and released: a tenth of making the plan, perf).
        let itemType = q.itemType
        func position(_ id: String) -> Int? {
            guard let position = flowPosition[id], let type = itemType(id), type != .calculate else { return nil }
            return position
        }
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
            steps.append(.sectionStart(showIf: sections[s].showIf.map { WalkCondition($0, position: position) }, itemCount: items.count))
            for i in items.indices {
                let isLast = i == items.count - 1
                let sectionNext = isLast ? sections[s].next.map { WalkRule($0, position: position) } : []
                steps.append(.item(WalkItem.of(items, i, sectionNext: sectionNext, position: position)))
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
        var shownIf: [WalkCondition] = []
        var shownIfIndex: [Int32] = []
        shownIfIndex.reserveCapacity(steps.count)
        var routes: [WalkRule] = []
        var routeIndex: [Int32] = []
        routeIndex.reserveCapacity(steps.count)
        for step in steps {
            guard case .item(let item) = step else {
                ids.append("")
                shapes.append([])
                shownIfIndex.append(-1)
                routeIndex.append(-1)
                continue
            }
            ids.append(item.id)
            var shape: StepShape = item.type == .calculate ? .calculation : []
            if item.required { shape.insert(.required) }
            if item.type == .repeat { shape.insert(.repeatGroup) }
            var showIfAt: Int32 = -1, routeAt: Int32 = -1
            if item.next.count <= 1, item.sectionNext.isEmpty, item.type != .calculate, item.type != .repeat {
                shape.insert(.light)
                if item.type.isAsked { shape.insert(.asked) }
                if let showIf = item.showIf {
                    shape.insert(.shownIf)
                    showIfAt = Int32(shownIf.count)
                    shownIf.append(showIf)
                }
                if let rule = item.next.first {
                    shape.insert(.routed)
                    routeAt = Int32(routes.count)
                    routes.append(rule)
                }
            }
            shapes.append(shape)
            shownIfIndex.append(showIfAt)
            routeIndex.append(routeAt)
        }
        self.ids = ids
        self.shapes = shapes
        self.shownIf = shownIf
        self.shownIfIndex = shownIfIndex
        self.routes = routes
        self.routeIndex = routeIndex
        self.positions = flowPosition
        self.repeatOfField = repeatOfField
        self.itemCount = itemCount
        self.readIDs = readIDs
    }

    /// The walk's copy of the top-level item `id` (nil for a field, a section or an unknown id).
    func item(_ id: String) -> WalkItem? {
        guard let position = itemPosition(id), case .item(let item) = steps[position] else { return nil }
        return item
    }

    /// The position of the top-level item `id` (nil for a field, a section or an unknown id).
    func itemPosition(_ id: String) -> Int? {
        guard let position = positions[id], case .item = steps[position] else { return nil }
        return position
    }
}

/// What a walk reads of each top-level record, by the plan's position: whether it has a status
/// (the progress), which (`answered`, `dont_know`…), and its value as the expression language
/// sees it (nothing unless answered for real). Kept by the interview beside the answers and
/// changed with them, so that a condition naming a question reads its record next to the
/// other steps instead of hashing its id into the answer table, which at ten thousand answers
/// is larger than this machine's second-level cache. The statuses (a byte each, read by the
/// progress for every question) apart from the values (read by the conditions).
///
/// The values are kept in chunks of `chunkSize`: a change to an answer is made on a copy of the
/// interview (`CommandTransaction`, so that a refused command leaves it as it was), and with one
/// array the first change copied every value, retaining each text, a third of a confirmed
/// answer at ten thousand answers; now it copies the list of chunks and the one chunk changed.
struct WalkRecords: Sendable {
    private(set) var statuses: [AnswerStatus?]
    private var valueChunks: [[Value]]
    private static let chunkShift = 8
    private static let chunkSize = 1 << chunkShift

    /// None kept: an interview only read (`Interview.init(readingOnly:…)`) looks names up in its answers.
    static let none = WalkRecords(statuses: [], valueChunks: [])
    var isEmpty: Bool { statuses.isEmpty }

    private init(statuses: [AnswerStatus?], valueChunks: [[Value]]) { self.statuses = statuses; self.valueChunks = valueChunks }

    /// Every top-level record of `answers`, each read in place: going through the table's
    /// (id, answer) pairs copied every answer out of it, retaining each of its texts.
    init(_ answers: AnswerSet, plan: WalkPlan) {
        let count = plan.steps.count
        statuses = [AnswerStatus?](repeating: nil, count: count)
        valueChunks = stride(from: 0, to: count, by: Self.chunkSize).map {
            [Value](repeating: .nothing, count: min(Self.chunkSize, count - $0))
        }
        let byID = answers.byID
        for index in byID.indices where byID.values[index].status != nil {
            if let position = plan.itemPosition(byID.keys[index]) { set(position, byID.values[index]) }
        }
    }

    /// The value at `position`, as the expression language sees it.
    @inline(__always)
    func value(at position: Int) -> Value {
        valueChunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
    }

    /// Sets the record of one top-level item after it changed (a field's change names its repeat).
    mutating func refresh(_ id: String, in answers: AnswerSet, plan: WalkPlan) {
        guard let position = plan.itemPosition(id) else { return }
        set(position, answers.byID[id])
    }

    private mutating func set(_ position: Int, _ answer: Answer?) {
        statuses[position] = answer?.status
        let value = answer?.status == .answered ? answer?.value?.expressionValue ?? .nothing : .nothing
        valueChunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] = value
    }
}

/// What the walk needs to know of a step without reading its item.
struct StepShape: OptionSet, Sendable {
    let rawValue: UInt8
    /// An item that is not a calculation or a repeat, has no section `next` after it and at
    /// most one `next` rule of its own: on the path when its `show_if` (if any) holds, and
    /// then the walk goes on to the next step, or where its rule (if any) leads when that
    /// holds. The walk reads it from the plan's arrays, without its `WalkItem`.
    static let light = StepShape(rawValue: 1)
    /// A light item that is a question (counted in the progress).
    static let asked = StepShape(rawValue: 2)
    /// A calculation: its value is in the walk's `calculated`, not in the answers.
    static let calculation = StepShape(rawValue: 4)
    /// A required question, and a repeat: what the list of required questions left unanswered
    /// reads of every step on the path, without reading its `WalkItem`.
    static let required = StepShape(rawValue: 8)
    static let repeatGroup = StepShape(rawValue: 16)
    /// A light item with a `show_if` (in `WalkPlan.shownIf`).
    static let shownIf = StepShape(rawValue: 32)
    /// A light item with a `next` rule (in `WalkPlan.routes`).
    static let routed = StepShape(rawValue: 64)
}

/// One `next` rule: where to go when its condition holds (nil target: the end).
struct WalkRule: Sendable {
    let condition: WalkCondition?
    let targetPosition: Int?
    init(_ rule: RoutingRule, position: (String) -> Int?) {
        condition = rule.condition.map { WalkCondition($0, position: position) }
        targetPosition = rule.targetPosition
    }
}

/// What the walk reads of an item (or of a repeat's field).
final class WalkItem: Sendable {
    let id: String
    let type: ItemType
    /// For the list of required questions left unanswered.
    let required: Bool
    let showIf: WalkCondition?
    let next: [WalkRule]
    /// The section's `next` rules, on the last item of a section only.
    let sectionNext: [WalkRule]
    let expression: Expression?
    let count: Expression?
    let fields: [WalkItem]

    private init(id: String, type: ItemType, required: Bool, showIf: WalkCondition?, next: [WalkRule], sectionNext: [WalkRule],
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

    /// The item at `items[i]`, read in place (see `WalkPlan.init`); `position` finds the
    /// question of a condition (see `WalkCondition`).
    static func of(_ items: [Item], _ i: Int, sectionNext: [WalkRule], position: (String) -> Int?) -> WalkItem {
        // Through a pointer: `items[i].id` and the like copied the whole item (832 bytes, 40
        // members retained and released) for each member read (perf: 0.04 ms of a resume). The
        // members go straight to the initialiser: handed out of the closure as one tuple, they
        // were copied once more by the runtime's generic tuple copy, which was most of the
        // plan's making (callgrind: about a million instructions of a resumed credible-fear).
        items.withUnsafeBufferPointer { buffer in
            let item = buffer.baseAddress! + i
            let fields = item.pointee.fields
            return WalkItem(id: item.pointee.id, type: item.pointee.type, required: item.pointee.required,
                            showIf: item.pointee.showIf.map { WalkCondition($0, position: position) },
                            next: item.pointee.next.map { WalkRule($0, position: position) }, sectionNext: sectionNext,
                            expression: item.pointee.expression, count: item.pointee.count,
                            fields: fields.indices.map { WalkItem.of(fields, $0, sectionNext: [], position: position) })
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
