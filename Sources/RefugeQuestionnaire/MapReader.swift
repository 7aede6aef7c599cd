import RefugeLimits
import RefugeExpressions
/// Reads the keys of one YAML map, remembering which were used so that unknown keys can be
/// reported, and turning wrong kinds of values into messages an author understands.
struct MapReader {
    let node: YAMLNode
    /// What this map is, for messages: "item `harm`", "the questionnaire".
    let what: String
    private let entries: [YAMLEntry]
    /// The first entry of each key, only for large maps: most maps have a handful of keys,
    /// and comparing those is cheaper than building a table for every map read.
    private let firstIndex: [String: Int]?
    private static let indexedFrom = 16

    init(_ node: YAMLNode, what: String) {
        self.node = node
        self.what = what
        entries = node.mapEntries ?? []
        if entries.count >= Self.indexedFrom {
            var firstIndex: [String: Int] = [:]
            firstIndex.reserveCapacity(entries.count)
            for (i, entry) in entries.enumerated() where firstIndex[entry.key] == nil { firstIndex[entry.key] = i }
            self.firstIndex = firstIndex
        } else {
            firstIndex = nil
        }
    }

    /// Where the first entry with this key is; a later repeat of a key is not read.
    private func index(of key: String) -> Int? {
        if let firstIndex { return firstIndex[key] }
        return entries.firstIndex { $0.key == key }
    }

    func has(_ key: String) -> Bool { index(of: key) != nil }
    func value(_ key: String) -> YAMLNode? {
        guard let i = index(of: key) else { return nil }
        if case .null = entries[i].value.kind { return nil }
        return entries[i].value
    }
    func keyLocation(_ key: String) -> SourceLocation {
        guard let i = index(of: key) else { return node.location }
        return entries[i].keyLocation
    }

    /// Reports keys that are not in `allowed` (keys starting with `x-` are extensions and kept).
    func reportUnknownKeys(_ allowed: Set<String>, into sink: inout DiagnosticSink, hint: [String: String] = [:]) {
        // By index: each entry taken out was a copy of its value's node (retained and released).
        for i in entries.indices where !allowed.contains(entries[i].key) && !entries[i].key.hasPrefix("x-") {
            let key = entries[i].key
            // Each key once, at its first entry.
            guard index(of: key) == i else { continue }
            var message = "`\(key)` is not a key of \(what)"
            if let h = hint[key] {
                message += "; \(h)"
            } else if let close = Suggestions.closest(to: key, among: Array(allowed)) {
                message += "; did you mean `\(close)`?"
            } else {
                message += " (allowed here: \(allowed.sorted().joined(separator: ", ")))"
            }
            sink.error(entries[i].keyLocation, message)
        }
    }

    func requireKey(_ key: String, into sink: inout DiagnosticSink) -> YAMLNode? {
        guard let v = value(key) else {
            if has(key) {
                sink.error(keyLocation(key), "`\(key)` of \(what) is empty; it needs a value")
            } else {
                sink.error(node.location, "\(what) has no `\(key)`; it is required")
            }
            return nil
        }
        return v
    }

    func string(_ key: String, into sink: inout DiagnosticSink) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.scalar else {
            sink.error(v.location, "`\(key)` of \(what) should be a single value, not \(v.kindName)")
            return nil
        }
        return s
    }

    func bool(_ key: String, into sink: inout DiagnosticSink) -> Bool? {
        guard let v = value(key) else { return nil }
        switch v.scalar?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            sink.error(v.location, "`\(key)` of \(what) should be true or false")
            return nil
        }
    }

    func int(_ key: String, into sink: inout DiagnosticSink) -> Int? {
        guard let v = value(key) else { return nil }
        guard let s = v.scalar, let n = Int(s) else {
            sink.error(v.location, "`\(key)` of \(what) should be a whole number")
            return nil
        }
        if n < 0 {
            sink.error(v.location, "`\(key)` of \(what) should not be negative")
            return nil
        }
        return n
    }

    /// An exact decimal, as answers are (`ExactNumber`): `0`, `120`, `-3`, `2.5`.
    func number(_ key: String, into sink: inout DiagnosticSink) -> ExactNumber? {
        guard let v = value(key) else { return nil }
        switch v.scalar.map(ExactNumber.parse) {
        case .success(let n)?:
            return n
        case .failure(.tooManyDigits)?:
            sink.error(v.location, "`\(key)` of \(what) has more than \(Limits.numberDigits) digits, more than a number can keep exactly")
        default:
            sink.error(v.location, "`\(key)` of \(what) should be a number such as 18 or 2.5")
        }
        return nil
    }
}
