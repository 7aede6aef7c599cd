// What the importer knows of each name in the survey sheet before translating expressions:
// the Refuge id it became, what kind of answer it holds, and the repeat it belongs to.

struct FormSymbol: Sendable {
    enum Kind: Equatable, Sendable {
        case text, number, date, choice, multichoice, acknowledge, calculate, repeatGroup, group, note
        /// A row Refuge cannot ask (geopoint, image, …): named in an expression, it is reported.
        case notImported(String)
    }
    var id: String
    var kind: Kind
    /// The XLSForm name of the repeat the question is in (the outermost one, repeats being flattened).
    var repeatName: String?
    /// The choice values of a select's list.
    var choiceValues: [String] = []

    /// Whether a text may show it as `{{id}}`.
    var hasValue: Bool {
        switch kind {
        case .group, .note, .notImported: return false
        default: return true
        }
    }
}

/// Refuge ids from XLSForm names: `[a-z][a-z0-9_]*`, unique across sections, items and repeat
/// fields, and none of the expression words.
struct IDAllocator {
    private var taken: Set<String> = []
    static let reserved: Set<String> = ["and", "or", "not", "in", "true", "false", "end"]

    static func form(_ name: String) -> String {
        var id = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" {
                id.unicodeScalars.append(scalar)
            } else {
                id += "_"
            }
        }
        if id.isEmpty { id = "q" }
        if let first = id.unicodeScalars.first, !("a"..."z").contains(first) { id = "q_" + id }
        if reserved.contains(id) { id += "_q" }
        return id
    }

    mutating func allocate(_ name: String) -> String {
        let base = IDAllocator.form(name)
        var id = base
        var n = 2
        while taken.contains(id) { id = "\(base)_\(n)"; n += 1 }
        taken.insert(id)
        return id
    }
}
