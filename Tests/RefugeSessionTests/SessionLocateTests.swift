import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage
import XCTest

/// `refuge resume ID`: finding the session reads its file once before the lock; opening it
/// after the lock checks again whatever changed in between.
final class SessionLocateTests: StoreTestCase {
    /// A session `s1` labelled `L-1` whose full name was answered `first`, then `second`, closed.
    private func savedSession(key: SessionKey? = nil) throws {
        let controller = SessionController(file: try store.create(makeSession(), questionnaire: questionnaire, key: key), questionnaire: questionnaire)
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("first")) }
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("second")) }
        controller.file.close()
    }

    private func fullName(_ opened: (session: OpenSession, recovery: String?)) -> AnswerValue? {
        defer { opened.session.close() }
        return opened.session.session.answers[AnswerRef("full_name")].value
    }

    func testAnExactIdHandsItsReadOnAndOpeningGivesTheSameSession() throws {
        try savedSession()
        let found = try store.locate("s1")
        XCTAssertEqual(found.url, store.url(for: "s1"))
        XCTAssertEqual(found.isProtected, false)
        let read = try XCTUnwrap(found.read)
        let (withRead, recovery) = try store.open(found.url, passphrase: nil, read: read)
        let session = withRead.session
        withRead.close()
        XCTAssertNil(recovery)
        let (alone, _) = try store.open(found.url, passphrase: nil)
        XCTAssertEqual(session, alone.session)
        alone.close()
        XCTAssertEqual(session.answers[AnswerRef("full_name")].value, .text("second"))
    }

    func testALabelOrPrefixReadsNothingToHandOn() throws {
        try savedSession()
        XCTAssertNil(try store.locate("L-1").read)
        XCTAssertNil(try store.locate("s").read)
        XCTAssertEqual(try store.locate("L-1").url, store.url(for: "s1"))
    }

    func testASessionSavedBetweenFindingAndOpeningOpensAsSaved() throws {
        try savedSession()
        let found = try store.locate("s1")
        // Another Refuge saved in between (it held the lock; this one had not taken it yet).
        let (other, _) = try store.open(found.url, passphrase: nil)
        let controller = SessionController(file: other, questionnaire: questionnaire)
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("third")) }
        controller.file.close()
        XCTAssertEqual(fullName(try store.open(found.url, passphrase: nil, read: found.read)), .text("third"))
    }

    func testAMainFileDamagedAfterFindingFallsBackToTheBackupAndSaysSo() throws {
        try savedSession()
        let found = try store.locate("s1")
        XCTAssertNotNil(found.read)
        let bytes = try Data(contentsOf: found.url)
        try bytes.prefix(bytes.count / 2).write(to: found.url)
        let opened = try store.open(found.url, passphrase: nil, read: found.read)
        XCTAssertNotNil(opened.recovery, "the person is told the backup was used")
        XCTAssertEqual(fullName(opened), .text("second"))
    }

    func testADamagedMainFileIsStillFoundByItsIdThroughTheBackup() throws {
        try savedSession()
        let url = store.url(for: "s1")
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        let found = try store.locate("s1")
        XCTAssertEqual(found.url, url)
        XCTAssertEqual(found.isProtected, false)
        XCTAssertNil(found.read)
        let opened = try store.open(found.url, passphrase: nil, read: found.read)
        XCTAssertNotNil(opened.recovery)
        XCTAssertEqual(fullName(opened), .text("second"))
    }

    func testAProtectedSessionIsFoundAndOpenedWithItsPassphrase() throws {
        let passphrase = Passphrase("correct horse battery staple")!
        try savedSession(key: try SessionKey.derive(from: passphrase))
        let found = try store.locate("s1")
        XCTAssertEqual(found.isProtected, true)
        XCTAssertNotNil(found.read)
        XCTAssertThrowsError(try store.open(found.url, passphrase: Passphrase("not the passphrase")!, read: found.read)) { error in
            XCTAssertEqual(error as? SessionError, .storage(.wrongPassphrase))
        }
        XCTAssertEqual(fullName(try store.open(found.url, passphrase: passphrase, read: found.read)), .text("second"))
    }
}
