import RefugeExpressions
@testable import RefugeReport
import XCTest

/// The chronology's order (issue 19 made it n log n) is the order of its definition: each time,
/// of the events no remaining event is strictly before, the first by the story's rank and then
/// by the order told. Checked against that definition, taken literally, on random spans.
final class ChronologyOrderTests: XCTestCase {
    /// The definition, step by step (cubic: for a few dozen events only).
    static func reference(_ events: [ReportEvent], story: [String: Int]) -> [ReportEvent] {
        var remaining = Array(events.enumerated())
        var result: [ReportEvent] = []
        while !remaining.isEmpty {
            let candidates = remaining.indices.filter { i in
                !remaining.contains { $0.element.date!.lastDay < remaining[i].element.date!.firstDay }
            }
            let pick = candidates.min { a, b in
                let (ra, rb) = (story[remaining[a].element.itemID] ?? Int.max, story[remaining[b].element.itemID] ?? Int.max)
                return ra != rb ? ra < rb : remaining[a].offset < remaining[b].offset
            }!
            result.append(remaining.remove(at: pick).element)
        }
        return result
    }

    func testTheOrderIsTheDefinitionsOnRandomSpans() {
        var random = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let count = Int.random(in: 0...30, using: &random)
            let events = (0..<count).map { n -> ReportEvent in
                // Few years and months, so spans overlap, nest and repeat often.
                let year = 2020 + Int.random(in: 0...2, using: &random)
                let month: Int? = Bool.random(using: &random) ? Int.random(in: 1...12, using: &random) : nil
                let day: Int? = month != nil && Bool.random(using: &random) ? Int.random(in: 1...28, using: &random) : nil
                let itemID = "q\(Int.random(in: 0...5, using: &random))"
                return ReportEvent(date: PartialDate(year: year, month: month, day: day), missing: nil,
                                   text: Wording(plain: "event \(n)", language: "en"), entryLabel: nil,
                                   question: "\(itemID)#\(n)", itemID: itemID)
            }
            // q5 has no place in the story: it comes after the ranked ones.
            let story = ["q0": 4, "q1": 0, "q2": 2, "q3": 2, "q4": 1]
            XCTAssertEqual(Chronology.order(events, story: story).map(\.question),
                           Self.reference(events, story: story).map(\.question), "round \(round)")
        }
    }
}
