import Foundation
import RefugeCanvas
import RefugeQuestionnaire
import RefugeScreen
import RefugeSession
import XCTest

/// The home screen over a real sessions folder: a new session through the form, the list,
/// delete with confirmation, a report written, and a protected session asking its passphrase.
final class HomeScreenTests: XCTestCase {
    func testNewSessionFormListAndDelete() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(folder: folder)
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: ScreenHarness.root.appendingPathComponent("Questionnaires/example-intake.yaml").path).questionnaire)
        var created: [(String, String, String, String?)] = []
        var deleted: [URL] = []
        var opened: [(URL, String?)] = []
        var counter = 0
        let services = HomeServices(
            listSessions: {
                store.list().compactMap { s in s.header.map {
                    HomeScreen.Row(url: s.url, id: $0.id, label: $0.label, questionnaire: $0.questionnaire.id, language: $0.language,
                                   progress: "\($0.progress.answered)/\($0.progress.total)", updated: "today", isProtected: s.isProtected)
                } }
            },
            questionnaires: { [HomeScreen.Choice(id: q.id, title: "Example", languages: q.languages)] },
            create: { id, language, interviewerLanguage, label, passphrase in
                created.append((language, interviewerLanguage, label, passphrase))
                counter += 1
                let session = NewSession.make(id: "home\(counter)", questionnaire: q, language: language,
                                              interviewerLanguage: interviewerLanguage, label: label, now: Date())
                return SessionController(file: try store.create(session, questionnaire: q, key: nil), questionnaire: q)
            },
            open: { url, passphrase in
                opened.append((url, passphrase))
                let (file, _) = try store.open(url, passphrase: nil)
                return SessionController(file: file, questionnaire: q)
            },
            delete: { url in deleted.append(url); try store.delete(url) },
            writeReport: { _, _ in "/tmp/report.txt" })
        let home = HomeRunner(services: services, width: 80, height: 24)
        XCTAssertTrue(home.view().renderText().contains("No sessions yet"))

        _ = home.handle(.character("n"))
        _ = home.handle(.down); _ = home.handle(.right)               // client's language: Spanish
        _ = home.handle(.down); _ = home.handle(.down)
        for c in "A-1" { _ = home.handle(.character(c)) }
        _ = home.handle(.down)
        XCTAssertTrue(home.view().renderText().contains("Who holds the keyboard"), home.view().renderText())
        _ = home.handle(.right)                                        // the interviewer holds the keyboard
        _ = home.handle(.enter)
        _ = home.handle(.enter)                                        // protect: yes; passphrase still empty
        _ = home.handle(.enter); _ = home.handle(.enter)
        XCTAssertTrue(home.view().renderText().contains("Type a passphrase"), home.view().renderText())
        _ = home.handle(.up)                                           // back to "protect"
        _ = home.handle(.character("n"))                               // "no passphrase", chosen explicitly
        guard case .open(let controller) = home.handle(.enter) else { return XCTFail("the new session should open") }
        XCTAssertTrue(controller.session.interviewerView, "the interviewer holds the keyboard: their view is on")
        XCTAssertTrue(InterviewRunner(controller: controller, width: 80, height: 24).interviewerView)
        controller.file.close()
        XCTAssertEqual(created.first?.0, "es")
        XCTAssertEqual(created.first?.2, "A-1")
        XCTAssertNil(created.first?.3)

        home.returnFromInterview(width: 80, height: 24)
        XCTAssertTrue(home.view().renderText().contains("A-1"), home.view().renderText())
        _ = home.handle(.character("r")); _ = home.handle(.character("y"))   // a report asks first
        XCTAssertTrue(home.view().renderText().contains("Report written to /tmp/report.txt"))
        _ = home.handle(.delete)
        XCTAssertTrue(home.view().renderText().contains("cannot be undone"))
        _ = home.handle(.character("x"))
        XCTAssertTrue(deleted.isEmpty, "any other key keeps the session")
        _ = home.handle(.delete); _ = home.handle(.character("y"))
        XCTAssertEqual(deleted.count, 1)
        XCTAssertTrue(home.view().renderText().contains("No sessions yet"))
        guard case .quit = home.handle(.character("q")) else { return XCTFail("q quits") }
    }
}

