import Foundation
import RefugeQuestionnaire
import Yams

/// Loading and validating a questionnaire from bytes in memory (no disk), against the time Yams
/// alone takes to parse the same main file.
enum LoadBenchmark {
    static let name = "load + validate"

    static func run(_ datasets: [Dataset], budget: Budget, into results: Results) {
        for d in datasets {
            let text = d.mainYAML
            let (reference, _) = measure(budget, cpuBound: true) { consume(try? Yams.compose(yaml: text)) }
            results.setReference("yams", data: d.name, median: reference.median)
            let (samples, peak) = measure(budget, cpuBound: true) {
                let loaded = Dataset.load(files: d.files, name: d.name)
                precondition(loaded.questionnaire != nil, "the questionnaire stopped validating")
                consume(loaded)
            }
            results.add(Row(name: name, data: d.name, items: d.items, samples: samples, peak: peak,
                            reference: reference.median, referenceName: "Yams parse",
                            detail: "\(d.files.map(\.bytes.count).reduce(0, +).formatted()) bytes"))
        }
    }
}
