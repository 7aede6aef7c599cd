import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSynthetic
import XCTest

/// An interview changed step by step keeps what it learnt from its last walk (the id tables
/// of an unchanged path, which records have a status): after every kind of change it must
/// equal an interview built afresh from the same answers.
final class IncrementalWalkTests: XCTestCase {
    func testAChangedInterviewEqualsOneBuiltAfresh() throws {
        for seed in UInt64(1)...3 {
            let q = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 200, seed: seed))
            var random = SyntheticQuestionnaire.Random(seed: seed &* 104_729)
            let asked = q.allItems.filter { $0.repeatID == nil && $0.type.isAsked && $0.type != .repeat }
            // The yes/no questions are what `show_if` and `next` read: half the changes go to them.
            let drivers = asked.filter { $0.type == .yesno }
            let repeats = q.allItems.filter { $0.type == .repeat }
            var interview = Interview(questionnaire: q, today: day)
            var moved = 0
            for step in 0..<400 {
                let before = interview.path.steps
                switch random.below(10) {
                case 0:
                    let year = 2000 + random.below(30)
                    interview.setToday(PartialDate(year: year, month: 1 + random.below(12), day: 1 + random.below(28)))
                case 1 where !repeats.isEmpty:
                    let id = repeats[random.below(repeats.count)].id
                    _ = try? interview.addEntry(to: id)
                case 2 where !repeats.isEmpty:
                    let id = repeats[random.below(repeats.count)].id
                    if let entry = interview.entries(of: id).first {
                        if random.below(2) == 0 {
                            interview.deleteEntry(entry.entry.id, of: id)
                        } else {
                            let yes = random.below(2) == 0
                            interview.update(AnswerRef(field: "\(id)_b", of: id, entry: entry.entry.id)) {
                                $0 = .answered(.choice(yes ? "yes" : "no"))
                            }
                        }
                    }
                case 3:
                    interview.replaceAnswers(AnswerSet())
                default:
                    let pool = random.below(2) == 0 ? drivers : asked
                    let item = pool[random.below(pool.count)]
                    let choice = random.below(6)
                    interview.update(AnswerRef(item.id)) { record in
                        switch choice {
                        case 0: record.clearAnswer()
                        case 1: record = Answer(status: .dontKnow)
                        case 2: record.note = "a note"
                        default: record = .answered(self.value(for: item, &random))
                        }
                    }
                }
                if interview.path.steps != before { moved += 1 }
                let fresh = Interview(questionnaire: q, answers: interview.answers, today: interview.today)
                let context = "seed \(seed), step \(step)"
                XCTAssertEqual(interview.path.steps, fresh.path.steps, context)
                XCTAssertEqual(interview.path.onPath, fresh.path.onPath, context)
                XCTAssertEqual(interview.path.stepIndex, fresh.path.stepIndex, context)
                XCTAssertEqual(interview.progress.answered, fresh.progress.answered, context)
                XCTAssertEqual(interview.progress.total, fresh.progress.total, context)
                XCTAssertEqual(interview.unansweredRequired.map(\.label), fresh.unansweredRequired.map(\.label), context)
                XCTAssertEqual(interview.holdingChecks.map(\.id), fresh.holdingChecks.map(\.id), context)
                for id in interview.path.steps.prefix(40) {
                    XCTAssertEqual(interview.isOnPath(AnswerRef(id)), fresh.isOnPath(AnswerRef(id)), context)
                }
            }
            // The changes must have moved the path as well as kept it, or half of this proves nothing.
            XCTAssertGreaterThan(moved, 25, "seed \(seed)")
        }
    }

    private func value(for item: Item, _ random: inout SyntheticQuestionnaire.Random) -> AnswerValue {
        switch item.type {
        case .yesno: return .choice(random.below(3) == 0 ? "no" : "yes")
        case .choice: return .choice(item.choiceValues[random.below(item.choices.count)])
        case .number: return .number(ExactNumber(random.below(100)))
        case .date: return .date(PartialDate(year: 2000 + random.below(26), month: 1 + random.below(12)))
        default: return .text("t\(random.below(9))")
        }
    }
}
