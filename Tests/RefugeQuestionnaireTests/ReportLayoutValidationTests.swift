import Foundation
@testable import RefugeQuestionnaire
import XCTest

/// `identifying`, `report.summary`, `report.timeline` and `declaration`: what they accept and
/// what they refuse, each refusal at its place.
final class ReportLayoutValidationTests: XCTestCase {
    static let base = """
    format: 1
    id: t
    version: "1"
    title: T
    languages: [en]
    sections:
      - id: s
        title: S
        items:
          - {id: name, type: text, prompt: "Name?", identifying: Client}
          - {id: phone, type: text, prompt: "Phone?", identifying: true}
          - {id: left, type: date, prompt: "Left?"}
          - {id: why, type: longtext, prompt: "Why?"}
          - id: events
            type: repeat
            prompt: "Events"
            items:
              - {id: when, type: date, prompt: "When?"}
    report:
      summary:
        - {id: who, title: "Who", items: [name, why]}
      timeline:
        order: [left, when]
        leave_out: [when]
    declaration:
      title: "Declaration of {{name}}"
      paragraphs:
        - {id: one, text: "My name is {{name}}.", items: [why]}
        - {id: two, items: [events], entry_text: "On {{when}}:"}
    """

    func load(_ text: String) -> LoadResult {
        QuestionnaireLoader.load(files: [SourceFile(relativePath: "t.yaml", bytes: Array(text.utf8))], displayRoot: "t.yaml", sourcePath: "t.yaml")
    }

    func testTheKeysAreReadIntoTheModel() throws {
        let q = try XCTUnwrap(load(Self.base).questionnaire, "\(load(Self.base).diagnostics)")
        XCTAssertEqual(q.item("name")?.identifying, "Client")
        XCTAssertEqual(q.item("phone")?.identifying, "Personal detail")
        XCTAssertNil(q.item("left")?.identifying)
        XCTAssertEqual(q.report?.summary.map(\.items), [["name", "why"]])
        XCTAssertEqual(q.report?.timelineOrder, ["left", "when"])
        XCTAssertEqual(q.report?.timelineLeaveOut, ["when"])
        XCTAssertEqual(q.declaration?.paragraphs.map(\.id), ["one", "two"])
        XCTAssertEqual(q.declaration?.paragraphs[1].entryText?.translations["en"], "On {{when}}:")
    }

    func testMistakesAreErrorsAtTheirPlace() {
        let faults: [(String, String, String)] = [
            ("a summary naming no question", "items: [name, why]}", "items: [name, whyy]}"),
            ("a summary naming a repeat's field", "items: [name, why]}", "items: [name, when]}"),
            ("a timeline order naming a text", "order: [left, when]", "order: [left, why]"),
            ("an unknown timeline key", "leave_out: [when]", "leaveout: [when]"),
            ("entry_text without a repeat", "items: [events], entry_text", "items: [why], entry_text"),
            ("a declaration text naming no question", "My name is {{name}}.", "My name is {{nmae}}."),
            ("a declaration text as a map of languages", "text: \"My name is {{name}}.\"", "text: {en: \"My name\"}"),
            ("a paragraph with nothing", "- {id: one, text: \"My name is {{name}}.\", items: [why]}", "- {id: one}"),
            ("an identifying placeholder with brackets", "identifying: Client}", "identifying: \"[Client]\"}"),
            ("a declaration without paragraphs", "  paragraphs:", "  paragrafs:"),
        ]
        XCTAssertTrue(load(Self.base).errors.isEmpty, "\(load(Self.base).diagnostics)")
        for (what, old, new) in faults {
            XCTAssertTrue(Self.base.contains(old), what)
            let result = load(Self.base.replacingOccurrences(of: old, with: new))
            XCTAssertFalse(result.errors.isEmpty, "accepted: \(what)")
        }
    }
}
