import Foundation
import RefugeEngine

/// Writes a session's body, `{"format":1,"session":{...}}`, as `SessionCoding.body` does (the
/// same encoder settings, read back by the same `Codable` code), but encodes again only what
/// changed since the last save. Encoding the whole session with `JSONEncoder` on every
/// confirmed answer took tens of milliseconds at a thousand answers.
///
/// - Each top-level answer is kept with its JSON, compared with the session's on every save and
///   encoded again when it differs, so the answers are right whatever the caller changed.
/// - The history only ever grows (changes are appended, never edited): its JSON is kept as one
///   run of bytes, and only entries past the last one written are encoded. A history that is
///   shorter, or whose last written entry differs, is encoded again whole; debug builds (the
///   tests) also compare every earlier entry, so code that edits the history is caught there.
///
/// Members come in a fixed order (answers by id, the history, then the other members as the
/// encoder sorts them); nothing that reads the file depends on the order.
///
/// One per open session, used from one thread.
final class SessionBodyEncoder {
    private let encoder = SessionCoding.encoder()

    /// Top-level answers by id, with the JSON of the id (as a key) and of the answer.
    private var answers: [String: Answer] = [:]
    private var answerJSON: [String: (key: [UInt8], value: [UInt8])] = [:]
    /// The ids of `answers`, in byte order (sorted again only when ids come or go).
    private var sortedIDs: [String] = []

    /// The history as last written, and its entries' JSON joined by commas.
    private var history: [HistoryEntry] = []
    private var historyJSON: [UInt8] = []

    func encode(_ session: Session) throws -> Data {
        try refreshAnswers(session.answers.byID)
        try refreshHistory(session.history)
        let details = try encoder.encode(SessionDetails(session: session))

        var body: [UInt8] = []
        body.reserveCapacity(Swift.max(lastSize, historyJSON.count + details.count + 64))
        body.append(contentsOf: Self.opening)
        for (n, id) in sortedIDs.enumerated() {
            guard let json = answerJSON[id] else { continue }
            if n > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: json.key)
            body.append(UInt8(ascii: ":"))
            body.append(contentsOf: json.value)
        }
        body.append(contentsOf: Self.historyOpening)
        body.append(contentsOf: historyJSON)
        body.append(UInt8(ascii: "]"))
        // `details` is an object holding at least the id: `{"created":...}`. Its members
        // follow the history; its closing brace closes the session, and one more the body.
        body.append(UInt8(ascii: ","))
        details.withUnsafeBytes { body.append(contentsOf: $0.dropFirst()) }
        body.append(UInt8(ascii: "}"))
        lastSize = body.count
        return Data(body)
    }

    private static let opening = Array(#"{"format":1,"session":{"answers":{"#.utf8)
    private static let historyOpening = Array(#"},"history":["#.utf8)
    /// The last body's size: a good guess for the next one's.
    private var lastSize = 0

    private func json(_ value: some Encodable) throws -> [UInt8] {
        try encoder.encode(value).withUnsafeBytes { Array($0) }
    }

    private func refreshAnswers(_ current: [String: Answer]) throws {
        var idsChanged = false
        for (id, answer) in current where answers[id] != answer {
            if answers.updateValue(answer, forKey: id) == nil { idsChanged = true }
            let key = try answerJSON[id]?.key ?? json(id)
            answerJSON[id] = (key, try json(answer))
        }
        if answers.count != current.count {
            for id in answers.keys where current[id] == nil {
                answers[id] = nil
                answerJSON[id] = nil
            }
            idsChanged = true
        }
        if idsChanged {
            sortedIDs = answers.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }

    private func refreshHistory(_ current: [HistoryEntry]) throws {
        let kept = history.count
        let grewOnly = current.count >= kept && (kept == 0 || current[kept - 1] == history[kept - 1])
        assert(!grewOnly || current.prefix(kept).elementsEqual(history), "the history was edited, not appended to")
        if !grewOnly {
            history = []
            historyJSON = []
        }
        for entry in current[history.count...] {
            if !history.isEmpty { historyJSON.append(UInt8(ascii: ",")) }
            historyJSON.append(contentsOf: try json(entry))
            history.append(entry)
        }
    }
}

/// A session's members other than its answers and history.
private struct SessionDetails: Encodable {
    let session: Session
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Session.CodingKeys.self)
        try session.encodeDetails(into: &c)
    }
}
