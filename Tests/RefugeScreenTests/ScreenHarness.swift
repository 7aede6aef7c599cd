import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeScreen
import RefugeSession
import XCTest

/// An interview screen with its runner over a real session in a temporary folder, driven by
/// keys, with its screens compared to golden text files (REFUGE_RECORD_SNAPSHOTS=1 rewrites
/// them). Tests that need no file at all drive `InterviewScreen` alone (see `ScreenEffectTests`).
final class ScreenHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    let folder: URL
    let store: SessionStore
    let screen: InterviewRunner
    let questionnaire: Questionnaire
    let created: Date

    init(_ questionnaire: String, language: String? = nil, interviewerLanguage: String? = nil,
         width: Int = 80, height: Int = 24, services: ScreenServices = ScreenServices()) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("screen-\(UUID().uuidString)")
        store = SessionStore(folder: folder)
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: Self.root.appendingPathComponent(questionnaire).path).questionnaire)
        let created = Date(timeIntervalSince1970: 1_795_000_000)
        self.created = created
        self.questionnaire = q
        let session = NewSession.make(id: "screentest1", questionnaire: q, language: language, interviewerLanguage: interviewerLanguage,
                                      label: "S-1", now: created, timeZone: TimeZone(identifier: "UTC")!)
        let file = try store.create(session, questionnaire: q, key: nil)
        screen = InterviewRunner(file: file, questionnaire: q, width: width, height: height, services: services, now: { created })
    }

    deinit {
        screen.file.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var interview: Interview { screen.interview }

    /// The session opened again from its file, as the program does the next time.
    func reopened(width: Int = 80, height: Int = 24) -> InterviewRunner {
        let created = self.created
        return InterviewRunner(file: screen.file, questionnaire: questionnaire, width: width, height: height, now: { created })
    }

    /// Adds an entry to a repeat the way a person does (`+` on its list); nil when refused.
    func addEntry(to repeatID: String) -> String? {
        let before = interview.answers.entries(of: repeatID).map(\.id)
        screen.jump(to: AnswerRef(repeatID))
        press(.character("+"))
        return interview.answers.entries(of: repeatID).map(\.id).first { !before.contains($0) }
    }
    var text: String { screen.view().renderText() }

    func press(_ keys: KeyEvent...) { for k in keys { screen.handle(k) } }
    func type(_ text: String) { for c in text { screen.handle(.character(c)) } }

    /// What is on disk now, read back through the store.
    func saved() throws -> Session {
        try store.read(store.url(for: "screentest1"), passphrase: nil).session
    }

    func expectScreen(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let actual = text
        let url = Self.goldens.appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["REFUGE_RECORD_SNAPSHOTS"] == "1"
        if record || !FileManager.default.fileExists(atPath: url.path) {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            if !record { XCTFail("golden \(name) was missing and has been written; check it", file: file, line: line) }
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if actual != expected {
            XCTFail("screen \(name) differs from its golden:\n--- expected\n\(expected)\n--- actual\n\(actual)", file: file, line: line)
        }
    }
}
