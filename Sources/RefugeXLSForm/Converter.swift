// Turns the sheets into the questionnaire: languages, choice lists, the survey tree, then
// sections and items with their expressions translated. Every cell that cannot be carried
// over is reported at its row and noted as a comment in the YAML.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

struct Converter {
    let workbook: Workbook
    var diagnostics: [ImportDiagnostic] = []
    var ids = IDAllocator()
    var symbols: [String: FormSymbol] = [:]
    /// Row of each name, to tell which questions come before a text naming them.
    var symbolRows: [String: Int] = [:]
    var languages: [String] = []
    /// Language tag as written → code; the nil tag (a column without `::`) → the default code.
    var tagCodes: [String?: String] = [:]
    var lists: [String: OutputList] = [:]
    var listRows: [String: Int] = [:]
    var usedLists: [String] = []
    var formTitle = ""

    /// The survey's and choices' rows by column, built once (every pass reads them).
    let surveyRecords: [SheetRecord]
    let choiceRecords: [SheetRecord]

    init(workbook: Workbook) {
        self.workbook = workbook
        surveyRecords = workbook.survey.records
        choiceRecords = workbook.choices?.records ?? []
    }

    var survey: Sheet { workbook.survey }
    var defaultLanguage: String { languages[0] }

    // MARK: - Messages

    mutating func report(_ severity: ImportDiagnostic.Severity, _ sheet: Sheet, _ row: Int?, _ message: String) {
        diagnostics.append(ImportDiagnostic(severity, file: sheet.file, sheet: sheet.name, row: row, message))
    }

    /// A warning on stderr, and the same words as a comment in the YAML.
    mutating func warn(_ sheet: Sheet, _ row: Int?, _ message: String, into comments: inout [String]) {
        report(.warning, sheet, row, message)
        comments.append("warning (\(sheet.name)\(row.map { "!\($0)" } ?? "")): \(message)")
    }

    // MARK: - Run

    mutating func run() -> OutputQuestionnaire? {
        var headerComments: [String] = []
        let settings = readSettings(into: &headerComments)
        readLanguages(defaultTag: settings.defaultLanguage, into: &headerComments)
        readChoices(into: &headerComments)
        reportUnknownColumns(survey, known: Converter.surveyColumns, into: &headerComments)
        for other in workbook.otherSheets {
            let message = "the sheet `\(other)` is not read (only survey, choices and settings are)"
            diagnostics.append(ImportDiagnostic(.warning, file: workbook.source, sheet: other, row: nil, message))
            headerComments.append("warning: \(message)")
        }
        guard let tree = buildTree() else { return nil }
        declare(tree, repeatName: nil, topLevel: true)
        settleCalculations(tree)
        let sections = buildSections(tree)
        if diagnostics.contains(where: { $0.severity == .error }) { return nil }
        guard !sections.isEmpty else {
            report(.error, survey, nil, "the survey sheet has no question Refuge can ask")
            return nil
        }
        let outputLists = usedLists.compactMap { lists[$0] }
        for name in lists.keys.sorted() where !usedLists.contains(name) {
            headerComments.append("the choice list `\(name)` (choices!\(listRows[name] ?? 0)) is used by no imported question")
        }
        var title: Texts = [:]
        for language in languages { title[language] = formTitle }
        return OutputQuestionnaire(id: settings.id, version: settings.version, title: title, languages: languages,
                                   lists: outputLists, sections: sections, headerComments: headerComments)
    }

    // MARK: - Settings

    struct Settings {
        var id: String
        var version: String
        var defaultLanguage: String?
    }

    mutating func readSettings(into comments: inout [String]) -> Settings {
        let base = PathText.deletingPathExtension(PathText.lastComponent(workbook.source))
        var formID: String?
        var version: String?
        var defaultLanguage: String?
        var title: String?
        if let sheet = workbook.settings, let record = sheet.records.first {
            for (key, value) in record.values.sorted(by: { $0.key.base < $1.key.base }) {
                switch key.base {
                case "form_id", "id_string": formID = value
                case "version": version = value
                case "form_title", "title": title = value
                case "default_language": defaultLanguage = value
                default:
                    var reason = "has no equivalent and is ignored"
                    if key.base == "public_key" || key.base == "submission_url" {
                        reason = "is ignored: Refuge sends nothing anywhere, and protects each session with a passphrase instead"
                    }
                    warn(sheet, record.number, "the setting `\(key.base)` \(reason)", into: &comments)
                }
            }
        }
        let id = Converter.questionnaireID(formID ?? base)
        if formID == nil { comments.append("no form_id in the settings sheet: the id comes from the file name") }
        if version == nil { comments.append("no version in the settings sheet: version \"1\" is written") }
        formTitle = title ?? formID ?? base
        return Settings(id: id, version: version ?? "1", defaultLanguage: defaultLanguage)
    }

    /// `[a-z][a-z0-9_-]*`, as the format requires of a questionnaire id.
    static func questionnaireID(_ name: String) -> String {
        var id = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" {
                id.unicodeScalars.append(scalar)
            } else if !id.hasSuffix("-") {
                id += "-"
            }
        }
        if let first = id.unicodeScalars.first, ("a"..."z").contains(first) { return id }
        return "form-" + id
    }

    // MARK: - Languages

    static let translatable: Set<String> = ["label", "hint", "guidance_hint", "constraint_message", "required_message"]

    mutating func readLanguages(defaultTag: String?, into comments: inout [String]) {
        var tags: [String] = []
        var untagged = false
        for sheet in [workbook.survey, workbook.choices].compactMap({ $0 }) {
            let records = sheet.name == "survey" ? surveyRecords : choiceRecords
            for key in sheet.keys where Converter.translatable.contains(key.base) || key.base.hasPrefix("media::") {
                // Only languages some row uses: an empty column names no language.
                guard records.contains(where: { $0.values[key] != nil }) else { continue }
                if let tag = key.language {
                    if !tags.contains(tag) { tags.append(tag) }
                } else if Converter.translatable.contains(key.base) {
                    untagged = true
                }
            }
        }
        var codes: [String] = []
        for tag in tags {
            guard let code = LanguageTags.code(tag) else {
                let sheet = workbook.survey
                warn(sheet, sheet.headerRow, "the language `\(tag)` has no code; write its columns as `label::\(tag) (xx)` with the language's code (en, fr, ar, …); its texts are not imported", into: &comments)
                continue
            }
            tagCodes[tag] = code
            if !codes.contains(code) { codes.append(code) }
        }
        var defaultCode: String?
        if let defaultTag {
            defaultCode = LanguageTags.code(defaultTag)
            if defaultCode == nil, let sheet = workbook.settings {
                warn(sheet, sheet.rows.first?.number, "the default_language `\(defaultTag)` has no code; write it as `English (en)`", into: &comments)
            }
        }
        if defaultCode == nil {
            // Without default_language, ODK Collect starts in the form's first language; with
            // no language named at all, English is assumed.
            defaultCode = codes.first ?? "en"
            if untagged {
                comments.append("columns without a language (label, hint, …) are read as `\(defaultCode!)`\(codes.isEmpty ? "" : ", the form's first language,") where it has no text of its own; set default_language in the settings sheet to name their language")
            }
        }
        tagCodes[nil] = defaultCode
        languages = [defaultCode!] + codes.filter { $0 != defaultCode }
    }

    /// A translatable column of a row, per language code, with `${name}` turned into `{{id}}`.
    mutating func texts(_ record: SheetRecord, _ base: String, in sheet: Sheet, comments: inout [String]) -> Texts? {
        var result: Texts = [:]
        var fromUntagged: Texts = [:]
        for (tag, text) in record.texts(base) {
            guard let code = tagCodes[tag] else { continue }
            let value = interpolate(text, row: record.number, in: sheet, comments: &comments)
            if tag == nil { fromUntagged[code] = value } else { result[code] = value }
        }
        for (code, value) in fromUntagged where result[code] == nil { result[code] = value }
        if !result.isEmpty, result[defaultLanguage] == nil, base != "label",
           let other = languages.first(where: { result[$0] != nil }) {
            // Refuge needs every text in the default language; another language's is better than none.
            warn(sheet, record.number, "the \(base) has no text in `\(defaultLanguage)`; the `\(other)` text is used there too", into: &comments)
            result[defaultLanguage] = result[other]
        }
        return result.isEmpty ? nil : result
    }

    /// `${name}` in a text becomes Refuge's `{{id}}` when it names a question asked before.
    mutating func interpolate(_ text: String, row: Int, in sheet: Sheet, comments: inout [String]) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { out += rest[start.lowerBound...]; rest = ""; break }
            let name = String(rest[start.upperBound..<end]).trimmed
            let whole = String(rest[start.lowerBound...end])
            rest = rest[rest.index(after: end)...]
            if sheet.name == "survey", let symbol = symbols[name], !symbol.id.isEmpty, symbol.hasValue,
               let defined = symbolRows[name], defined < row, symbol.repeatName == nil || symbol.repeatName == currentRepeat {
                out += "{{\(symbol.id)}}"
            } else {
                let reason: String
                switch symbols[name]?.kind {
                case nil: reason = "no question of this form is named `\(name)`"
                case .notImported(let type)?: reason = "`\(name)` (\(type)) was not imported"
                case .group?, .note?: reason = "`\(name)` has no value to show"
                default:
                    reason = symbols[name]?.repeatName != nil && symbols[name]?.repeatName != currentRepeat
                        ? "`\(name)` is a field of a repeat, shown only inside that repeat"
                        : "`\(name)` is asked after this text"
                }
                warn(sheet, row, "`\(whole)` in a text is kept as written: \(reason)", into: &comments)
                out += whole
            }
        }
        return out + rest
    }

    /// The repeat (XLSForm name) of the row being converted, for interpolation.
    var currentRepeat: String?

    // MARK: - Choices

    mutating func readChoices(into comments: inout [String]) {
        guard let sheet = workbook.choices else { return }
        reportUnknownColumns(sheet, known: ["list_name", "name", "label"], into: &comments)
        for record in choiceRecords {
            guard let list = record.value("list_name") else {
                warn(sheet, record.number, "a choice without a list_name is not imported", into: &comments)
                continue
            }
            guard let value = record.value("name") else {
                warn(sheet, record.number, "a choice of `\(list)` without a name (its value) is not imported", into: &comments)
                continue
            }
            var ignored: [String] = []
            var label = texts(record, "label", in: sheet, comments: &ignored) ?? [:]
            if label[defaultLanguage] == nil {
                if let other = languages.first(where: { label[$0] != nil }) {
                    warn(sheet, record.number, "the choice `\(value)` of `\(list)` has no label in `\(defaultLanguage)`; its `\(other)` label is used there too", into: &comments)
                    label[defaultLanguage] = label[other]
                } else {
                    warn(sheet, record.number, "the choice `\(value)` of `\(list)` has no label; its value is shown", into: &comments)
                    label[defaultLanguage] = value
                }
            }
            for kind in record.mediaKinds {
                warn(sheet, record.number, "the \(kind) of choice `\(value)` is not imported (Refuge shows text only)", into: &comments)
            }
            if lists[list] == nil {
                lists[list] = OutputList(name: list, choices: [])
                listRows[list] = record.number
            }
            if lists[list]!.choices.contains(where: { $0.value == value }) {
                warn(sheet, record.number, "the list `\(list)` already has the choice `\(value)`; this one is not imported", into: &comments)
                continue
            }
            lists[list]!.choices.append(OutputChoice(value: value, label: label))
        }
    }

    // MARK: - Columns

    static let surveyColumns: Set<String> = [
        "type", "name", "label", "hint", "guidance_hint", "relevant", "constraint", "constraint_message", "required",
        "required_message", "calculation", "repeat_count", "default", "read_only", "appearance", "choice_filter", "parameters",
    ]

    /// A column Refuge does not read is reported once, at the first row that uses it.
    mutating func reportUnknownColumns(_ sheet: Sheet, known: Set<String>, into comments: inout [String]) {
        var seen: Set<String> = []
        for (index, key) in sheet.keys.enumerated() where !known.contains(key.base) && !key.base.hasPrefix("media::") && !key.base.isEmpty {
            guard !seen.contains(sheet.header[index]) else { continue }
            seen.insert(sheet.header[index])
            let used = sheet.rows.filter { index < $0.cells.count && !$0.cells[index].trimmed.isEmpty }
            guard let first = used.first else { continue }
            let extra = sheet.name == "choices" ? " (choice_filter columns have no equivalent)" : ""
            warn(sheet, first.number, "the column `\(sheet.header[index])` is not read\(extra); it has text on \(used.count) row\(used.count == 1 ? "" : "s")", into: &comments)
        }
    }

    // MARK: - Survey tree

    mutating func buildTree() -> [SurveyNode]? {
        var stack: [SurveyGroup] = []
        var root: [SurveyNode] = []
        func append(_ node: SurveyNode) {
            if stack.isEmpty { root.append(node) } else { stack[stack.count - 1].children.append(node) }
        }
        for record in surveyRecords {
            guard let rawType = record.value("type") else {
                var ignored: [String] = []
                warn(survey, record.number, "a row without a type is not imported", into: &ignored)
                continue
            }
            let type = QuestionType.parse(rawType)
            switch type {
            case .beginGroup, .beginRepeat:
                let name = record.value("name") ?? "group_\(record.number)"
                stack.append(SurveyGroup(record: record, isRepeat: type == .beginRepeat, name: name))
            case .endGroup, .endRepeat:
                guard let open = stack.popLast() else {
                    report(.error, survey, record.number, "`\(rawType)` closes nothing: there is no open `begin \(type == .endGroup ? "group" : "repeat")` above it")
                    return nil
                }
                if open.isRepeat != (type == .endRepeat) {
                    report(.error, survey, record.number, "`\(rawType)` closes `\(open.name)` (survey!\(open.record.number)), which is a \(open.isRepeat ? "repeat" : "group"); write `end \(open.isRepeat ? "repeat" : "group")`")
                    return nil
                }
                append(.group(open))
            default:
                append(.question(record, type))
            }
        }
        if let open = stack.last {
            report(.error, survey, open.record.number, "`begin \(open.isRepeat ? "repeat" : "group")` `\(open.name)` is never closed with `end \(open.isRepeat ? "repeat" : "group")`")
            return nil
        }
        return root
    }

    /// Gives every name its Refuge id and kind before any expression is translated, since a
    /// constraint may name a later question.
    mutating func declare(_ nodes: [SurveyNode], repeatName: String?, topLevel: Bool) {
        for node in nodes {
            switch node {
            case .group(let group):
                let kind: FormSymbol.Kind = group.isRepeat && repeatName == nil ? .repeatGroup : .group
                // Sections (top-level groups) and repeats get ids; nested groups are flattened.
                let needsID = (topLevel && !group.isRepeat) || kind == .repeatGroup
                define(group.name, row: group.record.number, kind: kind, id: needsID ? ids.allocate(group.name) : "", repeatName: repeatName)
                declare(group.children, repeatName: repeatName ?? (group.isRepeat ? group.name : nil), topLevel: false)
            case .question(let record, let type):
                guard let name = record.value("name") else { continue }
                var values: [String] = []
                let kind: FormSymbol.Kind
                switch type {
                case .text: kind = .text
                case .integer, .decimal, .range: kind = .number
                case .date: kind = .date
                case .note: kind = .note
                case .calculate: kind = .calculate
                case .acknowledge: kind = .acknowledge
                case .selectOne(let list, _):
                    kind = lists[list] == nil ? .notImported("select_one") : .choice
                    values = lists[list]?.choices.map(\.value) ?? []
                case .selectMultiple(let list, _):
                    kind = lists[list] == nil ? .notImported("select_multiple") : .multichoice
                    values = lists[list]?.choices.map(\.value) ?? []
                case .unsupported(let t, _): kind = .notImported(t)
                default: continue
                }
                let id: String
                switch kind {
                case .notImported, .group: id = ""
                default: id = ids.allocate(name)
                }
                define(name, row: record.number, kind: kind, id: id, repeatName: repeatName, values: values)
            }
        }
    }

    mutating func settleCalculations(_ tree: [SurveyNode]) {
        var calculations: [(name: String, source: String?, repeatName: String?)] = []
        func collect(_ nodes: [SurveyNode], _ repeatName: String?) {
            for node in nodes {
                switch node {
                case .group(let g): collect(g.children, repeatName ?? (g.isRepeat ? g.name : nil))
                case .question(let record, .calculate):
                    if let name = record.value("name") { calculations.append((name, record.value("calculation"), repeatName)) }
                default: break
                }
            }
        }
        collect(tree, nil)
        var changed = true
        while changed {
            changed = false
            for c in calculations where symbols[c.name]?.kind == .calculate {
                let translator = ExpressionTranslator(symbols: symbols, repeatName: c.repeatName, currentKind: nil)
                if c.source == nil || (try? translator.translate(c.source!)) == nil {
                    symbols[c.name]?.kind = .notImported("calculate")
                    changed = true
                }
            }
        }
    }

    private mutating func define(_ name: String, row: Int, kind: FormSymbol.Kind, id: String, repeatName: String?, values: [String] = []) {
        if let first = symbolRows[name] {
            var ignored: [String] = []
            warn(survey, row, "the name `\(name)` is already used at survey!\(first); expressions naming it mean the first one", into: &ignored)
            renamedDuplicates[row] = id
            return
        }
        symbols[name] = FormSymbol(id: id, kind: kind, repeatName: repeatName, choiceValues: values)
        symbolRows[name] = row
        idsByRow[row] = id
    }

    /// The id given to the row's question (duplicated names get their own id too).
    var idsByRow: [Int: String] = [:]
    var renamedDuplicates: [Int: String] = [:]

    func id(forRow row: Int) -> String {
        idsByRow[row] ?? renamedDuplicates[row] ?? ""
    }
}
