#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions

public enum ItemType: String, Sendable, CaseIterable {
    case info, text, longtext, yesno, choice, multichoice, number, date, `repeat`, calculate

    /// Types that ask the person for something (everything but info and calculate).
    public var isAsked: Bool { self != .info && self != .calculate }
}

public enum Audience: String, Sendable { case client, interviewer }

public struct Choice: Sendable, Hashable {
    public var value: String
    public var label: LocalizedText
    public init(value: String, label: LocalizedText) { self.value = value; self.label = label }
}

/// One `next` rule: go to `target` when `condition` holds (always, when there is none).
public struct RoutingRule: Sendable {
    public var condition: RefugeExpressions.Expression?
    /// An item or section id, or `end`.
    public var target: String
    public var location: SourceLocation
    /// Resolved at load time: the flow position the rule jumps to (nil for `end`).
    public var targetPosition: Int?
}

/// One question, note or calculation: 176 bytes (824 before texts and expressions were held by
/// one reference each and the members most items leave empty were moved out of line, issue
/// 19's sixth session). Swift lays the members out in the order written, so the order is
/// chosen: the members that walks over every item read (the validator's passes, building the
/// flow, the interview's path) come first, in the item's first cache line, and the one-byte
/// members sit together instead of each taking eight bytes.
///
/// `@unchecked Sendable`: `RareMembers` is a class, changed only while one item holds it alone
/// (copy on write), so items shared between threads only read it.
public struct Item: @unchecked Sendable {
    public var id: String
    public var showIf: RefugeExpressions.Expression?
    public var next: [RoutingRule] = []
    /// A repeat's questions.
    public var fields: [Item] = []
    public var type: ItemType
    public var audience: Audience = .client
    public var required = false
    public var sensitive = false
    public var allowDontKnow = true
    public var allowRefuse = true
    public var includeInReport = true
    /// choice / multichoice: the choice `other` is offered.
    public var other = false
    /// The repeat this item is a field of, if any.
    public var repeatID: String?
    public var sectionID: String
    /// The position in file order across the whole questionnaire (fields included).
    public var order: Int
    public var location: SourceLocation

    public var prompt: LocalizedText?
    public var help: LocalizedText?
    public var text: LocalizedText?
    public var note: LocalizedText?
    // choice / multichoice
    public var choices: [Choice] = []
    // number
    public var integerOnly = false
    // date
    public var precision: DatePrecision = .day
    /// The members below (`identifying` to `max`), which most items leave empty: one shared
    /// empty instance until one is set.
    var rare: RareMembers = .none

    /// `identifying`: the answer names or locates the person (a name, a number, a phone, a
    /// place of detention). Under `--redact identity` it becomes a placeholder made of this
    /// word ("[Client]", "[Phone 1]"); nil when the question is not identifying.
    public var identifying: String? {
        get { rare.identifying }
        set { if newValue != rare.identifying { uniqueRare().identifying = newValue } }
    }
    public var constraint: RefugeExpressions.Expression? {
        get { rare.constraint }
        set { if newValue != nil || rare.constraint != nil { uniqueRare().constraint = newValue } }
    }
    public var constraintMessage: LocalizedText? {
        get { rare.constraintMessage }
        set { if newValue != nil || rare.constraintMessage != nil { uniqueRare().constraintMessage = newValue } }
    }
    // text / longtext
    public var pattern: NSRegularExpressionBox? {
        get { rare.pattern }
        set { if newValue !== rare.pattern { uniqueRare().pattern = newValue } }
    }
    public var patternMessage: LocalizedText? {
        get { rare.patternMessage }
        set { if newValue != nil || rare.patternMessage != nil { uniqueRare().patternMessage = newValue } }
    }
    public var minLength: Int? {
        get { rare.minLength }
        set { if newValue != rare.minLength { uniqueRare().minLength = newValue } }
    }
    public var maxLength: Int? {
        get { rare.maxLength }
        set { if newValue != rare.maxLength { uniqueRare().maxLength = newValue } }
    }
    // choice / multichoice
    public var minCount: Int? {
        get { rare.minCount }
        set { if newValue != rare.minCount { uniqueRare().minCount = newValue } }
    }
    public var maxCount: Int? {
        get { rare.maxCount }
        set { if newValue != rare.maxCount { uniqueRare().maxCount = newValue } }
    }
    // number
    public var min: ExactNumber? {
        get { rare.min }
        set { if newValue != rare.min { uniqueRare().min = newValue } }
    }
    public var max: ExactNumber? {
        get { rare.max }
        set { if newValue != rare.max { uniqueRare().max = newValue } }
    }
    // date
    public var timeline: LocalizedText? {
        get { rare.timeline }
        set { if newValue != nil || rare.timeline != nil { uniqueRare().timeline = newValue } }
    }
    // repeat
    public var entryLabel: LocalizedText? {
        get { rare.entryLabel }
        set { if newValue != nil || rare.entryLabel != nil { uniqueRare().entryLabel = newValue } }
    }
    public var count: RefugeExpressions.Expression? {
        get { rare.count }
        set { if newValue != nil || rare.count != nil { uniqueRare().count = newValue } }
    }
    // calculate
    public var expression: RefugeExpressions.Expression? {
        get { rare.expression }
        set { if newValue != nil || rare.expression != nil { uniqueRare().expression = newValue } }
    }

    /// The item's own rare members, copied first when another item shares them.
    private mutating func uniqueRare() -> RareMembers {
        if !isKnownUniquelyReferenced(&rare) { rare = rare.copy() }
        return rare
    }

    init(id: String, type: ItemType, location: SourceLocation, sectionID: String, repeatID: String?, order: Int) {
        self.id = id; self.type = type; self.location = location; self.sectionID = sectionID; self.repeatID = repeatID
        self.order = order
    }

    /// The choice values, `other` included when offered.
    public var choiceValues: [String] { choices.map(\.value) }
    public func choice(_ value: String) -> Choice? { choices.first { $0.value == value } }
}

/// The members of an item that most items leave empty, out of line (`Item.rare`): inline they
/// took 168 of an item's 344 bytes, which every pass over the items went through. Never
/// changed while two items hold it.
final class RareMembers {
    /// The one instance of an item with none of them set.
    nonisolated(unsafe) static let none = RareMembers()

    var identifying: String?
    var constraint: RefugeExpressions.Expression?
    var constraintMessage: LocalizedText?
    var pattern: NSRegularExpressionBox?
    var patternMessage: LocalizedText?
    var timeline: LocalizedText?
    var entryLabel: LocalizedText?
    var count: RefugeExpressions.Expression?
    var expression: RefugeExpressions.Expression?
    var minLength: Int?
    var maxLength: Int?
    var minCount: Int?
    var maxCount: Int?
    var min: ExactNumber?
    var max: ExactNumber?

    init() {}

    func copy() -> RareMembers {
        let copy = RareMembers()
        copy.identifying = identifying; copy.constraint = constraint; copy.constraintMessage = constraintMessage
        copy.pattern = pattern; copy.patternMessage = patternMessage; copy.timeline = timeline
        copy.entryLabel = entryLabel; copy.count = count; copy.expression = expression
        copy.minLength = minLength; copy.maxLength = maxLength; copy.minCount = minCount; copy.maxCount = maxCount
        copy.min = min; copy.max = max
        return copy
    }
}

/// An item's `pattern`, compiled once: a `WholeTextPattern`, so its work is bounded and a
/// give-up is told apart from a mismatch.
public final class NSRegularExpressionBox: @unchecked Sendable {
    public let source: String
    let pattern: WholeTextPattern
    public init(source: String, pattern: WholeTextPattern) { self.source = source; self.pattern = pattern }
    /// True when the whole text matches.
    public func matchesWhole(_ text: String) -> Bool { pattern.matchesWhole(text) }
    /// Whether the whole text matches; nil when the regex engine gave up.
    public func wholeMatch(_ text: String) -> Bool? { pattern.wholeMatch(text) }
}

public struct Section: Sendable {
    public var id: String
    public var title: LocalizedText
    public var location: SourceLocation
    public var showIf: RefugeExpressions.Expression?
    public var next: [RoutingRule] = []
    public var items: [Item]
}

public enum CheckKind: String, Sendable { case clarify, flag }
public enum CheckSeverity: String, Sendable { case warning, error }

public struct Check: Sendable {
    public var id: String
    public var condition: RefugeExpressions.Expression
    public var message: LocalizedText
    public var kind: CheckKind
    public var severity: CheckSeverity
    public var location: SourceLocation
    /// The id of the rule in `legal_data` this check rests on, if any (checked at load time).
    public var rule: String? = nil
}

public struct ReportHeading: Sendable {
    public var id: String
    public var title: LocalizedText
    public var items: [String]
}

public struct ReportLayout: Sendable {
    public var title: LocalizedText?
    public var headings: [ReportHeading]
    /// `summary`: the elements of the claim shown on the report's first page, in order.
    public var summary: [ReportHeading] = []
    /// `timeline.order`: the story's order of dated questions, used when two events' dates are
    /// equal or overlap (a month-only date and a day in it).
    public var timelineOrder: [String] = []
    /// `timeline.leave_out`: dated questions left out of the chronology unless the report is
    /// asked for every date (family birthdays).
    public var timelineLeaveOut: [String] = []
}

/// `declaration`: which answers feed which paragraph of the draft declaration (always in
/// English, first person, numbered paragraphs).
public struct DeclarationLayout: Sendable {
    public var title: LocalizedText?
    public var paragraphs: [DeclarationParagraph]
}

public struct DeclarationParagraph: Sendable {
    public var id: String
    /// A sentence in the client's voice with `{{id}}` answers (English labels); left out when
    /// an answer it names is missing.
    public var text: LocalizedText?
    /// Questions whose own words (the interpreter's translation) follow the sentence. A repeat
    /// gives one paragraph per entry, in date order.
    public var items: [String]
    /// For a repeat in `items`: a sentence opening each entry's paragraph, with its fields.
    public var entryText: LocalizedText?
}

/// A loaded, validated questionnaire. Only built when the validator found no error, so the
/// engine can trust every reference in it.
public struct Questionnaire: Sendable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var description: LocalizedText?
    public var languages: [String]
    /// Read-only once built: `places` says where each item is in them.
    public private(set) var sections: [Section]
    public var checks: [Check]
    public var report: ReportLayout?
    /// The rules the checks rest on, with their sources and status, as of a date.
    public var legalData: LegalData?
    /// The draft declaration's layout (`declaration`), if the questionnaire has one.
    public var declaration: DeclarationLayout?
    /// SHA-256 over the relative path, length and bytes of each source file.
    public var contentHash: String
    /// The file or folder it was loaded from.
    public var sourcePath: String
    /// The source files and their bytes, so a session can keep a copy.
    public var sourceFiles: [SourceFile]

    /// Where every section, item and field is, by id: in `sections` (an index rather than a
    /// second copy of every item, which at ten thousand items was a good part of the memory a
    /// loaded questionnaire held; `item(_:)` reads through it) and in `flow`. One table for
    /// both, not one for places and one for flow positions: built at every load and every
    /// cache hit, each id hashed and stored once, and at ten thousand items each table was
    /// larger than the processor's L2 cache, so that every insertion missed it (issue 19,
    /// sixth session).
    let places: [String: ItemPlace]
    /// Flow positions: the top-level walk order of section starts and items.
    public let flow: [FlowStep]
    /// The flow position of each section start and top-level item id.
    public var flowPosition: FlowPositions { FlowPositions(places: places) }

    public var defaultLanguage: String { languages[0] }

    public func item(_ id: String) -> Item? {
        guard let place = places[id], place.item >= 0 else { return nil }
        let s = Int(place.section), i = Int(place.item)
        return place.field < 0 ? sections[s].items[i] : sections[s].items[i].fields[Int(place.field)]
    }

    /// An item's type, without copying the whole item out (dozens of retains and releases):
    /// for loops over every step, such as counting progress.
    public func itemType(_ id: String) -> ItemType? {
        guard let place = places[id], place.item >= 0 else { return nil }
        let s = Int(place.section), i = Int(place.item)
        return place.field < 0 ? sections[s].items[i].type : sections[s].items[i].fields[Int(place.field)].type
    }
    /// A section by id, through the flow's table (the report looks one up for most of its
    /// questions: scanning every section each time grew with the square of the questionnaire).
    public func section(_ id: String) -> Section? {
        if let position = flowPosition[id], case .sectionStart(let s) = flow[position], sections[s].id == id {
            return sections[s]
        }
        return sections.first { $0.id == id }
    }

    init(id: String, version: String, title: LocalizedText, description: LocalizedText?, languages: [String],
         sections: [Section], checks: [Check], report: ReportLayout?, contentHash: String,
         sourcePath: String, sourceFiles: [SourceFile], legalData: LegalData? = nil) {
        self.legalData = legalData
        self.id = id; self.version = version; self.title = title; self.description = description
        self.languages = languages; self.sections = sections; self.checks = checks; self.report = report
        self.contentHash = contentHash; self.sourcePath = sourcePath; self.sourceFiles = sourceFiles
        // Sized up front: growing a table of items step by step held two copies of it at the
        // last step, the peak of memory while loading.
        let itemCount = sections.reduce(0) { count, section in
            section.items.reduce(count) { $0 + 1 + $1.fields.count }
        }
        let stepCount = sections.reduce(0) { $0 + 1 + $1.items.count }
        var places: [String: ItemPlace] = [:]
        places.reserveCapacity(itemCount + sections.count)
        var flow: [FlowStep] = []
        flow.reserveCapacity(stepCount)
        // By index: taking each item out of its array copied all of it (dozens of retains and
        // releases an item), a fifth of the retains of `refuge validate` at 10,000 items.
        for s in sections.indices {
            places[sections[s].id] = ItemPlace(section: Int32(s), item: -1, field: -1, flow: Int32(flow.count))
            flow.append(.sectionStart(s))
            for i in sections[s].items.indices {
                let id = sections[s].items[i].id
                places[id] = ItemPlace(section: Int32(s), item: Int32(i), field: -1, flow: Int32(flow.count))
                flow.append(.item(section: s, index: i))
                for f in sections[s].items[i].fields.indices {
                    places[sections[s].items[i].fields[f].id] = ItemPlace(section: Int32(s), item: Int32(i), field: Int32(f), flow: -1)
                }
            }
        }
        self.places = places
        self.flow = flow
    }

    /// All asked and calculated items, fields included, in file order.
    public var allItems: [Item] {
        sections.flatMap { $0.items.flatMap { [$0] + $0.fields } }
    }
}

/// Where an id is: its section; for an item, its place in the section (-1 for the section
/// itself) and, for a field, its place in its repeat (-1 otherwise); its flow position (-1 for
/// a field, which is not in the flow).
public struct ItemPlace: Sendable, Hashable {
    let section: Int32
    let item: Int32
    let field: Int32
    let flow: Int32
}

/// The flow position of each section start and top-level item, by id (`Questionnaire.flowPosition`):
/// read through the questionnaire's one table of places.
public struct FlowPositions: Sendable {
    let places: [String: ItemPlace]

    public subscript(id: String) -> Int? {
        guard let place = places[id], place.flow >= 0 else { return nil }
        return Int(place.flow)
    }
}

/// One step of the top-level walk.
public enum FlowStep: Sendable, Hashable {
    case sectionStart(Int)
    case item(section: Int, index: Int)
}

public struct SourceFile: Sendable, Hashable {
    public var relativePath: String
    public var bytes: [UInt8]
    public init(relativePath: String, bytes: [UInt8]) { self.relativePath = relativePath; self.bytes = bytes }
}
