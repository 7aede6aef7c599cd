import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// Questionnaires and sessions for the report tests: built in memory, fixed dates, no disk.
enum ReportFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct LoadFailure: Error, CustomStringConvertible { var description: String }

    /// A questionnaire shipped in `Questionnaires/`.
    static func shipped(_ name: String) throws -> Questionnaire {
        let result = QuestionnaireLoader.load(path: packageRoot.appendingPathComponent("Questionnaires/\(name)").path)
        guard let questionnaire = result.questionnaire else {
            throw LoadFailure(description: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return questionnaire
    }

    static func inline(_ yaml: String) throws -> Questionnaire {
        let result = QuestionnaireLoader.load(files: [SourceFile(relativePath: "test.yaml", bytes: Array(yaml.utf8))],
                                              displayRoot: "test.yaml", sourcePath: "test.yaml")
        guard let questionnaire = result.questionnaire else {
            throw LoadFailure(description: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return questionnaire
    }

    static func time(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static let interviewDate = PartialDate(year: 2026, month: 11, day: 29)
    static let created = time("2026-11-29T14:05:00Z")
    static let updated = time("2026-11-29T15:40:12Z")
    static let now = time("2026-11-30T09:00:00Z")

    /// A session of `questionnaire` whose answers are set through an interview by `fill`.
    static func session(_ questionnaire: Questionnaire, language: String, interviewerLanguage: String = "en",
                        label: String = "A-2026-0117",
                        fill: (inout Interview) throws -> Void) rethrows -> Session {
        var interview = Interview(questionnaire: questionnaire, today: interviewDate)
        try fill(&interview)
        var session = Session(
            id: "s-7f3a9c", label: label,
            questionnaire: QuestionnaireRef(id: questionnaire.id, version: questionnaire.version,
                                            sha256: questionnaire.contentHash, path: questionnaire.sourcePath),
            language: language, interviewerLanguage: interviewerLanguage, created: created, interviewDate: interviewDate)
        session.updated = updated
        session.answers = interview.answers
        return session
    }

    /// The version snapshots are made with (the real one changes with every release).
    static let programVersion = "refuge test-version"

    static func report(_ session: Session, _ questionnaire: Questionnaire, language: String? = nil,
                       redact: Bool = false, redaction: Redaction? = nil, notes: Bool = false,
                       labels: Bool = false, allDates: Bool = false, changesSince: PartialDate? = nil) -> Report {
        ReportBuilder.build(session: session, questionnaire: questionnaire,
                            options: ReportOptions(language: language, redact: redact, redaction: redaction, notes: notes,
                                                   labels: labels, allDates: allDates, changesSince: changesSince,
                                                   programVersion: programVersion, now: now))
    }

    static func render(_ session: Session, _ questionnaire: Questionnaire, _ format: ReportFormat,
                       language: String? = nil, redact: Bool = false, redaction: Redaction? = nil, notes: Bool = false,
                       labels: Bool = false) -> String {
        ReportWriter.render(report(session, questionnaire, language: language, redact: redact, redaction: redaction,
                                   notes: notes, labels: labels), format: format)
    }

    /// The full example intake: every item type, a repeat with two entries, a note, a
    /// translation, a follow-up, a lawyer-only mark, a sensitive answer, a draft, a don't
    /// know, a point to clarify, a legal flag, an unanswered required question and an answer
    /// to a question the questionnaire no longer has.
    static func exampleSession(_ q: Questionnaire, language: String) throws -> Session {
        try session(q, language: language) { i in
            i.update(AnswerRef("interpreter_used")) {
                $0 = .answered(.choice("phone"))
                $0.note = "Interpreter on the line from Tegucigalpa; the line dropped twice."
            }
            i.update(AnswerRef("full_name")) { $0 = .answered(.text("Ana María López Reyes")) }
            i.update(AnswerRef("birth_date")) { $0 = .answered(.date(PartialDate(year: 1990, month: 3, day: 15))) }
            i.update(AnswerRef("nationality")) { $0 = .answered(.choice("HN")) }
            i.update(AnswerRef("languages_spoken")) {
                $0 = .answered(.choices(["es", "other"]))
                $0.otherText = "Garífuna"
            }
            i.update(AnswerRef("entry_date")) { $0 = .answered(.date(PartialDate(year: 2023, month: 1, day: 10))) }
            i.update(AnswerRef("left_country_date")) {
                $0 = .answered(.date(PartialDate(year: 2023, month: 2, approximate: true)))
            }
            i.update(AnswerRef("removed_before")) {
                $0 = .answered(.choice("yes"))
                $0.lawyerOnly = true
            }
            i.update(AnswerRef("family_with_you")) { $0 = .answered(.choice("yes")) }
            let son = try i.addEntry(to: "family")
            i.update(AnswerRef(field: "family_name", of: "family", entry: son)) { $0 = .answered(.text("Pedro")) }
            i.update(AnswerRef(field: "family_relation", of: "family", entry: son)) { $0 = .answered(.choice("child")) }
            i.update(AnswerRef(field: "family_age", of: "family", entry: son)) { $0 = .answered(.number(7)) }
            let cousin = try i.addEntry(to: "family")
            i.update(AnswerRef(field: "family_name", of: "family", entry: cousin)) { $0 = .answered(.text("Lucía")) }
            i.update(AnswerRef(field: "family_relation", of: "family", entry: cousin)) {
                $0 = .answered(.choice("other"))
                $0.otherText = "prima"
                $0.translation = "cousin"
            }
            i.update(AnswerRef(field: "family_age", of: "family", entry: cousin)) { $0 = Answer(status: .dontKnow) }
            i.update(AnswerRef("family")) { $0.status = .answered }
            i.update(AnswerRef("family_own_fear")) { $0 = .answered(.choice("no")) }
            i.update(AnswerRef("afraid_to_return")) { $0 = .answered(.choice("yes")) }
            i.update(AnswerRef("why_left")) {
                $0 = .answered(.text("Los pandilleros me exigían la «renta» cada semana.\n\nCuando no pude pagar, amenazaron a mi hijo."))
                $0.translation = "The gang members demanded “rent” every week.\n\nWhen I could not pay, they threatened my son."
                $0.followUp = true
                $0.note = "Ask for the name of the gang & the dates of each demand."
            }
            i.update(AnswerRef("harmed_before")) { $0 = .answered(.choice("yes")) }
            i.update(AnswerRef("harm_date")) { $0 = .answered(.date(PartialDate(year: 2022, month: 11))) }
            i.update(AnswerRef("harm_details")) {
                $0 = .answered(.text("Me golpearon con un bate delante de mi casa."))
                $0.translation = "They beat me with a bat in front of my house."
            }
            i.update(AnswerRef("phone")) { $0.draft = "+504 9" }
            var answers = i.answers
            answers.byID["church_name"] = .answered(.text("Iglesia del Camino"))
            i.replaceAnswers(answers)
        }
    }
}
