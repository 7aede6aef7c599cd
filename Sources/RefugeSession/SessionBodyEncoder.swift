#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeJSON

/// Writes a session's body, `{"format":1,"session":{...}}`, with the records of `SessionJSON.swift`
/// (`Session`'s `Decodable` form reads it back), and on each save writes again only what changed
/// since the last one (with `JSONWriter`, not `JSONEncoder`). Encoding the whole session with
/// `JSONEncoder` on every confirmed answer took tens of milliseconds at a thousand answers.
///
/// Two forms, from the same kept pieces:
///
/// - `encode`: the whole body, for a full save;
/// - `change`: only what changed since the last `encode` or `change`, for the journal (see
///   `SessionChange`, which applies it when the session is read).
///
/// - Each top-level answer is kept with its JSON. Callers say which answers they may have
///   changed (`touched`, the top-level ids); without it every answer is compared with the
///   session's, so the answers are right whatever the caller changed. Debug builds (the tests)
///   compare every answer even when told, so a caller that forgets one is caught there.
/// - The history only ever grows (changes are appended, never edited): its JSON is kept as one
///   run of bytes, and only entries past the last one written are encoded. A history that is
///   shorter, or whose last written entry differs, is encoded again whole (and cannot be a
///   change); debug builds also compare every earlier entry, so code that edits the history is
///   caught there.
///
/// Members come in a fixed order (answers by id, the history, then the other members);
/// nothing that reads the file depends on the order.
///
/// One per open session, used from one thread.
final class SessionBodyEncoder {
    /// Top-level answers by id, with each one's JSON member (`"id":{...}`).
    private var answers: [String: (answer: Answer, json: [UInt8])] = [:]
    /// The ids of `answers` in the order they are written (by their UTF-8 bytes).
    private var ids: [String] = []

    /// The history as last written, and its entries' JSON joined by commas.
    private var history: [HistoryEntry] = []
    private var historyJSON: [UInt8] = []
    /// When `historyJSON` was copied as it was from a session read from its file (its history
    /// still not decoded, in the writer's own form; see `SessionHistory`): where it came from,
    /// instead of `history`, which is filled from it when the history changes.
    private var historySource: EncodedHistory?
    /// The last whole body's size: a good guess for the next one's, and the journal's bound.
    private(set) var lastSize = 0
    /// Whether the kept pieces were brought up to a session once (`touched` means nothing before).
    private var hasRefreshed = false

    /// What one refresh found changed.
    private struct Changed {
        /// Top-level answers that are new or different, and ids whose answer went.
        var answers: [String] = []
        var removed: [String] = []
        /// Where the new history entries start in `history` and in `historyJSON`; nil when
        /// the history was not only appended to.
        var historyFrom: (index: Int, byte: Int)?
    }

    /// The whole body.
    func encode(_ session: Session, touched: Set<String>? = nil) throws -> Data {
        _ = try refresh(session, touched: touched)
        var out = JSONWriter.session(capacity: Swift.max(lastSize, historyJSON.count + 1024))
        out.object { body in
            body.key("format"); body.integer(1)
            body.key("session")
            body.object { s in
                s.key("answers")
                s.object { a in for id in ids { a.written(answers[id]!.json) } }
                s.key("history")
                s.array { h in if !historyJSON.isEmpty { h.written(historyJSON) } }
                s.sessionDetails(session)
            }
        }
        lastSize = out.bytes.count
        return Data(out.bytes)
    }

    /// What changed since the last `encode` or `change`, as one journal change:
    /// `{"format":1,"history_from":N,"removed":[ids],"session":{"answers":{changed},"history":[new],...}}`
    /// with every member of the session other than the answers and the history. Nil when the
    /// history was edited rather than appended to: that takes a full save.
    func change(_ session: Session, touched: Set<String>? = nil) throws -> Data? {
        let changed = try refresh(session, touched: touched)
        guard let historyFrom = changed.historyFrom else { return nil }
        var out = JSONWriter.session(capacity: 1024 + historyJSON.count - historyFrom.byte)
        out.object { body in
            body.key("format"); body.integer(1)
            body.key("history_from"); body.integer(historyFrom.index)
            if !changed.removed.isEmpty {
                body.key("removed")
                body.array { list in for id in changed.removed { list.string(id) } }
            }
            body.key("session")
            body.object { s in
                s.key("answers")
                s.object { a in for id in changed.answers { a.written(answers[id]!.json) } }
                s.key("history")
                s.array { h in
                    // The new entries' JSON, without the comma that joined them to the old ones.
                    var start = historyFrom.byte
                    if start < historyJSON.count, historyJSON[start] == UInt8(ascii: ",") { start += 1 }
                    if start < historyJSON.count { h.written(Array(historyJSON[start...])) }
                }
                s.sessionDetails(session)
            }
        }
        return Data(out.bytes)
    }

    private func refresh(_ session: Session, touched: Set<String>?) throws -> Changed {
        var changed = Changed()
        // Until every answer has been seen once, the ones not named are not kept yet either.
        try refreshAnswers(session.answers.byID, touched: hasRefreshed ? touched : nil, into: &changed)
        hasRefreshed = true
        changed.historyFrom = try refreshHistory(session.historyRecord)
        return changed
    }

    private func refreshAnswers(_ current: [String: Answer], touched: Set<String>?, into changed: inout Changed) throws {
        let candidates: [String]
        if let touched {
            candidates = Array(touched)
            assert(Set(differing(current)) == Set(differing(current, among: candidates)),
                   "an answer changed that the caller did not name")
        } else {
            candidates = differing(current)
        }
        for id in differing(current, among: candidates).sorted(by: Self.precedes) {
            if let answer = current[id] {
                if answers[id] == nil { ids.insert(id, at: insertionIndex(of: id)) }
                answers[id] = (answer, try Self.member(id, answer))
                changed.answers.append(id)
            } else {
                answers[id] = nil
                ids.remove(at: insertionIndex(of: id))
                changed.removed.append(id)
            }
        }
    }

    /// The ids among `candidates` (all ids, kept and current, when nil) whose answer differs
    /// from the one kept.
    private func differing(_ current: [String: Answer], among candidates: [String]? = nil) -> [String] {
        if let candidates {
            return candidates.filter { current[$0] != answers[$0]?.answer }
        }
        var ids = current.compactMap { id, answer in answers[id]?.answer == answer ? nil : id }
        for id in answers.keys where current[id] == nil { ids.append(id) }
        return ids
    }

    private static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Where `id` is in `ids`, or where it would go.
    private func insertionIndex(of id: String) -> Int {
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if Self.precedes(ids[middle], id) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `"id":{...}` for one answer.
    private static func member(_ id: String, _ answer: Answer) throws -> [UInt8] {
        var json = JSONWriter.session()
        json.key(id)
        try json.answer(answer)
        return json.bytes
    }

    /// Brings the kept history up to `record`; returns where the new entries start, or nil
    /// when it was rewritten whole. A history still as its file held it, in the writer's own
    /// form, is copied as it is (it is what encoding its entries would write) and not decoded.
    private func refreshHistory(_ record: SessionHistory) throws -> (index: Int, byte: Int)? {
        if let source = historySource {
            if record.isStill(source) { return (source.count, historyJSON.count) }
            // Changed since: compared and continued entry by entry, as any other.
            history = source.entries
            historySource = nil
        } else if history.isEmpty, historyJSON.isEmpty, let written = record.writtenJSON {
            historySource = written.source
            historyJSON = written.json
            return (0, 0)
        }
        let current = record.entries
        let kept = history.count
        let grewOnly = current.count >= kept && (kept == 0 || current[kept - 1] == history[kept - 1])
        assert(!grewOnly || current.prefix(kept).elementsEqual(history), "the history was edited, not appended to")
        if !grewOnly {
            history = []
            historyJSON = []
        }
        let from = (index: history.count, byte: historyJSON.count)
        if history.count < current.count {
            for entry in current[history.count...] {
                var one = JSONWriter.session()
                try one.historyEntry(entry)
                if !historyJSON.isEmpty { historyJSON.append(UInt8(ascii: ",")) }
                historyJSON.append(contentsOf: one.bytes)
                history.append(entry)
            }
        }
        return grewOnly ? from : nil
    }
}
