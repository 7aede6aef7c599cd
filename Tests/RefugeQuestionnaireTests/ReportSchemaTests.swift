import Foundation
import RefugeEngine
import RefugeExpressions
@testable import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// docs/report.schema.json describes the JSON export: every export conforms to it, at every
/// redaction level and with labels, and it names every top-level key the export writes. (It
/// lives here to share the schema checker with the questionnaire's schema.)
final class ReportSchemaTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemaURL = root.appendingPathComponent("docs/report.schema.json")

    func exampleSession() throws -> (Session, Questionnaire) {
        let result = QuestionnaireLoader.load(path: Self.root.appendingPathComponent("Questionnaires/example-intake.yaml").path)
        let q = try XCTUnwrap(result.questionnaire)
        let today = PartialDate(year: 2026, month: 11, day: 29)
        var interview = Interview(questionnaire: q, today: today)
        interview.update(AnswerRef("full_name")) { $0 = .answered(.text("Ana López")) }
        interview.update(AnswerRef("birth_date")) { $0 = .answered(.date(PartialDate(year: 1990, month: 3, day: 15))) }
        interview.update(AnswerRef("nationality")) { $0 = .answered(.choice("HN")) }
        interview.update(AnswerRef("languages_spoken")) { $0 = .answered(.choices(["es", "other"])); $0.otherText = "Garífuna" }
        interview.update(AnswerRef("left_country_date")) { $0 = .answered(.date(PartialDate(year: 2023, month: 2, approximate: true))) }
        interview.update(AnswerRef("removed_before")) { $0 = .answered(.choice("yes")); $0.lawyerOnly = true }
        interview.update(AnswerRef("family_with_you")) { $0 = .answered(.choice("yes")) }
        let child = try interview.addEntry(to: "family")
        interview.update(AnswerRef(field: "family_name", of: "family", entry: child)) { $0 = .answered(.text("Pedro")) }
        interview.update(AnswerRef(field: "family_age", of: "family", entry: child)) { $0 = Answer(status: .dontKnow) }
        interview.update(AnswerRef("why_left")) {
            $0 = .answered(.text("Me amenazaron.")); $0.translation = "They threatened me."; $0.followUp = true; $0.note = "Ask when."
        }
        interview.update(AnswerRef("phone")) { $0.draft = "+504" }
        var session = Session(id: "s-schema", label: "A-1",
                              questionnaire: QuestionnaireRef(id: q.id, version: q.version, sha256: q.contentHash, path: q.sourcePath),
                              language: "es", interviewerLanguage: "en", created: Date(timeIntervalSince1970: 1_790_000_000),
                              interviewDate: today)
        session.answers = interview.answers
        session.history = [HistoryEntry(at: Date(timeIntervalSince1970: 1_790_000_100), question: "nationality",
                                        old: .answered(.choice("GT")), new: .answered(.choice("HN")))]
        return (session, q)
    }

    func testEveryExportConformsToThePublishedSchema() throws {
        let schema = SchemaSubsetValidator(root: try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: Self.schemaURL)))
        XCTAssertEqual(schema.uncheckedKeywords(), [], "the schema uses only what the checker checks")
        let (session, q) = try exampleSession()
        var checked = 0
        for redaction in Redaction.allCases {
            for labels in [false, true] {
                let options = ReportOptions(redaction: redaction, labels: labels, now: Date(timeIntervalSince1970: 1_790_000_200))
                let text = ReportWriter.render(session: session, questionnaire: q, format: .json, options: options)
                let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
                XCTAssertEqual(schema.problems(value), [], "\(redaction), labels \(labels)")
                checked += 1
                // Every top-level key the export writes is described.
                guard case .object(let members) = value, case .object(let s) = schema.root,
                      case .object(let properties)? = s["properties"] else { return XCTFail("objects") }
                XCTAssertEqual(Set(members.keys).subtracting(properties.keys), [], "undocumented keys")
            }
        }
        XCTAssertEqual(checked, 6)

        // And the schema can fail: a status it does not know, a redacted answer that kept its value.
        let text = ReportWriter.render(session: session, questionnaire: q, format: .json,
                                       options: ReportOptions(now: Date(timeIntervalSince1970: 1_790_000_200)))
        for (old, new) in [("\"status\": \"answered\"", "\"status\": \"fine\""),
                           ("\"status\": \"dont_know\"", "\"status\": \"redacted\", \"value\": \"x\""),
                           ("\"severity\": \"error\"", "\"severity\": \"bad\"")] {
            XCTAssertTrue(text.contains(old), old)
            let broken = try JSONDecoder().decode(JSONValue.self, from: Data(text.replacingOccurrences(of: old, with: new).utf8))
            XCTAssertFalse(schema.problems(broken).isEmpty, "the schema accepts \(new)")
        }
    }
}
