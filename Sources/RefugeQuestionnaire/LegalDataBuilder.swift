import RefugeExpressions
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Builder {
    static let legalDataKeys: Set<String> = ["as_of", "rules"]
    static let legalRuleKeys: Set<String> = ["id", "title", "source", "status", "note"]

    /// Reads the top-level `legal_data` block: `{as_of, rules: [{id, title, source, status, note}]}`.
    mutating func buildLegalData(_ node: YAMLNode?) -> LegalData? {
        guard let node else { return nil }
        guard node.mapEntries != nil else {
            sink.error(node.location, "`legal_data` should have `as_of` (the month the rules were checked, like `2026-11`) and `rules`")
            return nil
        }
        let map = MapReader(node, what: "`legal_data`")
        map.reportUnknownKeys(Builder.legalDataKeys, into: &sink)
        var asOf = ""
        if let asOfNode = map.requireKey("as_of", into: &sink) {
            asOf = asOfNode.scalar ?? ""
            if !Builder.isAsOfDate(asOf) {
                sink.error(asOfNode.location, "`as_of` of `legal_data` should be the month or day the rules were last checked, like `2026-11` or `2026-11-20`")
            }
        }
        var rules: [LegalRule] = []
        var seen: [String: Int] = [:]
        if let list = map.requireKey("rules", into: &sink) {
            guard let entries = list.sequence else {
                sink.error(list.location, "`legal_data.rules` should be a list of rules")
                return LegalData(asOf: asOf, rules: [])
            }
            for ruleNode in entries {
                guard ruleNode.mapEntries != nil else {
                    sink.error(ruleNode.location, "each rule in `legal_data.rules` should have `id`, `title`, `source` and `status`")
                    continue
                }
                let probe = MapReader(ruleNode, what: "a rule in `legal_data`")
                guard let id = probe.string("id", into: &sink) else {
                    _ = probe.requireKey("id", into: &sink)
                    continue
                }
                let r = MapReader(ruleNode, what: "rule `\(id)`")
                r.reportUnknownKeys(Builder.legalRuleKeys, into: &sink)
                let idLocation = r.value("id")!.location
                if !NameForm.isID(id) {
                    sink.error(idLocation, "`\(id)` is not a valid rule id: use lower-case letters, digits and `_`")
                }
                if let line = seen[id] {
                    sink.error(idLocation, "the rule id `\(id)` is already used at line \(line)")
                }
                seen[id] = idLocation.line
                let title = r.requireKey("title", into: &sink).flatMap { scalar($0, "`title` of rule `\(id)`") }
                let source = r.requireKey("source", into: &sink).flatMap { scalar($0, "`source` of rule `\(id)`") }
                let note = r.value("note").flatMap { scalar($0, "`note` of rule `\(id)`") }
                var status: LegalRuleStatus?
                if let statusNode = r.requireKey("status", into: &sink) {
                    status = statusNode.scalar.flatMap(LegalRuleStatus.init(rawValue:))
                    if status == nil {
                        let allowed = LegalRuleStatus.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                        var message = "`status` of rule `\(id)` should be one of \(allowed), not `\(statusNode.scalar ?? statusNode.kindName)`"
                        if let s = statusNode.scalar, let close = Suggestions.closest(to: s, among: LegalRuleStatus.allCases.map(\.rawValue)) {
                            message += "; did you mean `\(close)`?"
                        }
                        sink.error(statusNode.location, message)
                    }
                }
                if let title, let source, let status {
                    rules.append(LegalRule(id: id, title: title, source: source, status: status, note: note))
                }
            }
        }
        return LegalData(asOf: asOf, rules: rules)
    }

    /// A rule's single-valued key; a list or map there is an error.
    private mutating func scalar(_ node: YAMLNode, _ what: String) -> String? {
        guard let s = node.scalar else {
            sink.error(node.location, "\(what) should be a single text, not \(node.kindName)")
            return nil
        }
        return s
    }

    /// `YYYY-MM` or `YYYY-MM-DD`, with a real month (and day).
    static func isAsOfDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4, Int(parts[0]) != nil,
              parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return false }
        }
        return true
    }

    /// Every check's `rule:` must name a rule of `legal_data`.
    mutating func checkRuleReferences(_ checks: [Check], ruleNodes: [String: SourceLocation], legalData: LegalData?) {
        let known = legalData?.rules.map(\.id) ?? []
        for check in checks {
            guard let rule = check.rule, let location = ruleNodes[check.id] else { continue }
            if legalData == nil {
                sink.error(location, "check `\(check.id)` names the rule `\(rule)`, but the questionnaire has no `legal_data` block")
            } else if !known.contains(rule) {
                var message = "check `\(check.id)` names the rule `\(rule)`, which is not in `legal_data.rules`"
                if let close = Suggestions.closest(to: rule, among: known) { message += "; did you mean `\(close)`?" }
                sink.error(location, message)
            }
        }
    }
}
