/// A YAML node reduced to what the format needs: scalars as their exact source text
/// (the format reads `no`, `010` and `2026.10` literally), maps with their key order,
/// and the position of every node.
struct YAMLNode: Sendable {
    // Not `indirect`: lists and maps already live in arrays, and boxing every scalar cost an
    // allocation per node.
    enum Kind: Sendable {
        case scalar(String)
        case map([(key: String, keyLocation: SourceLocation, value: YAMLNode)])
        case sequence([YAMLNode])
        case null
    }
    var kind: Kind
    var location: SourceLocation
    /// Where a scalar's text begins (after an opening quote), so positions inside an
    /// expression point at the right column.
    var contentLocation: SourceLocation { quoted ? location.shifted(by: 1) : location }
    var quoted = false
    /// For a block scalar (`|`, `>`): where each of its characters is in the file. Kept in a box:
    /// few nodes have one, and inline it took 32 bytes of every node of the tree, which lives
    /// until the model is built (the peak of memory while loading).
    var block: BlockScalarLines? {
        get { blockBox?.lines }
        set { blockBox = newValue.map(BlockBox.init) }
    }
    private var blockBox: BlockBox?

    private final class BlockBox: Sendable {
        let lines: BlockScalarLines
        init(_ lines: BlockScalarLines) { self.lines = lines }
    }

    init(kind: Kind, location: SourceLocation, quoted: Bool = false) {
        self.kind = kind
        self.location = location
        self.quoted = quoted
    }

    /// Where character `offset` of a scalar's text is in the file.
    func location(ofCharacter offset: Int) -> SourceLocation {
        block?.location(ofCharacter: offset, file: location.file) ?? contentLocation.shifted(by: offset)
    }

    var scalar: String? { if case .scalar(let s) = kind { return s } else { return nil } }
    var mapEntries: [(key: String, keyLocation: SourceLocation, value: YAMLNode)]? {
        if case .map(let entries) = kind { return entries } else { return nil }
    }
    var sequence: [YAMLNode]? { if case .sequence(let items) = kind { return items } else { return nil } }

    var kindName: String {
        switch kind {
        case .scalar: return "a single value"
        case .map: return "a set of keys"
        case .sequence: return "a list"
        case .null: return "empty"
        }
    }

    /// Parses YAML text; a syntax error becomes one diagnostic with its line and column.
    static func parse(_ text: String, file: String) -> Result<YAMLNode, Diagnostic> {
        var text = text
        let composed = text.withUTF8 { bytes -> Result<YAMLNode?, YAMLFailure> in
            do throws(YAMLFailure) {
                return .success(try YAMLComposer.compose(bytes, file: file))
            } catch {
                return .failure(error)
            }
        }
        switch composed {
        case .success(let node?): return .success(node)
        case .success(nil): return .success(YAMLNode(kind: .null, location: SourceLocation(file: file, line: 1, column: 1)))
        case .failure(let failure): return .failure(describe(failure, file: file))
        }
    }

    private static func location(_ mark: YAMLFailure.Mark?, file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func describe(_ failure: YAMLFailure, file: String) -> Diagnostic {
        switch failure {
        case let .syntax(problem, mark, context):
            var message = "this is not valid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.at.line))" }
            if problem.contains("tab") {
                message += "; use spaces, not tabs, to indent"
            } else if problem.contains("did not find expected") || problem.contains("could not find expected") {
                message += "; check the indentation of this line and the one before it (items of a list start with `-`, keys of the same map line up)"
            } else if problem.contains("mapping values are not allowed") {
                message += "; a text containing `: ` must be put in quotes"
            }
            return Diagnostic(.error, at: location(mark, file: file), message)
        case let .duplicateKeys(keys, mark):
            let names = keys.map { "`\($0)`" }.joined(separator: ", ")
            return Diagnostic(.error, at: location(mark, file: file),
                              "the key \(names) appears twice in the same place; keep only one")
        case let .limit(message, mark):
            return Diagnostic(.error, at: location(mark, file: file), message)
        case let .reader(problem):
            return Diagnostic(.error, at: location(nil, file: file), "this file could not be read: \(problem) (is it saved as UTF-8?)")
        case .unreadable:
            return Diagnostic(.error, at: location(nil, file: file), "this file could not be read as YAML")
        }
    }
}
