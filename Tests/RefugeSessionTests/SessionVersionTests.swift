import Foundation
import RefugeEngine
import RefugeQuestionnaire
@testable import RefugeSession
import RefugeStorage
import RefugeVersion
import XCTest

/// Sessions record which Refuge created them and which last saved them; files from before they
/// did still open, and the missing facts are not invented.
final class SessionVersionTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testNewSessionsRecordTheVersionInHeaderAndBody() throws {
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: Self.root.appendingPathComponent("Questionnaires/example-intake.yaml").path).questionnaire)
        let session = NewSession.make(id: "v1", questionnaire: q, language: nil, interviewerLanguage: nil, label: "", now: Date(timeIntervalSince1970: 1_795_000_000))
        XCTAssertEqual(session.createdWith, RefugeVersion.full)
        let header = try SessionCoding.decoder().decode(SessionHeader.self, from: SessionCoding.header(session))
        XCTAssertEqual(header.createdWith, RefugeVersion.full)
        XCTAssertEqual(header.savedWith, RefugeVersion.full)
        let body = try SessionCoding.decoder().decode(SessionBody.self, from: SessionCoding.body(session))
        XCTAssertEqual(body.session.createdWith, RefugeVersion.full)
        XCTAssertEqual(body.session, session)
    }

    func testAFileWithoutVersionsStillOpens() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Header and body as a program before this change wrote them.
        let header = #"{"id":"old1","label":"C-1","questionnaire":{"id":"example-intake","version":"1"},"language":"en","interviewer_language":"en","created":"2026-11-01T10:00:00Z","updated":"2026-11-01T10:05:00Z","progress":{"answered":0,"total":5}}"#
        let body = #"{"format":1,"session":{"answers":{},"history":[],"id":"old1","label":"C-1","questionnaire":{"id":"example-intake","version":"1","sha256":"00","path":"x"},"language":"en","interviewer_language":"en","created":"2026-11-01T10:00:00Z","updated":"2026-11-01T10:05:00Z","interview_date":"2026-11-01","progress":{"answered":0,"total":5}}}"#
        let url = folder.appendingPathComponent("old1.refuge")
        let file = try StoredFile.create(at: url, header: Data(header.utf8), body: Data(body.utf8), key: nil)
        file.close()
        let store = SessionStore(folder: folder)
        let listed = try XCTUnwrap(store.list().first?.header)
        XCTAssertEqual(listed.id, "old1")
        XCTAssertNil(listed.createdWith)
        XCTAssertNil(listed.savedWith)
        let (session, _) = try store.read(url, passphrase: nil)
        XCTAssertNil(session.createdWith)
    }
}
