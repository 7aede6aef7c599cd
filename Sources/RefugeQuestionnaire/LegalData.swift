/// Rules of law a questionnaire's checks rest on, kept as data so that a change in the law
/// (a rule vacated, stayed, superseded) is an edit of the questionnaire, not of the program.
/// Titles, sources and notes are citations for the attorney: kept as written, not translated.
public struct LegalData: Sendable {
    /// The month (or day) the rules were last checked against their sources, e.g. `2026-11`.
    public var asOf: String
    public var rules: [LegalRule]

    public init(asOf: String, rules: [LegalRule]) { self.asOf = asOf; self.rules = rules }

    public func rule(_ id: String) -> LegalRule? { rules.first { $0.id == id } }
}

public struct LegalRule: Sendable, Hashable {
    public var id: String
    /// The rule's name as lawyers cite it ("Proclamation 10888").
    public var title: String
    /// Where it can be checked: a Federal Register citation, a regulation, a court and docket.
    public var source: String
    public var status: LegalRuleStatus
    /// What is known about its status and scope, for the attorney.
    public var note: String?

    public init(id: String, title: String, source: String, status: LegalRuleStatus, note: String? = nil) {
        self.id = id; self.title = title; self.source = source; self.status = status; self.note = note
    }
}

/// Where a rule stands. Litigation moves fast: every status is as of `LegalData.asOf`.
public enum LegalRuleStatus: String, Sendable, CaseIterable, Hashable {
    case inForce = "in_force"
    case vacated
    case partlyVacated = "partly_vacated"
    case onAppeal = "on_appeal"
    case stayed
    case superseded
    case expired
}
