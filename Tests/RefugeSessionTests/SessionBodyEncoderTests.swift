import Foundation
import RefugeEngine
import RefugeExpressions
@testable import RefugeSession
import RefugeSynthetic
import XCTest

/// The body written from kept pieces must always read back as the session it was made from, and
/// be byte for byte the body written in one go, whatever changed between saves.
final class SessionBodyEncoderTests: XCTestCase {
    private let texts = ["", "Ana", "Ана «Ñ» 👩‍👧", "line\nbreak \"quoted\" \\ back/slash", "\u{0}\u{1F}tab\t", "مرحبا", "12"]
    private let ids = ["full_name", "q10", "q2", "Q1", "a_b", "incidents", "why_left", "phone"]

    private func randomAnswer(_ g: inout SyntheticQuestionnaire.Random, depth: Int = 0) -> Answer {
        RandomAnswer.make(&g, texts: texts, depth: depth, entriesOneIn: 5, lastEntryNumberMayRunAhead: true)
    }

    private func reading(_ body: Data, file: StaticString = #filePath, line: UInt = #line) throws -> Session {
        XCTAssertNotNil(try? JSONSerialization.jsonObject(with: body), "the body is JSON", file: file, line: line)
        return try SessionStore(folder: URL(fileURLWithPath: "/nonexistent")).decodeBody(body)
    }

    private func session() -> Session {
        Session(id: "s1", label: "A-1 \"quoted\"", questionnaire: QuestionnaireRef(id: "intake", version: "1", sha256: "ab", path: "/q"),
                language: "es", interviewerLanguage: "en", created: Date(timeIntervalSince1970: 1_795_000_000),
                interviewDate: PartialDate(year: 2026, month: 11, day: 29))
    }

    func testEveryKindOfChangeReadsBackAsTheSession() throws {
        var g = SyntheticQuestionnaire.Random(seed: 42)
        let encoder = SessionBodyEncoder()
        var s = session()
        var clock = 1_795_000_000.0
        for step in 0..<400 {
            clock += 1
            switch Int(g.next() % 8) {
            case 0, 1, 2:
                let id = ids.randomElement(using: &g)!
                let old = s.answers.byID[id]
                let new = randomAnswer(&g)
                s.answers.byID[id] = new
                s.history.append(HistoryEntry(at: Date(timeIntervalSince1970: clock), question: id, old: old, new: new))
            case 3:
                if let id = s.answers.byID.keys.sorted().randomElement(using: &g) { s.answers.byID[id] = nil }
            case 4: s.position = g.next() % 2 == 0 ? nil : Position(itemID: "when", repeatID: "incidents", entryID: "e1")
            case 5: s.language = ["es", "ru", "en"].randomElement(using: &g)!
            case 6: s.progress = Progress(answered: Int(g.next() % 50), total: 50)
            default: s.label = texts.randomElement(using: &g)!
            }
            s.updated = Date(timeIntervalSince1970: clock)
            let body = try encoder.encode(s)
            XCTAssertEqual(try reading(body), s, "step \(step)")
            XCTAssertEqual(body, try SessionCoding.body(s), "step \(step): the same bytes as a body written in one go")
            let header = try SessionCoding.decoder().decode(SessionHeader.self, from: SessionCoding.header(s))
            XCTAssertEqual(header, SessionHeader(session: s), "step \(step)")
        }
    }

    /// Journal changes: the last full body with every change since applied in order reads as
    /// the session, whatever changed, told which answers (`touched`) or not.
    func testChangesAppliedToTheLastFullBodyReadAsTheSession() throws {
        var g = SyntheticQuestionnaire.Random(seed: 7)
        let encoder = SessionBodyEncoder()
        var s = session()
        var clock = 1_795_000_000.0
        var full = try reading(encoder.encode(s))
        var changes: [Data] = []
        for step in 0..<300 {
            clock += 1
            var touched: Set<String>? = []
            switch Int(g.next() % 6) {
            case 0, 1, 2:
                let id = ids.randomElement(using: &g)!
                let old = s.answers.byID[id]
                let new = randomAnswer(&g)
                s.answers.byID[id] = new
                s.history.append(HistoryEntry(at: Date(timeIntervalSince1970: clock), question: id, old: old, new: new))
                touched = g.next() % 2 == 0 ? [id] : nil
            case 3:
                if let id = s.answers.byID.keys.sorted().randomElement(using: &g) { s.answers.byID[id] = nil; touched = [id] }
            case 4: s.position = g.next() % 2 == 0 ? nil : Position(itemID: "when", repeatID: "incidents", entryID: "e1")
            default: s.pendingText = g.next() % 2 == 0 ? nil : PendingText(kind: .note, position: Position(itemID: "q2"), text: texts.randomElement(using: &g)!)
            }
            s.updated = Date(timeIntervalSince1970: clock)
            if g.next() % 10 == 0 {
                full = try reading(encoder.encode(s, touched: touched))
                changes = []
            } else {
                changes.append(try XCTUnwrap(encoder.change(s, touched: touched)))
            }
            XCTAssertEqual(JournalChange.applying(changes, to: full), s, "step \(step)")
        }
        // Applied once more (a journal read again onto a save that holds it), nothing repeats.
        let applied = JournalChange.applying(changes, to: full)
        XCTAssertEqual(JournalChange.applying(changes, to: applied).history, s.history)
    }

    func testAHistoryThatIsReplacedOrCutIsWrittenAgainWhole() throws {
        let encoder = SessionBodyEncoder()
        var s = session()
        for n in 0..<5 {
            s.history.append(HistoryEntry(at: Date(timeIntervalSince1970: 1_795_000_000 + Double(n)), question: "q\(n)", old: nil, new: .answered(.text("\(n)"))))
        }
        XCTAssertEqual(try reading(encoder.encode(s)), s)
        s.history.removeLast(2)
        XCTAssertEqual(try reading(encoder.encode(s)), s, "shorter")
        s.history = [HistoryEntry(at: Date(timeIntervalSince1970: 1_795_000_100), question: "other", old: nil, new: nil)]
        XCTAssertEqual(try reading(encoder.encode(s)), s, "another history of the same length or shorter")
        s.history = []
        XCTAssertEqual(try reading(encoder.encode(s)), s, "empty")
    }

    func testTheInterviewersViewAndATextBeingTypedReadBack() throws {
        var s = session()
        s.interviewerView = true
        s.pendingText = PendingText(kind: .translation, position: Position(itemID: "f", repeatID: "r", entryID: "e1"), text: "dijo \"no\"\nsegunda línea")
        XCTAssertEqual(try reading(SessionBodyEncoder().encode(s)), s)
        s.pendingText = PendingText(kind: .note, position: Position(itemID: "q1"), text: "")
        XCTAssertEqual(try reading(SessionBodyEncoder().encode(s)), s)
    }

    func testAnEmptySessionReadsBack() throws {
        XCTAssertEqual(try reading(SessionBodyEncoder().encode(session())), session())
    }

    func testABodyOfANewerFormatOrNoBodyAtAllIsToldApartFromADamagedOne() throws {
        let store = SessionStore(folder: URL(fileURLWithPath: "/nonexistent"))
        func error(_ text: String) -> SessionError? {
            do {
                _ = try store.decodeBody(Data(text.utf8))
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(error(#"{"format":2,"session":{"anything":"else"}}"#), .newerFormat(2))
        XCTAssertEqual(error(#"{"session":{}}"#), .damaged("it is not a Refuge session"))
        XCTAssertEqual(error(#"[1,2]"#), .damaged("it is not a Refuge session"))
        XCTAssertEqual(error(#"{"format":1,"sess"#), .damaged("it is not a Refuge session"))
        XCTAssertEqual(error(#"{"format":1,"session":{"id":"s1"}}"#), .damaged("its contents do not have the expected form"))
        XCTAssertNil(error(String(decoding: try SessionCoding.body(session()), as: UTF8.self)))
    }
}
