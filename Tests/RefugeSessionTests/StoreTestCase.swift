import Foundation
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// What the store, journal and locate tests share: a session folder of its own for each test
/// (removed after it) and the example intake questionnaire.
class StoreTestCase: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var folder: URL!
    var store: SessionStore!
    var questionnaire: Questionnaire!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString)")
        store = SessionStore(folder: folder)
        questionnaire = try XCTUnwrap(QuestionnaireLoader.load(path: Self.root.appendingPathComponent("Questionnaires/example-intake.yaml").path).questionnaire)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// A new session of the example questionnaire: client in Spanish, interviewer in English,
    /// labelled `L-1`, made at a fixed time (UTC).
    func makeSession(_ id: String = "s1") -> Session {
        NewSession.make(id: id, questionnaire: questionnaire, language: "es", interviewerLanguage: "en", label: "L-1",
                        now: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
    }
}
