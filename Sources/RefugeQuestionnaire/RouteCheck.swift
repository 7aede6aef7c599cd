import RefugeExpressions

/// Checks every `goto` target (forward only, never into a repeat, `end` not inside one)
/// and records the flow position each rule jumps to.
extension Builder {
    mutating func resolveRoutes(_ sections: inout [Section]) {
        // By index throughout: taking a section or an item out of the array copied all of it.
        var position: [String: Int] = [:]
        var fieldOf: [String: String] = [:]
        // Sized once (a table grown by doubling rehashed every id log n times).
        position.reserveCapacity(sections.reduce(0) { $0 + 1 + $1.items.count })
        var p = 0
        for s in sections.indices {
            position[sections[s].id] = p; p += 1
            for i in sections[s].items.indices {
                position[sections[s].items[i].id] = p; p += 1
                for f in sections[s].items[i].fields.indices { fieldOf[sections[s].items[i].fields[f].id] = sections[s].items[i].id }
            }
        }
        for s in sections.indices {
            var sectionEnd = position[sections[s].id]!
            for i in sections[s].items.indices {
                let itemID = sections[s].items[i].id
                let here = position[itemID]!
                sectionEnd = here
                for r in sections[s].items[i].next.indices {
                    resolve(&sections[s].items[i].next[r], from: here, carrier: "`\(itemID)`", position: position, fieldOf: fieldOf)
                }
                // The ids only: holding the fields themselves would make changing them copy them.
                let fieldIDs = sections[s].items[i].fields.map(\.id)
                for f in fieldIDs.indices {
                    for r in sections[s].items[i].fields[f].next.indices {
                        resolveInRepeat(&sections[s].items[i].fields[f].next[r], field: f, fieldIDs: fieldIDs, repeatID: itemID)
                    }
                }
            }
            for r in sections[s].next.indices {
                resolve(&sections[s].next[r], from: sectionEnd, carrier: "section `\(sections[s].id)`", position: position, fieldOf: fieldOf)
            }
        }
    }

    private mutating func resolve(_ rule: inout RoutingRule, from here: Int, carrier: String, position: [String: Int],
                                  fieldOf: [String: String]) {
        if rule.target == "end" { return }
        if let repeatID = fieldOf[rule.target] {
            sink.error(rule.location, "`goto: \(rule.target)` jumps into the repeat `\(repeatID)`; go to the repeat itself instead")
            return
        }
        guard let target = position[rule.target] else {
            var message = "`goto: \(rule.target)` names no item or section"
            // Every id and `end` (the closest is the same whatever their order).
            if let close = Suggestions.closest(to: rule.target, among: Array(position.keys) + ["end"]) { message += "; did you mean `\(close)`?" }
            sink.error(rule.location, message)
            return
        }
        guard target > here else {
            sink.error(rule.location, "`goto: \(rule.target)` from \(carrier) goes backwards (or to itself); a `goto` can only go to something later in the file, so that every interview ends")
            return
        }
        rule.targetPosition = target
    }

    private mutating func resolveInRepeat(_ rule: inout RoutingRule, field: Int, fieldIDs: [String], repeatID: String) {
        if rule.target == "end" {
            sink.error(rule.location, "`goto: end` is not allowed inside the repeat `\(repeatID)`; go to a later field of the same entry")
            return
        }
        guard let target = fieldIDs.firstIndex(of: rule.target) else {
            sink.error(rule.location, "`goto: \(rule.target)` inside the repeat `\(repeatID)` must name a later field of the same repeat (\(fieldIDs.dropFirst(field + 1).map { "`\($0)`" }.joined(separator: ", ")))")
            return
        }
        guard target > field else {
            sink.error(rule.location, "`goto: \(rule.target)` goes backwards inside the repeat `\(repeatID)`; it can only go to a later field")
            return
        }
        rule.targetPosition = target
    }
}
