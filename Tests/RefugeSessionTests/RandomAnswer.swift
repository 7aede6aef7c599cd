import RefugeEngine
import RefugeExpressions
import RefugeSession
import RefugeSynthetic

/// A random answer of every kind a session file holds (texts with escapes, exact numbers, partial
/// dates, choices, statuses, drafts, notes, translations, repeat entries), for the tests that
/// write the same session two ways and compare the bytes (`SessionBodyEncoderTests`,
/// `SessionHistoryTests`).
enum RandomAnswer {
    /// `entriesOneIn`: about one top-level answer in that many gets repeat entries;
    /// `lastEntryNumberMayRunAhead`: their last entry number may be above their count (entries
    /// removed since), as a real session's can.
    static func make(_ g: inout SyntheticQuestionnaire.Random, texts: [String], depth: Int = 0,
                     entriesOneIn: UInt64, lastEntryNumberMayRunAhead: Bool) -> Answer {
        func nested(_ g: inout SyntheticQuestionnaire.Random) -> Answer {
            make(&g, texts: texts, depth: depth + 1, entriesOneIn: entriesOneIn, lastEntryNumberMayRunAhead: lastEntryNumberMayRunAhead)
        }
        var a = Answer()
        switch Int(g.next() % 7) {
        case 0: a = .answered(.text(texts.randomElement(using: &g)!))
        case 1: a = .answered(.number(ExactNumber(["0", "7.5", "-3", "1000000000000000000000", "0.1", "29", "9007199254740993"].randomElement(using: &g)!)!))
        case 2: a = .answered(.date(PartialDate(year: 2022, month: Int(g.next() % 12) + 1, approximate: g.next() % 2 == 0)))
        case 3: a = .answered(.choice("other")); a.otherText = texts.randomElement(using: &g)!
        case 4: a = .answered(.choices(["army", "gang"].shuffled(using: &g)))
        case 5: a = Answer(status: g.next() % 2 == 0 ? .dontKnow : .refused)
        default: a.draft = texts.randomElement(using: &g)!
        }
        if g.next() % 3 == 0 { a.note = texts.randomElement(using: &g)! }
        if g.next() % 4 == 0 { a.translation = texts.randomElement(using: &g)! }
        a.followUp = g.next() % 5 == 0
        a.lawyerOnly = g.next() % 6 == 0
        if depth == 0, g.next() % entriesOneIn == 0 {
            let count = Int(g.next() % 3) + 1
            a.entries = (1...count).map { n in
                RepeatEntry(id: "e\(n)", answers: ["when": nested(&g), "what": nested(&g)])
            }
            a.lastEntryNumber = count + (lastEntryNumberMayRunAhead ? Int(g.next() % 2) : 0)
        }
        return a
    }
}
