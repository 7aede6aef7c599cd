import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import XCTest

/// A report reads which items are on the path by flow position (`Interview.onPathByFlowPosition`),
/// and the required questions left unanswered are read by position too: both must say exactly
/// what the path's own lists say, in the same order, for every mix of answers.
final class OnPathByPositionTests: XCTestCase {
    /// Required questions at the top level and in a repeat, behind `show_if` (of a section and an
    /// item), a `goto` that skips a section, a calculation and an info screen.
    let yaml = """
    format: 1
    id: gaps
    version: "1"
    title: Gaps
    languages: [en]
    sections:
      - id: first
        title: First
        items:
          - {id: hello, type: info, text: "Hello"}
          - {id: name, type: text, prompt: "Name?", required: true}
          - {id: afraid, type: yesno, prompt: "Afraid?", required: true, next: [{if: "afraid == 'no'", goto: last}]}
          - {id: why, type: text, prompt: "Why?", required: true, show_if: "afraid == 'yes'"}
          - {id: people, type: number, prompt: "How many?", required: true, integer: true}
          - {id: total, type: calculate, expression: "people + 1"}
      - id: middle
        title: Middle
        show_if: "people > 1"
        items:
          - {id: harmed, type: yesno, prompt: "Harmed?", required: true}
          - id: incidents
            type: repeat
            prompt: "What happened?"
            required: true
            show_if: "harmed == 'yes'"
            items:
              - {id: when, type: date, prompt: "When?", required: true}
              - {id: reported, type: yesno, prompt: "Reported?"}
              - {id: why_not, type: text, prompt: "Why not?", required: true, show_if: "reported == 'no'"}
          - {id: optional_note, type: text, prompt: "Anything?"}
      - id: last
        title: Last
        items:
          - {id: closing, type: text, prompt: "Closing?", required: true}
    """

    func testFlagsByPositionAndRequiredGapsMatchThePath() throws {
        let q = try loadQuestionnaire(yaml)
        var random = UInt64(0x9E37_79B9)
        func next(_ n: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(n))
        }
        var interview = Interview(questionnaire: q, today: day)
        let top = ["name", "afraid", "why", "people", "harmed", "optional_note", "closing"]
        var sawGaps = Set<Int>()
        for step in 0..<400 {
            let id = top[next(top.count)]
            let choice = next(4)
            if step % 5 == 0 { _ = try? interview.addEntry(to: "incidents") }
            if step % 3 == 0, let entry = interview.entries(of: "incidents").first {
                let field = ["when", "reported", "why_not"][next(3)]
                interview.update(AnswerRef(field: field, of: "incidents", entry: entry.entry.id)) {
                    switch (field, choice) {
                    case (_, 0): $0 = Answer()
                    case ("when", _): $0 = .answered(.date(PartialDate(year: 2020 + choice)))
                    case ("reported", _): $0 = .answered(.choice(choice % 2 == 0 ? "yes" : "no"))
                    default: $0 = Answer(status: .refused)
                    }
                }
            }
            interview.update(AnswerRef(id)) {
                switch (id, choice) {
                case (_, 0): $0 = Answer()
                case (_, 1): $0 = Answer(status: .dontKnow)
                case ("afraid", _), ("harmed", _): $0 = .answered(.choice(choice % 2 == 0 ? "yes" : "no"))
                case ("people", _): $0 = .answered(.number(ExactNumber(choice)))
                default: $0 = .answered(.text("t\(choice)"))
                }
            }
            for reading in [interview, Interview(readingOnly: q, answers: interview.answers, today: day)] {
                let flags = reading.onPathByFlowPosition
                XCTAssertEqual(flags.count, q.flow.count, "step \(step)")
                for (position, flowStep) in q.flow.enumerated() {
                    switch flowStep {
                    case .sectionStart: XCTAssertFalse(flags[position], "step \(step), position \(position)")
                    case .item(let s, let i):
                        XCTAssertEqual(flags[position], reading.path.onPath.contains(q.sections[s].items[i].id), "step \(step), position \(position)")
                    }
                }
                let gaps = reading.unansweredRequired
                let expected = expectedGaps(q, reading)
                XCTAssertEqual(gaps.map(\.label), expected.map(\.label), "step \(step)")
                XCTAssertEqual(gaps.map(\.ref), expected.map(\.ref), "step \(step)")
                sawGaps.insert(gaps.count)
            }
        }
        // The answers varied enough to leave several different sets of gaps.
        XCTAssertGreaterThan(sawGaps.count, 3)
    }

    /// The gaps as the path's steps say them: each required step without a status, and each
    /// required field on an entry's path without one, labelled `repeat[N].field`.
    private func expectedGaps(_ q: Questionnaire, _ interview: Interview) -> [(ref: AnswerRef, label: String)] {
        var gaps: [(ref: AnswerRef, label: String)] = []
        for id in interview.path.steps {
            guard let item = q.item(id) else { continue }
            if item.required, interview.answers[AnswerRef(id)].status == nil { gaps.append((AnswerRef(id), id)) }
            guard item.type == .repeat else { continue }
            for (n, entry) in interview.entries(of: id).enumerated() {
                for field in entry.fields where q.item(field)?.required == true && entry.entry.answers[field]?.status == nil {
                    gaps.append((AnswerRef(field: field, of: id, entry: entry.entry.id), "\(id)[\(n + 1)].\(field)"))
                }
            }
        }
        return gaps
    }
}
