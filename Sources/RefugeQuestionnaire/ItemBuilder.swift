#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeExpressions

/// Where a built item sits, so that constraints (compiled once every id is known) can be
/// put back in place.
struct ItemPath: Hashable { var section: Int; var item: Int; var field: Int? }

struct PendingConstraint {
    var path: ItemPath
    var node: YAMLNode
    var what: String
    var dot: ExprType
    var repeatID: String?
}

extension Builder {
    static let commonAskedKeys: Set<String> = [
        "id", "type", "prompt", "help", "show_if", "next", "required", "sensitive", "allow_dont_know",
        "allow_refuse", "audience", "note", "report", "constraint", "constraint_message", "identifying",
    ]
    /// The keys each type of item may have, worked out once rather than for every item.
    static let allowedKeysByType: [ItemType: Set<String>] = Dictionary(
        uniqueKeysWithValues: ItemType.allCases.map { ($0, keysAllowed(for: $0)) })
    static func allowedKeys(for type: ItemType) -> Set<String> { allowedKeysByType[type]! }

    /// Why a key is not allowed for this item, where the reason is likely to be misplacement.
    static let misplacedKeyHints = [
        "choices": "only `choice` and `multichoice` questions have choices",
        "items": "only a `repeat` has items",
        "timeline": "only a `date` question can have a timeline",
    ]
    static let ruleKeys: Set<String> = ["if", "goto"]
    static let choiceKeys: Set<String> = ["value", "label"]

    private static func keysAllowed(for type: ItemType) -> Set<String> {
        switch type {
        case .info: return ["id", "type", "prompt", "text", "show_if", "next", "note", "audience", "report"]
        case .calculate: return ["id", "type", "expression", "show_if", "report", "note", "prompt"]
        case .text: return commonAskedKeys.union(["min_length", "max_length", "pattern", "pattern_message"])
        case .longtext: return commonAskedKeys.union(["min_length", "max_length"])
        case .yesno: return commonAskedKeys
        case .choice: return commonAskedKeys.union(["choices", "other"])
        case .multichoice: return commonAskedKeys.union(["choices", "other", "min_count", "max_count"])
        case .number: return commonAskedKeys.union(["min", "max", "integer"])
        case .date: return commonAskedKeys.union(["precision", "timeline"])
        case .repeat: return commonAskedKeys.union(["items", "min_count", "max_count", "entry_label", "count"])
        }
    }

    /// Builds one item (and, for a repeat, its fields). `order` is advanced past it.
    mutating func buildItem(_ node: YAMLNode, sectionID: String, repeatID: String?, order: inout Int,
                            path: ItemPath, pending: inout [PendingConstraint]) -> Item? {
        guard node.mapEntries != nil else {
            sink.error(node.location, "each item should be a set of keys (`id`, `type`, `prompt`, ...), not \(node.kindName)")
            return nil
        }
        let probe = MapReader(node, what: "an item")
        guard let id = probe.string("id", into: &sink) else {
            _ = probe.requireKey("id", into: &sink)
            return nil
        }
        let what = "`\(id)`"
        let map = MapReader(node, what: "item \(what)")
        guard let typeName = map.string("type", into: &sink) else {
            _ = map.requireKey("type", into: &sink)
            return nil
        }
        guard let type = ItemType(rawValue: typeName) else {
            let names = ItemType.allCases.map(\.rawValue)
            var message = "`\(typeName)` is not an item type"
            if let close = Suggestions.closest(to: typeName, among: names) { message += "; did you mean `\(close)`?" }
            else { message += " (types: \(names.joined(separator: ", ")))" }
            sink.error(map.value("type")!.location, message)
            return nil
        }
        let myOrder = order
        order += 1
        let registered = register(id: id, at: map.value("id")!.location, itemType: type, order: myOrder, repeatID: repeatID)
        map.reportUnknownKeys(Builder.allowedKeys(for: type), into: &sink, hint: Builder.misplacedKeyHints)
        if type == .repeat && repeatID != nil {
            sink.error(node.location, "the repeat \(what) is inside the repeat `\(repeatID!)`; a repeat cannot contain another repeat in format 1")
        }

        var item = Item(id: id, type: type, location: node.location, sectionID: sectionID, repeatID: repeatID, order: myOrder)
        let textPath = "items.\(id)"
        item.prompt = text(map.value("prompt"), path: "\(textPath).prompt", what: "the prompt of \(what)")
        if type.isAsked && item.prompt == nil { _ = map.requireKey("prompt", into: &sink) }
        item.help = text(map.value("help"), path: "\(textPath).help", what: "the help of \(what)")
        item.note = text(map.value("note"), path: "\(textPath).note", what: "the note of \(what)")
        item.text = text(map.value("text"), path: "\(textPath).text", what: "the text of \(what)")
        if type == .info && item.text == nil { _ = map.requireKey("text", into: &sink) }
        item.constraintMessage = text(map.value("constraint_message"), path: "\(textPath).constraint_message", what: "the constraint message of \(what)")
        item.patternMessage = text(map.value("pattern_message"), path: "\(textPath).pattern_message", what: "the pattern message of \(what)")
        item.timeline = text(map.value("timeline"), path: "\(textPath).timeline", what: "the timeline text of \(what)")
        // One by one: an array of the seven texts (and a second without the missing ones) was
        // two allocations for every item.
        func note(_ text: LocalizedText?) {
            if let text { noteInterpolated(text, what: "a text of \(what)", before: myOrder, repeatID: repeatID, anyFieldOf: nil) }
        }
        note(item.prompt); note(item.help); note(item.text); note(item.timeline)
        note(item.constraintMessage); note(item.patternMessage); note(item.note)

        item.required = map.bool("required", into: &sink) ?? false
        item.sensitive = map.bool("sensitive", into: &sink) ?? false
        item.identifying = identifyingWord(map, what: what)
        item.allowDontKnow = map.bool("allow_dont_know", into: &sink) ?? true
        item.allowRefuse = map.bool("allow_refuse", into: &sink) ?? true
        item.includeInReport = map.bool("report", into: &sink) ?? (type != .calculate)
        if let audience = map.string("audience", into: &sink) {
            if let a = Audience(rawValue: audience) { item.audience = a }
            else { sink.error(map.value("audience")!.location, "`audience` of \(what) should be `client` or `interviewer`, not `\(audience)`") }
        }

        item.minLength = map.int("min_length", into: &sink)
        item.maxLength = map.int("max_length", into: &sink)
        if let lo = item.minLength, let hi = item.maxLength, lo > hi {
            sink.error(map.keyLocation("min_length"), "`min_length` of \(what) is larger than its `max_length`")
        }
        if let pattern = map.string("pattern", into: &sink) {
            if let compiled = try? WholeTextPattern(pattern) {
                item.pattern = NSRegularExpressionBox(source: pattern, pattern: compiled)
            } else {
                sink.error(map.value("pattern")!.location, "the `pattern` of \(what) is not a valid regular expression")
            }
        }
        item.minCount = map.int("min_count", into: &sink)
        item.maxCount = map.int("max_count", into: &sink)
        if let lo = item.minCount, let hi = item.maxCount, lo > hi {
            sink.error(map.keyLocation("min_count"), "`min_count` of \(what) is larger than its `max_count`")
        }
        item.min = map.number("min", into: &sink)
        item.max = map.number("max", into: &sink)
        if let lo = item.min, let hi = item.max, lo > hi {
            sink.error(map.keyLocation("min"), "`min` of \(what) is larger than its `max`")
        }
        item.integerOnly = map.bool("integer", into: &sink) ?? false
        if let p = map.string("precision", into: &sink) {
            if let precision = DatePrecision(rawValue: p) { item.precision = precision }
            else { sink.error(map.value("precision")!.location, "`precision` of \(what) should be `year`, `month` or `day`, not `\(p)`") }
        }
        item.other = map.bool("other", into: &sink) ?? false
        if type == .choice || type == .multichoice {
            item.choices = buildChoices(map, item: id, other: item.other)
        }
        // The item's own type is known now: later expressions (its own `next` included) may use it.
        if registered { catalog.entries[id]?.exprType = exprType(of: item) }

        // Expressions that may name only earlier questions (its own answer too, for `next`).
        item.showIf = compile(map.value("show_if"), key: "show_if", what: what, context: .showIf, before: myOrder, repeatID: repeatID)
        if type == .calculate {
            item.expression = compile(map.requireKey("expression", into: &sink), key: "expression", what: what, context: .calculate, before: myOrder, repeatID: repeatID)
            if registered { catalog.entries[id]?.exprType = item.expression?.type }
        }
        if type == .repeat {
            item.count = compile(map.value("count"), key: "count", what: what, context: .count, before: myOrder, repeatID: nil)
            item.entryLabel = text(map.value("entry_label"), path: "\(textPath).entry_label", what: "the entry label of \(what)")
            if let label = item.entryLabel { noteInterpolated(label, what: "the entry label of \(what)", before: nil, repeatID: id, anyFieldOf: id) }
            if let fieldsNode = map.requireKey("items", into: &sink) {
                if let list = fieldsNode.sequence, !list.isEmpty {
                    item.fields.reserveCapacity(list.count)
                    for (f, fieldNode) in list.enumerated() {
                        var fieldPath = path
                        fieldPath.field = f
                        if let field = buildItem(fieldNode, sectionID: sectionID, repeatID: id, order: &order, path: fieldPath, pending: &pending) {
                            item.fields.append(field)
                        }
                    }
                } else {
                    sink.error(fieldsNode.location, "`items` of the repeat \(what) should be a list with at least one question")
                }
            }
        }
        if let constraintNode = map.value("constraint"), let dot = exprType(of: item) {
            pending.append(PendingConstraint(path: path, node: constraintNode, what: what, dot: dot, repeatID: repeatID))
        }
        item.next = buildRules(map.value("next"), what: what, before: myOrder + 1, repeatID: repeatID)
        return item
    }

    mutating func buildRules(_ node: YAMLNode?, what: String, before: Int, repeatID: String?) -> [RoutingRule] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            sink.error(node.location, "`next` of \(what) should be a list of rules like `- if: \"...\"` / `goto: id`")
            return []
        }
        var rules: [RoutingRule] = []
        for ruleNode in list {
            let rule = MapReader(ruleNode, what: "a `next` rule of \(what)")
            guard ruleNode.mapEntries != nil else {
                sink.error(ruleNode.location, "each `next` rule of \(what) should have `goto` (and optionally `if`)")
                continue
            }
            rule.reportUnknownKeys(Builder.ruleKeys, into: &sink)
            let condition = compile(rule.value("if"), key: "next.if", what: what, context: .nextIf, before: before, repeatID: repeatID)
            guard let target = rule.string("goto", into: &sink) else {
                _ = rule.requireKey("goto", into: &sink)
                continue
            }
            rules.append(RoutingRule(condition: condition, target: target, location: rule.value("goto")!.location, targetPosition: nil))
        }
        return rules
    }

    mutating func buildChoices(_ map: MapReader, item id: String, other: Bool) -> [Choice] {
        guard let node = map.requireKey("choices", into: &sink) else { return [] }
        var choices: [Choice] = []
        if let listName = node.scalar {
            guard let list = lists[listName] else {
                var message = "`choices: \(listName)` names no list in `lists`"
                if let close = Suggestions.closest(to: listName, among: Array(lists.keys)) { message += "; did you mean `\(close)`?" }
                sink.error(node.location, message)
                return []
            }
            choices = list
        } else if let list = node.sequence {
            choices = buildChoiceList(list, what: "`\(id)`", path: "items.\(id).choices")
        } else {
            sink.error(node.location, "`choices` of `\(id)` should be a list of `{value, label}` or the name of a list")
            return []
        }
        if choices.isEmpty {
            sink.error(node.location, "`\(id)` has no choices; give at least one")
        }
        if other {
            if choices.contains(where: { $0.value == "other" }) {
                sink.error(node.location, "`\(id)` has `other: true` and also a choice with the value `other`; the value `other` is reserved for it")
            } else {
                choices.append(Choice(value: "other", label: LocalizedText([:], location: node.location)))
            }
        }
        return choices
    }

    mutating func buildChoiceList(_ list: [YAMLNode], what: String, path: String) -> [Choice] {
        var choices: [Choice] = []
        var seen: [String: Int] = [:]
        for node in list {
            let map = MapReader(node, what: "a choice of \(what)")
            guard node.mapEntries != nil else {
                sink.error(node.location, "each choice of \(what) should be `{value: ..., label: ...}`")
                continue
            }
            map.reportUnknownKeys(Builder.choiceKeys, into: &sink)
            guard let value = map.string("value", into: &sink) else {
                _ = map.requireKey("value", into: &sink)
                continue
            }
            if let line = seen[value] {
                sink.error(map.value("value")!.location, "the choice value `\(value)` of \(what) is already used at line \(line)")
                continue
            }
            seen[value] = map.value("value")!.location.line
            if !NameForm.isPlainValue(value) {
                sink.warning(map.value("value")!.location, "the choice value `\(value)` of \(what) has characters other than letters, digits, `_`, `.` and `-`; it will be hard to type in `refuge answer` and expressions")
            }
            guard let label = text(map.requireKey("label", into: &sink), path: "\(path).\(value)", what: "the label of choice `\(value)` of \(what)") else { continue }
            choices.append(Choice(value: value, label: label))
        }
        return choices
    }

    /// `identifying: true` (placeholder "[Personal detail N]") or `identifying: Word` (the
    /// placeholder's word: "Client" gives "[Client]", "Phone" gives "[Phone 1]").
    private mutating func identifyingWord(_ map: MapReader, what: String) -> String? {
        guard let node = map.value("identifying") else { return nil }
        switch node.scalar?.lowercased() {
        case "true", "yes", "on": return "Personal detail"
        case "false", "no", "off": return nil
        default: break
        }
        guard let word = node.scalar?.trimmingSpaces, !word.isEmpty,
              word.count <= 40, !word.contains("["), !word.contains("]"), !word.contains("\n") else {
            sink.error(node.location, "`identifying` of \(what) should be true, false or a short word for its placeholder (such as `Client` or `Phone`)")
            return nil
        }
        return word
    }
}
