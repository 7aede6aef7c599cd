import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSynthetic
import XCTest

/// For random answers on generated questionnaires, the path always ends, never visits an
/// item twice, and never holds an item whose `show_if` is false.
final class PathPropertyTests: XCTestCase {
    func testRandomAnswerSetsGiveWellFormedPaths() throws {
        for seed in UInt64(1)...4 {
            let q = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 300, seed: seed))
            var random = SyntheticQuestionnaire.Random(seed: seed &* 7919)
            for _ in 0..<25 {
                let answers = randomAnswers(q, &random)
                let interview = Interview(questionnaire: q, answers: answers, today: day)
                let steps = interview.path.steps
                XCTAssertEqual(Set(steps).count, steps.count, "an item appears twice on the path")
                var lastOrder = -1
                for id in steps {
                    let item = try XCTUnwrap(q.item(id))
                    XCTAssertGreaterThan(item.order, lastOrder, "the path went backwards at \(id)")
                    lastOrder = item.order
                    XCTAssertTrue(item.showIf.map { interview.holds($0) } ?? true, "\(id) is on the path though its show_if is false")
                    if let sectionCondition = q.section(item.sectionID)?.showIf {
                        XCTAssertTrue(interview.holds(sectionCondition), "\(id) is on the path though its section's show_if is false")
                    }
                }
            }
        }
    }

    private func randomAnswers(_ q: Questionnaire, _ random: inout SyntheticQuestionnaire.Random) -> AnswerSet {
        var answers = AnswerSet()
        for item in q.allItems where item.repeatID == nil && item.type.isAsked {
            switch random.below(5) {
            case 0: continue
            case 1: answers.byID[item.id] = Answer(status: .dontKnow)
            default:
                switch item.type {
                case .yesno: answers.byID[item.id] = .answered(.choice(random.below(2) == 0 ? "yes" : "no"))
                case .choice: answers.byID[item.id] = .answered(.choice(item.choiceValues[random.below(item.choices.count)]))
                case .number: answers.byID[item.id] = .answered(.number(ExactNumber(random.below(100))))
                case .date: answers.byID[item.id] = .answered(.date(PartialDate(year: 2000 + random.below(26), month: 1 + random.below(12))))
                case .text, .longtext: answers.byID[item.id] = .answered(.text("t"))
                case .repeat:
                    for _ in 0..<random.below(3) {
                        let e = answers.addEntry(to: item.id)
                        var entry = answers.byID[item.id]!.entries!.last!
                        entry.answers["\(item.id)_b"] = .answered(.choice(random.below(2) == 0 ? "yes" : "no"))
                        answers.byID[item.id]!.entries![answers.byID[item.id]!.entries!.count - 1] = entry
                        _ = e
                    }
                default: break
                }
            }
        }
        return answers
    }
}
