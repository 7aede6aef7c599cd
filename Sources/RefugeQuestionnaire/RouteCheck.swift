import RefugeExpressions

/// Checks every `goto` target (forward only, never into a repeat, `end` not inside one)
/// and records the flow position each rule jumps to.
extension Builder {
    mutating func resolveRoutes(_ sections: inout [Section]) {
        var position: [String: Int] = [:]
        var fieldOf: [String: String] = [:]
        var p = 0
        for section in sections {
            position[section.id] = p; p += 1
            for item in section.items {
                position[item.id] = p; p += 1
                for field in item.fields { fieldOf[field.id] = item.id }
            }
        }
        let targets = Array(position.keys) + ["end"]
        for s in sections.indices {
            var sectionEnd = position[sections[s].id]!
            for i in sections[s].items.indices {
                let itemID = sections[s].items[i].id
                let here = position[itemID]!
                sectionEnd = here
                for r in sections[s].items[i].next.indices {
                    resolve(&sections[s].items[i].next[r], from: here, carrier: "`\(itemID)`", position: position, fieldOf: fieldOf, targets: targets)
                }
                let fields = sections[s].items[i].fields
                for f in fields.indices {
                    for r in fields[f].next.indices {
                        resolveInRepeat(&sections[s].items[i].fields[f].next[r], field: f, fields: fields, repeatID: itemID)
                    }
                }
            }
            for r in sections[s].next.indices {
                resolve(&sections[s].next[r], from: sectionEnd, carrier: "section `\(sections[s].id)`", position: position, fieldOf: fieldOf, targets: targets)
            }
        }
    }

    private mutating func resolve(_ rule: inout RoutingRule, from here: Int, carrier: String, position: [String: Int],
                                  fieldOf: [String: String], targets: [String]) {
        if rule.target == "end" { return }
        if let repeatID = fieldOf[rule.target] {
            sink.error(rule.location, "`goto: \(rule.target)` jumps into the repeat `\(repeatID)`; go to the repeat itself instead")
            return
        }
        guard let target = position[rule.target] else {
            var message = "`goto: \(rule.target)` names no item or section"
            if let close = closestMatch(to: rule.target, in: targets) { message += "; did you mean `\(close)`?" }
            sink.error(rule.location, message)
            return
        }
        guard target > here else {
            sink.error(rule.location, "`goto: \(rule.target)` from \(carrier) goes backwards (or to itself); a `goto` can only go to something later in the file, so that every interview ends")
            return
        }
        rule.targetPosition = target
    }

    private mutating func resolveInRepeat(_ rule: inout RoutingRule, field: Int, fields: [Item], repeatID: String) {
        if rule.target == "end" {
            sink.error(rule.location, "`goto: end` is not allowed inside the repeat `\(repeatID)`; go to a later field of the same entry")
            return
        }
        guard let target = fields.firstIndex(where: { $0.id == rule.target }) else {
            sink.error(rule.location, "`goto: \(rule.target)` inside the repeat `\(repeatID)` must name a later field of the same repeat (\(fields.dropFirst(field + 1).map { "`\($0.id)`" }.joined(separator: ", ")))")
            return
        }
        guard target > field else {
            sink.error(rule.location, "`goto: \(rule.target)` goes backwards inside the repeat `\(repeatID)`; it can only go to a later field")
            return
        }
        rule.targetPosition = target
    }
}
