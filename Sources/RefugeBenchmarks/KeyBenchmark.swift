import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeScreen
import RefugeSession

/// One key press in the interview as the program's loop does it: `handle(key)`, then `view()`,
/// then the cells that changed since the last frame (what the terminal backend sends).
enum KeyBenchmark {
    static let typing = "key: type in a text field"
    static let choosing = "key: move in a choice list"
    static let navigating = "key: back / on (Ctrl-P, Ctrl-N)"

    static func run(_ datasets: [Dataset], scratch: Scratch, budget: Budget, into results: Results) throws {
        for d in datasets {
            let fixture = try SessionFixture(d, sessionsFolder: scratch.folder("keys-\(d.name)"))
            defer { fixture.close() }
            let reference = try answersReference(fixture, budget: budget, into: results, data: d.name)
            let detail = "\(fixture.answerCount.formatted()) answers"

            if let text = middleStep(fixture.interview, type: .text) {
                try fixture.controller.setPosition(text)
                let screen = InterviewRunner(controller: fixture.controller, width: 80, height: 24)
                let samples = press(screen, keys: [.character("a"), .backspace], budget: budget)
                results.add(Row(name: typing, data: d.name, items: d.items, samples: samples.0, peak: samples.peak,
                                reference: reference, referenceName: "JSON-encode answers", detail: detail))

                // Back and on again between two answered questions: each move saves the position.
                let back = InterviewRunner(controller: fixture.controller, width: 80, height: 24)
                let moves = press(back, keys: [.ctrl("p"), .ctrl("n")], budget: budget)
                if moves.0.count % 2 == 1 { back.handle(.ctrl("n")) }
                precondition(back.cursor == .step(text.itemID), "Ctrl-P then Ctrl-N did not come back to the same question")
                results.add(Row(name: navigating, data: d.name, items: d.items, samples: moves.0, peak: moves.peak,
                                reference: reference, referenceName: "JSON-encode answers", detail: detail + ", fsync on"))
            } else {
                results.notes.append("\(d.name): no text question with an answered question before it; typing not measured")
            }

            if let choice = middleStep(fixture.interview, type: .choice) {
                try fixture.controller.setPosition(choice)
                let screen = InterviewRunner(controller: fixture.controller, width: 80, height: 24)
                let samples = press(screen, keys: [.down, .up], budget: budget)
                results.add(Row(name: choosing, data: d.name, items: d.items, samples: samples.0, peak: samples.peak,
                                reference: reference, referenceName: "JSON-encode answers", detail: detail))
            }
        }
    }

    /// Presses `keys` in turn (each press is one sample): handle, draw, and diff with the last frame.
    static func press(_ screen: InterviewRunner, keys: [KeyEvent], budget: Budget) -> (Samples, peak: Int) {
        var frame = screen.view()
        var next = 0
        return measure(budget) {
            let key = keys[next % keys.count]
            next += 1
            screen.handle(key)
            let grid = screen.view()
            consume(GridDiff.changes(from: frame, to: grid))
            frame = grid
        }
    }

    /// A step of `type` near the middle of the path whose previous step is a plain question
    /// (so Ctrl-P / Ctrl-N move between two questions and come back).
    static func middleStep(_ interview: Interview, type: ItemType) -> AnswerRef? {
        let steps = interview.path.steps
        let q = interview.questionnaire
        let order = Array(steps.indices.dropFirst()).sorted { abs($0 - steps.count / 2) < abs($1 - steps.count / 2) }
        for i in order {
            guard q.item(steps[i])?.type == type, let before = q.item(steps[i - 1]),
                  before.type.isAsked, before.type != .repeat,
                  interview.answers.byID[steps[i]]?.status == .answered else { continue }
            return AnswerRef(steps[i])
        }
        return nil
    }

    /// The reference for the interview rows: Foundation's `JSONSerialization` writing the
    /// session's answers (as the session file holds them, read into Foundation's objects
    /// beforehand), once.
    static func answersReference(_ fixture: SessionFixture, budget: Budget, into results: Results, data: String) throws -> Double {
        if let known = results.reference("json", data: data) { return known }
        let body = try JSONSerialization.jsonObject(with: fixture.session.fileBody()) as? [String: Any]
        let answers = (body?["session"] as? [String: Any])?["answers"] ?? [String: Any]()
        let (samples, _) = try measure(budget) { consume(try JSONSerialization.data(withJSONObject: answers, options: [.sortedKeys])) }
        results.setReference("json", data: data, median: samples.median)
        return samples.median
    }
}
