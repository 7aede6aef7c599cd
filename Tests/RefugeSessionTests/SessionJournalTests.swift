import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
@testable import RefugeSession
import RefugeStorage
import XCTest

/// A session's saves go to its journal while it is open: every reader (listing, reading for a
/// report or `refuge answer`, opening again) sees them, and closing absorbs them into the file.
final class SessionJournalTests: StoreTestCase {
    private func controller(key: SessionKey? = nil) throws -> SessionController {
        return SessionController(file: try store.create(makeSession(), questionnaire: questionnaire, key: key), questionnaire: questionnaire,
                                 now: { Date(timeIntervalSince1970: 1_795_000_100) })
    }

    private var journal: String { store.url(for: "s1").path + ".journal" }

    func testEveryReaderSeesTheJournalsChangesAndClosingAbsorbsThem() throws {
        let controller = try controller()
        let file = try Data(contentsOf: store.url(for: "s1"))
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Ana")) }
        try controller.change(AnswerRef("nationality")) { $0 = .answered(.choice("other")); $0.otherText = "Ukraine" }
        try controller.change(AnswerRef("family_with_you")) { $0 = .answered(.choice("yes")) }
        let entry = try controller.addEntry(to: "family")
        try controller.change(AnswerRef(field: "family_age", of: "family", entry: entry)) { $0 = .answered(.number(7)) }
        try controller.change(AnswerRef("full_name")) { $0 = Answer() }   // cleared: the answer goes
        try controller.setPosition(AnswerRef("nationality"))
        XCTAssertEqual(try Data(contentsOf: store.url(for: "s1")), file, "the changes went to the journal, not the file")
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal))

        let expected = controller.session
        XCTAssertEqual(try store.read(store.url(for: "s1"), passphrase: nil).session, expected, "a report reads every change")
        let listed = try XCTUnwrap(store.list().first?.header)
        XCTAssertEqual(listed.progress, expected.progress, "the listing shows the progress of the last change")
        XCTAssertEqual(listed.progress.answered, 2)

        controller.file.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "closing absorbed the journal")
        let (reopened, recovery) = try store.open(store.url(for: "s1"), passphrase: nil)
        XCTAssertNil(recovery)
        XCTAssertEqual(reopened.session, expected)
        reopened.close()
    }

    func testAfterAKillTheNextOpeningReadsTheJournalAndItsFirstSaveIsAFullOne() throws {
        let controller = try controller()
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Ana")) }
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Ana María")) }
        let expected = controller.session
        // As after a kill: the lock goes, nothing is absorbed.
        controller.file.file.close()

        let (reopened, _) = try store.open(store.url(for: "s1"), passphrase: nil)
        XCTAssertEqual(reopened.session, expected)
        let again = SessionController(file: reopened, questionnaire: questionnaire, now: { Date(timeIntervalSince1970: 1_795_000_200) })
        try again.change(AnswerRef("phone")) { $0 = .answered(.text("555")) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "the first save after opening was a full one")
        try again.change(AnswerRef("phone")) { $0 = .answered(.text("556")) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal), "and the next ones go to a new journal")
        let history = try store.read(store.url(for: "s1"), passphrase: nil).session.history.map(\.question)
        XCTAssertEqual(history, ["full_name", "full_name", "phone", "phone"], "each change once")
        again.file.close()
    }

    func testAProtectedSessionsJournalIsListedWithoutThePassphraseAndReadWithIt() throws {
        let passphrase = try XCTUnwrap(Passphrase("journal test passphrase"))
        let controller = try controller(key: SessionKey.derive(from: passphrase))
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Секретное имя")) }
        let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: journal)), as: UTF8.self)
        XCTAssertFalse(raw.contains("Секретное"), "the answer is encrypted in the journal")
        XCTAssertEqual(store.list().first?.header?.progress.answered, 1)
        XCTAssertEqual(try store.read(store.url(for: "s1"), passphrase: passphrase).session.answers[AnswerRef("full_name")].value,
                       .text("Секретное имя"))
        controller.file.close()
    }
}
