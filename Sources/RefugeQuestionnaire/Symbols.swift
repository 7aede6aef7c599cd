import RefugeExpressions

/// What the validator knows about every id before expressions are compiled.
final class SymbolCatalog: @unchecked Sendable {
    // Filled once while loading (single-threaded), then only read: safe to share.
    /// 48 bytes: the table holds one for every id of the file while the whole model is built
    /// (the id is the table's key; of the place, only the line is ever reported).
    struct Entry {
        var itemType: ItemType?      // nil for a section
        var exprType: ExprType?
        var order: Int
        var repeatID: String?
        /// Where the id is written, for "already used at line N".
        var line: Int
    }
    var entries: [String: Entry] = [:]
    var allIDs: [String] = []
    /// Every item id written anywhere in the file, found before building, so that naming a
    /// question that comes later gets the right message.
    var idsInFile: Set<String> = []

    func exprType(for entry: Entry) -> ExprType? { entry.exprType }
}

/// The ids one expression may name: only earlier questions for routing and calculations,
/// any question for constraints and checks; a repeat's fields only inside that repeat, or
/// inside `count`/`any`/`all` over it.
struct QuestionSymbols: SymbolTable {
    let catalog: SymbolCatalog
    /// Names must come before this order (nil: anywhere in the file).
    let before: Int?
    /// The repeat whose entry the expression belongs to.
    let currentRepeat: String?
    /// Repeats opened by `count`/`any`/`all`.
    let openedRepeats: Set<String>

    func lookup(_ id: String) -> SymbolLookup {
        guard let entry = catalog.entries[id] else {
            if catalog.idsInFile.contains(id) {
                return .notAllowed(reason: "`\(id)` comes later in the file; only questions asked before this point can be used here")
            }
            return .unknown(suggestion: Suggestions.closest(to: id, among: catalog.allIDs))
        }
        guard let itemType = entry.itemType else {
            return .notAllowed(reason: "`\(id)` is a section, not a question; name one of its questions instead")
        }
        if itemType == .info {
            return .notAllowed(reason: "`\(id)` is an information screen and has no answer")
        }
        if let repeatID = entry.repeatID, repeatID != currentRepeat, !openedRepeats.contains(repeatID) {
            return .notAllowed(reason: "`\(id)` is a field of the repeat `\(repeatID)`; outside it, use it inside `count(\(repeatID), ...)`, `any(\(repeatID), ...)` or `all(\(repeatID), ...)`")
        }
        let opened = entry.repeatID.map { openedRepeats.contains($0) } ?? false
        if let before, !opened, entry.order >= before {
            return .notAllowed(reason: "`\(id)` comes later in the file; only questions asked before this point can be used here")
        }
        guard let type = entry.exprType else {
            return .notAllowed(reason: "`\(id)` has no value that can be used here")
        }
        return .found(type)
    }

    func entryScope(of repeatID: String) -> any SymbolTable {
        var opened = openedRepeats
        opened.insert(repeatID)
        return QuestionSymbols(catalog: catalog, before: before, currentRepeat: currentRepeat, openedRepeats: opened)
    }
}
