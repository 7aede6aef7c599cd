/// Texts from translation files (`<lang>.yaml`), keyed by the place they translate, e.g.
/// `items.harmed_before.prompt` or `lists.countries.RU`. The builder takes each one it
/// uses; whatever is left names something the questionnaire does not have.
struct TranslationTable {
    struct Entry {
        var text: String
        var location: SourceLocation
        var used = false
    }
    /// language -> path -> entry
    private(set) var entries: [String: [String: Entry]] = [:]
    /// True when no translation file gave any text.
    var isEmpty: Bool { entries.isEmpty }

    mutating func add(language: String, path: String, text: String, location: SourceLocation) {
        entries[language, default: [:]][path] = Entry(text: text, location: location)
    }

    mutating func take(language: String, path: String) -> Entry? {
        // By index, so that each key is hashed once: this runs for every text and language.
        guard let languageIndex = entries.index(forKey: language),
              let pathIndex = entries.values[languageIndex].index(forKey: path) else { return nil }
        entries.values[languageIndex].values[pathIndex].used = true
        return entries.values[languageIndex].values[pathIndex]
    }

    var unused: [(language: String, path: String, entry: Entry)] {
        entries.flatMap { lang, paths in paths.filter { !$0.value.used }.map { (lang, $0.key, $0.value) } }
            .sorted { ($0.entry.location.file, $0.entry.location.line) < ($1.entry.location.file, $1.entry.location.line) }
    }

    /// Reads one translation file into the table, reporting keys that do not fit its shape.
    mutating func read(_ root: YAMLNode, language: String, sink: inout DiagnosticSink) {
        guard root.mapEntries != nil else {
            sink.error(root.location, "a translation file should be a set of keys (title, sections, items, ...)")
            return
        }
        // Room for every text the file can give, so that the table does not grow step by step.
        entries[language, default: [:]].reserveCapacity((entries[language]?.count ?? 0) + Self.scalarCount(root))
        let top = MapReader(root, what: "a translation file")
        top.reportUnknownKeys(["title", "description", "sections", "items", "lists", "checks", "report"], into: &sink)
        for key in ["title", "description"] {
            if let v = top.value(key) { addScalar(v, language: language, path: key, sink: &sink) }
        }
        if let sections = top.value("sections") {
            Self.forEachEntry(sections, what: "`sections`", sink: &sink) { id, node, sink in
                addScalar(node, language: language, path: "sections.\(id)", sink: &sink)
            }
        }
        if let checks = top.value("checks") {
            Self.forEachEntry(checks, what: "`checks`", sink: &sink) { id, node, sink in
                addScalar(node, language: language, path: "checks.\(id)", sink: &sink)
            }
        }
        if let lists = top.value("lists") {
            Self.forEachEntry(lists, what: "`lists`", sink: &sink) { name, node, sink in
                Self.forEachEntry(node, what: "list `\(name)`", sink: &sink) { value, label, sink in
                    addScalar(label, language: language, path: "lists.\(name).\(value)", sink: &sink)
                }
            }
        }
        if let report = top.value("report") {
            let r = MapReader(report, what: "`report` in a translation file")
            r.reportUnknownKeys(["title", "headings", "summary"], into: &sink)
            if let t = r.value("title") { addScalar(t, language: language, path: "report.title", sink: &sink) }
            if let h = r.value("headings") {
                Self.forEachEntry(h, what: "`report.headings`", sink: &sink) { id, node, sink in
                    addScalar(node, language: language, path: "report.headings.\(id)", sink: &sink)
                }
            }
            if let summary = r.value("summary") {
                Self.forEachEntry(summary, what: "`report.summary`", sink: &sink) { id, node, sink in
                    addScalar(node, language: language, path: "report.summary.\(id)", sink: &sink)
                }
            }
        }
        if let items = top.value("items") {
            Self.forEachEntry(items, what: "`items`", sink: &sink) { id, node, sink in
                let item = MapReader(node, what: "the translation of `\(id)`")
                item.reportUnknownKeys(Self.itemKeys, into: &sink)
                for key in Self.itemTextKeys {
                    if let v = item.value(key) { addScalar(v, language: language, path: "items.\(id).\(key)", sink: &sink) }
                }
                if let choices = item.value("choices") {
                    Self.forEachEntry(choices, what: "the choices of `\(id)`", sink: &sink) { value, label, sink in
                        addScalar(label, language: language, path: "items.\(id).choices.\(value)", sink: &sink)
                    }
                }
            }
        }
    }

    /// The texts of an item a translation file may give, in the order they are read.
    private static let itemTextKeys = ["prompt", "help", "text", "note", "entry_label", "timeline", "constraint_message", "pattern_message"]
    private static let itemKeys = Set(itemTextKeys + ["choices"])

    private static func scalarCount(_ node: YAMLNode) -> Int {
        switch node.kind {
        case .scalar: return 1
        case .null: return 0
        case .sequence(let items): return items.reduce(0) { $0 + scalarCount($1) }
        case .map(let entries): return entries.reduce(0) { $0 + scalarCount($1.value) }
        }
    }

    private mutating func addScalar(_ node: YAMLNode, language: String, path: String, sink: inout DiagnosticSink) {
        guard let s = node.scalar else {
            sink.error(node.location, "the text for `\(path)` should be a single text, not \(node.kindName)")
            return
        }
        add(language: language, path: path, text: s, location: node.location)
    }

    private static func forEachEntry(_ node: YAMLNode, what: String, sink: inout DiagnosticSink,
                                       _ body: (String, YAMLNode, inout DiagnosticSink) -> Void) {
        guard let entries = node.mapEntries else {
            sink.error(node.location, "\(what) should be a set of `id: text` pairs, not \(node.kindName)")
            return
        }
        for entry in entries { body(entry.key, entry.value, &sink) }
    }
}
