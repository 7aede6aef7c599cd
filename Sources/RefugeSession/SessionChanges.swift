#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine

extension Answer {
    /// The record without its draft: what history tracks.
    var confirmedPart: Answer {
        var copy = self
        copy.draft = nil
        copy.entries = nil
        copy.lastEntryNumber = 0
        return copy
    }
}

extension Session {
    /// The history name of a record: `id`, or `repeat[entry].field`.
    public static func historyName(_ ref: AnswerRef) -> String { ref.description }

    /// Records the change of one record in the history when its confirmed part changed
    /// (drafts are saved but not kept as history), and stamps the session as updated.
    public mutating func record(_ ref: AnswerRef, from old: Answer, to new: Answer, at time: Date) {
        let before = old.confirmedPart, after = new.confirmedPart
        if before != after {
            history.append(HistoryEntry(at: time, question: Session.historyName(ref),
                                        old: before.isEmpty ? nil : before, new: after.isEmpty ? nil : after))
        }
        updated = time
    }
}
