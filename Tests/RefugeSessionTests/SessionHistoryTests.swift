import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeJSON
import RefugeQuestionnaire
@testable import RefugeSession
import RefugeStorage
import RefugeSynthetic
import XCTest

/// A session read from its file keeps its history as the file's JSON until something asks for
/// it (`SessionHistory`). What must not change: the check made when the file is opened refuses
/// exactly what reading the entries would refuse (so damage is still found there, and the
/// backup used), decoding later gives the entries reading at once gave, and every save writes
/// the very bytes it wrote when the history was decoded at once.
final class SessionHistoryTests: StoreTestCase {
    private let texts = ["", "Ana", "Ана «Ñ» 👩‍👧", "line\nbreak \"quoted\" \\ back/slash", "\u{0}\u{1F}tab\t", "مرحبا", "12", "\u{2028}/"]

    private func randomAnswer(_ g: inout SyntheticQuestionnaire.Random, depth: Int = 0) -> Answer {
        RandomAnswer.make(&g, texts: texts, depth: depth, entriesOneIn: 4, lastEntryNumberMayRunAhead: false)
    }

    private func randomEntry(_ g: inout SyntheticQuestionnaire.Random, at time: Double) -> HistoryEntry {
        HistoryEntry(at: Date(timeIntervalSince1970: time), question: ["full_name", "incidents[e1].when", "q\u{1}", ""].randomElement(using: &g)!,
                     old: g.next() % 3 == 0 ? nil : randomAnswer(&g), new: g.next() % 4 == 0 ? nil : randomAnswer(&g))
    }

    private func randomSession(_ g: inout SyntheticQuestionnaire.Random, entries: Int) -> Session {
        var s = makeSession()
        var answers: [String: Answer] = [:]
        for id in ["full_name", "q10", "q2", "incidents", "why_left"] where g.next() % 2 == 0 { answers[id] = randomAnswer(&g) }
        s.answers = AnswerSet(answers)
        s.history = (0..<entries).map { randomEntry(&g, at: 1_795_000_000 + Double($0)) }
        return s
    }

    /// The history array as the writer writes it.
    private func historyJSON(_ entries: [HistoryEntry]) throws -> [UInt8] {
        var w = JSONWriter.session()
        try w.array { list in for e in entries { try list.historyEntry(e) } }
        return w.bytes
    }

    /// The number of entries when reading them one by one takes every one; nil when it refuses.
    private func read(_ bytes: [UInt8]) -> Int? {
        var r = JSONReader(bytes)
        do throws(JSONReader.Refused) {
            var count = 0
            var e = try r.elements()
            while try e.next(&r) { _ = try SessionReader.historyEntry(&r); count += 1 }
            try r.end()
            return count
        } catch { return nil }
    }

    /// The same, from the check made when a file is opened.
    private func checked(_ bytes: [UInt8]) -> Int? { checking(bytes)?.count }

    private func checking(_ bytes: [UInt8]) -> (count: Int, writerForm: Bool)? {
        var r = JSONReader(bytes)
        do throws(JSONReader.Refused) {
            let checked = try SessionReader.checkHistory(&r)
            try r.end()
            return checked
        } catch { return nil }
    }

    // MARK: The check refuses what reading refuses

    func testTheCheckAtOpeningRefusesExactlyWhatReadingTheEntriesRefuses() throws {
        var g = SyntheticQuestionnaire.Random(seed: 19)
        let edits: [(String, String)] = [
            (#""at":"2026"#, #""at":"2026-11-29T14:05:00+01:00","x":"2026"#), (#"Z""#, #"z""#), (#"Z""#, #".5Z""#),
            (#""at":"#, #""at":"2026-02-30T00:00:00Z","at":"#), (#""at":""#, #""at":"\u0032"#), (#""at":""#, #""x":""#),
            (#""question":"#, #""question":1,"y":"#), (#""question":"#, #""question":null,"y":"#), (#""question""#, #""q""#),
            (#""old":{"#, #""old":{"status":"bogus","#), (#""old":{"#, #""old":{"status":"answered","#), (#""new":{"#, #""new":null,"z":{"#),
            (#""status":""#, #""status":"\u0061"#), (#""value":{"#, #""value":{"text":"a","#), (#""value":{"#, #""value":{"u":1,"#),
            (#""number":"#, #""number":1.50,"n":"#), (#""number":"#, #""number":-0,"n":"#), (#""date":"2022-"#, #""date":"2022-13"#),
            (#""date":""#, #""date":"x"#), (#""choices":["#, #""choices":[1,"#), (#""follow_up":true"#, #""follow_up":1"#),
            (#""follow_up":true"#, #""follow_up":false"#), (#""last_entry_number":"#, #""last_entry_number":1.5,"l":"#),
            (#""entries":["#, #""entries":[{"id":"x"},"#), (#""entries":["#, #""entries":[{"id":"x","answers":{"a":{},"a":{}}},"#),
            (#""id":"e1""#, #""id":"e1","id":"e2""#), (#""answers":{"#, #""answers":{"k":{"value":{}},"#), ("{", " { "),
            (",", " ,\n"), (":", "\t:"), (#"\n"#, #"\u000a"#), (#"\""#, #"\ud800"#), (#"\\"#, #"\x"#), ("Ана", "\u{1}"),
            ("}", "}}"), ("]", ""), ("true", "tru"), ("[", "[[") ,(#""note":""#, #""note":["#),
        ]
        let bytes: [UInt8] = Array(#"{}[]",:0a\ -.e9tn"#.utf8) + [0x80, 0xC3, 0xFF, 0x1F]
        var tried = 0, refused = 0
        for round in 0..<300 {
            let entries = (0..<Int(g.next() % 5)).map { _ in randomEntry(&g, at: 1_795_000_000 + Double(round)) }
            let canonical = try historyJSON(entries)
            XCTAssertEqual(checked(canonical), entries.count)
            XCTAssertEqual(checking(canonical)?.writerForm, true, "the writer's own bytes are in its form")
            XCTAssertEqual(read(canonical), entries.count)
            let text = String(decoding: canonical, as: UTF8.self)
            var variants: [[UInt8]] = []
            for (old, new) in edits where text.contains(old) {
                // One occurrence (the first, or a later one) replaced.
                let ranges = text.ranges(of: old)
                let range = ranges[Int(g.next() % UInt64(ranges.count))]
                variants.append(Array(text.replacingCharacters(in: range, with: new).utf8))
            }
            for _ in 0..<12 where !canonical.isEmpty {
                var v = canonical
                let at = Int(g.next() % UInt64(v.count))
                switch g.next() % 3 {
                case 0: v[at] = bytes[Int(g.next() % UInt64(bytes.count))]
                case 1: v.remove(at: at)
                default: v.insert(bytes[Int(g.next() % UInt64(bytes.count))], at: at)
                }
                variants.append(v)
            }
            for v in variants {
                tried += 1
                let reading = read(v)
                if reading == nil { refused += 1 }
                XCTAssertEqual(checked(v), reading, "check and reading differ on \(String(decoding: v, as: UTF8.self))")
            }
        }
        XCTAssertGreaterThan(tried, 5_000)
        XCTAssertGreaterThan(refused, tried / 4, "the variants include many that reading refuses")
        XCTAssertLessThan(refused, tried, "and some that it reads")
    }

    // MARK: Decoded only when asked for

    func testAHistoryReadFromAFileIsDecodedOnlyWhenAskedForAndIsTheSame() throws {
        var g = SyntheticQuestionnaire.Random(seed: 5)
        let written = randomSession(&g, entries: 40)
        let body = try written.fileBody()
        let read = try store.decodeBody(body)
        XCTAssertTrue(read.historyRecord.isEncoded, "not decoded by reading the file")
        XCTAssertEqual(read.historyCount, 40, "its length is known without decoding it")
        let copy = read
        XCTAssertEqual(read.history, written.history)
        XCTAssertFalse(copy.historyRecord.isEncoded, "copies share what was decoded")
        XCTAssertEqual(read, written)

        // Copies of one session on several threads decode it once, to the same entries.
        let again = try store.decodeBody(body)
        let results = PlainBox<[[HistoryEntry]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let h = again.history
            results.append(h)
        }
        XCTAssertEqual(results.value.count, 8)
        XCTAssertTrue(results.value.allSatisfy { $0 == written.history })

        // An empty history, or none at all, is simply empty.
        var empty = written
        empty.history = []
        XCTAssertEqual(try store.decodeBody(empty.fileBody()).historyCount, 0)
    }

    func testAppendingToAHistoryNotYetDecodedKeepsEveryEntry() throws {
        var g = SyntheticQuestionnaire.Random(seed: 6)
        let written = randomSession(&g, entries: 12)
        var read = try store.decodeBody(written.fileBody())
        let copy = read
        let entry = randomEntry(&g, at: 1_796_000_000)
        read.history.append(entry)
        XCTAssertEqual(read.history, written.history + [entry])
        XCTAssertEqual(read.historyCount, 13)
        XCTAssertEqual(copy.history, written.history, "the copy is not changed")
        read.record(AnswerRef("full_name"), from: Answer(), to: .answered(.text("Ana")), at: Date(timeIntervalSince1970: 1_796_000_001))
        XCTAssertEqual(read.historyCount, 14)
    }

    // MARK: The same bytes on every save

    func testEverySaveWritesTheBytesOfAHistoryDecodedAtOnce() throws {
        var g = SyntheticQuestionnaire.Random(seed: 77)
        for round in 0..<60 {
            let written = randomSession(&g, entries: Int(g.next() % 30))
            var eager = written                                   // decoded at once, as before
            var lazy = try store.decodeBody(written.fileBody())   // kept as JSON
            XCTAssertTrue(lazy.historyCount == 0 || lazy.historyRecord.isEncoded)
            let eagerEncoder = SessionBodyEncoder(), lazyEncoder = SessionBodyEncoder()
            XCTAssertEqual(try lazyEncoder.encode(lazy), try eagerEncoder.encode(eager), "round \(round): the first save")
            XCTAssertTrue(lazy.historyCount == 0 || lazy.historyRecord.isEncoded, "the first save copies the history's JSON, not decoding it")
            for step in 0..<6 {
                switch g.next() % 4 {
                case 0:
                    let e = randomEntry(&g, at: 1_796_000_000 + Double(step))
                    eager.history.append(e); lazy.history.append(e)
                case 1:
                    let a = randomAnswer(&g)
                    eager.answers.byID["q2"] = a; lazy.answers.byID["q2"] = a
                case 2:
                    eager.label = "L-\(step)"; lazy.label = "L-\(step)"
                default:
                    break
                }
                if g.next() % 2 == 0 {
                    XCTAssertEqual(try lazyEncoder.change(lazy), try eagerEncoder.change(eager), "round \(round), step \(step): a journal change")
                } else {
                    XCTAssertEqual(try lazyEncoder.encode(lazy), try eagerEncoder.encode(eager), "round \(round), step \(step): a full save")
                }
            }
        }
    }

    func testAHistoryNotInTheWritersFormIsWrittenAgainNotCopied() throws {
        // Histories the hand-written reader reads, but not as the writer would write them: a
        // save writes what it wrote when they were decoded at once (the writer's form).
        var g = SyntheticQuestionnaire.Random(seed: 31)
        var s = randomSession(&g, entries: 0)
        var old = Answer.answered(.text("a/b"))
        old.followUp = true
        old.entries = [RepeatEntry(id: "e1", answers: ["a": .answered(.date(PartialDate(year: 2022, month: 3, approximate: false))),
                                                       "b": .answered(.choice("x"))])]
        old.lastEntryNumber = 1
        s.history = [HistoryEntry(at: Date(timeIntervalSince1970: 1_795_000_000), question: "q1\n", old: old, new: nil),
                     HistoryEntry(at: Date(timeIntervalSince1970: 1_795_000_001), question: "q2", old: nil, new: .answered(.number(7)))]
        let text = String(decoding: try s.fileBody(), as: UTF8.self)
        let edits: [(String, String)] = [
            (#""history":["#, #""history": ["#), (#"},{"at""#, #"}, {"at""#), (#""a/b""#, #""a\/b""#), (#""a/b""#, #""\u0061/b""#),
            (#""q1\n""#, #""q1\u000a""#), (#""q1\n""#, #""q1\u000A""#), (#""question":"q2""#, #""question":"q2","x":1"#),
            (#"{"at":"2026-11-18T11:06:41Z","question":"q2""#, #"{"question":"q2","at":"2026-11-18T11:06:41Z""#),
            (#""follow_up":true"#, #""follow_up":true,"lawyer_only":false"#), (#""last_entry_number":1"#, #""last_entry_number":0"#),
            (#"},"id":"e1"}"#, #"},"id":"e1","z":[]}"#), (#""number":7}"#, #""number":7,"q":null}"#),
        ]
        // The entries' answers in another order, and the entry's id before its answers.
        let swapped = [(#"{"answers":{"a":"#, #"{"id":"e1","answers":{"a":"#), (#"}},"id":"e1"}"#, "}}}")]
        var variants = edits.map { [$0] } + [swapped]
        if let a = text.range(of: #""a":{"status":"answered","value":{"date":"2022-03"}}"#),
           let b = text.range(of: #""b":{"status":"answered","value":{"choice":"x"}}"#) {
            variants.append([(String(text[a]) + "," + String(text[b]), String(text[b]) + "," + String(text[a]))])
        } else {
            XCTFail("the entry's answers are where they were expected")
        }
        var copied = 0
        for variant in variants {
            var edited = text
            for (old, new) in variant {
                guard edited.contains(old) else { XCTFail("no \(old) in \(edited)"); continue }
                edited = edited.replacingOccurrences(of: old, with: new)
            }
            let body = Data(edited.utf8)
            guard let lazy = try? store.decodeBody(body), let eager = try? store.decodeBodyInGeneral(body) else {
                XCTFail("not read: \(variant)")
                continue
            }
            // (Before anything decodes the history: comparing the sessions does.)
            if lazy.historyRecord.writtenJSON != nil { copied += 1 }
            XCTAssertEqual(try SessionBodyEncoder().encode(lazy), try SessionBodyEncoder().encode(eager), "\(variant)")
            XCTAssertEqual(lazy, eager, "\(variant)")
        }
        XCTAssertEqual(copied, 0, "none of them is taken for the writer's form")
        XCTAssertNotNil(try store.decodeBody(Data(text.utf8)).historyRecord.writtenJSON, "the writer's own body is")
    }

    func testAResumedSessionSavesTheSameFileAsBefore() throws {
        // Through the store: a session with a history, closed, opened again (history kept as
        // JSON), changed and saved; its file holds what one decoded at once would hold.
        let controller = SessionController(file: try store.create(makeSession(), questionnaire: questionnaire, key: nil), questionnaire: questionnaire,
                                           now: { Date(timeIntervalSince1970: 1_795_000_500) })
        for n in 0..<20 { try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Ana \(n)")) } }
        controller.file.close()
        let url = store.url(for: "s1")
        // The session as decoded at once (by the `Decodable` forms), changed the same way.
        var expected = try store.decodeBodyInGeneral(StoredFile.load(at: url, passphrase: nil).body)
        XCTAssertFalse(expected.historyRecord.isEncoded)
        expected.label = "L-2"
        let (opened, _) = try store.open(url, passphrase: nil)
        XCTAssertTrue(opened.session.historyRecord.isEncoded)
        XCTAssertEqual(opened.session.historyCount, 20)
        try opened.update { $0.label = "L-2" }
        opened.close()
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, try SessionCoding.body(expected))
        XCTAssertEqual(try store.read(url, passphrase: nil).session.history.count, 20)
    }

    // MARK: Damage is still found at opening

    /// Session `id`'s file, after one answer, with its body replaced (checksummed, through the
    /// storage layer) by that good body with its history (the part from `"history":` on) edited.
    private func damaged(_ id: String, history edit: (String) throws -> String) throws -> URL {
        let controller = SessionController(file: try store.create(makeSession(id), questionnaire: questionnaire, key: nil), questionnaire: questionnaire)
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("kept")) }
        controller.file.close()
        let url = store.url(for: id)
        let header = try StoredFile.readHeader(at: url).header
        let (raw, contents) = try StoredFile.open(at: url, passphrase: nil)
        let body = String(decoding: contents.body, as: UTF8.self)
        let split = try XCTUnwrap(body.range(of: #""history":"#))
        try raw.save(header: header, body: Data((body[..<split.lowerBound] + edit(String(body[split.lowerBound...]))).utf8))
        raw.close()
        return url
    }

    func testABrokenHistoryStillSendsOpeningToTheBackup() throws {
        // A history that is not JSON: the storage layer refuses to write such a body at all,
        // and the check it asks of a body when opening (is it a session?) says no.
        var g = SyntheticQuestionnaire.Random(seed: 8)
        let good = String(decoding: try randomSession(&g, entries: 3).fileBody(), as: UTF8.self)
        XCTAssertTrue(store.bodyCheck()(Data(good.utf8)))
        for (old, new) in [(#"},{"at""#, #"},{"at"#), (#"},{"at""#, #"}{"at""#), (#""history":["#, #""history":[["#)] {
            XCTAssertTrue(good.contains(old))
            XCTAssertFalse(store.bodyCheck()(Data(good.replacingOccurrences(of: old, with: new).utf8)), new)
        }
        for (n, (old, new)) in [(#""question":"full_name""#, #""q":"full_name""#),         // no question
                                (#""question":"full_name""#, #""question":["full_name"]"#), // not a string
                                (#""status":"answered""#, #""status":"maybe""#)].enumerated() { // no such status
            let url = try damaged("s\(n)") { history in
                XCTAssertTrue(history.contains(old), "the history has \(old)")
                return history.replacingOccurrences(of: old, with: new)
            }
            XCTAssertThrowsError(try store.decodeBody(StoredFile.load(at: url, passphrase: nil).body), new)
            let (session, recovery) = try store.read(url, passphrase: nil)
            XCTAssertNotNil(recovery, "the backup was used: \(new)")
            XCTAssertEqual(session.history.map(\.question), ["full_name"], "the backup is the good save")
            XCTAssertEqual(session.answers[AnswerRef("full_name")].value, .text("kept"))
            let (opened, openedRecovery) = try store.open(url, passphrase: nil)
            XCTAssertNotNil(openedRecovery)
            XCTAssertEqual(opened.session.historyCount, 1)
            opened.close()
        }
    }

    func testAHistoryOnlyTheGeneralReaderReadsIsDecodedAtOnceAsBefore() throws {
        // An offset in a date: the hand-written reader leaves the body to the `Decodable` forms,
        // which read it, as before.
        let url = try damaged("s1") { history in
            let range = try XCTUnwrap(history.range(of: #"(?<="at":"[0-9-]{10}T[0-9:]{8})Z"#, options: .regularExpression))
            return history.replacingCharacters(in: range, with: "+00:00")
        }
        let body = try StoredFile.load(at: url, passphrase: nil).body
        XCTAssertNil(try? SessionReader.body(body))
        let session = try store.decodeBody(body)
        XCTAssertFalse(session.historyRecord.isEncoded)
        XCTAssertEqual(session.historyCount, 1)
        XCTAssertEqual(session, try store.decodeBodyInGeneral(body))
        let (read, recovery) = try store.read(url, passphrase: nil)
        XCTAssertNil(recovery, "not damaged")
        XCTAssertEqual(read.history.map(\.question), ["full_name"])
    }
}

/// A value appended to from several threads.
private final class PlainBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.withLock { stored } }
    func append<E>(_ e: E) where T == [E] { lock.withLock { stored.append(e) } }
}
