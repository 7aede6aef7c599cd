import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

/// The engine's pieces that the screen and the saves call, each on its own, to show where the
/// time of a key press or a confirmed answer goes: changing a text answer that no `show_if`,
/// `next` or calculation reads (the path stays; see `Interview.update`), one walk of the path
/// (any change that can move it: here the interview date set again), the progress count (every
/// frame's header and every save), the checks that hold (review screen, report), and the check
/// of one answer.
enum EngineBenchmark {
    static let change = "engine: change one answer"
    static let walk = "engine: walk the path"
    static let progress = "engine: progress count"
    static let checks = "engine: checks that hold"
    static let problem = "engine: check one answer"

    static func run(_ datasets: [Dataset], budget: Budget, into results: Results) {
        for d in datasets {
            var filler = SessionFiller()
            let today = NewSession.make(id: "x", questionnaire: d.questionnaire, language: nil, interviewerLanguage: nil,
                                        label: "", now: SessionFixture.created).interviewDate
            let (answers, count) = filler.fill(d.questionnaire, today: today)
            var interview = Interview(questionnaire: d.questionnaire, answers: answers, today: today)
            guard let ref = KeyBenchmark.middleStep(interview, type: .text) else { continue }
            let reference = results.reference("json", data: d.name)
            let detail = "\(count.formatted()) answers, \(interview.path.steps.count.formatted()) steps on the path"
            func add(_ name: String, _ measured: (Samples, peak: Int)) {
                results.add(Row(name: name, data: d.name, items: d.items, samples: measured.0, peak: measured.peak,
                                reference: reference, referenceName: reference == nil ? nil : "JSON-encode answers", detail: detail))
            }
            var flip = false
            add(change, measure(budget, cpuBound: true) {
                flip.toggle()
                let value = AnswerValue.text(flip ? "one" : "two")
                interview.update(ref) { $0.value = value }
            })
            add(walk, measure(budget, cpuBound: true) { interview.setToday(today) })
            add(progress, measure(budget, cpuBound: true) { consume(interview.progress) })
            add(checks, measure(budget, cpuBound: true) { consume(interview.holdingChecks) })
            add(problem, measure(budget, cpuBound: true) { consume(interview.problem(with: .text("three"), for: ref)) })
        }
    }
}
