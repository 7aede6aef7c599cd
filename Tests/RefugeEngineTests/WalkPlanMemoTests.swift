@testable import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSynthetic
import XCTest

/// An interview reuses the walk plan made last when its questionnaire holds the very sections
/// that plan was made from (a report makes an interview; the screen already made one), and
/// makes a new one for any other questionnaire, even one loaded from the same text.
final class WalkPlanMemoTests: XCTestCase {
    func testTheSameSectionsShareOnePlanAndOthersGetTheirOwn() throws {
        let q = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 60, seed: 3))
        let copy = q
        let plan = WalkPlan.of(q)
        XCTAssertTrue(WalkPlan.of(q) === plan)
        XCTAssertTrue(WalkPlan.of(copy) === plan, "a copy of the questionnaire holds the same sections")
        let again = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 60, seed: 3))
        XCTAssertFalse(WalkPlan.of(again) === plan, "a questionnaire loaded anew has sections of its own")
        XCTAssertFalse(WalkPlan.of(q) === plan, "only the last plan is kept")
    }

    /// Interviews of two questionnaires made in turn each walk their own questionnaire: a plan
    /// taken for the wrong one would put the other's items on the path.
    func testInterviewsOfTwoQuestionnairesInTurnWalkTheirOwn() throws {
        let a = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 60, seed: 3))
        let b = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 80, seed: 4))
        let stepsA = Interview(questionnaire: a, today: day).path.steps
        let stepsB = Interview(questionnaire: b, today: day).path.steps
        XCTAssertNotEqual(stepsA, stepsB)
        for _ in 0..<3 {
            XCTAssertEqual(Interview(questionnaire: a, today: day).path.steps, stepsA)
            XCTAssertEqual(Interview(questionnaire: b, today: day).path.steps, stepsB)
            XCTAssertEqual(Interview(questionnaire: b, today: day).path.steps, stepsB)
            XCTAssertEqual(Interview(questionnaire: a, today: day).path.steps, stepsA)
        }
        for step in stepsA { XCTAssertNotNil(a.item(step)) }
        for step in stepsB { XCTAssertNotNil(b.item(step)) }
    }
}
