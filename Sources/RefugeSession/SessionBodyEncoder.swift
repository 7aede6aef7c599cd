import Foundation
import RefugeEngine
import RefugeJSON

/// Writes a session's body, `{"format":1,"session":{...}}`, with the records of `SessionJSON.swift`
/// (`Session`'s `Decodable` form reads it back), and on each save writes again only what changed
/// since the last one (with `JSONWriter`, not `JSONEncoder`). Encoding the whole session with
/// `JSONEncoder` on every confirmed answer took tens of milliseconds at a thousand answers.
///
/// - Each top-level answer is kept with its JSON, compared with the session's on every save and
///   encoded again when it differs, so the answers are right whatever the caller changed.
/// - The history only ever grows (changes are appended, never edited): its JSON is kept as one
///   run of bytes, and only entries past the last one written are encoded. A history that is
///   shorter, or whose last written entry differs, is encoded again whole; debug builds (the
///   tests) also compare every earlier entry, so code that edits the history is caught there.
///
/// Members come in a fixed order (answers by id, the history, then the other members);
/// nothing that reads the file depends on the order.
///
/// One per open session, used from one thread.
final class SessionBodyEncoder {
    /// Top-level answers by id, and where each one's JSON is in `answerJSON`.
    private var answers: [String: (answer: Answer, slot: Int)] = [:]
    /// Each answer's JSON member (`"id":{...}`), in id order, so that writing the body reads an
    /// array rather than looking every id up.
    private var answerJSON: [[UInt8]] = []

    /// The history as last written, and its entries' JSON joined by commas.
    private var history: [HistoryEntry] = []
    private var historyJSON: [UInt8] = []
    /// The last body's size: a good guess for the next one's.
    private var lastSize = 0

    func encode(_ session: Session) throws -> Data {
        try refreshAnswers(session.answers.byID)
        try refreshHistory(session.history)
        var out = JSONWriter.session(capacity: Swift.max(lastSize, historyJSON.count + 1024))
        out.object { body in
            body.key("format"); body.integer(1)
            body.key("session")
            body.object { s in
                s.key("answers")
                s.object { a in for member in answerJSON { a.written(member) } }
                s.key("history")
                s.array { h in if !historyJSON.isEmpty { h.written(historyJSON) } }
                s.sessionDetails(session)
            }
        }
        lastSize = out.bytes.count
        return Data(out.bytes)
    }

    private func refreshAnswers(_ current: [String: Answer]) throws {
        var changed: [(id: String, answer: Answer)] = []
        for (id, answer) in current where answers[id]?.answer != answer { changed.append((id, answer)) }
        let idsChanged = answers.count != current.count || changed.contains { answers[$0.id] == nil }
        if idsChanged {
            // Ids came or went: lay the slots out again in id order, keeping the JSON of every
            // answer that did not change.
            var kept: [String: [UInt8]] = [:]
            for (id, entry) in answers where current[id] != nil { kept[id] = answerJSON[entry.slot] }
            for (id, answer) in changed { kept[id] = try Self.member(id, answer) }
            let ids = current.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            answers = [:]
            answers.reserveCapacity(ids.count)
            answerJSON = []
            answerJSON.reserveCapacity(ids.count)
            for (slot, id) in ids.enumerated() {
                answers[id] = (current[id]!, slot)
                answerJSON.append(kept[id]!)
            }
        } else {
            for (id, answer) in changed {
                guard let slot = answers[id]?.slot else { continue }
                answers[id] = (answer, slot)
                answerJSON[slot] = try Self.member(id, answer)
            }
        }
    }

    /// `"id":{...}` for one answer.
    private static func member(_ id: String, _ answer: Answer) throws -> [UInt8] {
        var json = JSONWriter.session()
        json.key(id)
        try json.answer(answer)
        return json.bytes
    }

    private func refreshHistory(_ current: [HistoryEntry]) throws {
        let kept = history.count
        let grewOnly = current.count >= kept && (kept == 0 || current[kept - 1] == history[kept - 1])
        assert(!grewOnly || current.prefix(kept).elementsEqual(history), "the history was edited, not appended to")
        if !grewOnly {
            history = []
            historyJSON = []
        }
        guard history.count < current.count else { return }
        for entry in current[history.count...] {
            var one = JSONWriter.session()
            try one.historyEntry(entry)
            if !historyJSON.isEmpty { historyJSON.append(UInt8(ascii: ",")) }
            historyJSON.append(contentsOf: one.bytes)
            history.append(entry)
        }
    }
}
