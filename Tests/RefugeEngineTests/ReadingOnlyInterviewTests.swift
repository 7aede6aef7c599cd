import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSynthetic
import XCTest

/// A report reads its interview without changing it (`Interview.init(readingOnly:…)`): no
/// progress count and no step index. Everything else it reads must be what an ordinary
/// interview of the same answers has, and after its first change it must be an ordinary one.
final class ReadingOnlyInterviewTests: XCTestCase {
    func testAReadingOnlyInterviewReadsAsAnOrdinaryOneAndBecomesOneWhenChanged() throws {
        for seed in UInt64(1)...3 {
            let q = try loadQuestionnaire(SyntheticQuestionnaire.yaml(items: 200, seed: seed))
            var random = SyntheticQuestionnaire.Random(seed: seed &* 7_919)
            let asked = q.allItems.filter { $0.repeatID == nil && $0.type.isAsked && $0.type != .repeat }
            let repeats = q.allItems.filter { $0.type == .repeat }
            var filled = Interview(questionnaire: q, today: day)
            var compared = 0
            for step in 0..<240 {
                if step % 3 == 0, !repeats.isEmpty {
                    _ = try? filled.addEntry(to: repeats[random.below(repeats.count)].id)
                }
                let item = asked[random.below(asked.count)]
                let n = random.below(5)
                filled.update(AnswerRef(item.id)) {
                    switch (item.type, n) {
                    case (_, 0): $0 = Answer(status: .dontKnow)
                    case (.yesno, _): $0 = .answered(.choice(n % 2 == 0 ? "yes" : "no"))
                    case (.choice, _): $0 = .answered(.choice(item.choiceValues[n % item.choices.count]))
                    case (.number, _): $0 = .answered(.number(ExactNumber(n * 7)))
                    case (.date, _): $0 = .answered(.date(PartialDate(year: 2001 + n, month: 1 + n)))
                    default: $0 = .answered(.text("t\(n)"))
                    }
                }
                guard step % 20 == 19 else { continue }
                let context = "seed \(seed), step \(step)"
                var reading = Interview(readingOnly: q, answers: filled.answers, today: filled.today)
                XCTAssertEqual(reading.path.steps, filled.path.steps, context)
                XCTAssertEqual(reading.path.onPath, filled.path.onPath, context)
                XCTAssertEqual(reading.path.calculated, filled.path.calculated, context)
                XCTAssertEqual(reading.path.repeats.mapValues { $0.entries.map(\.entry.id) },
                               filled.path.repeats.mapValues { $0.entries.map(\.entry.id) }, context)
                XCTAssertEqual(reading.progress.total, filled.progress.total, context)
                XCTAssertEqual(reading.unansweredRequired.map(\.label), filled.unansweredRequired.map(\.label), context)
                XCTAssertEqual(reading.holdingChecks.map(\.id), filled.holdingChecks.map(\.id), context)
                XCTAssertTrue(reading.path.stepIndex.isEmpty, context)
                for id in filled.path.steps {
                    XCTAssertEqual(reading.step(after: id), filled.step(after: id), context)
                    XCTAssertEqual(reading.step(before: id), filled.step(before: id), context)
                }
                // A change makes it an ordinary interview: the progress and the step index are there.
                let changed = asked[random.below(asked.count)]
                reading.update(AnswerRef(changed.id)) { $0.note = "looked at" }
                filled.update(AnswerRef(changed.id)) { $0.note = "looked at" }
                XCTAssertEqual(reading.path.stepIndex, filled.path.stepIndex, context)
                XCTAssertEqual(reading.progress.answered, filled.progress.answered, context)
                XCTAssertEqual(reading.progress.total, filled.progress.total, context)
                XCTAssertGreaterThan(filled.progress.answered, 0, context)
                compared += 1
            }
            XCTAssertEqual(compared, 12, "seed \(seed)")
        }
    }
}
