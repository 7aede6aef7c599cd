import Yams

/// A YAML node reduced to what the format needs: scalars as their exact source text
/// (the format reads `no`, `010` and `2026.10` literally), maps with their key order,
/// and the position of every node.
struct YAMLNode: Sendable {
    indirect enum Kind: Sendable {
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
        do {
            // `.basic`: no implicit typing of scalars. The format reads every scalar as its text,
            // and Yams' default resolver runs several regular expressions on each scalar (to hash
            // each map key for its duplicate check), which was most of the time of loading.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                return .success(YAMLNode(kind: .null, location: SourceLocation(file: file, line: 1, column: 1)))
            }
            return .success(convert(node, file: file))
        } catch let error as YamlError {
            return .failure(describe(error, file: file))
        } catch {
            return .failure(Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1),
                                       "this file could not be read as YAML"))
        }
    }

    private static func location(_ mark: Mark?, file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(_ node: Node, file: String) -> YAMLNode {
        let loc = location(node.mark, file: file)
        switch node {
        case .scalar(let scalar):
            // An empty plain scalar (`key:` with nothing after it) or `~`/`null` written plainly is
            // "no value"; quoted they stay text.
            if scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "null" || scalar.string == "Null" || scalar.string == "NULL") {
                return YAMLNode(kind: .null, location: loc)
            }
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return YAMLNode(kind: .scalar(scalar.string), location: loc, quoted: quoted)
        case .mapping(let mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
            for (key, value) in mapping {
                let keyText = key.scalar?.string ?? ""
                entries.append((keyText, location(key.mark, file: file), convert(value, file: file)))
            }
            return YAMLNode(kind: .map(entries), location: loc)
        case .sequence(let sequence):
            return YAMLNode(kind: .sequence(sequence.map { convert($0, file: file) }), location: loc)
        case .alias(let alias):
            return YAMLNode(kind: .null, location: location(alias.mark, file: file))
        }
    }

    private static func describe(_ error: YamlError, file: String) -> Diagnostic {
        func diag(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> Diagnostic {
            var message = "this is not valid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            if problem.contains("tab") {
                message += "; use spaces, not tabs, to indent"
            } else if problem.contains("did not find expected") || problem.contains("could not find expected") {
                message += "; check the indentation of this line and the one before it (items of a list start with `-`, keys of the same map line up)"
            } else if problem.contains("mapping values are not allowed") {
                message += "; a text containing `: ` must be put in quotes"
            }
            return Diagnostic(.error, at: location(mark, file: file), message)
        }
        switch error {
        case let .scanner(context, problem, mark, _): return diag(mark, problem, context)
        case let .parser(context, problem, mark, _): return diag(mark, problem, context)
        case let .composer(context, problem, mark, _): return diag(mark, problem, context)
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return Diagnostic(.error, at: location(context.mark, file: file),
                              "the key \(names) appears twice in the same place; keep only one")
        case let .reader(problem, _, _, _):
            return Diagnostic(.error, at: location(nil, file: file), "this file could not be read: \(problem) (is it saved as UTF-8?)")
        default:
            return Diagnostic(.error, at: location(nil, file: file), "this file could not be read as YAML")
        }
    }
}
