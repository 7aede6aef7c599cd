import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// Answers kept for questions the questionnaire no longer has are listed the same way whether
/// every record of the session belongs to a top-level question (gathering then found them all,
/// and only repeats' entries are searched for gone fields) or some record does not (every record
/// is then looked up in the questionnaire): in the full model and in the JSON export, which is
/// written while the answers are gathered.
final class RemovedAnswersTests: XCTestCase {
    func testGoneAnswersAreListedWhetherOrNotEveryRecordBelongsToAQuestion() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        // No gone question at the top level: only a gone field kept in a repeat's entry, and
        // answers kept for questions that are off the path now ("no" skips past the harm).
        session.answers.byID["church_name"] = nil
        var family = try XCTUnwrap(session.answers.byID["family"])
        family.entries![1].answers["family_nickname"] = .answered(.text("Lucy, \"la prima\""))
        session.answers.byID["family"] = family
        session.answers.byID["harmed_before"] = .answered(.choice("no"))
        let interview = Interview(questionnaire: q, answers: session.answers, today: session.interviewDate)
        XCTAssertFalse(interview.path.onPath.contains("harm_details"))
        XCTAssertNotNil(session.answers.byID["harm_details"])
        XCTAssertEqual(try removed(session, q), ["family[2].family_nickname"])

        // A record under no top-level question: a gone question, a section's id, and a field's id
        // (a question that moved into a repeat is not gone, so it is not listed).
        session.answers.byID["church_name"] = .answered(.text("Iglesia del Camino"))
        session.answers.byID[q.sections[0].id] = .answered(.text("under a section's id"))
        session.answers.byID["family_name"] = .answered(.text("under a field's id"))
        // Listed in the order of the records' ids, a repeat's gone fields under the repeat's id.
        let expected = ["church_name", "family", q.sections[0].id].sorted().map { $0 == "family" ? "family[2].family_nickname" : $0 }
        XCTAssertEqual(try removed(session, q), expected)
    }

    /// The labels of the removed answers, checked to be the same in the full model and in the
    /// JSON export.
    private func removed(_ session: Session, _ q: Questionnaire, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let model = ReportFixtures.report(session, q).removedAnswers.map(\.label)
        let text = ReportWriter.render(session: session, questionnaire: q, format: .json,
                                       options: ReportOptions(programVersion: ReportFixtures.programVersion, now: ReportFixtures.now))
        let exported = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let removed = try XCTUnwrap(exported["removed_answers"] as? [String: Any])
        XCTAssertEqual(Set(removed.keys), Set(model), file: file, line: line)
        // The export keeps the model's order.
        let positions = model.map { text.range(of: "\"\($0)\": {")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted(), file: file, line: line)
        return model
    }
}
