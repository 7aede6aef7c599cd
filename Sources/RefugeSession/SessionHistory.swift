#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeJSON

/// A session's history as `Session` holds it: the entries themselves, or, for a session just
/// read from its file, the history's JSON as the file held it, decoded into entries the first
/// time something asks for them (a report, a save, the journal's merge, a new entry).
///
/// Nothing before a resumed session's first frame needs its history, and decoding it was most
/// of decoding a session (its 268 entries are 53 KB of credible-fear's 88 KB body). Damage is
/// still found when the file is opened: `SessionReader` checks every entry there exactly as it
/// would read it (`SessionReader.checkHistory`) and keeps the bytes only when all of them would
/// be read, so decoding them later cannot fail; a history it would not read makes it leave the
/// whole body to the `Decodable` forms, as before, which decode it at once (and a body they
/// refuse sends the store to the backup, as before).
struct SessionHistory: Sendable, Equatable {
    private enum Storage: Sendable {
        case entries([HistoryEntry])
        case encoded(EncodedHistory)
    }
    private var storage: Storage

    init(_ entries: [HistoryEntry] = []) { storage = .entries(entries) }

    /// The JSON of a history array that `SessionReader.checkHistory` found to hold `count`
    /// entries it reads: the array (`[...]`), or, when it is byte for byte as the session
    /// writer writes it (`writerForm`), its entries without the brackets.
    init(checkedJSON bytes: [UInt8], count: Int, writerForm: Bool) {
        storage = count == 0 ? .entries([]) : .encoded(EncodedHistory(bytes: bytes, count: count, writerForm: writerForm))
    }

    /// While the entries are still their file's JSON in the writer's own form: that JSON (the
    /// entries joined by commas, without the brackets), for `SessionBodyEncoder` to copy as it
    /// is, and the storage it came from, to tell later whether the history is still the same.
    var writtenJSON: (source: EncodedHistory, json: [UInt8])? {
        guard case .encoded(let e) = storage, let json = e.writtenJSON else { return nil }
        return (e, json)
    }

    /// Whether this is still exactly `source`'s history, not decoded and changed since.
    func isStill(_ source: EncodedHistory) -> Bool {
        if case .encoded(let e) = storage { return e === source }
        return false
    }

    var count: Int {
        switch storage {
        case .entries(let list): return list.count
        case .encoded(let e): return e.count
        }
    }

    /// Whether the entries are still the file's JSON, not yet decoded (for tests).
    var isEncoded: Bool {
        switch storage {
        case .entries: return false
        case .encoded(let e): return !e.isDecoded
        }
    }

    var entries: [HistoryEntry] {
        get {
            switch storage {
            case .entries(let list): return list
            case .encoded(let e): return e.entries
            }
        }
        _modify {
            // Changed in place, as `[HistoryEntry]` is (appending does not copy the array).
            var list: [HistoryEntry]
            switch storage {
            case .entries(let l): list = l
            case .encoded(let e): list = e.entries
            }
            storage = .entries([])
            defer { storage = .entries(list) }
            yield &list
        }
        set { storage = .entries(newValue) }
    }

    static func == (a: SessionHistory, b: SessionHistory) -> Bool {
        if case .encoded(let x) = a.storage, case .encoded(let y) = b.storage, x === y { return true }
        return a.count == b.count && a.entries == b.entries
    }
}

/// A history's JSON and, once asked for, its entries: shared by every copy of the session that
/// holds it (copies of a `Session` cross threads), so it is decoded once, under a lock.
final class EncodedHistory: @unchecked Sendable {
    // @unchecked: `state` is only read and written under `lock`.
    private let lock = PlainLock()
    private enum State { case json([UInt8]), decoded([HistoryEntry]) }
    private var state: State
    let count: Int
    /// Whether the JSON is byte for byte what the session writer writes for its entries (then
    /// it is the entries without the array's brackets, which `SessionBodyEncoder` takes as
    /// they are: one copy of them in memory, not two).
    private let writerForm: Bool

    init(bytes: [UInt8], count: Int, writerForm: Bool) {
        self.state = .json(bytes)
        self.count = count
        self.writerForm = writerForm
    }

    /// The entries' JSON without the array's brackets, while not decoded and in the writer's form.
    var writtenJSON: [UInt8]? {
        guard writerForm else { return nil }
        return lock.withLock {
            guard case .json(let bytes) = state else { return nil }
            return bytes
        }
    }

    var isDecoded: Bool {
        lock.withLock { if case .decoded = state { return true } else { return false } }
    }

    /// The entries, decoded the first time (the JSON is then let go).
    var entries: [HistoryEntry] {
        lock.withLock {
            switch state {
            case .decoded(let list):
                return list
            case .json(let bytes):
                let list = Self.decode(bytes, count: count, bracketed: !writerForm)
                state = .decoded(list)
                return list
            }
        }
    }

    /// The entries of JSON that `SessionReader.checkHistory` accepted: `SessionReader` reads
    /// every one of them (it checked them by the very rules it reads them by, and
    /// `SessionHistoryTests` holds the two to each other).
    private static func decode(_ bytes: [UInt8], count: Int, bracketed: Bool) -> [HistoryEntry] {
        do throws(JSONReader.Refused) {
            var r = JSONReader(bytes)
            var list: [HistoryEntry] = []
            list.reserveCapacity(count)
            if bracketed {
                var e = try r.elements()
                while try e.next(&r) { list.append(try SessionReader.historyEntry(&r)) }
            } else {
                repeat { list.append(try SessionReader.historyEntry(&r)) } while r.comma()
            }
            try r.end()
            return list
        } catch {
            // The bytes were checked when the file was opened: this is a broken promise of
            // this program, not a damaged file. Stopping keeps the file as it is on disk.
            preconditionFailure("a history checked when its session was read could not be decoded")
        }
    }
}
