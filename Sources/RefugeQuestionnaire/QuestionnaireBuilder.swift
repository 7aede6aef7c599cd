#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions

extension Builder {
    /// Builds the whole questionnaire from the main file's tree. Returns the model's parts;
    /// the caller makes a `Questionnaire` only when no error was found. The sections are taken
    /// out of `root` and each one's nodes released once it is built, so the tree of a large
    /// questionnaire and its model are not both whole in memory (the peak of `refuge validate`).
    mutating func build(_ root: inout YAMLNode) -> (header: Header, sections: [Section], checks: [Check], report: ReportLayout?, legalData: LegalData?)? {
        guard root.mapEntries != nil else {
            sink.error(root.location, "a questionnaire should be a set of keys (format, id, version, title, languages, sections)")
            return nil
        }
        // Taken before any reader holds the tree; an empty list stays in its place, so every
        // key and message reads as before. Empty when `sections` is not a list of sections.
        var sectionNodes = root.takeList("sections") ?? []
        let top = MapReader(root, what: "the questionnaire")
        top.reportUnknownKeys(["format", "id", "version", "title", "description", "languages", "lists", "sections", "checks", "report", "legal_data", "glossary", "declaration"], into: &sink)

        if let formatNode = top.requireKey("format", into: &sink), formatNode.scalar != "1" {
            sink.error(formatNode.location, "this program reads questionnaire format 1; `format` here is `\(formatNode.scalar ?? formatNode.kindName)`")
        }
        let id = top.string("id", into: &sink) ?? ""
        if top.requireKey("id", into: &sink) != nil, !NameForm.isQuestionnaireID(id) {
            sink.error(top.value("id")!.location, "the questionnaire id `\(id)` should use lower-case letters, digits, `_` and `-`, starting with a letter")
        }
        let version = top.string("version", into: &sink) ?? ""
        _ = top.requireKey("version", into: &sink)

        if let langNode = top.requireKey("languages", into: &sink) {
            if let list = langNode.sequence, !list.isEmpty {
                var codes: [String] = []
                for node in list {
                    guard let code = node.scalar else {
                        sink.error(node.location, "each language should be a code like `en` or `ru`")
                        continue
                    }
                    if !NameForm.isLanguageCode(code) {
                        sink.error(node.location, "`\(code)` does not look like a language code (for example `en`, `es`, `ru`, `fa`, `ht`)")
                    } else if codes.contains(code) {
                        sink.error(node.location, "the language `\(code)` is listed twice")
                    } else {
                        codes.append(code)
                    }
                }
                if !codes.isEmpty { languages = codes }
            } else {
                sink.error(langNode.location, "`languages` should be a list of language codes, the default language first")
            }
        }
        let title = text(top.requireKey("title", into: &sink), path: "title", what: "the questionnaire title")
        let description = text(top.value("description"), path: "description", what: "the questionnaire description")

        if let listsNode = top.value("lists") {
            if let entries = listsNode.mapEntries {
                for entry in entries {
                    guard let list = entry.value.sequence else {
                        sink.error(entry.value.location, "the list `\(entry.key)` should be a list of `{value, label}`")
                        continue
                    }
                    let choices = buildChoiceList(list, what: "the list `\(entry.key)`", path: "lists.\(entry.key)")
                    if choices.isEmpty { sink.error(entry.value.location, "the list `\(entry.key)` is empty") }
                    lists[entry.key] = choices
                    listLocations[entry.key] = entry.keyLocation
                }
            } else {
                sink.error(listsNode.location, "`lists` should be a set of named lists")
            }
        }

        catalog.idsInFile = Builder.itemIDs(in: sectionNodes)
        // Sized once for every section and item id: a table grown by doubling held its old and
        // new storage at once at each step, the last one while the whole model was in memory.
        catalog.entries.reserveCapacity(catalog.idsInFile.count + sectionNodes.count)
        catalog.allIDs.reserveCapacity(catalog.idsInFile.count + sectionNodes.count)
        var sections: [Section] = []
        var pending: [PendingConstraint] = []
        var order = 0
        if let sectionsNode = top.requireKey("sections", into: &sink) {
            if !sectionNodes.isEmpty {
                for i in sectionNodes.indices {
                    var node = YAMLNode.take(i, from: &sectionNodes)
                    if let section = buildSection(&node, index: sections.count, order: &order, pending: &pending) {
                        sections.append(section)
                    }
                }
            } else {
                sink.error(sectionsNode.location, "`sections` should be a list with at least one section")
            }
        }

        // Constraints may name any question, so they are compiled once every id is known.
        for p in pending {
            let c = compile(p.node, key: "constraint", what: p.what, context: .constraint(dot: p.dot), before: nil, repeatID: p.repeatID)
            if let f = p.path.field {
                sections[p.path.section].items[p.path.item].fields[f].constraint = c
            } else {
                sections[p.path.section].items[p.path.item].constraint = c
            }
        }

        let legalData = buildLegalData(top.value("legal_data"))
        glossary = buildGlossary(top.value("glossary"))
        var ruleLocations: [String: SourceLocation] = [:]
        let checks = buildChecks(top.value("checks"), ruleLocations: &ruleLocations)
        checkRuleReferences(checks, ruleNodes: ruleLocations, legalData: legalData)
        let report = buildReport(top.value("report"))
        declaration = buildDeclaration(top.value("declaration"))
        return (Header(id: id, version: version, title: title, description: description), sections, checks, report, legalData)
    }

    /// The ids of every item and field in the sections, without checking anything.
    static func itemIDs(in sections: [YAMLNode]) -> Set<String> {
        var ids: Set<String> = []
        func visit(_ items: YAMLNode?) {
            for item in items?.sequence ?? [] {
                guard let entries = item.mapEntries else { continue }
                if let id = entries.first(where: { $0.key == "id" })?.value.scalar { ids.insert(id) }
                visit(entries.first(where: { $0.key == "items" })?.value)
            }
        }
        for section in sections {
            visit(section.mapEntries?.first(where: { $0.key == "items" })?.value)
        }
        return ids
    }

    // Sets of keys read for every section, check and heading, built once.
    static let sectionKeys: Set<String> = ["id", "title", "show_if", "next", "items"]
    static let checkKeys: Set<String> = ["id", "if", "message", "kind", "severity", "rule"]
    static let headingKeys: Set<String> = ["id", "title", "items"]

    struct Header {
        var id: String
        var version: String
        var title: LocalizedText?
        var description: LocalizedText?
    }

    /// Builds one section; its items are taken out of `node` and released one by one as built.
    mutating func buildSection(_ node: inout YAMLNode, index: Int, order: inout Int, pending: inout [PendingConstraint]) -> Section? {
        guard node.mapEntries != nil else {
            sink.error(node.location, "each section should be a set of keys (`id`, `title`, `items`)")
            return nil
        }
        var itemNodes = node.takeList("items") ?? []
        let probe = MapReader(node, what: "a section")
        guard let id = probe.string("id", into: &sink) else {
            _ = probe.requireKey("id", into: &sink)
            return nil
        }
        let map = MapReader(node, what: "section `\(id)`")
        map.reportUnknownKeys(Builder.sectionKeys, into: &sink)
        let myOrder = order
        order += 1
        _ = register(id: id, at: map.value("id")!.location, itemType: nil, order: myOrder, repeatID: nil)
        let title = text(map.requireKey("title", into: &sink), path: "sections.\(id)", what: "the title of section `\(id)`")
        if let title { noteInterpolated(title, what: "the title of section `\(id)`", before: myOrder, repeatID: nil, anyFieldOf: nil) }
        let showIf = compile(map.value("show_if"), key: "show_if", what: "section `\(id)`", context: .showIf, before: myOrder, repeatID: nil)
        var items: [Item] = []
        if let itemsNode = map.requireKey("items", into: &sink) {
            if !itemNodes.isEmpty {
                // Sized once: an item is large (hundreds of bytes), and an array grown by doubling
                // kept up to half again its size unused in every section.
                items.reserveCapacity(itemNodes.count)
                for i in itemNodes.indices {
                    let itemNode = YAMLNode.take(i, from: &itemNodes)
                    let path = ItemPath(section: index, item: items.count, field: nil)
                    if let item = buildItem(itemNode, sectionID: id, repeatID: nil, order: &order, path: path, pending: &pending) {
                        items.append(item)
                    }
                }
            } else {
                sink.error(itemsNode.location, "section `\(id)` has no items; give it at least one")
            }
        }
        let next = buildRules(map.value("next"), what: "section `\(id)`", before: order, repeatID: nil)
        return Section(id: id, title: title ?? LocalizedText([:], location: node.location), location: node.location,
                       showIf: showIf, next: next, items: items)
    }

    mutating func buildChecks(_ node: YAMLNode?, ruleLocations: inout [String: SourceLocation]) -> [Check] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            sink.error(node.location, "`checks` should be a list of checks")
            return []
        }
        var checks: [Check] = []
        var seen: [String: Int] = [:]
        for checkNode in list {
            let map = MapReader(checkNode, what: "a check")
            guard checkNode.mapEntries != nil else {
                sink.error(checkNode.location, "each check should have `id`, `if` and `message`")
                continue
            }
            map.reportUnknownKeys(Builder.checkKeys, into: &sink)
            guard let id = map.string("id", into: &sink) else {
                _ = map.requireKey("id", into: &sink)
                continue
            }
            let what = "check `\(id)`"
            if !NameForm.isID(id) {
                sink.error(map.value("id")!.location, "`\(id)` is not a valid check id: use lower-case letters, digits and `_`")
            }
            if let line = seen[id] {
                sink.error(map.value("id")!.location, "the check id `\(id)` is already used at line \(line)")
            }
            seen[id] = map.value("id")!.location.line
            let condition = compile(map.requireKey("if", into: &sink), key: "if", what: what, context: .checkIf, before: nil, repeatID: nil)
            let message = text(map.requireKey("message", into: &sink), path: "checks.\(id)", what: "the message of \(what)")
            if let message { noteInterpolated(message, what: "the message of \(what)", before: nil, repeatID: nil, anyFieldOf: nil) }
            var kind = CheckKind.clarify
            if let k = map.string("kind", into: &sink) {
                if let parsed = CheckKind(rawValue: k) { kind = parsed }
                else { sink.error(map.value("kind")!.location, "`kind` of \(what) should be `clarify` or `flag`, not `\(k)`") }
            }
            var severity = CheckSeverity.warning
            if let s = map.string("severity", into: &sink) {
                if let parsed = CheckSeverity(rawValue: s) { severity = parsed }
                else { sink.error(map.value("severity")!.location, "`severity` of \(what) should be `warning` or `error`, not `\(s)`") }
            }
            let rule = map.string("rule", into: &sink)
            if rule != nil { ruleLocations[id] = map.value("rule")!.location }
            if let condition, let message {
                checks.append(Check(id: id, condition: condition, message: message, kind: kind, severity: severity,
                                    location: checkNode.location, rule: rule))
            }
        }
        return checks
    }

    mutating func buildReport(_ node: YAMLNode?) -> ReportLayout? {
        guard let node else { return nil }
        let map = MapReader(node, what: "`report`")
        guard node.mapEntries != nil else {
            sink.error(node.location, "`report` should have `title` and/or `headings`")
            return nil
        }
        map.reportUnknownKeys(["title", "headings", "summary", "timeline"], into: &sink)
        let title = text(map.value("title"), path: "report.title", what: "the report title")
        let summary = buildSummary(map.value("summary"))
        let timeline = buildTimelineOrder(map.value("timeline"))
        var headings: [ReportHeading] = []
        if let list = map.value("headings") {
            guard let entries = list.sequence else {
                sink.error(list.location, "`report.headings` should be a list of headings")
                return ReportLayout(title: title, headings: [])
            }
            var placed: [String: String] = [:]
            for headingNode in entries {
                let h = MapReader(headingNode, what: "a report heading")
                h.reportUnknownKeys(Builder.headingKeys, into: &sink)
                guard let id = h.string("id", into: &sink) else {
                    _ = h.requireKey("id", into: &sink)
                    continue
                }
                let headingTitle = text(h.requireKey("title", into: &sink), path: "report.headings.\(id)", what: "the title of report heading `\(id)`")
                var items: [String] = []
                if let itemsNode = h.requireKey("items", into: &sink) {
                    for itemNode in itemsNode.sequence ?? [] {
                        guard let itemID = itemNode.scalar else { continue }
                        guard let entry = catalog.entries[itemID], entry.itemType != nil else {
                            var message = "report heading `\(id)` lists `\(itemID)`, which is not an item of this questionnaire"
                            if let close = Suggestions.closest(to: itemID, among: catalog.allIDs) { message += "; did you mean `\(close)`?" }
                            sink.error(itemNode.location, message)
                            continue
                        }
                        if entry.repeatID != nil {
                            sink.error(itemNode.location, "report heading `\(id)` lists `\(itemID)`, a field of the repeat `\(entry.repeatID!)`; list the repeat instead")
                            continue
                        }
                        if let other = placed[itemID] {
                            sink.warning(itemNode.location, "`\(itemID)` is already listed under report heading `\(other)`; it will be shown there only")
                            continue
                        }
                        placed[itemID] = id
                        items.append(itemID)
                    }
                    if itemsNode.sequence == nil {
                        sink.error(itemsNode.location, "`items` of report heading `\(id)` should be a list of item ids")
                    }
                }
                headings.append(ReportHeading(id: id, title: headingTitle ?? LocalizedText([:], location: headingNode.location), items: items))
            }
        }
        return ReportLayout(title: title, headings: headings, summary: summary,
                            timelineOrder: timeline.order, timelineLeaveOut: timeline.leaveOut)
    }
}
