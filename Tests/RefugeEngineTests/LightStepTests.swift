import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import XCTest

/// Items with at most one `next` rule of their own are walked from the plan's arrays
/// (`StepShape.light`), conditions of the shape `q == 'text'` decided from the question's
/// record by position (`WalkCondition`): the path must be what the rules say, for a rule without
/// a condition, one that ends the interview, one behind a `show_if`, a test naming a question
/// off the path, a calculation, and a field of a repeat, in a new interview, one only read,
/// and after changes.
final class LightStepTests: XCTestCase {
    let yaml = """
    format: 1
    id: light
    version: "1"
    title: Light steps
    languages: [en]
    sections:
      - id: first
        title: First
        items:
          - {id: afraid, type: yesno, prompt: "Afraid?"}
          - {id: why, type: text, prompt: "Why?", show_if: "afraid == 'yes'", next: [{if: "why == 'stop'", goto: end}]}
          - {id: skip, type: info, text: "Skipping", show_if: "afraid == 'no'", next: [{goto: last}]}
          - {id: harmed, type: yesno, prompt: "Harmed?"}
          - {id: twice, type: calculate, expression: "if(harmed == 'yes', 'yes', 'no')"}
          - {id: echo, type: text, prompt: "Echo?", show_if: "twice == 'yes'"}
          - {id: notno, type: info, text: "Not a no", show_if: "not (harmed == 'no')"}
          - id: incidents
            type: repeat
            prompt: "What happened?"
            show_if: "harmed == 'yes'"
            items:
              - {id: reported, type: yesno, prompt: "Reported?"}
              - {id: why_not, type: text, prompt: "Why not?", show_if: "reported == 'no'"}
              - {id: scared, type: text, prompt: "Scared?", show_if: "afraid == 'yes'"}
      - id: last
        title: Last
        items:
          - {id: closing, type: text, prompt: "Closing?", show_if: "'yes' != why"}
    """

    func testRulesWithoutConditionsEndsAndTestsFollowTheAnswers() throws {
        let q = try loadQuestionnaire(yaml)
        let today = PartialDate(year: 2026, month: 12, day: 7)
        var interview = Interview(questionnaire: q, today: today)
        func expect(_ steps: [String], _ message: String, line: UInt = #line) {
            XCTAssertEqual(interview.path.steps, steps, message, line: line)
            let readOnly = Interview(readingOnly: q, answers: interview.answers, today: today)
            XCTAssertEqual(readOnly.path.steps, steps, "read only: " + message, line: line)
            XCTAssertEqual(Interview(questionnaire: q, answers: interview.answers, today: today).path.steps, steps,
                           "new: " + message, line: line)
        }
        expect(["afraid", "harmed", "notno"], "nothing answered: a `not` of no value holds, `'yes' != why` does not")
        interview.update(AnswerRef("afraid")) { $0 = .answered(.choice("no")) }
        expect(["afraid", "skip"], "a no shows the info, whose rule without a condition skips to the last section")
        interview.update(AnswerRef("afraid")) { $0 = .answered(.choice("yes")) }
        interview.update(AnswerRef("why")) { $0 = .answered(.text("stop")) }
        expect(["afraid", "why"], "`why == 'stop'` ends the interview")
        interview.update(AnswerRef("why")) { $0 = .answered(.text("they came")) }
        interview.update(AnswerRef("harmed")) { $0 = .answered(.choice("yes")) }
        expect(["afraid", "why", "harmed", "echo", "notno", "incidents", "closing"], "a calculation is read as a calculation")
        let entry = try interview.addEntry(to: "incidents")
        interview.update(AnswerRef(field: "reported", of: "incidents", entry: entry)) { $0 = .answered(.choice("no")) }
        XCTAssertEqual(interview.entryPath(entry, of: "incidents")?.fields, ["reported", "why_not", "scared"],
                       "a field's test names a field; another names a question outside the repeat")
        interview.update(AnswerRef("afraid")) { $0 = Answer(status: .dontKnow) }
        expect(["afraid", "harmed", "echo", "notno", "incidents"], "don't know is no text: `why` falls off the path, and with it `closing`")
        XCTAssertEqual(interview.entryPath(entry, of: "incidents")?.fields, ["reported", "why_not"])
        interview.update(AnswerRef("harmed")) { $0 = .answered(.choice("no")) }
        expect(["afraid", "harmed"], "a no hides what `not (harmed == 'no')` and `harmed == 'yes'` show")
    }
}
