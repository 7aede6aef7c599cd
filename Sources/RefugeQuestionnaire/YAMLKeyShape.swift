/// What makes two map keys "the same key" for the duplicate check: their text (or, for the
/// rare key that is itself a map or a list, their contents) and their YAML tag.
///
/// This mirrors how Yams compared nodes when it composed our files, so that the check
/// reports exactly the duplicates (and in the same order) it reported before: scalars are
/// equal when text and resolved tag are equal; `!` and no tag mean the kind's default tag.
///
/// Not `indirect`: maps and lists keep their parts in arrays, and a box per key would cost an
/// allocation for every key of every map.
enum YAMLKeyShape: Hashable {
    struct Pair: Hashable {
        var key: YAMLKeyShape
        var value: YAMLKeyShape
    }
    /// `tag` is nil for the kind's default tag (`str`, `map`, `seq`), so that the usual key
    /// costs no tag text at all.
    case scalar(String, tag: String?)
    case mapping([Pair], tag: String?)
    case sequence([YAMLKeyShape], tag: String?)

    /// The text a map key is known by: a scalar's text, and "" for a map or list used as a key.
    var scalarText: String? {
        if case .scalar(let text, _) = self { return text } else { return nil }
    }

    /// Yams' order for its duplicate report: scalars by text, maps by their keys, lists by
    /// their elements; nodes of different kinds are not ordered.
    static func precedes(_ lhs: YAMLKeyShape, _ rhs: YAMLKeyShape) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(l, _), .scalar(r, _)): return l < r
        case let (.mapping(l, _), .mapping(r, _)): return lexicographicallyPrecedes(l.map(\.key), r.map(\.key))
        case let (.sequence(l, _), .sequence(r, _)): return lexicographicallyPrecedes(l, r)
        default: return false
        }
    }

    private static func lexicographicallyPrecedes(_ lhs: [YAMLKeyShape], _ rhs: [YAMLKeyShape]) -> Bool {
        for (l, r) in zip(lhs, rhs) {
            if precedes(l, r) { return true }
            if precedes(r, l) { return false }
        }
        return lhs.count < rhs.count
    }

    /// Indices of the first occurrence of every key that occurs more than once, in the order
    /// of the duplicate report.
    static func duplicates(among keys: [YAMLKeyShape]) -> [Int] {
        guard keys.count > 1 else { return [] }
        var firstOfRepeated: [Int] = []
        if keys.count <= 16 {
            // Most maps are small: comparing pairs is cheaper than building a hash table.
            for i in 1..<keys.count {
                for earlier in 0..<i where keys[earlier] == keys[i] {
                    if !firstOfRepeated.contains(earlier) { firstOfRepeated.append(earlier) }
                    break
                }
            }
        } else {
            var firstIndex: [YAMLKeyShape: Int] = [:]
            firstIndex.reserveCapacity(keys.count)
            var reported: Set<Int> = []
            for (i, key) in keys.enumerated() {
                if let first = firstIndex[key] {
                    if reported.insert(first).inserted { firstOfRepeated.append(first) }
                } else {
                    firstIndex[key] = i
                }
            }
        }
        guard firstOfRepeated.count > 1 else { return firstOfRepeated }
        return firstOfRepeated.sorted { precedes(keys[$0], keys[$1]) }
    }
}
