// The second pass: sections from top-level groups (questions outside any group go into
// sections of their own), nested groups flattened into their section with their conditions
// joined to each question's, repeats as `repeat` items.

extension Converter {
    mutating func buildSections(_ tree: [SurveyNode]) -> [OutputSection] {
        var sections: [OutputSection] = []
        var loose: OutputSection?
        func closeLoose(_ sections: inout [OutputSection], _ loose: inout OutputSection?) {
            if let section = loose, !section.items.isEmpty { sections.append(section) }
            loose = nil
        }
        for node in tree {
            if case .group(let group) = node, !group.isRepeat {
                closeLoose(&sections, &loose)
                if let section = section(from: group) { sections.append(section) }
                continue
            }
            if loose == nil {
                var title: Texts = [:]
                for language in languages { title[language] = formTitle }
                let id = ids.allocate("section_\(sections.count + 1)")
                loose = OutputSection(id: id, title: title, comments: ["questions outside any group; the section is titled with the form's title"])
            }
            var pending: [String] = []
            let items = flatten([node], conditions: [], repeatName: nil, pendingComments: &pending)
            loose!.items += items
            if !pending.isEmpty {
                if loose!.items.isEmpty { loose!.comments += pending } else { loose!.items[loose!.items.count - 1].trailingComments += pending }
            }
        }
        closeLoose(&sections, &loose)
        return sections
    }

    mutating func section(from group: SurveyGroup) -> OutputSection? {
        var comments = ["survey!\(group.record.number): group `\(group.name)`"]
        let id = rowID(group)
        var title = texts(group.record, "label", in: survey, comments: &comments) ?? [:]
        if title[defaultLanguage] == nil {
            comments.append("the group has no label in `\(defaultLanguage)`: its name is the section's title")
            for language in languages where title[language] == nil { title[language] = group.name }
        }
        reportGroupColumns(group, comments: &comments)
        var showIf: String?
        if let relevant = group.record.value("relevant") {
            showIf = translate(relevant, column: "relevant", row: group.record.number, repeatName: nil, current: nil,
                               consequence: "the section is always shown", comments: &comments)
        }
        var pending: [String] = []
        var items = flatten(group.children, conditions: [], repeatName: nil, pendingComments: &pending)
        if !pending.isEmpty {
            if items.isEmpty { comments += pending } else { items[items.count - 1].trailingComments += pending }
        }
        guard !items.isEmpty else {
            warn(survey, group.record.number, "the group `\(group.name)` has no question Refuge can ask; it is not imported", into: &comments)
            return nil
        }
        return OutputSection(id: id, title: title, showIf: showIf, items: items, comments: comments)
    }

    /// Columns a group or repeat row may carry that Refuge has no place for.
    mutating func reportGroupColumns(_ group: SurveyGroup, comments: inout [String]) {
        let record = group.record
        if let appearance = record.value("appearance") {
            warn(survey, record.number, "the appearance `\(appearance)` of `\(group.name)` is ignored (Refuge shows one question at a time)", into: &comments)
        }
        if record.value("repeat_count") != nil && !group.isRepeat {
            warn(survey, record.number, "repeat_count on a group (not a repeat) is ignored", into: &comments)
        }
        for column in ["hint", "guidance_hint", "constraint", "required", "calculation", "default", "choice_filter", "parameters"] where !record.texts(column).isEmpty {
            warn(survey, record.number, "the \(column) of the \(group.isRepeat ? "repeat" : "group") `\(group.name)` is ignored", into: &comments)
        }
    }

    /// Items from nodes: questions as items, groups flattened (their relevance joined to each
    /// question inside), repeats as repeat items. Rows not imported become comments, handed
    /// back in `pendingComments` to be written where they were.
    mutating func flatten(_ nodes: [SurveyNode], conditions: [String], repeatName: String?,
                          pendingComments: inout [String]) -> [OutputItem] {
        var items: [OutputItem] = []
        func attach(_ comments: inout [String], to items: inout [OutputItem], pending: inout [String]) {
            guard !comments.isEmpty else { return }
            if items.isEmpty { pending += comments } else { items[items.count - 1].trailingComments += comments }
            comments = []
        }
        for node in nodes {
            switch node {
            case .question(let record, let type):
                var before = pendingComments
                pendingComments = []
                if var item = question(record, type, conditions: conditions, repeatName: repeatName, notImported: &before) {
                    item.comments = before + item.comments
                    items.append(item)
                } else {
                    attach(&before, to: &items, pending: &pendingComments)
                }
            case .group(let group) where group.isRepeat && repeatName == nil:
                var comments = pendingComments
                pendingComments = []
                if let item = repeatItem(group, conditions: conditions, comments: &comments) {
                    items.append(item)
                } else {
                    attach(&comments, to: &items, pending: &pendingComments)
                }
            case .group(let group):
                // A group inside a section (or a repeat inside a repeat): its questions join the
                // list around it, each shown only when the group would be.
                var comments = ["survey!\(group.record.number): group `\(group.name)` flattened: its questions follow, each with the group's condition"]
                if group.isRepeat {
                    warn(survey, group.record.number, "the repeat `\(group.name)` is inside the repeat `\(repeatName!)`; Refuge has no repeat inside a repeat, so its questions are asked once per entry of `\(repeatName!)`", into: &comments)
                }
                reportGroupColumns(group, comments: &comments)
                var inner = conditions
                if let relevant = group.record.value("relevant"),
                   let condition = translate(relevant, column: "relevant", row: group.record.number, repeatName: repeatName, current: nil,
                                             consequence: "its questions are shown without it", comments: &comments) {
                    inner.append(condition)
                }
                var innerPending = pendingComments + comments
                pendingComments = []
                let flattened = flatten(group.children, conditions: inner, repeatName: repeatName, pendingComments: &innerPending)
                items += flattened
                attach(&innerPending, to: &items, pending: &pendingComments)
            }
        }
        return items
    }

    mutating func repeatItem(_ group: SurveyGroup, conditions: [String], comments: inout [String]) -> OutputItem? {
        let record = group.record
        comments.append("survey!\(record.number): repeat `\(group.name)`" + renamedNote(group.name, row: record.number))
        var item = OutputItem(id: rowID(group), type: "repeat")
        item.prompt = texts(record, "label", in: survey, comments: &comments)
        if item.prompt?[defaultLanguage] == nil {
            comments.append("the repeat has no label in `\(defaultLanguage)`: its name is the question")
            var prompt = item.prompt ?? [:]
            for language in languages where prompt[language] == nil { prompt[language] = group.name }
            item.prompt = prompt
        }
        reportGroupColumns(group, comments: &comments)
        var own = conditions
        if let relevant = record.value("relevant"),
           let condition = translate(relevant, column: "relevant", row: record.number, repeatName: nil, current: nil,
                                     consequence: "the repeat is always asked", comments: &comments) {
            own.append(condition)
        }
        item.showIf = RefugeExpression.all(own)
        if let count = record.value("repeat_count") {
            item.count = translate(count, column: "repeat_count", row: record.number, repeatName: nil, current: nil,
                                   consequence: "any number of entries may be given", comments: &comments)
        }
        var pending: [String] = []
        let previous = currentRepeat
        currentRepeat = group.name
        item.items = flatten(group.children, conditions: [], repeatName: group.name, pendingComments: &pending)
        currentRepeat = previous
        if !pending.isEmpty {
            if item.items.isEmpty { comments += pending } else { item.items[item.items.count - 1].trailingComments += pending }
        }
        guard !item.items.isEmpty else {
            warn(survey, record.number, "the repeat `\(group.name)` has no question Refuge can ask; it is not imported", into: &comments)
            return nil
        }
        item.comments = comments
        comments = []
        return item
    }

    /// The id declared for a group's or repeat's row (its own even when its name is used twice).
    mutating func rowID(_ group: SurveyGroup) -> String {
        let declared = id(forRow: group.record.number)
        return declared.isEmpty ? ids.allocate(group.name) : declared
    }

    func renamedNote(_ name: String, row: Int) -> String {
        let id = self.id(forRow: row)
        return id.isEmpty || id == name ? "" : " (id `\(id)`)"
    }

    /// Translates one expression cell; on failure, reports it with what follows for the form.
    mutating func translate(_ source: String, column: String, row: Int, repeatName: String?,
                            current: RefugeExpression.ValueKind?, selfName: String? = nil, consequence: String,
                            comments: inout [String]) -> String? {
        let translator = ExpressionTranslator(symbols: symbols, repeatName: repeatName, currentKind: current, selfName: selfName)
        do {
            return try translator.translate(source).text
        } catch {
            warn(survey, row, "the \(column) `\(source)` is not imported: \(error.reason); \(consequence)", into: &comments)
            return nil
        }
    }
}
