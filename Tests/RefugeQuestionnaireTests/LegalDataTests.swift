import Foundation
import XCTest
@testable import RefugeQuestionnaire

/// The `legal_data` block: rules with a source and a status, as of a month, and checks that
/// name them with `rule:`. Every mistake an author can make here is an error at its place.
final class LegalDataTests: XCTestCase {
    private func load(_ text: String) -> LoadResult {
        QuestionnaireLoader.load(files: [SourceFile(relativePath: "q.yaml", bytes: Array(text.utf8))], displayRoot: "q.yaml", sourcePath: "q.yaml")
    }

    private func questionnaire(legalData: String, rule: String = "clp") -> String {
        """
        format: 1
        id: tiny
        version: "1"
        title: Tiny
        languages: [en]
        sections:
          - id: s
            title: S
            items:
              - {id: entry_date, type: date, prompt: "When?"}
        \(legalData)
        checks:
          - id: in_window
            kind: flag
            rule: \(rule)
            if: "entry_date > date('2023-05-11')"
            message: "Inside the window."
        """
    }

    private static let goodBlock = """
        legal_data:
          as_of: "2026-11"
          rules:
            - id: clp
              title: "Circumvention of Lawful Pathways"
              source: "8 CFR 208.33"
              status: in_force
              note: "Entries 2023-05-11 to 2025-05-11."
            - id: stb
              title: "Securing the Border"
              source: "8 CFR 208.35"
              status: partly_vacated
        """

    func testRulesAndTheirStatusAreKeptAndChecksPointAtThem() throws {
        let result = load(questionnaire(legalData: Self.goodBlock))
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let q = try XCTUnwrap(result.questionnaire)
        let data = try XCTUnwrap(q.legalData)
        XCTAssertEqual(data.asOf, "2026-11")
        XCTAssertEqual(data.rules.map(\.id), ["clp", "stb"])
        XCTAssertEqual(data.rule("stb")?.status, .partlyVacated)
        XCTAssertEqual(data.rule("clp")?.note, "Entries 2023-05-11 to 2025-05-11.")
        XCTAssertNil(data.rule("stb")?.note)
        XCTAssertEqual(q.checks.first?.rule, "clp")
    }

    func testACheckNamingAnUnknownRuleIsAnErrorWithASuggestion() {
        let result = load(questionnaire(legalData: Self.goodBlock, rule: "cpl"))
        XCTAssertNil(result.questionnaire)
        let problem = result.diagnostics.first { $0.message.contains("`cpl`") }
        XCTAssertEqual(problem?.message, "check `in_window` names the rule `cpl`, which is not in `legal_data.rules`; did you mean `clp`?")
        XCTAssertEqual(problem?.location.line, 26, "at the `rule:` value")
    }

    func testACheckNamingARuleWithoutALegalDataBlockIsAnError() {
        let result = load(questionnaire(legalData: ""))
        XCTAssertNil(result.questionnaire)
        XCTAssertTrue(result.diagnostics.contains { $0.message.contains("has no `legal_data` block") }, "\(result.diagnostics)")
    }

    func testAnUnknownStatusABadMonthAndAMissingSourceAreErrors() {
        let block = """
            legal_data:
              as_of: "November 2026"
              rules:
                - id: clp
                  title: "Circumvention of Lawful Pathways"
                  status: in_forse
                - id: clp
                  title: "Again"
                  source: "x"
                  status: vacated
                  remark: "no such key"
            """
        let messages = load(questionnaire(legalData: block)).diagnostics.map(\.message)
        for expected in ["`as_of` of `legal_data` should be the month or day the rules were last checked, like `2026-11` or `2026-11-20`",
                         "rule `clp` has no `source`; it is required",
                         "`status` of rule `clp` should be one of `in_force`, `vacated`, `partly_vacated`, `on_appeal`, `stayed`, `superseded`, `expired`, not `in_forse`; did you mean `in_force`?",
                         "the rule id `clp` is already used at line 14",
                         "`remark` is not a key of rule `clp` (allowed here: id, note, source, status, title)"] {
            XCTAssertTrue(messages.contains(expected), "missing: \(expected)\nin: \(messages)")
        }
    }

    func testAsOfTakesAMonthOrADay() {
        XCTAssertTrue(Builder.isAsOfDate("2026-11"))
        XCTAssertTrue(Builder.isAsOfDate("2026-11-20"))
        XCTAssertFalse(Builder.isAsOfDate("2026"))
        XCTAssertFalse(Builder.isAsOfDate("2026-13"))
        XCTAssertFalse(Builder.isAsOfDate("2026-11-32"))
        XCTAssertFalse(Builder.isAsOfDate("26-11"))
    }
}
