import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import XCTest

final class PathTests: XCTestCase {
    func makeInterview() throws -> Interview {
        Interview(questionnaire: try loadQuestionnaire(routingYAML), today: day)
    }

    func testUnansweredPathSkipsConditionalItemsButShowsUncertainSection() throws {
        let interview = try makeInterview()
        // `why` needs a clear yes; the harm section shows unless a clear no.
        XCTAssertEqual(interview.path.steps, ["intro", "name", "born", "afraid", "harmed", "grounds", "people", "companions", "anything_else"])
        XCTAssertTrue(interview.path.onPath.contains("age"), "calculations are on the path but not steps")
    }

    func testGotoSkipsToClosingAndAnswersOffThePathAreKept() throws {
        var interview = try makeInterview()
        interview.update(AnswerRef("afraid")) { $0 = .answered(.choice("yes")) }
        interview.update(AnswerRef("why")) { $0 = .answered(.text("They threatened me")) }
        XCTAssertTrue(interview.path.steps.contains("why"))
        interview.update(AnswerRef("afraid")) { $0 = .answered(.choice("no")) }
        XCTAssertEqual(interview.path.steps, ["intro", "name", "born", "afraid", "anything_else"])
        XCTAssertEqual(interview.answers[AnswerRef("why")].value, .text("They threatened me"), "off-path answers are kept")
        XCTAssertFalse(interview.isOnPath(AnswerRef("why")))
        interview.update(AnswerRef("afraid")) { $0 = .answered(.choice("yes")) }
        XCTAssertTrue(interview.isOnPath(AnswerRef("why")), "the branch comes back with its answer")
        XCTAssertEqual(interview.answers[AnswerRef("why")].value, .text("They threatened me"))
    }

    func testDontKnowCountsAsNothingInShowIf() throws {
        var interview = try makeInterview()
        interview.update(AnswerRef("afraid")) { $0 = Answer(status: .dontKnow) }
        XCTAssertFalse(interview.path.steps.contains("why"))
        XCTAssertTrue(interview.path.steps.contains("harmed"), "`not (afraid == 'no')` includes an uncertain answer")
    }

    func testRepeatEntriesHaveTheirOwnPathAndStableIDs() throws {
        var interview = try makeInterview()
        interview.update(AnswerRef("harmed")) { $0 = .answered(.choice("yes")) }
        let first = try interview.addEntry(to: "incidents")
        let second = try interview.addEntry(to: "incidents")
        interview.update(AnswerRef(field: "reported", of: "incidents", entry: first)) { $0 = .answered(.choice("no")) }
        interview.update(AnswerRef(field: "reported", of: "incidents", entry: second)) { $0 = .answered(.choice("yes")) }
        XCTAssertEqual(interview.entryPath(first, of: "incidents")?.fields, ["when", "reported", "why_not"])
        XCTAssertEqual(interview.entryPath(second, of: "incidents")?.fields, ["when", "reported"])
        XCTAssertEqual(interview.holdingChecks.map(\.id), ["reported_harm"])
        interview.deleteEntry(first, of: "incidents")
        let third = try interview.addEntry(to: "incidents")
        XCTAssertNotEqual(third, first, "a new entry never takes a deleted entry's id")
        XCTAssertEqual(interview.answers[AnswerRef(field: "reported", of: "incidents", entry: second)].value, .choice("yes"))
        XCTAssertEqual(interview.field(after: nil, entry: second, of: "incidents"), AnswerRef(field: "when", of: "incidents", entry: second))
        XCTAssertEqual(interview.field(after: "reported", entry: second, of: "incidents"), nil)
    }

    func testCountRepeatKeepsEntriesBeyondALowerCount() throws {
        var interview = try makeInterview()
        interview.update(AnswerRef("people")) { $0 = .answered(.number(2)) }
        let a = try interview.addEntry(to: "companions")
        let b = try interview.addEntry(to: "companions")
        XCTAssertThrowsError(try interview.addEntry(to: "companions"))
        interview.update(AnswerRef(field: "companion_name", of: "companions", entry: b)) { $0 = .answered(.text("Ana")) }
        interview.update(AnswerRef("people")) { $0 = .answered(.number(1)) }
        XCTAssertEqual(interview.entries(of: "companions").map(\.entry.id), [a])
        XCTAssertEqual(interview.path.repeats["companions"]?.offPathEntryIDs, [b])
        interview.update(AnswerRef("people")) { $0 = .answered(.number(2)) }
        XCTAssertEqual(interview.entries(of: "companions").map(\.entry.id), [a, b])
        XCTAssertEqual(interview.answers[AnswerRef(field: "companion_name", of: "companions", entry: b)].value, .text("Ana"))
    }

    func testMultichoiceMembershipShowsFollowUp() throws {
        var interview = try makeInterview()
        interview.update(AnswerRef("grounds")) { $0 = .answered(.choices(["religion"])) }
        XCTAssertTrue(interview.path.steps.contains("faith"))
        interview.update(AnswerRef("grounds")) { $0 = .answered(.choices(["political"])) }
        XCTAssertFalse(interview.path.steps.contains("faith"))
    }

    func testNavigationForwardAndBack() throws {
        var interview = try makeInterview()
        XCTAssertEqual(interview.firstStep, AnswerRef("intro"))
        XCTAssertEqual(interview.step(after: "afraid"), AnswerRef("harmed"))
        interview.update(AnswerRef("afraid")) { $0 = .answered(.choice("no")) }
        XCTAssertEqual(interview.step(after: "afraid"), AnswerRef("anything_else"))
        XCTAssertEqual(interview.step(before: "anything_else"), AnswerRef("afraid"))
        XCTAssertEqual(interview.step(after: "anything_else"), nil)
        // From a question that just fell off the path, next is the next step later in the file.
        XCTAssertEqual(interview.step(after: "harmed"), AnswerRef("anything_else"))
    }

    func testProgressRequiredAndCalculation() throws {
        var interview = try makeInterview()
        XCTAssertEqual(interview.progress.answered, 0)
        XCTAssertEqual(interview.unansweredRequired.map(\.label), ["name"])
        interview.update(AnswerRef("name")) { $0 = .answered(.text("A")) }
        interview.update(AnswerRef("born")) { $0 = .answered(.date(PartialDate(year: 2010, month: 3, day: 1))) }
        XCTAssertEqual(interview.calculatedValue(AnswerRef("age")), .number(16))
        XCTAssertEqual(interview.holdingChecks.map(\.id), ["young"])
        XCTAssertEqual(interview.progress.answered, 2)
        interview.update(AnswerRef("harmed")) { $0 = .answered(.choice("yes")) }
        let e = try interview.addEntry(to: "incidents")
        XCTAssertEqual(interview.unansweredRequired.map(\.label), ["incidents[1].when"])
        XCTAssertEqual(interview.blockingProblem(at: AnswerRef(field: "when", of: "incidents", entry: e)), .required)
    }

    func testConstraintsAndItemRules() throws {
        let interview = try makeInterview()
        XCTAssertEqual(interview.problem(with: .date(PartialDate(year: 2030)), for: AnswerRef("born")),
                       .constraint(message: interview.questionnaire.item("born")!.constraintMessage))
        XCTAssertNil(interview.problem(with: .date(PartialDate(year: 2026, month: 11)), for: AnswerRef("born")),
                     "a month that contains today is not refused")
        XCTAssertEqual(interview.problem(with: .number(ExactNumber("1.5")!), for: AnswerRef("people")), .notWholeNumber)
        XCTAssertEqual(interview.problem(with: .number(-1), for: AnswerRef("people")), .belowMinimum(0))
        XCTAssertEqual(interview.problem(with: .choices(["other"]), for: AnswerRef("grounds")), .otherTextMissing)
        XCTAssertNil(interview.problem(with: .choices(["other"]), otherText: "my ethnicity", for: AnswerRef("grounds")))
        XCTAssertEqual(interview.problem(with: .text("x"), for: AnswerRef("why")), .notOnPath)
        XCTAssertEqual(interview.problem(with: .number(3), for: AnswerRef("name")), .wrongKind(expected: .text))
    }

    func testParsingTypedAnswers() throws {
        let q = try loadQuestionnaire(routingYAML)
        XCTAssertEqual(try AnswerParser.parse("да", for: q.item("afraid")!, language: "ru").get(), .choice("yes"))
        XCTAssertEqual(try AnswerParser.parse("2,5", for: q.item("people")!).get(), .number(ExactNumber("2.5")!))
        XCTAssertEqual(try AnswerParser.parse("٣", for: q.item("people")!).get(), .number(3))
        XCTAssertEqual(try AnswerParser.parse("religion,1", for: q.item("grounds")!).get(), .choices(["political", "religion"]))
        XCTAssertEqual(try AnswerParser.parse("~2022-09", for: q.item("born")!).get(), .date(PartialDate(year: 2022, month: 9, approximate: true)))
        if case .failure(.unreadableDate(.ambiguous)) = AnswerParser.parse("03/04/2022", for: q.item("born")!) {} else {
            XCTFail("an ambiguous date must be refused")
        }
    }
}
