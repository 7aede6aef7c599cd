import Foundation
import RefugeEngine
import RefugeExpressions
@testable import RefugeSession
import XCTest

/// The hand-written session reader (`SessionReader`) against the `Decodable` forms it stands in
/// for: every file the writer writes is read by the hand-written reader itself (never handed
/// on), to the session it was written from; and for every variant below (hand edits, wrong
/// types, unknown members, nulls, duplicates, odd numbers and dates, deep nesting, damaged and
/// truncated bytes) opening gives exactly what the `Decodable` forms alone give: the same
/// session, or the same `SessionError`.
final class SessionReaderTests: XCTestCase {
    private let store = SessionStore(folder: URL(fileURLWithPath: "/nonexistent"))

    private func answer(_ value: AnswerValue, status: AnswerStatus = .answered, entries: [RepeatEntry]? = nil) -> Answer {
        var a = Answer(status: status, value: value)
        a.otherText = "Otra: \"cita\"\nsegunda línea"
        a.note = "Lloró al hablar \\ de la tienda \u{1}"
        a.translation = "Cried / 😀 \u{2028}"
        a.followUp = true
        a.lawyerOnly = true
        a.draft = "borrador\t✓"
        a.entries = entries
        a.lastEntryNumber = 3
        return a
    }

    private func session() -> Session {
        var s = Session(id: "s-full", label: "A-1 \"Ана\" / 漢字",
                        questionnaire: QuestionnaireRef(id: "credible-fear", version: "2.1", sha256: "0f9e", path: "/usr/share/refuge/q"),
                        language: "ru", interviewerLanguage: "en",
                        created: Date(timeIntervalSince1970: 1_795_000_000),
                        interviewDate: PartialDate(year: 2026, month: 11, approximate: true))
        s.updated = Date(timeIntervalSince1970: 1_795_003_661)
        let entry = RepeatEntry(id: "e2", answers: [
            "when": answer(.date(PartialDate(year: 2019, month: 3, approximate: true))),
            "what": answer(.text("Они пришли ночью"), status: .refused, entries: []),
        ])
        s.answers = AnswerSet([
            "full_name": answer(.text("Ана Петрова")),
            "age": answer(.number(ExactNumber("-9007199254740993.25")!), status: .dontKnow),
            "big": answer(.number(ExactNumber("12345678901234567890123456789012345678")!)),
            "tiny": answer(.number(ExactNumber("0.00000000000000000000000000000000000001")!)),
            "small": Answer.answered(.number(42)),
            "birth": answer(.date(PartialDate(year: 1990, month: 4, day: 2))),
            "afraid": answer(.choice("yes")),
            "harms": answer(.choices(["threats", "other"])),
            "incidents": answer(.choices([]), entries: [entry]),
            "marked": Answer(),
        ])
        s.position = Position(itemID: "when", repeatID: "incidents", entryID: "e2")
        s.history = [
            HistoryEntry(at: Date(timeIntervalSince1970: 1_795_000_100), question: "incidents[e2].when",
                         old: answer(.text("old")), new: answer(.number(7))),
            HistoryEntry(at: Date(timeIntervalSince1970: 946_684_799), question: "afraid", old: nil, new: nil),
        ]
        s.progress = Progress(answered: 6, total: 40)
        s.createdWith = "0.9.0 (abc1234)"
        s.interviewerView = true
        s.pendingText = PendingText(kind: .translation, position: Position(itemID: "f", repeatID: "r", entryID: "e1"),
                                    text: "dijo \"no\"\nsegunda línea")
        return s
    }

    private func body() throws -> String { String(decoding: try session().fileBody(), as: UTF8.self) }

    private enum Outcome: Equatable {
        case session(Session)
        case error(SessionError)
    }

    private func opened(_ data: Data, _ decode: (Data) throws(SessionError) -> Session) -> Outcome {
        do { return .session(try decode(data)) } catch { return .error(error) }
    }

    /// Opening `data` gives what the `Decodable` forms alone give; `fast` says whether the
    /// hand-written reader must read it itself (true), must leave it (false), or either (nil).
    @discardableResult
    private func assertSame(_ data: Data, fast: Bool? = nil, _ label: String = "", file: StaticString = #filePath, line: UInt = #line) -> Outcome {
        let general = opened(data, store.decodeBodyInGeneral)
        let used = opened(data, store.decodeBody)
        XCTAssertEqual(used, general, "opening differs from the Decodable forms: \(label)", file: file, line: line)
        let own = try? SessionReader.body(data)
        if let own {
            XCTAssertEqual(Outcome.session(own), general, "the hand-written reader read another session: \(label)", file: file, line: line)
        }
        if let fast {
            XCTAssertEqual(own != nil, fast, fast ? "left to the Decodable forms: \(label)" : "read by the hand-written reader: \(label)",
                           file: file, line: line)
        }
        return general
    }

    @discardableResult
    private func assertSame(_ text: String, fast: Bool? = nil, file: StaticString = #filePath, line: UInt = #line) -> Outcome {
        assertSame(Data(text.utf8), fast: fast, text.count > 300 ? String(text.prefix(300)) + "…" : text, file: file, line: line)
    }

    /// `text` with `old` (which must be in it) replaced by `new`.
    private func edited(_ text: String, _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertTrue(text.contains(old), "the body has no \(old)", file: file, line: line)
        return text.replacingOccurrences(of: old, with: new)
    }

    // MARK: What the writer writes

    func testEveryFieldTheWriterWritesIsReadByTheHandWrittenReader() throws {
        let s = session()
        let data = try s.fileBody()
        XCTAssertEqual(try SessionReader.body(data), s)
        XCTAssertEqual(assertSame(data, fast: true), .session(s))
        let plain = Session(id: "", label: "", questionnaire: QuestionnaireRef(id: "", version: "", sha256: "", path: ""),
                            language: "", interviewerLanguage: "", created: Date(timeIntervalSince1970: 0), interviewDate: PartialDate(year: 2000))
        XCTAssertEqual(try SessionReader.body(plain.fileBody()), plain)
        // The header and a journal change, the other two things written.
        XCTAssertEqual(try SessionReader.header(SessionCoding.header(s)), SessionHeader(session: s))
        XCTAssertEqual(try SessionReader.header(SessionCoding.header(s)),
                       try SessionCoding.decoder().decode(SessionHeader.self, from: SessionCoding.header(s)))
        let encoder = SessionBodyEncoder()
        _ = try encoder.encode(s)
        var changed = s
        changed.answers.byID["afraid"] = .answered(.choice("no"))
        changed.answers.byID["marked"] = nil
        changed.history.append(HistoryEntry(at: Date(timeIntervalSince1970: 1_795_000_200), question: "afraid", old: nil, new: .answered(.choice("no"))))
        let change = try XCTUnwrap(try encoder.change(changed))
        let own = try SessionReader.journalChange(change)
        let general = try SessionCoding.decoder().decode(JournalChange.self, from: change)
        XCTAssertEqual(own.session, general.session)
        XCTAssertEqual(own.historyFrom, general.historyFrom)
        XCTAssertEqual(own.removed, ["marked"])
        XCTAssertEqual(own.removed, general.removed)
        XCTAssertEqual(JournalChange.applying([change], to: s), changed)
    }

    func testSyntheticSessionsOfEveryShapeAreReadByTheHandWrittenReader() throws {
        // Many answers, long histories, every kind of value: what a real session holds.
        var s = session()
        for n in 0..<300 {
            let value: AnswerValue = [.text("t\(n) \u{7}\"x\""), .number(ExactNumber(n * 7919 - 100_000)), .date(PartialDate(year: 1950 + n % 70, month: n % 12 + 1)),
                                      .choice("c\(n)"), .choices(["a", "b\(n)"])][n % 5]
            s.answers.byID["q\(n)"] = .answered(value)
            s.history.append(HistoryEntry(at: Date(timeIntervalSince1970: Double(1_700_000_000 + n * 86_399)), question: "q\(n)", old: nil, new: .answered(value)))
        }
        XCTAssertEqual(assertSame(try s.fileBody(), fast: true), .session(s))
    }

    // MARK: What it does not write: the Decodable forms decide

    func testUnknownMembersAreSkippedEverywhereAsBefore() throws {
        let text = try body()
        for (old, new) in [
            (#"{"format":1,"#, #"{"later":{"a":[1,2.5e3,null,true,"x\u00e9"]},"format":1,"#),
            (#""session":{"#, #""session":{"extra":[[],{}],"#),
            (#""status":"dont_know""#, #""status":"dont_know","colour":"red""#),
            (#"{"text":"Ана Петрова"}"#, #"{"text":"Ана Петрова","shade":-0.0}"#),
            (#""progress":{"answered":6"#, #""progress":{"seen":null,"answered":6"#),
            (#""position":{"item":"when""#, #""position":{"item":"when","x":false"#),
            (#""questionnaire":{"id":"credible-fear""#, #""questionnaire":{"mirror":"y","id":"credible-fear""#),
        ] {
            XCTAssertEqual(assertSame(edited(text, old, new), fast: true), .session(session()), new)
        }
    }

    /// Whatever an unknown member holds, both readers take the file alike (or refuse it alike).
    func testOddValuesInUnknownMembersAreJudgedAsBefore() throws {
        let text = try body()
        for value in ["1e999", "-1e-999", "-0.0e-0", "1E+2", String(repeating: "9", count: 400), "0.\(String(repeating: "0", count: 300))1",
                      #""\u0000""#, #""\ud83d\ude00""#, #""\ud83d""#, #""\uDFFF""#, #""\u00""#, "\"\u{7F}\u{85}\"", "\"\u{2028}\"",
                      "{}", "[]", #"{"":1}"#, #"{"a":1,"a":2}"#, #"{"\u0061":1}"#, "[1,[2,[3,{}]]]", "true", "false", "null",
                      "tru", "nulll", "01", "1.", ".1", "+1", "0x1", "NaN", "Infinity", "[1,]", "{,}", "\"\t\"", "\"a\nb\"", "'a'"] {
            for (old, new) in [(#"{"format":1,"#, #"{"x":\#(value),"format":1,"#),
                               (#""status":"dont_know""#, #""status":"dont_know","x":\#(value)"#)] {
                assertSame(edited(text, old, new))
            }
        }
        // Duplicate unknown members, and white space of every kind around every token.
        assertSame(edited(text, #"{"format":1,"#, #"{"x":1,"x":[],"format":1,"#))
        assertSame(edited(text, #"{"format":1,"#, "{\r\n\t \"format\"\t:\r1 ,\n"), fast: true)
        assertSame(edited(text, #"{"format":1,"#, "{\u{0B}\"format\":1,"), fast: false)
        assertSame(edited(text, #"{"format":1,"#, "{\u{A0}\"format\":1,"), fast: false)
    }

    func testWhiteSpaceAndEscapesAreReadAsBefore() throws {
        let text = try body()
        let spaced = text.replacingOccurrences(of: #"{"format""#, with: " \n\t{ \"format\" ")
            .replacingOccurrences(of: #","history""#, with: " ,\r\n \"history\"")
            .replacingOccurrences(of: #""id":"#, with: #""id" : "#) + "\n"
        XCTAssertEqual(assertSame(spaced, fast: true), .session(session()))
        var escaped = session()
        escaped.label = "é😀/"
        XCTAssertEqual(assertSame(edited(text, #""label":"A-1 \"Ана\" / 漢字""#, #""label":"\u00e9\ud83d\ude00\/""#), fast: true), .session(escaped))
    }

    func testNullsAndDuplicatesAreLeftToTheDecodableForms() throws {
        let text = try body()
        for (old, new) in [
            (#""label":"A-1"#, #""label":null,"x":"A-1"#),
            (#""position":{"#, #""position":null,"x":{"#),
            (#""history":["#, #""history":null,"x":["#),
            (#""note":"Lloró"#, #""note":null,"x":"Lloró"#),
            (#""interviewer_view":true"#, #""interviewer_view":null"#),
            (#""id":"s-full""#, #""id":"s-full","id":"other""#),
            (#""afraid":{"#, #""afraid":{},"afraid":{"#),
            (#""status":"dont_know""#, #""status":"dont_know","status":"refused""#),
            (#"{"choice":"yes"}"#, #"{"choice":"yes","text":"both"}"#),
            (#"{"format":1,"#, #"{"format":1,"format":1,"#),
        ] {
            assertSame(edited(text, old, new), fast: false)
        }
    }

    func testWrongTypesAndMissingMembersAreRefusedAsBefore() throws {
        let text = try body()
        for (old, new) in [
            (#""label":"A-1 \"Ана\" / 漢字""#, #""label":5"#),
            (#""progress":{"answered":6"#, #""progress":{"answered":"6""#),
            (#""progress":{"answered":6,"total":40}"#, #""progress":{"answered":6}"#),
            (#""interviewer_view":true"#, #""interviewer_view":"true""#),
            (#""follow_up":true"#, #""follow_up":1"#),
            (#""status":"dont_know""#, #""status":"maybe""#),
            (#"{"choice":"yes"}"#, #"{"choice":5}"#),
            (#"{"choice":"yes"}"#, #"{"colour":"yes"}"#),
            (#"{"choice":"yes"}"#, #""yes""#),
            (#""entries":[]"#, #""entries":{}"#),
            (#""history":["#, #""history":{"x":["#),
            (#""language":"ru","#, ""),
            (#""id":"s-full","#, ""),
            (#""interview_date":"~2026-11""#, #""interview_date":"2026-13""#),
            (#""interview_date":"~2026-11""#, #""interview_date":20261129"#),
            (#""kind":"translation""#, #""kind":"gloss""#),
            (#""last_entry_number":3"#, #""last_entry_number":3.5"#),
            (#""last_entry_number":3"#, #""last_entry_number":99999999999999999999"#),
            (#""format":1"#, #""format":"1""#),
            (#""format":1"#, #""format":2"#),
            (#""format":1"#, #""format":0"#),
            (#""format":1,"#, ""),
            (#""questionnaire":{"id":"credible-fear","#, #""questionnaire":{"#),
        ] {
            assertSame(edited(text, old, new), fast: false)
        }
        XCTAssertEqual(assertSame(edited(text, #""format":1"#, #""format":7"#)), .error(.newerFormat(7)))
    }

    func testNumbersOutsideTheCanonicalFormAreLeftToTheDecodableForms() throws {
        let text = try body()
        let written = #"{"number":42}"#
        XCTAssertEqual(assertSame(edited(text, written, #"{"number":-0}"#), fast: false), assertSame(edited(text, written, #"{"number":0}"#), fast: true))
        for number in ["1.50", "4.2e1", "42E0", "0.1e-37", "123456789012345678901234567890123456789", "1e400", "-1.0", "007", "+1", ".5", "NaN"] {
            assertSame(edited(text, written, #"{"number":\#(number)}"#), fast: false)
        }
        for number in ["0", "-1", "0.5", "9007199254740993", "-99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001"] {
            assertSame(edited(text, written, #"{"number":\#(number)}"#), fast: true)
        }
    }

    func testDatesOutsideTheWritersFormAreLeftToTheDecodableForms() throws {
        let text = try body()
        let start = try XCTUnwrap(text.range(of: #""created":""#))
        let written = String(text[start.lowerBound..<text.index(start.upperBound, offsetBy: 21)])
        XCTAssertTrue(written.hasSuffix(#"Z""#), written)
        for date in ["2000-02-29T00:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2026-06-30T12:34:56Z"] {
            assertSame(edited(text, written, #""created":"\#(date)""#), fast: true)
        }
        for date in ["2026-11-18T19:46:40.5Z", "2026-11-18T19:46:40+01:00", "2026-11-18T19:46:40", "2026-11-18t19:46:40z",
                     "2001-02-29T00:00:00Z", "2026-11-18T24:00:00Z", "2026-11-18T23:60:00Z", "2026-11-18T23:59:60Z",
                     "1899-12-31T23:59:59Z", "1582-10-10T00:00:00Z", "0000-01-01T00:00:00Z", "2026-11-18", "yesterday", ""] {
            assertSame(edited(text, written, #""created":"\#(date)""#), fast: false)
        }
    }

    func testDeepNestingIsBounded() throws {
        let text = try body()
        for depth in [10, 95, 101, 300, 600] {
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            assertSame(edited(text, #""session":{"#, #""deep":\#(nested),"session":{"#), fast: depth + 1 < 100)
        }
    }

    func testDamagedAndTruncatedBytesAreRefusedAsBefore() throws {
        let data = try session().fileBody()
        // Every prefix of the body (a file cut short anywhere).
        for length in stride(from: 0, to: data.count, by: 1) {
            assertSame(data.prefix(length), fast: false, "first \(length) bytes")
        }
        var bytes = Array(data)
        let label = try XCTUnwrap(bytes.indices.first { bytes[$0...].starts(with: Array("A-1".utf8)) })
        // A byte that is not UTF-8 inside a string, a byte order mark, the whole file in UTF-16, NULs, garbage after it.
        bytes.insert(0xFF, at: label)
        assertSame(Data(bytes), fast: false, "not UTF-8")
        assertSame(Data([0xEF, 0xBB, 0xBF]) + data, fast: false, "byte order mark")
        assertSame(Data(try body().utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), fast: false, "UTF-16")
        assertSame(data + Data("x".utf8), fast: false, "garbage after")
        assertSame(data + Data([0]), fast: false, "NUL after")
        assertSame(Data(), fast: false, "empty")
        assertSame(Data("[]".utf8), fast: false, "an array")
        // A lone surrogate, a raw control character and an unknown escape in a string.
        let text = try body()
        for bad in [#"\ud800"#, #"\udc00x"#, "\u{1}", #"\x41"#, #"\u12"#] {
            assertSame(edited(text, "Ана Петрова", "Ана\(bad)"), fast: false)
        }
    }

    func testTheHeaderAndJournalChangesAreReadAsBefore() throws {
        let s = session()
        let header = String(decoding: SessionCoding.header(s), as: UTF8.self)
        func general(_ text: String) -> SessionHeader? { try? SessionCoding.decoder().decode(SessionHeader.self, from: Data(text.utf8)) }
        for variant in [header, header.replacingOccurrences(of: #""label":"#, with: #""x":null,"label":"#),
                        header.replacingOccurrences(of: #","saved_with":"#, with: #","old_with":"#),
                        header.replacingOccurrences(of: #""label":"A-1 \"Ана\" / 漢字","#, with: ""),
                        header.replacingOccurrences(of: #""created_with":"0.9.0 (abc1234)""#, with: #""created_with":null"#),
                        header.replacingOccurrences(of: #"Z""#, with: #".000Z""#), String(header.dropLast())] {
            XCTAssertEqual(try? SessionCoding.decodeHeader(Data(variant.utf8)), general(variant), variant)
            if let own = try? SessionReader.header(Data(variant.utf8)) { XCTAssertEqual(own, general(variant), variant) }
        }
        XCTAssertNil(try? SessionReader.header(Data(header.replacingOccurrences(of: #""created_with":"0.9.0 (abc1234)""#, with: #""created_with":null"#).utf8)))
        // A journal change the hand-written reader leaves is still applied as before.
        let encoder = SessionBodyEncoder()
        _ = try encoder.encode(s)
        var changed = s
        changed.label = "B-2"
        let change = String(decoding: try XCTUnwrap(try encoder.change(changed)), as: UTF8.self)
        let withNull = change.replacingOccurrences(of: #""interviewer_view":true"#, with: #""interviewer_view":null"#)
        XCTAssertNotEqual(withNull, change)
        XCTAssertNil(try? SessionReader.journalChange(Data(withNull.utf8)))
        var viewless = changed
        viewless.interviewerView = false
        XCTAssertEqual(JournalChange.applying([Data(withNull.utf8)], to: s), viewless)
        XCTAssertEqual(JournalChange.applying([Data(change.replacingOccurrences(of: #""format":1"#, with: #""format":2"#).utf8)], to: s), s)
    }
}
