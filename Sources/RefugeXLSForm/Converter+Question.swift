import RefugeExpressions

// One survey row → one item: its type, texts, condition, requirement, constraint and the
// columns that have no place in Refuge.

extension Converter {
    mutating func question(_ record: SheetRecord, _ type: QuestionType, conditions: [String], repeatName: String?,
                           notImported: inout [String]) -> OutputItem? {
        let row = record.number
        let rawType = record.value("type") ?? ""
        guard let name = record.value("name") else {
            if case .note = type {} else {
                warn(survey, row, "a `\(rawType)` row without a name is not imported", into: &notImported)
                return nil
            }
            warn(survey, row, "a note without a name is not imported", into: &notImported)
            return nil
        }
        if case .unsupported(let t, let reason) = type {
            warn(survey, row, "`\(name)` (\(t)) is not imported: \(reason)", into: &notImported)
            return nil
        }
        var comments = ["survey!\(row): `\(name)`, \(rawType)" + renamedNote(name, row: row)]
        var item = OutputItem(id: id(forRow: row), type: "text")
        currentRepeat = repeatName
        var appearance = Set((record.value("appearance") ?? "").split(whereSeparator: \.isWhitespace).map { $0.lowercased() })
        var currentKind: RefugeExpression.ValueKind = .text
        var asked = true

        switch type {
        case .text:
            item.type = appearance.remove("multiline") != nil ? "longtext" : "text"
        case .integer:
            item.type = "number"; item.integer = true; currentKind = .number
        case .decimal:
            item.type = "number"; currentKind = .number
        case .range:
            item.type = "number"; currentKind = .number
            rangeParameters(record, into: &item, comments: &comments)
        case .date:
            item.type = "date"; currentKind = .date
            if appearance.remove("month-year") != nil { item.precision = "month" }
            if appearance.remove("year") != nil { item.precision = "year" }
            appearance.remove("no-calendar")
        case .selectOne(let list, let other), .selectMultiple(let list, let other):
            let single: Bool
            if case .selectOne = type { single = true } else { single = false }
            guard let choices = lists[list], !choices.choices.isEmpty else {
                warn(survey, row, "`\(name)` is not imported: the choice list `\(list)` is not in the choices sheet", into: &notImported)
                return nil
            }
            item.type = single ? "choice" : "multichoice"
            currentKind = single ? .choice : .multichoice
            item.choices = list
            if !usedLists.contains(list) { usedLists.append(list) }
            if other {
                if choices.choices.contains(where: { $0.value == "other" }) {
                    warn(survey, row, "or_other is ignored: the list `\(list)` already has its own choice `other` (Refuge asks for the other text only with its own `other: true`)", into: &comments)
                } else {
                    item.other = true
                }
            }
            if record.value("choice_filter") != nil {
                warn(survey, row, "the choice_filter `\(record.value("choice_filter")!)` is not imported: every choice of `\(list)` is offered", into: &comments)
            }
        case .note:
            item.type = "info"; asked = false
        case .calculate:
            item.type = "calculate"; asked = false
        case .acknowledge:
            // An acknowledge is "OK" or nothing; a yes/no question keeps both the answer and a
            // refusal visible, and `${q} = 'OK'` is translated to `q == 'yes'`.
            item.type = "yesno"; currentKind = .acknowledge
        default:
            return nil
        }
        if !appearance.isEmpty {
            warn(survey, row, "the appearance `\(appearance.sorted().joined(separator: " "))` is ignored", into: &comments)
        }

        // Texts.
        let label = texts(record, "label", in: survey, comments: &comments)
        let hint = texts(record, "hint", in: survey, comments: &comments)
        switch item.type {
        case "info":
            // A note shows its label, and its hint below it.
            var text = label ?? [:]
            for (language, value) in hint ?? [:] {
                text[language] = text[language].map { $0 + "\n\n" + value } ?? value
            }
            if text[defaultLanguage] == nil {
                if let other = languages.first(where: { text[$0] != nil }) {
                    warn(survey, row, "the note `\(name)` has no label in `\(defaultLanguage)`; its `\(other)` label is used there too", into: &comments)
                    text[defaultLanguage] = text[other]
                } else {
                    warn(survey, row, "the note `\(name)` has no label; its name is shown", into: &comments)
                    text[defaultLanguage] = name
                }
            }
            item.text = text
        case "calculate":
            item.prompt = label
            if hint != nil { warn(survey, row, "the hint of the calculate `\(name)` is ignored", into: &comments) }
        default:
            var prompt = label ?? [:]
            if prompt[defaultLanguage] == nil {
                if let other = languages.first(where: { prompt[$0] != nil }) {
                    warn(survey, row, "`\(name)` has no label in `\(defaultLanguage)`; its `\(other)` label is used there too", into: &comments)
                    prompt[defaultLanguage] = prompt[other]
                } else {
                    warn(survey, row, "`\(name)` has no label; its name is the question", into: &comments)
                    prompt[defaultLanguage] = name
                }
            }
            item.prompt = prompt
            item.help = hint
        }
        item.note = texts(record, "guidance_hint", in: survey, comments: &comments)

        // Conditions.
        var own = conditions
        if let relevant = record.value("relevant"),
           let condition = translate(relevant, column: "relevant", row: row, repeatName: repeatName, current: nil,
                                     consequence: asked ? "the question is always asked" : "it always applies", comments: &comments) {
            own.append(condition)
        }
        item.showIf = RefugeExpression.all(own)

        if item.type == "calculate" {
            guard let calculation = record.value("calculation") else {
                warn(survey, row, "the calculate `\(name)` has no calculation; it is not imported", into: &notImported)
                return nil
            }
            guard let expression = translate(calculation, column: "calculation", row: row, repeatName: repeatName, current: nil,
                                              consequence: "the calculate is not imported", comments: &notImported) else { return nil }
            item.expression = expression
        } else if let calculation = record.value("calculation") {
            warn(survey, row, "the calculation of `\(name)` (a computed default) is ignored: Refuge asks the question", into: &comments)
            _ = calculation
        }

        if asked {
            requirement(record, name: name, into: &item, comments: &comments)
            if let constraint = record.value("constraint"), currentKind == .multichoice,
               let counts = SelectionCount.bounds(of: constraint, selfName: name) {
                // `count-selected(.) <= 3` is what Refuge's min_count and max_count say.
                item.minCount = counts.min
                item.maxCount = counts.max
                item.constraintMessage = nil
                if !record.texts("constraint_message").isEmpty {
                    warn(survey, row, "the constraint_message is not imported: the constraint became min_count/max_count, whose message is Refuge's own", into: &comments)
                }
            } else if let constraint = record.value("constraint") {
                item.constraint = translate(constraint, column: "constraint", row: row, repeatName: repeatName, current: currentKind,
                                            selfName: name, consequence: "the answer is not checked", comments: &comments)
                if item.constraint != nil {
                    item.constraintMessage = texts(record, "constraint_message", in: survey, comments: &comments)
                }
            } else if record.texts("constraint_message").isEmpty == false {
                warn(survey, row, "a constraint_message without a constraint is ignored", into: &comments)
            }
        } else {
            for column in ["required", "constraint"] where record.value(column) != nil {
                warn(survey, row, "the \(column) of `\(name)` is ignored: nothing is asked", into: &comments)
            }
        }
        if let value = record.value("default") {
            warn(survey, row, "the default `\(value)` of `\(name)` is ignored: Refuge never fills in an answer the client did not give", into: &comments)
        }
        if let value = record.value("read_only"), Converter.flag(value) != false, asked {
            warn(survey, row, "read_only is ignored: `\(name)` is asked like any question (Refuge has no read-only questions; a note or a calculate shows a value)", into: &comments)
        }
        if record.value("repeat_count") != nil {
            warn(survey, row, "repeat_count on `\(name)`, which is not a repeat, is ignored", into: &comments)
        }
        if let parameters = record.value("parameters"), type != .range {
            warn(survey, row, "the parameters `\(parameters)` are ignored", into: &comments)
        }
        for kind in record.mediaKinds {
            warn(survey, row, "the \(kind) of `\(name)` is not imported (Refuge shows text only)", into: &comments)
        }
        if renamedDuplicates[row] != nil {
            comments.append("the name `\(name)` is used twice; this one has the id `\(item.id)`")
        }
        item.comments = comments
        return item
    }

    mutating func requirement(_ record: SheetRecord, name: String, into item: inout OutputItem, comments: inout [String]) {
        if let required = record.value("required") {
            switch Converter.flag(required) {
            case true?: item.required = true
            case false?: break
            case nil:
                warn(survey, record.number, "the required condition `\(required)` is not imported (Refuge's `required` is yes or no); `\(name)` is not required", into: &comments)
            }
        }
        if let message = record.texts("required_message").first?.text {
            warn(survey, record.number, "the required_message `\(message)` is not imported: Refuge says in its own words, in the client's language, that an answer is needed", into: &comments)
        }
    }

    /// `yes`, `true`, `true()`, `1` and their opposites, as pyxform reads them; nil for an expression.
    static func flag(_ value: String) -> Bool? {
        switch value.trimmed.lowercased() {
        case "yes", "true", "true()", "1", "y": return true
        case "no", "false", "false()", "0", "n", "": return false
        default: return nil
        }
    }

    /// `start=1 end=10 step=1` (ODK's defaults when absent: 1, 10, 1).
    mutating func rangeParameters(_ record: SheetRecord, into item: inout OutputItem, comments: inout [String]) {
        var values = ["start": "1", "end": "10", "step": "1"]
        for part in (record.value("parameters") ?? "").split(whereSeparator: { $0.isWhitespace || $0 == ";" || $0 == "," }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmed.lowercased() }
            guard pair.count == 2, values[pair[0]] != nil, ExactNumber(ExpressionTranslator.number(pair[1])) != nil else {
                warn(survey, record.number, "the range parameter `\(part)` is not understood", into: &comments)
                continue
            }
            values[pair[0]] = pair[1]
        }
        // Exact decimals, as Refuge keeps numbers: a 20-digit start and end compare rightly.
        func number(_ key: String) -> ExactNumber { ExactNumber(ExpressionTranslator.number(values[key]!))! }
        let start = number("start"), end = number("end"), step = number("step")
        item.min = (start <= end ? start : end).description
        item.max = (start <= end ? end : start).description
        if step.isInteger && start.isInteger { item.integer = true }
        if step != 1 && step != 0 {
            warn(survey, record.number, "the range's step \(values["step"]!) is not imported: any number from \(item.min!) to \(item.max!) is accepted", into: &comments)
        }
    }
}
