import Foundation
import RefugeEngine
import RefugeExpressions
@testable import RefugeSession
import XCTest

/// The session file has one writer (`SessionJSON.swift`, `SessionBodyEncoder`) and one reader
/// (the `Decodable` forms): every field of the body and of the readable header, each set to
/// something other than its default, is written, read back and compared. A field added to a
/// session type without being written or read fails here: `assertNoFieldHoldsItsDefault` finds
/// every stored property by reflection, so a new one holding its default fails too.
final class SessionFormatRoundTripTests: XCTestCase {
    /// Fails for each stored property of `value` that equals the same property of `plain`.
    private func assertNoFieldHoldsItsDefault<T>(_ value: T, _ plain: T, file: StaticString = #filePath, line: UInt = #line) {
        let set = Mirror(reflecting: value).children.map { ($0.label ?? "?", String(reflecting: $0.value)) }
        let defaults = Mirror(reflecting: plain).children.map { String(reflecting: $0.value) }
        XCTAssertEqual(set.count, defaults.count, file: file, line: line)
        XCTAssertFalse(set.isEmpty, "\(T.self) has stored properties", file: file, line: line)
        for ((label, shown), plainShown) in zip(set, defaults) {
            XCTAssertNotEqual(shown, plainShown, "\(T.self).\(label) holds its default value: set it in this test", file: file, line: line)
        }
    }

    /// An answer with every field set: a status, a value, and every mark.
    private func fullAnswer(_ value: AnswerValue, status: AnswerStatus = .answered, entries: [RepeatEntry]? = nil) -> Answer {
        var a = Answer(status: status, value: value)
        a.otherText = "Otra: \"cita\"\nsegunda línea"
        a.note = "Lloró al hablar \\ de la tienda"
        a.translation = "Cried when talking about the shop"
        a.followUp = true
        a.lawyerOnly = true
        a.draft = "borrador\t✓"
        a.entries = entries ?? [RepeatEntry(id: "e1", answers: ["inner": .answered(.text("x"))])]
        a.lastEntryNumber = 3
        return a
    }

    private func fullSession() -> Session {
        var s = Session(id: "s-full", label: "A-1 \"Ана\" / 漢字",
                        questionnaire: QuestionnaireRef(id: "credible-fear", version: "2.1", sha256: "0f9e", path: "/usr/share/refuge/q"),
                        language: "ru", interviewerLanguage: "en",
                        created: Date(timeIntervalSince1970: 1_795_000_000),
                        interviewDate: PartialDate(year: 2026, month: 11, day: 29))
        s.updated = Date(timeIntervalSince1970: 1_795_003_661)
        s.interviewDate = PartialDate(year: 2026, month: 11, approximate: true)
        let entry = RepeatEntry(id: "e2", answers: [
            "when": fullAnswer(.date(PartialDate(year: 2019, month: 3, approximate: true))),
            "what": fullAnswer(.text("Они пришли ночью"), status: .refused, entries: []),
        ])
        s.answers = AnswerSet([
            "full_name": fullAnswer(.text("Ана Петрова")),
            "age": fullAnswer(.number(ExactNumber("-9007199254740993.25")!), status: .dontKnow),
            "birth": fullAnswer(.date(PartialDate(year: 1990, month: 4, day: 2))),
            "afraid": fullAnswer(.choice("yes")),
            "harms": fullAnswer(.choices(["threats", "other"])),
            "incidents": fullAnswer(.choices([]), entries: [entry]),
        ])
        s.position = Position(itemID: "when", repeatID: "incidents", entryID: "e2")
        s.history = [
            HistoryEntry(at: Date(timeIntervalSince1970: 1_795_000_100), question: "incidents[e2].when",
                         old: fullAnswer(.text("old")), new: fullAnswer(.number(7))),
        ]
        s.progress = Progress(answered: 6, total: 40)
        s.createdWith = "0.9.0 (abc1234)"
        s.interviewerView = true
        s.pendingText = PendingText(kind: .translation, position: Position(itemID: "f", repeatID: "r", entryID: "e1"),
                                    text: "dijo \"no\"\nsegunda línea")
        return s
    }

    /// The same session with nothing set beyond what `init` requires, and values that differ
    /// from the full one's, to tell set fields from defaults.
    private func plainSession() -> Session {
        Session(id: "", label: "", questionnaire: QuestionnaireRef(id: "", version: "", sha256: "", path: ""),
                language: "", interviewerLanguage: "", created: Date(timeIntervalSince1970: 0),
                interviewDate: PartialDate(year: 2000))
    }

    func testTheTestSetsEveryField() throws {
        let s = fullSession()
        assertNoFieldHoldsItsDefault(s, plainSession())
        assertNoFieldHoldsItsDefault(try XCTUnwrap(s.answers.byID["full_name"]), Answer())
        assertNoFieldHoldsItsDefault(try XCTUnwrap(s.history.first), HistoryEntry(at: Date(timeIntervalSince1970: 0), question: "", old: nil, new: nil))
        assertNoFieldHoldsItsDefault(try XCTUnwrap(s.position), Position(itemID: ""))
        assertNoFieldHoldsItsDefault(try XCTUnwrap(s.pendingText), PendingText(kind: .note, position: Position(itemID: ""), text: ""))
        assertNoFieldHoldsItsDefault(s.questionnaire, plainSession().questionnaire)
        assertNoFieldHoldsItsDefault(s.progress, Progress(answered: 0, total: 0))
        let header = SessionHeader(session: s)
        var plainHeader = SessionHeader(session: plainSession())
        plainHeader.savedWith = nil
        assertNoFieldHoldsItsDefault(header, plainHeader)
        assertNoFieldHoldsItsDefault(header.questionnaire, plainHeader.questionnaire)
        // Every kind of value and every status is in it.
        let values = s.answers.byID.values.compactMap(\.value).map { "\($0)".prefix { $0 != "(" } }
        XCTAssertEqual(Set(values), ["text", "number", "date", "choice", "choices"])
        let statuses = s.answers.byID.values.compactMap(\.status) + s.answers.byID.values.flatMap { $0.entries ?? [] }
            .flatMap(\.answers.values).compactMap(\.status)
        XCTAssertEqual(Set(statuses), [.answered, .dontKnow, .refused])
    }

    func testTheBodyReadsBackAsTheSessionItWasWrittenFrom() throws {
        let s = fullSession()
        let body = try SessionCoding.body(s)
        let read = try SessionStore(folder: URL(fileURLWithPath: "/nonexistent")).decodeBody(body)
        XCTAssertEqual(read, s)
        // Written again, the session read back gives the same bytes.
        XCTAssertEqual(try SessionCoding.body(read), body)
        // A session with nothing optional set reads back too (no member is required that is left out).
        XCTAssertEqual(try SessionStore(folder: URL(fileURLWithPath: "/nonexistent")).decodeBody(SessionCoding.body(plainSession())),
                       plainSession())
    }

    func testTheQuestionnaireCopyReadsBack() throws {
        var copy = try XCTUnwrap(try SessionCoding.decoder().decode(QuestionnaireCopy.self, from: Data(#"{"files":[],"id":"","sha256":""}"#.utf8)))
        XCTAssertEqual(copy.files, [])
        copy.id = "credible-fear \"ru\""
        copy.sha256 = "0f9e"
        copy.files = [QuestionnaireCopy.File(path: "questionnaire.yaml", contents: Data("id: x\nнет: да\n".utf8).base64EncodedString()),
                      QuestionnaireCopy.File(path: "translations/ru.yaml", contents: "")]
        let read = try SessionCoding.decoder().decode(QuestionnaireCopy.self, from: copy.json())
        XCTAssertEqual(read, copy)
        XCTAssertEqual(read.sourceFiles.map(\.relativePath), ["questionnaire.yaml", "translations/ru.yaml"])
        XCTAssertEqual(read.sourceFiles.first?.bytes, Array("id: x\nнет: да\n".utf8))
    }

    func testTheHeaderReadsBackAsTheSessionsHeader() throws {
        let s = fullSession()
        let header = try SessionCoding.decoder().decode(SessionHeader.self, from: SessionCoding.header(s))
        XCTAssertEqual(header, SessionHeader(session: s))
        XCTAssertEqual(header.savedWith, SessionHeader(session: s).savedWith)
    }
}
