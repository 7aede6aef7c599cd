import Foundation
import RefugeReport
import RefugeSession

/// The report of a filled session in each format, built and rendered into the bytes its file
/// holds (`ReportWriter.renderBytes`, what `refuge report` writes), not written.
enum ReportBenchmark {
    static func name(_ format: ReportFormat) -> String { "report: \(format.rawValue)" }

    static func run(_ datasets: [Dataset], scratch: Scratch, budget: Budget, into results: Results) throws {
        for d in datasets {
            let fixture = try SessionFixture(d, sessionsFolder: scratch.folder("report-\(d.name)"), fsync: false)
            let session = fixture.session
            fixture.close()
            let reference = try AnswerBenchmark.referenceFor(fixture, data: d.name, budget: budget, into: results)
            let options = ReportOptions(now: SessionFixture.created)
            for format in ReportFormat.allCases {
                let (samples, peak) = measure(budget, cpuBound: true) {
                    consume(ReportWriter.renderBytes(session: session, questionnaire: d.questionnaire, format: format, options: options))
                }
                let size = ReportWriter.renderBytes(session: session, questionnaire: d.questionnaire, format: format, options: options).count
                results.add(Row(name: name(format), data: d.name, items: d.items, samples: samples, peak: peak,
                                reference: reference, referenceName: "JSON-encode session",
                                detail: "\(fixture.answerCount.formatted()) answers, \(size.formatted()) bytes"))
            }
        }
    }
}
