import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import XCTest

/// The torture section opens on a fear of future detention as well as on past custody. Its
/// questions about treatment in custody are asked only of someone who was held, and the
/// questions about why and by whom only once some mistreatment is told.
final class CustodyQuestionsTests: XCTestCase {
    func interview() throws -> Interview {
        let q = try XCTUnwrap(WalkthroughHarness.questionnaire)
        var interview = Interview(questionnaire: q, today: PartialDate(year: 2026, month: 11, day: 18))
        interview.update(AnswerRef("fear_detention")) { $0 = .answered(.choice("yes")) }
        XCTAssertTrue(interview.isOnPath(AnswerRef("custody")), "a fear of detention opens the section")
        return interview
    }

    func testNeverHeldIsAskedOnlyWhatTheyFear() throws {
        var interview = try interview()
        interview.update(AnswerRef("custody")) { $0.status = .answered }  // "none"
        for id in ["mistreatment_forms", "mistreatment_reasons", "officials_involved", "lasting_effects"] {
            XCTAssertFalse(interview.isOnPath(AnswerRef(id)), id)
        }
        XCTAssertTrue(interview.isOnPath(AnswerRef("custody_fear")))
    }

    func testHeldAndMistreatedIsAskedWhyAndByWhom() throws {
        var interview = try interview()
        let entry = try interview.addEntry(to: "custody")
        interview.update(AnswerRef(field: "custody_place", of: "custody", entry: entry)) { $0 = .answered(.choice("police_station")) }
        XCTAssertTrue(interview.isOnPath(AnswerRef("mistreatment_forms")))
        XCTAssertTrue(interview.isOnPath(AnswerRef("lasting_effects")))
        XCTAssertFalse(interview.isOnPath(AnswerRef("officials_involved")), "no mistreatment told yet")
        interview.update(AnswerRef("mistreatment_forms")) { $0 = .answered(.choices(["beatings", "threats_to_kill"])) }
        XCTAssertTrue(interview.isOnPath(AnswerRef("mistreatment_reasons")))
        XCTAssertTrue(interview.isOnPath(AnswerRef("officials_involved")))
    }

    func testTheQuestionnaireLoadsWithoutWarnings() throws {
        let result = QuestionnaireLoader.load(path: WalkthroughHarness.root.appendingPathComponent(WalkthroughHarness.questionnairePath).path)
        XCTAssertEqual(result.errors.map { "\($0)" }, [])
        XCTAssertEqual(result.warnings.map { "\($0)" }, [])
    }
}
