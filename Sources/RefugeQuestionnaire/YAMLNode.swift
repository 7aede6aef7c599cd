/// A YAML node reduced to what the format needs: scalars as their exact source text
/// (the format reads `no`, `010` and `2026.10` literally), maps with their key order,
/// and the position of every node.
///
/// Kept small (48 bytes; a map entry 72): the whole tree of a file lives until its model is
/// built, and for a large questionnaire it was several times the file's size, most of it
/// positions (a `SourceLocation` is 32 bytes, its file name repeated in every node). So a
/// node keeps its line and column in 32 bits and shares one object naming the file.
struct YAMLNode: Sendable {
    // Not `indirect`: lists and maps already live in arrays, and boxing every scalar cost an
    // allocation per node.
    enum Kind: Sendable {
        case scalar(String)
        case map([YAMLEntry])
        case sequence([YAMLNode])
        case null
    }
    // Declared in this order so that the flag and the position fill the enum's padding.
    var kind: Kind
    var quoted = false
    private var line: Int32
    private var column: Int32
    fileprivate var file: YAMLFileName
    var location: SourceLocation { SourceLocation(file: file.path, line: Int(line), column: Int(column)) }
    /// Where a scalar's text begins (after an opening quote), so positions inside an
    /// expression point at the right column.
    var contentLocation: SourceLocation { quoted ? location.shifted(by: 1) : location }
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

    init(kind: Kind, line: Int, column: Int, file: YAMLFileName, quoted: Bool = false) {
        self.kind = kind
        self.quoted = quoted
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
        self.file = file
    }

    init(kind: Kind, location: SourceLocation, quoted: Bool = false) {
        self.init(kind: kind, line: location.line, column: location.column, file: YAMLFileName(location.file), quoted: quoted)
    }

    /// An empty node at the same place as `node`.
    init(emptyAt node: YAMLNode) {
        self.init(kind: .null, line: Int(node.line), column: Int(node.column), file: node.file)
    }

    /// Where character `offset` of a scalar's text is in the file.
    func location(ofCharacter offset: Int) -> SourceLocation {
        block?.location(ofCharacter: offset, file: location.file) ?? contentLocation.shifted(by: offset)
    }

    var scalar: String? { if case .scalar(let s) = kind { return s } else { return nil } }
    var mapEntries: [YAMLEntry]? {
        if case .map(let entries) = kind { return entries } else { return nil }
    }
    var sequence: [YAMLNode]? { if case .sequence(let items) = kind { return items } else { return nil } }

    /// Takes the list under `key` (its first entry) out of this map and leaves an empty list
    /// in its place, so that the caller holds the only reference to the list and can release
    /// each element once it is built: the tree of a large questionnaire and its model alive at
    /// once were the peak of memory while loading (issue 19). Nil, with nothing changed, when
    /// this is not a map or the value is not a list with at least one element.
    mutating func takeList(_ key: String) -> [YAMLNode]? {
        guard case .map(var entries) = kind, let i = entries.firstIndex(where: { $0.key == key }),
              case .sequence(let list) = entries[i].value.kind, !list.isEmpty else { return nil }
        // Released first, so that `entries` and then `list` are the only references.
        kind = .null
        entries[i].value.kind = .sequence([])
        kind = .map(entries)
        return list
    }

    /// Takes element `index` out of `list`, leaving an empty node at its place, so that it is
    /// released when the caller is done with it.
    static func take(_ index: Int, from list: inout [YAMLNode]) -> YAMLNode {
        var taken = YAMLNode(emptyAt: list[index])
        swap(&taken, &list[index])
        return taken
    }

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

/// One key of a map and its value; the key's position is kept like a node's, in the same file.
struct YAMLEntry: Sendable {
    var key: String
    private var keyLine: Int32
    private var keyColumn: Int32
    var value: YAMLNode
    var keyLocation: SourceLocation { SourceLocation(file: value.file.path, line: Int(keyLine), column: Int(keyColumn)) }

    init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        keyLine = Int32(clamping: keyLocation.line)
        keyColumn = Int32(clamping: keyLocation.column)
        self.value = value
    }
}

/// The name of the file a tree was read from, one object shared by all its nodes.
final class YAMLFileName: Sendable {
    let path: String
    init(_ path: String) { self.path = path }
}
