import RefugeEngine
import RefugeQuestionnaire

/// How the report names the questionnaire's legal data: the "as of" line of the header and the
/// rule under each flag. Kept apart from the report's other words so that each renderer adds
/// one row and one line, and nothing else changes.
public enum LegalDataWording {
    enum Word: Hashable { case asOf, rule, status, source }

    /// The header row: ("Legal data as of", "2026-11"), or nothing when the questionnaire has none.
    public static func headerRow(_ report: Report) -> [(String, String)] {
        guard let asOf = report.header.legalDataAsOf else { return [] }
        return [(text(.asOf, report.wordsLanguage), asOf)]
    }

    /// The line under a flag: "Rule: Proclamation 10888. Status: partly vacated (as of 2026-11).
    /// Source: 90 FR 8333." Nil when the check names no rule.
    public static func ruleLine(_ check: ReportCheck, _ report: Report) -> String? {
        guard let rule = check.rule else { return nil }
        let language = report.wordsLanguage
        var status = statusWord(rule.status, language)
        if let asOf = report.header.legalDataAsOf { status += " (\(ProgramWords.fill(asOfTemplate(language), [asOf])))" }
        return "\(text(.rule, language)): \(rule.title). \(text(.status, language)): \(status). \(text(.source, language)): \(rule.source)"
    }

    /// The rule without its source, for page one of the HTML report ("Rule: Proclamation 10888.
    /// Status: partly vacated (as of 2026-11)."); the source is in the details.
    public static func shortRuleLine(_ check: ReportCheck, _ report: Report) -> String? {
        guard let rule = check.rule else { return nil }
        let language = report.wordsLanguage
        var status = statusWord(rule.status, language)
        if let asOf = report.header.legalDataAsOf { status += " (\(ProgramWords.fill(asOfTemplate(language), [asOf])))" }
        return "\(text(.rule, language)): \(rule.title). \(text(.status, language)): \(status)."
    }

    public static func statusWord(_ status: LegalRuleStatus, _ language: String) -> String {
        ProgramWords.pick(status, language, from: statusTables) ?? status.rawValue
    }

    static func text(_ word: Word, _ language: String) -> String {
        ProgramWords.pick(word, language, from: tables) ?? "\(word)"
    }

    static func asOfTemplate(_ language: String) -> String {
        ProgramWords.pick("asOf", language, from: ["en": ["asOf": "as of %1"], "es": ["asOf": "al %1"], "ru": ["asOf": "на %1"]]) ?? "as of %1"
    }

    static let tables: [String: [Word: String]] = [
        "en": [.asOf: "Legal data as of", .rule: "Rule", .status: "Status", .source: "Source"],
        "es": [.asOf: "Datos legales al", .rule: "Norma", .status: "Situación", .source: "Fuente"],
        "ru": [.asOf: "Правовые данные на", .rule: "Норма", .status: "Статус", .source: "Источник"],
    ]

    static let statusTables: [String: [LegalRuleStatus: String]] = [
        "en": [.inForce: "in force", .vacated: "vacated by a court", .partlyVacated: "partly vacated by a court",
               .onAppeal: "on appeal", .stayed: "stayed by a court", .superseded: "superseded", .expired: "expired"],
        "es": [.inForce: "vigente", .vacated: "anulada por un tribunal", .partlyVacated: "anulada en parte por un tribunal",
               .onAppeal: "en apelación", .stayed: "suspendida por un tribunal", .superseded: "reemplazada", .expired: "vencida"],
        "ru": [.inForce: "действует", .vacated: "отменена судом", .partlyVacated: "частично отменена судом",
               .onAppeal: "обжалуется", .stayed: "приостановлена судом", .superseded: "заменена", .expired: "истёк срок"],
    ]
}
