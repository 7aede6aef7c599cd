import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// The questionnaire's legal data in the report: "legal data as of" in the header, the rule's
/// status and source under each flag that names one, and both in the JSON export.
final class LegalDataReportTests: XCTestCase {
    static let yaml = """
    format: 1
    id: rules
    version: "1"
    title: {en: Rules, es: Normas}
    languages: [en, es]
    sections:
      - id: main
        title: Main
        items:
          - {id: entry, type: date, prompt: {en: "Entered?", es: "¿Entró?"}}
          - {id: secret, type: yesno, sensitive: true, prompt: {en: "Secret?", es: "¿Secreto?"}}
    legal_data:
      as_of: "2026-11"
      rules:
        - id: stb
          title: "Securing the Border (8 CFR 208.35)"
          source: "8 CFR 208.35; Las Americas v. DHS (D.D.C. 2025)"
          status: partly_vacated
          note: "On appeal."
    checks:
      - {id: late_entry, kind: flag, rule: stb, if: "entry > date('2024-06-05')", message: {en: "Late entry.", es: "Entrada tardía."}}
      - {id: no_rule, kind: flag, if: "answered(entry)", message: {en: "Entry known.", es: "Entrada conocida."}}
      - {id: secret_flag, kind: flag, rule: stb, if: "secret == 'yes'", message: {en: "Secret.", es: "Secreto."}}
    """

    func session(_ q: Questionnaire, secret: Bool = false) -> Session {
        ReportFixtures.session(q, language: "en") { interview in
            interview.update(AnswerRef("entry")) { $0 = .answered(.date(PartialDate(year: 2025, month: 3, day: 1))) }
            if secret { interview.update(AnswerRef("secret")) { $0 = .answered(.choice("yes")) } }
        }
    }

    func testTheTextReportShowsTheAsOfMonthAndEachFlagsRule() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let text = ReportFixtures.render(session(q), q, .text)
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasPrefix("Legal data as of:") && $0.hasSuffix(" 2026-11") }, text)
        let folded = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertTrue(folded.contains("! Late entry. Rule: Securing the Border (8 CFR 208.35). Status: partly vacated by a court (as of 2026-11). "
                                      + "Source: 8 CFR 208.35; Las Americas v. DHS (D.D.C. 2025)"), folded)
        // A flag without a rule gets no rule line.
        XCTAssertTrue(folded.contains("! Entry known."), folded)
        XCTAssertFalse(folded.contains("Entry known. Rule:"), folded)
    }

    func testTheRuleLineIsInTheWordsLanguage() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let text = ReportFixtures.render(session(q), q, .text, language: "es")
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasPrefix("Datos legales al:") && $0.hasSuffix(" 2026-11") }, text)
        let folded = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertTrue(folded.contains("Norma: Securing the Border (8 CFR 208.35). Situación: anulada en parte por un tribunal (al 2026-11). Fuente:"), folded)
    }

    func testMarkdownAndHTMLCarryTheRuleToo() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let markdown = ReportFixtures.render(session(q), q, .markdown)
        XCTAssertTrue(markdown.contains("**Legal data as of:** 2026-11"), markdown)
        XCTAssertTrue(markdown.contains("Status: partly vacated by a court (as of 2026-11)"), markdown)
        let html = ReportFixtures.render(session(q), q, .html)
        XCTAssertTrue(html.contains("<span><b>Legal data as of:</b> 2026-11</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"rule\">Rule: Securing the Border (8 CFR 208.35). Status: partly vacated by a court"), html)
    }

    func testJSONHasTheAsOfMonthAndTheRuleOfEachFlag() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ReportFixtures.render(session(q), q, .json).utf8)) as? [String: Any])
        XCTAssertEqual(document["legal_data_as_of"] as? String, "2026-11")
        let flags = try XCTUnwrap(document["flags"] as? [[String: Any]])
        XCTAssertEqual(flags.map { $0["id"] as? String }, ["late_entry", "no_rule"])
        let rule = try XCTUnwrap(flags[0]["rule"] as? [String: Any])
        XCTAssertEqual(rule["id"] as? String, "stb")
        XCTAssertEqual(rule["status"] as? String, "partly_vacated")
        XCTAssertEqual(rule["source"] as? String, "8 CFR 208.35; Las Americas v. DHS (D.D.C. 2025)")
        XCTAssertEqual(rule["note"] as? String, "On appeal.")
        XCTAssertNil(flags[1]["rule"])
    }

    func testAWithheldFlagAndItsRuleAreLeftOut() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        XCTAssertTrue(ReportFixtures.report(session(q, secret: true), q).flags.contains { $0.id == "secret_flag" })
        let report = ReportFixtures.report(session(q, secret: true), q, redact: true)
        XCTAssertNil(report.flags.first { $0.id == "secret_flag" }, "the flag and its rule would tell what the withheld answer was")
    }

    func testAQuestionnaireWithoutLegalDataHasNoAsOfAnywhere() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "en")
        XCTAssertFalse(ReportFixtures.render(session, q, .text).contains("Legal data as of"))
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ReportFixtures.render(session, q, .json).utf8)) as? [String: Any])
        XCTAssertNil(document["legal_data_as_of"])
    }

    /// The Markdown contents list the numbered parts exactly as they are headed; the HTML one
    /// starts with the flags in full (with their rules' sources) when a flag names a rule.
    func testContentsMatchTheHeadings() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let markdown = ReportFixtures.render(session(q), q, .markdown)
        let lines = markdown.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex(of: "## Contents"))
        let entries = lines[(start + 2)...].prefix { !$0.isEmpty }
        XCTAssertFalse(entries.isEmpty)
        for entry in entries { XCTAssertTrue(lines.contains("## " + entry), "contents entry \(entry) has its heading") }
        let html = ReportFixtures.render(session(q), q, .html)
        XCTAssertTrue(html.contains("<li><a href=\"#flags\">Legal flags</a></li>"))
        XCTAssertTrue(html.contains("<section class=\"flags-in-full\" id=\"flags\">"))
    }
}
