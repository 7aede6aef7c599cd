import Foundation
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

    /// The engine's walk takes shortcuts (items that route nothing, items whose only rule is a
    /// `show_if`, steps listed after the walk from the flags it set, the last walk's tables kept
    /// when the same items are on the path). A plain walk of `Questionnaire.flow` as the format
    /// describes it must find the same steps, for fresh interviews and after changes, on both
    /// mixes of generated questionnaires. The synthetic conditions read only earlier answers (or
    /// the item's own), so asking them of the whole interview gives what the walk saw.
    func testTheWalkFindsTheStepsAPlainWalkFinds() throws {
        for (seed, mix) in [(UInt64(3), SyntheticQuestionnaire.Mix.proportional), (5, .random), (8, .proportional)] {
            let q = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 400, seed: seed, mix: mix))
            var random = SyntheticQuestionnaire.Random(seed: seed &* 104_729)
            for round in 0..<12 {
                var interview = Interview(questionnaire: q, answers: randomAnswers(q, &random), today: day)
                XCTAssertEqual(interview.path.steps, plainWalk(q, interview), "seed \(seed), round \(round)")
                let reading = Interview(readingOnly: q, answers: interview.answers, today: day)
                XCTAssertEqual(reading.path.steps, interview.path.steps, "seed \(seed), round \(round), read only")
                // Yes/no answers move the path (show_if and next read them); each change walks again
                // with the last walk to compare against.
                let yesnos = q.allItems.filter { $0.repeatID == nil && $0.type == .yesno }
                for change in 0..<8 {
                    let item = yesnos[random.below(yesnos.count)]
                    let value = AnswerValue.choice(random.below(2) == 0 ? "yes" : "no")
                    interview.update(AnswerRef(item.id)) { $0 = .answered(value) }
                    XCTAssertEqual(interview.path.steps, plainWalk(q, interview), "seed \(seed), round \(round), change \(change)")
                    let asked = interview.path.steps.filter { q.item($0)?.type.isAsked ?? false }
                    XCTAssertEqual(interview.progress.total, asked.count, "seed \(seed), round \(round), change \(change)")
                }
            }
        }
    }

    /// The same on the shipped questionnaires, whose sections have `next` rules of their own and
    /// whose calculations are on the path without being steps.
    func testTheShippedQuestionnairesWalkAsAPlainWalkDoes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["credible-fear", "intake", "example-intake.yaml"] {
            let q = try XCTUnwrap(QuestionnaireLoader.load(path: root.appendingPathComponent("Questionnaires/\(name)").path).questionnaire)
            var random = SyntheticQuestionnaire.Random(seed: 11)
            for round in 0..<40 {
                let interview = Interview(questionnaire: q, answers: randomAnswers(q, &random), today: day)
                XCTAssertEqual(interview.path.steps, plainWalk(q, interview), "\(name), round \(round)")
            }
        }
    }

    /// The steps of the path, found by walking the flow one step at a time: a section whose
    /// `show_if` fails is skipped whole; an item whose `show_if` holds is a step (a calculation
    /// is on the path but not a step), and its first `next` rule that holds decides where to go;
    /// after a section's last item, the section's own rules do, unless the item's already did.
    private func plainWalk(_ q: Questionnaire, _ interview: Interview) -> [String] {
        var steps: [String] = []
        var position = 0
        func firstHolding(_ rules: [RoutingRule]) -> RoutingRule? { rules.first { $0.condition.map(interview.holds) ?? true } }
        while position < q.flow.count {
            switch q.flow[position] {
            case .sectionStart(let s):
                let skipped = q.sections[s].showIf.map { !interview.holds($0) } ?? false
                position += skipped ? 1 + q.sections[s].items.count : 1
            case .item(let s, let i):
                let item = q.sections[s].items[i]
                var rule: RoutingRule?
                if item.showIf.map(interview.holds) ?? true {
                    if item.type != .calculate { steps.append(item.id) }
                    rule = firstHolding(item.next)
                }
                if rule == nil, i == q.sections[s].items.count - 1 { rule = firstHolding(q.sections[s].next) }
                guard let rule else { position += 1; continue }
                guard let target = rule.targetPosition else { return steps }
                position = target
            }
        }
        return steps
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
