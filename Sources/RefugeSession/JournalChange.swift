#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine

/// One save of a session kept in the journal beside its file (see `RefugeStorage.JournalFormat`),
/// as `SessionBodyEncoder.change` writes it: the answers that changed or went, the history
/// entries added, and every other member of the session as it then was. Reading a session
/// applies its journal's changes, in order, to the session of the last full save.
struct JournalChange: Decodable {
    /// How many history entries the session had before this change.
    var historyFrom: Int
    /// Top-level answers that went.
    var removed: [String]
    /// The answers that changed, the history entries added, and the other members.
    var session: Session

    enum CodingKeys: String, CodingKey {
        case format, historyFrom = "history_from", removed, session
    }

    struct NewerFormat: Error {}

    init(historyFrom: Int, removed: [String], session: Session) {
        self.historyFrom = historyFrom; self.removed = removed; self.session = session
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard try c.decode(Int.self, forKey: .format) == 1 else { throw NewerFormat() }
        historyFrom = try c.decode(Int.self, forKey: .historyFrom)
        removed = try c.decodeIfPresent([String].self, forKey: .removed) ?? []
        session = try c.decode(Session.self, forKey: .session)
    }

    /// Applies the change; false (and `s` unchanged) when it does not continue `s`: another
    /// session's, or history missing before it.
    func apply(to s: inout Session) -> Bool {
        guard session.id == s.id, historyFrom <= s.historyCount else { return false }
        // Entries `s` already has (a change replayed onto a save that holds it) are not added
        // twice; when it has them all, its history is left as it is (not decoded).
        var history = s.historyRecord
        let known = history.count - historyFrom
        if known < session.historyCount { history.entries.append(contentsOf: session.history[known...]) }
        var answers = s.answers
        for id in removed { answers.byID[id] = nil }
        for (id, answer) in session.answers.byID { answers.byID[id] = answer }
        // Every other member is the session's as it was at this change, so a member added to
        // `Session` later is carried without being named here.
        s = session
        s.answers = answers
        s.historyRecord = history
        return true
    }

    /// `session` with `changes` applied in order, up to the first that cannot be read or does
    /// not continue it (what follows such a change is not used either).
    static func applying(_ changes: [Data], to session: Session) -> Session {
        guard !changes.isEmpty else { return session }
        var s = session
        for data in changes {
            // The hand-written reader first; what it leaves, the `Decodable` form decides (see `SessionReader`).
            guard let change = (try? SessionReader.journalChange(data)) ?? (try? SessionCoding.decoder().decode(JournalChange.self, from: data)),
                  change.apply(to: &s) else { break }
        }
        return s
    }
}
