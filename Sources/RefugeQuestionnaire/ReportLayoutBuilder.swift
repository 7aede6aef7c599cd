#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions

/// The report's first page (`report.summary`), the chronology's story order (`report.timeline`)
/// and the draft declaration's layout (`declaration`).
extension Builder {
    static let summaryKeys: Set<String> = ["id", "title", "items"]
    static let timelineKeys: Set<String> = ["order", "leave_out"]
    static let declarationKeys: Set<String> = ["title", "paragraphs"]
    static let paragraphKeys: Set<String> = ["id", "text", "items", "entry_text"]

    /// `report.summary`: a list of `{id, title, items}`, the claim's elements on page one.
    /// Unlike headings, an item may appear in several elements and under a heading too.
    mutating func buildSummary(_ node: YAMLNode?) -> [ReportHeading] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            sink.error(node.location, "`report.summary` should be a list of elements, each with `id`, `title` and `items`")
            return []
        }
        var result: [ReportHeading] = []
        for elementNode in list {
            let map = MapReader(elementNode, what: "a summary element")
            map.reportUnknownKeys(Builder.summaryKeys, into: &sink)
            guard let id = map.string("id", into: &sink) else {
                _ = map.requireKey("id", into: &sink)
                continue
            }
            let title = text(map.requireKey("title", into: &sink), path: "report.summary.\(id)", what: "the title of summary element `\(id)`")
            let items = itemList(map.requireKey("items", into: &sink), what: "summary element `\(id)`", fieldsAllowed: false)
            result.append(ReportHeading(id: id, title: title ?? LocalizedText([:], location: elementNode.location), items: items))
        }
        return result
    }

    /// `report.timeline`: `order` (dated questions in the story's order) and `leave_out`
    /// (dated questions shown only when every date is asked for).
    mutating func buildTimelineOrder(_ node: YAMLNode?) -> (order: [String], leaveOut: [String]) {
        guard let node else { return ([], []) }
        guard node.mapEntries != nil else {
            sink.error(node.location, "`report.timeline` should have `order` and/or `leave_out`, each a list of date questions")
            return ([], [])
        }
        let map = MapReader(node, what: "`report.timeline`")
        map.reportUnknownKeys(Builder.timelineKeys, into: &sink)
        var lists: [[String]] = []
        for key in ["order", "leave_out"] {
            let ids = itemList(map.value(key), what: "`report.timeline.\(key)`", fieldsAllowed: true)
            for (id, itemNode) in zip(ids, map.value(key)?.sequence ?? []) {
                if catalog.entries[id]?.itemType != .date {
                    sink.error(itemNode.location, "`report.timeline.\(key)` lists `\(id)`, which is not a date question")
                }
            }
            lists.append(ids)
        }
        return (lists[0], lists[1])
    }

    /// `declaration`: `title` and `paragraphs`, each `{id, text, items, entry_text}`.
    mutating func buildDeclaration(_ node: YAMLNode?) -> DeclarationLayout? {
        guard let node else { return nil }
        guard node.mapEntries != nil else {
            sink.error(node.location, "`declaration` should have `title` and `paragraphs`")
            return nil
        }
        let map = MapReader(node, what: "`declaration`")
        map.reportUnknownKeys(Builder.declarationKeys, into: &sink)
        let title = englishText(map.value("title"), what: "the declaration's title")
        if let title { noteInterpolated(title, what: "the declaration's title", before: nil, repeatID: nil, anyFieldOf: nil) }
        var paragraphs: [DeclarationParagraph] = []
        guard let listNode = map.requireKey("paragraphs", into: &sink) else { return nil }
        guard let list = listNode.sequence else {
            sink.error(listNode.location, "`declaration.paragraphs` should be a list of paragraphs")
            return nil
        }
        var seen: Set<String> = []
        for paragraphNode in list {
            let p = MapReader(paragraphNode, what: "a declaration paragraph")
            p.reportUnknownKeys(Builder.paragraphKeys, into: &sink)
            guard let id = p.string("id", into: &sink) else {
                _ = p.requireKey("id", into: &sink)
                continue
            }
            if !seen.insert(id).inserted {
                sink.error(p.value("id")!.location, "the declaration paragraph `\(id)` is listed twice")
            }
            let items = itemList(p.value("items"), what: "declaration paragraph `\(id)`", fieldsAllowed: false)
            let text = englishText(p.value("text"), what: "the text of declaration paragraph `\(id)`")
            if let text { noteInterpolated(text, what: "the text of declaration paragraph `\(id)`", before: nil, repeatID: nil, anyFieldOf: nil) }
            let entryText = englishText(p.value("entry_text"), what: "the entry text of declaration paragraph `\(id)`")
            let repeats = items.filter { catalog.entries[$0]?.itemType == .repeat }
            if let entryText {
                if repeats.count != 1 {
                    sink.error(p.keyLocation("entry_text"), "`entry_text` of declaration paragraph `\(id)` needs exactly one repeat in its `items`")
                } else {
                    noteInterpolated(entryText, what: "the entry text of declaration paragraph `\(id)`", before: nil, repeatID: nil, anyFieldOf: repeats[0])
                }
            }
            if text == nil && items.isEmpty {
                sink.error(paragraphNode.location, "declaration paragraph `\(id)` has neither `text` nor `items`")
            }
            paragraphs.append(DeclarationParagraph(id: id, text: text, items: items, entryText: entryText))
        }
        return DeclarationLayout(title: title, paragraphs: paragraphs)
    }

    /// A declaration text: always English (the declaration is), so one plain text, never a
    /// map of languages and never looked for in translation files.
    private mutating func englishText(_ node: YAMLNode?, what: String) -> LocalizedText? {
        guard let node else { return nil }
        guard let text = node.scalar, !text.isEmpty else {
            sink.error(node.location, "\(what) should be one text in English (the declaration is always in English)")
            return nil
        }
        return LocalizedText(["en": text], location: node.location)
    }

    /// A list of item ids, each checked to exist (and, unless allowed, not to be a repeat's field).
    private mutating func itemList(_ node: YAMLNode?, what: String, fieldsAllowed: Bool) -> [String] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            sink.error(node.location, "the `items` of \(what) should be a list of item ids")
            return []
        }
        var ids: [String] = []
        for itemNode in list {
            guard let id = itemNode.scalar else {
                sink.error(itemNode.location, "each entry of \(what) should be an item id")
                continue
            }
            guard let entry = catalog.entries[id], entry.itemType != nil else {
                var message = "\(what) lists `\(id)`, which is not an item of this questionnaire"
                if let close = Suggestions.closest(to: id, among: catalog.allIDs) { message += "; did you mean `\(close)`?" }
                sink.error(itemNode.location, message)
                continue
            }
            if !fieldsAllowed, let repeatID = entry.repeatID {
                sink.error(itemNode.location, "\(what) lists `\(id)`, a field of the repeat `\(repeatID)`; list the repeat instead")
                continue
            }
            ids.append(id)
        }
        return ids
    }
}
