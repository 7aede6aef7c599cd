import RefugeExpressions

/// The chronology's order. A date is a span of days (a month-only date is the whole month).
/// An event comes before another when its span ends before the other's begins; when two
/// spans are equal or overlap, neither date says which came first, so the story's order
/// decides: the questionnaire's `report.timeline.order` (leaving home, transit, entry,
/// arrest, detention), and for events of the same question (the entries of a repeat) the
/// order in which the client told them.
enum Chronology {
    static func order(_ events: [ReportEvent], story: [String: Int]) -> [ReportEvent] {
        // "Strictly before" between spans is a partial order; the events are taken one at a
        // time, each time the first (by the tie-breaks above) of those no remaining event is
        // strictly before. Quadratic, and chronologies hold tens of events.
        var remaining = Array(events.enumerated())
        var result: [ReportEvent] = []
        result.reserveCapacity(events.count)
        while !remaining.isEmpty {
            let candidates = remaining.indices.filter { i in
                let day = remaining[i].element.date!.firstDay
                return !remaining.contains { $0.element.date!.lastDay < day }
            }
            let pick = candidates.min { a, b in
                precedes(remaining[a], remaining[b], story: story)
            }!
            result.append(remaining.remove(at: pick).element)
        }
        return result
    }

    private static func precedes(_ a: (offset: Int, element: ReportEvent), _ b: (offset: Int, element: ReportEvent),
                                 story: [String: Int]) -> Bool {
        let (ra, rb) = (story[a.element.itemID] ?? Int.max, story[b.element.itemID] ?? Int.max)
        if ra != rb { return ra < rb }
        return a.offset < b.offset
    }
}
