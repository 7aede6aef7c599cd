import RefugeExpressions

// A loaded questionnaire in bytes: the model as the loader built and checked it, so that
// reading it back builds nothing from YAML and checks nothing (issue 19's compiled cache; the
// files, versions and checksums around it are RefugeSession's `QuestionnaireCache`). The
// source files, their hash and the path are not in it: the reader is given them, since they
// were read to find the entry.
//
// Change `CompiledQuestionnaire.formatVersion` with any change to what is written here or to the
// model it describes (`CompiledFormTests` counts the model's stored members to remind you).

public enum CompiledQuestionnaire {
    /// The layout of the bytes below. An entry of another format is never read.
    /// 3: texts written once and then by number, with their ASCII flag; a text's languages
    /// before its translations; a CRC-32 at the end of a cache entry (`CompiledEntry`).
    /// 4: a cache entry records what `stat` said of each source file (`SourceFileStatus`).
    /// 5: a cache entry ends with an XXH64 (8 bytes) instead of a CRC-32.
    public static let formatVersion = 5

    /// The questionnaire's model in bytes.
    public static func bytes(of questionnaire: Questionnaire) -> [UInt8] {
        var writer = CompiledWriter(capacity: 64 * 1024)
        write(questionnaire, to: &writer)
        return writer.bytes
    }

    /// Appends the questionnaire's model to `writer`'s bytes (in place: no copy of what is there).
    public static func write(_ questionnaire: Questionnaire, to writer: inout CompiledWriter) {
        var model = ModelWriter()
        swap(&model.out, &writer)
        model.questionnaire(questionnaire)
        swap(&model.out, &writer)
    }

    /// The questionnaire the bytes describe, with the source files it was loaded from (already
    /// read and hashed by the caller). Throws when the bytes are damaged in any way.
    public static func questionnaire(from bytes: [UInt8], contentHash: String,
                                     sourcePath: String, sourceFiles: [SourceFile]) throws(CompiledFormError) -> Questionnaire {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CompiledFormError) in
                try questionnaire(from: raw, contentHash: contentHash, sourcePath: sourcePath, sourceFiles: sourceFiles)
            }
        }
        return try result.get()
    }

    /// The same, from bytes in place (`start..<end` of them).
    public static func questionnaire(from bytes: UnsafeRawBufferPointer, start: Int = 0, end: Int? = nil, contentHash: String,
                                     sourcePath: String, sourceFiles: [SourceFile]) throws(CompiledFormError) -> Questionnaire {
        try questionnaire(continuing: CompiledReader(bytes, from: start, to: end), contentHash: contentHash, sourcePath: sourcePath,
                          sourceFiles: sourceFiles)
    }

    /// The same, read on by the reader that read what came before the model (a cache entry's
    /// header): later texts may be the header's, written once.
    static func questionnaire(continuing input: CompiledReader, contentHash: String,
                              sourcePath: String, sourceFiles: [SourceFile]) throws(CompiledFormError) -> Questionnaire {
        var reader = ModelReader(input)
        let questionnaire = try reader.questionnaire(contentHash: contentHash, sourcePath: sourcePath, sourceFiles: sourceFiles)
        guard reader.input.isAtEnd else { throw CompiledFormError("bytes after the end") }
        return questionnaire
    }
}

/// Writes the model; file names of locations once each, then by number.
private struct ModelWriter {
    var out = CompiledWriter()
    var files: [String: Int] = [:]

    mutating func questionnaire(_ q: Questionnaire) {
        out.string(q.id)
        out.string(q.version)
        text(q.title)
        optionalText(q.description)
        out.array(q.languages) { $0.string($1) }
        out.count(q.sections.count)
        for section in q.sections { self.section(section) }
        out.count(q.checks.count)
        for check in q.checks { self.check(check) }
        out.bool(q.report != nil)
        if let report = q.report { self.report(report) }
        out.bool(q.legalData != nil)
        if let legal = q.legalData { legalData(legal) }
        out.bool(q.declaration != nil)
        if let declaration = q.declaration { self.declaration(declaration) }
    }

    mutating func location(_ l: SourceLocation) {
        if let known = files[l.file] {
            out.count(known + 1)
        } else {
            out.count(0)
            out.string(l.file)
            files[l.file] = files.count
        }
        out.int(l.line)
        out.int(l.column)
    }

    mutating func text(_ t: LocalizedText) {
        // In the text's own order (sorted by language), so that equal texts give equal bytes;
        // the languages first, then their translations.
        t.withTranslations { entries in
            out.count(entries.count)
            for entry in entries { out.string(entry.language) }
            for entry in entries { out.string(entry.text) }
        }
        location(t.location)
    }

    mutating func optionalText(_ t: LocalizedText?) {
        out.bool(t != nil)
        if let t { text(t) }
    }

    mutating func expression(_ e: Expression?) {
        out.bool(e != nil)
        if let e { e.write(to: &out) }
    }

    mutating func rules(_ rules: [RoutingRule]) {
        out.count(rules.count)
        for rule in rules {
            expression(rule.condition)
            out.string(rule.target)
            location(rule.location)
            out.optionalInt(rule.targetPosition)
        }
    }

    mutating func section(_ s: Section) {
        out.string(s.id)
        text(s.title)
        location(s.location)
        expression(s.showIf)
        rules(s.next)
        out.count(s.items.count)
        for item in s.items { self.item(item) }
    }

    mutating func item(_ i: Item) {
        out.string(i.id)
        out.string(i.type.rawValue)
        location(i.location)
        out.string(i.sectionID)
        out.optionalString(i.repeatID)
        out.int(i.order)
        optionalText(i.prompt)
        optionalText(i.help)
        optionalText(i.text)
        optionalText(i.note)
        out.string(i.audience.rawValue)
        out.bool(i.required)
        out.bool(i.sensitive)
        out.optionalString(i.identifying)
        out.bool(i.allowDontKnow)
        out.bool(i.allowRefuse)
        out.bool(i.includeInReport)
        expression(i.showIf)
        rules(i.next)
        expression(i.constraint)
        optionalText(i.constraintMessage)
        out.optionalInt(i.minLength)
        out.optionalInt(i.maxLength)
        out.optionalString(i.pattern?.source)
        optionalText(i.patternMessage)
        out.count(i.choices.count)
        for choice in i.choices {
            out.string(choice.value)
            text(choice.label)
        }
        out.bool(i.other)
        out.optionalInt(i.minCount)
        out.optionalInt(i.maxCount)
        out.optional(i.min) { $1.write(to: &$0) }
        out.optional(i.max) { $1.write(to: &$0) }
        out.bool(i.integerOnly)
        out.string(i.precision.rawValue)
        optionalText(i.timeline)
        out.count(i.fields.count)
        for field in i.fields { item(field) }
        optionalText(i.entryLabel)
        expression(i.count)
        expression(i.expression)
    }

    mutating func check(_ c: Check) {
        out.string(c.id)
        c.condition.write(to: &out)
        text(c.message)
        out.string(c.kind.rawValue)
        out.string(c.severity.rawValue)
        location(c.location)
        out.optionalString(c.rule)
    }

    mutating func heading(_ h: ReportHeading) {
        out.string(h.id)
        text(h.title)
        out.array(h.items) { $0.string($1) }
    }

    mutating func report(_ r: ReportLayout) {
        optionalText(r.title)
        out.count(r.headings.count)
        for h in r.headings { heading(h) }
        out.count(r.summary.count)
        for h in r.summary { heading(h) }
        out.array(r.timelineOrder) { $0.string($1) }
        out.array(r.timelineLeaveOut) { $0.string($1) }
    }

    mutating func legalData(_ l: LegalData) {
        out.string(l.asOf)
        out.array(l.rules) { w, rule in
            w.string(rule.id)
            w.string(rule.title)
            w.string(rule.source)
            w.string(rule.status.rawValue)
            w.optionalString(rule.note)
        }
    }

    mutating func declaration(_ d: DeclarationLayout) {
        optionalText(d.title)
        out.count(d.paragraphs.count)
        for p in d.paragraphs {
            out.string(p.id)
            optionalText(p.text)
            out.array(p.items) { $0.string($1) }
            optionalText(p.entryText)
        }
    }
}

/// Reads what `ModelWriter` wrote.
private struct ModelReader {
    var input: CompiledReader
    var files: [String] = []
    /// The cases of the enums every item names, by the number of the text naming them (see
    /// `CompiledReader.named(_:known:)`).
    var itemTypes: [ItemType?] = [], audiences: [Audience?] = [], precisions: [DatePrecision?] = []

    init(_ input: CompiledReader) {
        self.input = input
        // A new text takes about 30 bytes of a compiled questionnaire (its tag, its bytes and
        // what refers to it); at 24 the table is rarely grown.
        self.input.reserveTexts(input.remaining / 24)
    }

    mutating func questionnaire(contentHash: String, sourcePath: String, sourceFiles: [SourceFile]) throws(CompiledFormError) -> Questionnaire {
        let id = try input.string()
        let version = try input.string()
        let title = try text()
        let description = try optionalText()
        let languages = try input.strings()
        guard !languages.isEmpty else { throw CompiledFormError("no language") }
        let sectionCount = try input.count()
        var sections: [Section] = []
        sections.reserveCapacity(sectionCount)
        for _ in 0..<sectionCount { sections.append(try section()) }
        let checkCount = try input.count()
        var checks: [Check] = []
        checks.reserveCapacity(checkCount)
        for _ in 0..<checkCount { checks.append(try check()) }
        let report = try input.bool() ? try self.report() : nil
        let legal = try input.bool() ? try legalData() : nil
        let declaration = try input.bool() ? try self.declaration() : nil
        var questionnaire = Questionnaire(
            id: id, version: version, title: title, description: description, languages: languages, sections: sections,
            checks: checks, report: report, contentHash: contentHash, sourcePath: sourcePath, sourceFiles: sourceFiles,
            legalData: legal)
        questionnaire.declaration = declaration
        return questionnaire
    }

    mutating func location() throws(CompiledFormError) -> SourceLocation {
        let tag = try input.count()
        let file: String
        if tag == 0 {
            file = try input.string()
            files.append(file)
        } else {
            guard tag <= files.count else { throw CompiledFormError("unknown file") }
            file = files[tag - 1]
        }
        return SourceLocation(file: file, line: try input.int(), column: try input.int())
    }

    mutating func text() throws(CompiledFormError) -> LocalizedText {
        // The writer puts the languages first, in order, then their texts.
        let n = try input.count()
        return try LocalizedText(count: n, language: { () throws(CompiledFormError) in try input.string() },
                                 text: { () throws(CompiledFormError) in try input.string() },
                                 location: { () throws(CompiledFormError) in try location() })
    }

    mutating func strings(count n: Int) throws(CompiledFormError) -> [String] {
        var list: [String] = []
        list.reserveCapacity(n)
        for _ in 0..<n { list.append(try input.string()) }
        return list
    }

    mutating func optionalText() throws(CompiledFormError) -> LocalizedText? {
        try input.bool() ? try text() : nil
    }

    mutating func expression() throws(CompiledFormError) -> Expression? {
        try input.bool() ? try Expression.read(from: &input) : nil
    }

    mutating func strings() throws(CompiledFormError) -> [String] { try input.strings() }

    mutating func rules() throws(CompiledFormError) -> [RoutingRule] {
        let n = try input.count()
        var rules: [RoutingRule] = []
        rules.reserveCapacity(n)
        for _ in 0..<n {
            let condition = try expression()
            let target = try input.string()
            let location = try location()
            rules.append(RoutingRule(condition: condition, target: target, location: location, targetPosition: try input.optionalInt()))
        }
        return rules
    }

    mutating func section() throws(CompiledFormError) -> Section {
        let id = try input.string()
        let title = try text()
        let location = try location()
        let showIf = try expression()
        let next = try rules()
        let n = try input.count()
        var items: [Item] = []
        items.reserveCapacity(n)
        for _ in 0..<n { try appendItem(to: &items, depth: 0) }
        return Section(id: id, title: title, location: location, showIf: showIf, next: next, items: items)
    }

    /// Reads an item into its place at the end of `items`, filled where it lies: an item built
    /// in a local and returned was copied whole (832 bytes, 40 members retained) into the
    /// caller's array, and the local destroyed (perf: 0.05 ms of a resume).
    mutating func appendItem(to items: inout [Item], depth: Int) throws(CompiledFormError) {
        // Repeats hold fields, whose own fields the loader refuses: two levels at most.
        guard depth < 2 else { throw CompiledFormError("fields nested too deeply") }
        let id = try input.string()
        let type = try input.named(ItemType.self, known: &itemTypes)
        let location = try location()
        let sectionID = try input.string()
        let repeatID = try input.optionalString()
        items.append(Item(id: id, type: type, location: location, sectionID: sectionID, repeatID: repeatID, order: try input.int()))
        try fill(&items[items.count - 1], depth: depth)
    }

    /// The rest of an item, after what `appendItem` read to make it.
    mutating func fill(_ item: inout Item, depth: Int) throws(CompiledFormError) {
        item.prompt = try optionalText()
        item.help = try optionalText()
        item.text = try optionalText()
        item.note = try optionalText()
        item.audience = try input.named(Audience.self, known: &audiences)
        item.required = try input.bool()
        item.sensitive = try input.bool()
        item.identifying = try input.optionalString()
        item.allowDontKnow = try input.bool()
        item.allowRefuse = try input.bool()
        item.includeInReport = try input.bool()
        item.showIf = try expression()
        item.next = try rules()
        item.constraint = try expression()
        item.constraintMessage = try optionalText()
        item.minLength = try input.optionalInt()
        item.maxLength = try input.optionalInt()
        if let source = try input.optionalString() {
            item.pattern = NSRegularExpressionBox(source: source, pattern: WholeTextPattern(compiledBefore: source))
        }
        item.patternMessage = try optionalText()
        let choiceCount = try input.count()
        item.choices.reserveCapacity(choiceCount)
        for _ in 0..<choiceCount {
            let value = try input.string()
            item.choices.append(Choice(value: value, label: try text()))
        }
        item.other = try input.bool()
        item.minCount = try input.optionalInt()
        item.maxCount = try input.optionalInt()
        item.min = try input.optional { (r: inout CompiledReader) throws(CompiledFormError) in try ExactNumber.read(from: &r) }
        item.max = try input.optional { (r: inout CompiledReader) throws(CompiledFormError) in try ExactNumber.read(from: &r) }
        item.integerOnly = try input.bool()
        item.precision = try input.named(DatePrecision.self, known: &precisions)
        item.timeline = try optionalText()
        let fieldCount = try input.count()
        item.fields.reserveCapacity(fieldCount)
        for _ in 0..<fieldCount { try appendItem(to: &item.fields, depth: depth + 1) }
        item.entryLabel = try optionalText()
        item.count = try expression()
        item.expression = try expression()
    }

    mutating func check() throws(CompiledFormError) -> Check {
        let id = try input.string()
        let condition = try Expression.read(from: &input)
        let message = try text()
        let kind = try input.named(CheckKind.self)
        let severity = try input.named(CheckSeverity.self)
        let location = try location()
        return Check(id: id, condition: condition, message: message, kind: kind, severity: severity, location: location,
                     rule: try input.optionalString())
    }

    mutating func heading() throws(CompiledFormError) -> ReportHeading {
        let id = try input.string()
        let title = try text()
        return ReportHeading(id: id, title: title, items: try strings())
    }

    mutating func headings() throws(CompiledFormError) -> [ReportHeading] {
        let n = try input.count()
        var list: [ReportHeading] = []
        list.reserveCapacity(n)
        for _ in 0..<n { list.append(try heading()) }
        return list
    }

    mutating func report() throws(CompiledFormError) -> ReportLayout {
        let title = try optionalText()
        let headings = try headings()
        let summary = try self.headings()
        let order = try strings()
        return ReportLayout(title: title, headings: headings, summary: summary, timelineOrder: order, timelineLeaveOut: try strings())
    }

    mutating func legalData() throws(CompiledFormError) -> LegalData {
        let asOf = try input.string()
        let rules = try input.array { (r: inout CompiledReader) throws(CompiledFormError) -> LegalRule in
            let id = try r.string(), title = try r.string(), source = try r.string()
            let status = try r.named(LegalRuleStatus.self)
            return LegalRule(id: id, title: title, source: source, status: status, note: try r.optionalString())
        }
        return LegalData(asOf: asOf, rules: rules)
    }

    mutating func declaration() throws(CompiledFormError) -> DeclarationLayout {
        let title = try optionalText()
        let n = try input.count()
        var paragraphs: [DeclarationParagraph] = []
        paragraphs.reserveCapacity(n)
        for _ in 0..<n {
            let id = try input.string()
            let text = try optionalText()
            let items = try strings()
            paragraphs.append(DeclarationParagraph(id: id, text: text, items: items, entryText: try optionalText()))
        }
        return DeclarationLayout(title: title, paragraphs: paragraphs)
    }
}
