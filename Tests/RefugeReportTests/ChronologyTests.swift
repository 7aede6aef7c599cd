import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// The chronology reads as a story: dates that are equal or overlap keep the questionnaire's
/// story order (`report.timeline.order`), whatever the order of the questions in the file.
final class ChronologyTests: XCTestCase {
    /// Questions in an order that is not the story's: detention and arrest come first in the file.
    static let yaml = """
    format: 1
    id: story
    version: "1"
    title: Story
    languages: [en]
    sections:
      - id: main
        title: Main
        items:
          - {id: detained, type: date, prompt: "Detained?", timeline: "Detained"}
          - {id: arrested, type: date, prompt: "Arrested?", timeline: "Arrested"}
          - {id: entered, type: date, prompt: "Entered?", timeline: "Entered"}
          - {id: transit, type: date, precision: month, prompt: "In transit?", timeline: "In transit"}
          - {id: left, type: date, prompt: "Left home?", timeline: "Left home"}
    report:
      timeline:
        order: [left, transit, entered, arrested, detained]
    """

    func timeline(_ dates: [String: PartialDate]) throws -> [String] {
        let q = try ReportFixtures.inline(Self.yaml)
        let s = ReportFixtures.session(q, language: "en") { i in
            for (id, date) in dates { i.update(AnswerRef(id)) { $0 = .answered(.date(date)) } }
        }
        return ReportFixtures.report(s, q).timeline.map { $0.text.first }
    }

    func testSameDayEventsKeepTheStoryOrder() throws {
        let day = PartialDate(year: 2026, month: 10, day: 2)
        XCTAssertEqual(try timeline(["detained": day, "arrested": day, "entered": day]), ["Entered", "Arrested", "Detained"])
    }

    func testAMonthOnlyDateSitsInTheStoryAmongTheDaysOfItsMonth() throws {
        // Transit known only to September; leaving home on 1 September and entry on 30 September.
        let order = try timeline(["left": PartialDate(year: 2026, month: 9, day: 1), "transit": PartialDate(year: 2026, month: 9),
                                  "entered": PartialDate(year: 2026, month: 9, day: 30)])
        XCTAssertEqual(order, ["Left home", "In transit", "Entered"])
        // Without overlap, dates decide: an entry in August comes before a September transit.
        XCTAssertEqual(try timeline(["transit": PartialDate(year: 2026, month: 9), "entered": PartialDate(year: 2026, month: 8, day: 30)]),
                       ["Entered", "In transit"])
    }

    func testApproximateDatesAreOrderedByTheirSpanAndShownAsApproximate() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let s = ReportFixtures.session(q, language: "en") { i in
            i.update(AnswerRef("left")) { $0 = .answered(.date(PartialDate(year: 2026, month: 8, approximate: true))) }
            i.update(AnswerRef("entered")) { $0 = .answered(.date(PartialDate(year: 2026, month: 8, day: 20))) }
            i.update(AnswerRef("detained")) { $0 = .answered(.date(PartialDate(year: 2026, month: 8, day: 21, approximate: true))) }
        }
        let report = ReportFixtures.report(s, q)
        XCTAssertEqual(report.timeline.map { $0.text.first }, ["Left home", "Entered", "Detained"])
        let text = ReportWriter.render(report, format: .text)
        XCTAssertTrue(text.contains("~2026-08      Left home"), text)
        XCTAssertTrue(text.contains("~2026-08-21   Detained"), text)
    }
}
