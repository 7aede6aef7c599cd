#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions

/// Turns the YAML tree of a questionnaire (and its translation files) into the model,
/// collecting every problem on the way rather than stopping at the first.
struct Builder {
    var sink = DiagnosticSink()
    var languages: [String] = ["en"]
    var translations = TranslationTable()
    let catalog = SymbolCatalog()
    var lists: [String: [Choice]] = [:]
    var listLocations: [String: SourceLocation] = [:]
    /// Words kept off client screens (`glossary`), checked once the sections are built.
    var glossary = Glossary()
    /// The draft declaration's layout, read from `declaration`.
    var declaration: DeclarationLayout?
    /// Every text built, with the order before which its `{{id}}` names must come and the
    /// repeat it lives in, for the interpolation check.
    var interpolatedTexts: [(text: LocalizedText, what: String, before: Int?, repeatID: String?, anyFieldOf: String?)] = []
    var defaultLanguage: String { languages.first ?? "en" }

    static let reservedIDs: Set<String> = ["and", "or", "not", "in", "true", "false", "end"]

    // MARK: Texts

    /// A text: a plain string in the default language, or a map from language to string,
    /// completed from the translation files. `path` is its key in a translation file.
    /// `path` and `what` are only worked out when needed: most texts have no translation to
    /// look up and nothing to report, and building both for every text was a cost of loading.
    mutating func text(_ node: YAMLNode?, path makePath: @autoclosure () -> String, what: @autoclosure () -> String) -> LocalizedText? {
        guard let node else { return nil }
        var result = [String: String](minimumCapacity: languages.count)
        // Only needed to report a text given both here and in a translation file.
        let hasTranslations = !translations.isEmpty
        var yamlLocations: [String: SourceLocation] = [:]
        switch node.kind {
        case .scalar(let s):
            result[defaultLanguage] = s
            if hasTranslations { yamlLocations[defaultLanguage] = node.location }
        case .map(let entries):
            // By index: each entry taken out was a copy of its node (retained and released).
            for i in entries.indices {
                let key = entries[i].key
                guard languages.contains(key) else {
                    sink.error(entries[i].keyLocation, "`\(key)` in \(what()) is not one of this questionnaire's languages (\(languages.joined(separator: ", ")))")
                    continue
                }
                guard let s = entries[i].value.scalar else {
                    sink.error(entries[i].value.location, "the \(key) text of \(what()) should be a single text, not \(entries[i].value.kindName)")
                    continue
                }
                result[key] = s
                if hasTranslations { yamlLocations[key] = entries[i].keyLocation }
            }
        case .null:
            return nil
        case .sequence:
            sink.error(node.location, "\(what()) should be a text, or a text per language like `{en: \"...\", es: \"...\"}`, not a list")
            return nil
        }
        // Without translation files there is nothing to take.
        if hasTranslations {
            let path = makePath()
            for language in languages.dropFirst() {
                if let entry = translations.take(language: language, path: path) {
                    if let first = yamlLocations[language] {
                        sink.error(entry.location, "the \(language) text of \(what()) is given twice: here and in \(first.file) at line \(first.line); keep one")
                    } else {
                        result[language] = entry.text
                    }
                }
            }
            if translations.take(language: defaultLanguage, path: path) != nil {
                sink.error(node.location, "\(what()) has a translation file entry for the default language `\(defaultLanguage)`; default-language texts belong in questionnaire.yaml")
            }
        }
        if result[defaultLanguage] == nil {
            sink.error(node.location, "\(what()) has no text in the default language `\(defaultLanguage)`; every text needs one")
        }
        for language in languages.dropFirst() where result[language] == nil {
            sink.warning(node.location, "\(what()) has no \(language) text; the \(defaultLanguage) text will be shown instead")
        }
        return LocalizedText(result, location: node.location)
    }

    /// Releases what only building needed (the ids' table and the texts kept for the
    /// interpolation check) once every check that reads them has run, so that the
    /// questionnaire's own tables, made last, take their place instead of adding to it.
    mutating func releaseBuildTables() {
        catalog.entries = [:]
        catalog.idsInFile = []
        catalog.allIDs = []
        interpolatedTexts = []
    }

    // MARK: Ids

    /// Checks an id's form and registers it in the shared namespace (reporting duplicates
    /// at their second occurrence).
    mutating func register(id: String, at location: SourceLocation, itemType: ItemType?, order: Int, repeatID: String?) -> Bool {
        guard NameForm.isID(id) else {
            sink.error(location, "`\(id)` is not a valid id: use lower-case letters, digits and `_`, starting with a letter")
            return false
        }
        if Builder.reservedIDs.contains(id) {
            sink.error(location, "`\(id)` cannot be used as an id because it is a word of the expression language")
            return false
        }
        if let first = catalog.entries[id] {
            sink.error(location, "the id `\(id)` is already used at line \(first.line); every section, item and field needs its own id")
            return false
        }
        catalog.entries[id] = .init(itemType: itemType, exprType: nil, order: order, repeatID: repeatID, line: location.line)
        catalog.allIDs.append(id)
        return true
    }

    // MARK: Expressions

    /// Compiles one expression, turning its diagnostics into file positions.
    mutating func compile(_ node: YAMLNode?, key: String, what: String, context: ExpressionContext,
                          before: Int?, repeatID: String?) -> RefugeExpressions.Expression? {
        guard let node else { return nil }
        guard let source = node.scalar else {
            sink.error(node.location, "`\(key)` of \(what) should be an expression written as one text")
            return nil
        }
        let symbols = QuestionSymbols(catalog: catalog, before: before, currentRepeat: repeatID, openedRepeats: [])
        let (expression, diagnostics) = RefugeExpressions.Expression.compile(source, context: context, symbols: symbols)
        for d in diagnostics {
            let location = node.location(ofCharacter: d.column)
            let message = "in `\(key)` of \(what): \(d.message)"
            switch d.severity {
            case .error: sink.error(location, message)
            case .warning: sink.warning(location, message)
            }
        }
        return expression
    }

    func exprType(of item: Item) -> ExprType? {
        switch item.type {
        case .info: return nil
        case .text, .longtext: return .text
        case .yesno: return .choice(values: ["yes", "no"])
        case .choice: return .choice(values: Set(item.choiceValues))
        case .multichoice: return .multichoice(values: Set(item.choiceValues))
        case .number: return .number
        case .date: return .date
        case .repeat: return .repeatGroup(id: item.id)
        case .calculate: return item.expression?.type
        }
    }
}
