import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// `ReportWriter.render(session:…)` builds for the JSON and CSV exports only what they write
/// (no printed texts, and for CSV no checks, chronology or changes). Whatever it leaves out,
/// every format must come out exactly as it does from the full model, as text and as the bytes
/// of its file.
final class ReportContentTests: XCTestCase {
    func testEveryFormatIsTheSameAsFromTheFullModel() throws {
        let example = try ReportFixtures.shipped("example-intake.yaml")
        let credibleFear = try ReportFixtures.shipped("credible-fear")
        var filler = SessionFiller()
        let sessions: [(String, Session, Questionnaire)] = [
            ("example-intake en", try ReportFixtures.exampleSession(example, language: "en"), example),
            ("example-intake es, changed answers", Self.withChanges(try ReportFixtures.exampleSession(example, language: "es")), example),
            ("credible-fear ru, changed answers",
             Self.withChanges(try ReportFixtures.session(credibleFear, language: "ru") { try filler.fill(&$0) }), credibleFear),
        ]
        let optionSets: [(String, ReportOptions)] = [
            ("plain", ReportOptions(now: ReportFixtures.now)),
            ("redacted", ReportOptions(redact: true, now: ReportFixtures.now)),
            ("identity", ReportOptions(redaction: .identity, now: ReportFixtures.now)),
            ("notes and labels", ReportOptions(notes: true, labels: true, now: ReportFixtures.now)),
            ("one language, all dates", ReportOptions(language: "en", allDates: true, now: ReportFixtures.now)),
            ("changes since", ReportOptions(changesSince: PartialDate(year: 2026, month: 11, day: 28), now: ReportFixtures.now)),
        ]
        for (name, session, q) in sessions {
            for (optionName, options) in optionSets {
                let full = ReportBuilder.build(session: session, questionnaire: q, options: options)
                for format in ReportFormat.allCases {
                    let expected = ReportWriter.render(full, format: format)
                    XCTAssertEqual(ReportWriter.render(session: session, questionnaire: q, format: format, options: options),
                                   expected, "\(name), \(optionName), \(format)")
                    // The bytes `refuge report` writes (the JSON export's own, not copied into a string).
                    // Compared as text, so that a failure shows a readable difference.
                    let bytes = ReportWriter.renderBytes(session: session, questionnaire: q, format: format, options: options)
                    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), expected, "\(name), \(optionName), \(format), bytes")
                    XCTAssertEqual(bytes.count, expected.utf8.count, "\(name), \(optionName), \(format), bytes")
                }
            }
        }
    }

    /// Every fourth answered question changed once from "don't know", the others given once.
    private static func withChanges(_ session: Session) -> Session {
        var s = session
        for (n, id) in s.answers.byID.keys.sorted().enumerated() {
            guard let record = s.answers.byID[id], record.status == .answered else { continue }
            let at = ReportFixtures.created.addingTimeInterval(Double(n * 60))
            s.history.append(HistoryEntry(at: at, question: id, old: n % 4 == 0 ? Answer(status: .dontKnow) : nil, new: record))
        }
        return s
    }
}
