import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeScreen
import RefugeSession
import RefugeStorage
import XCTest

/// The disk fills up mid-interview (a `FileSystem` double that refuses every new file and every
/// write under one folder), then the person quits: quitting offers retry, a rescue copy beside the sessions
/// folder or in a typed folder, or quitting anyway after a yes; keys never each start a save.
final class QuitUnsavedScreenTests: XCTestCase {
    /// The real file system, where files under `fullFolder` cannot be created or written to
    /// (a save appended to the session's journal writes to a file already there) once `isFull`.
    final class FillingDisk: FileSystem, @unchecked Sendable {
        let fullFolder: String
        private let lock = NSLock()
        private var full = false
        private var refusals = 0
        let real = POSIXFileSystem()

        init(fullFolder: String) { self.fullFolder = fullFolder }

        var isFull: Bool {
            get { lock.withLock { full } }
            set { lock.withLock { full = newValue } }
        }
        /// Saves the disk refused: each is one save attempt.
        var attempts: Int { lock.withLock { refusals } }

        /// Counts and refuses the step when the disk is full and `path` is on it.
        private func refuse(_ operation: String, _ path: String) throws {
            let refused: Bool = lock.withLock {
                guard full, path.hasPrefix(fullFolder + "/") else { return false }
                refusals += 1
                return true
            }
            if refused { throw SystemCallError(operation: operation, path: path, code: ENOSPC) }
        }

        func createNewFile(at path: String, permissions: UInt32) throws -> Int32 {
            try refuse("create", path)
            return try real.createNewFile(at: path, permissions: permissions)
        }
        func status(of path: String) throws -> FileStatus? { try real.status(of: path) }
        func readWholeFile(at path: String) throws -> Data { try real.readWholeFile(at: path) }
        func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
            try refuse("write", path)
            try real.writeAll(data, to: descriptor, path: path)
        }
        func syncFile(_ descriptor: Int32, path: String) throws { try real.syncFile(descriptor, path: path) }
        func closeFile(_ descriptor: Int32, path: String) throws { try real.closeFile(descriptor, path: path) }
        func linkItem(from source: String, to destination: String) throws { try real.linkItem(from: source, to: destination) }
        func renameItem(from source: String, to destination: String) throws { try real.renameItem(from: source, to: destination) }
        func removeItem(at path: String) throws { try real.removeItem(at: path) }
        func syncFolder(at path: String) throws { try real.syncFolder(at: path) }
        func makeFolder(at path: String, permissions: UInt32) throws { try real.makeFolder(at: path, permissions: permissions) }
        func setPermissions(_ permissions: UInt32, at path: String) throws { try real.setPermissions(permissions, at: path) }
        func namesInFolder(at path: String) throws -> [String] { try real.namesInFolder(at: path) }
    }

    struct Fixture {
        let root: URL           // the full disk: REFUGE_HOME, holding sessions/
        let elsewhere: URL      // another disk (a USB stick)
        let disk: FillingDisk
        let screen: InterviewRunner
        var text: String { screen.view().renderText() }
        func press(_ keys: KeyEvent...) { for k in keys { screen.handle(k) } }
        func type(_ text: String) { for c in text { screen.handle(.character(c)) } }
    }

    private func fixture() throws -> Fixture {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("quit-unsaved-\(UUID().uuidString)")
        let root = base.appendingPathComponent("home"), elsewhere = base.appendingPathComponent("stick")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: base) }
        let disk = FillingDisk(fullFolder: root.path)
        let store = SessionStore(folder: root.appendingPathComponent("sessions"), environment: StorageEnvironment(fileSystem: disk))
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Questionnaires/example-intake.yaml").path
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: path).questionnaire)
        let session = NewSession.make(id: "quitunsaved", questionnaire: q, language: "en", interviewerLanguage: "en",
                                      label: "Q-1", now: Date(), timeZone: TimeZone(identifier: "UTC")!)
        let controller = SessionController(file: try store.create(session, questionnaire: q, key: nil), questionnaire: q)
        addTeardownBlock { controller.file.close() }
        let screen = InterviewRunner(controller: controller, width: 80, height: 24, services: ScreenServices(rescueFolder: root))
        return Fixture(root: root, elsewhere: elsewhere, disk: disk, screen: screen)
    }

    /// Answers the full name once the disk is full: the answer is only in memory.
    private func fillTheDiskWhileAnswering(_ f: Fixture) {
        f.press(.enter, .down, .enter)
        f.disk.isFull = true
        f.type("Ana")
        f.press(.enter)
    }

    func testKeysAndIdleTicksDoNotEachStartASaveWhileTheFailureIsShown() throws {
        let f = try fixture()
        fillTheDiskWhileAnswering(f)
        XCTAssertTrue(f.text.contains("could not be saved"), f.text)
        let attempts = f.disk.attempts
        XCTAssertGreaterThan(attempts, 0)
        for key: KeyEvent in [.character("x"), .down, .character("y"), .enter, .up] { f.press(key) }
        for second in 1...5 { f.screen.tick(at: Double(second) * 10) }
        XCTAssertEqual(f.disk.attempts, attempts, "only r and the rescue choices try again")
        f.press(.character("r"))
        XCTAssertEqual(f.disk.attempts, attempts + 1, "r tries once")
    }

    func testQuittingWithUnsavedAnswersOffersRescueCopiesAndQuitsOnlyAfterOne() throws {
        let f = try fixture()
        fillTheDiskWhileAnswering(f)
        f.press(.escape)
        f.press(.ctrl("c"))
        XCTAssertFalse(f.screen.wantsToQuit, "Ctrl-C with unsaved answers does not quit")
        XCTAssertTrue(f.text.contains("Quitting now would lose them"), f.text)

        f.press(.character("r"))
        XCTAssertFalse(f.screen.wantsToQuit)
        XCTAssertTrue(f.text.contains("the disk is full"), f.text)

        f.press(.character("e"))                     // beside the sessions folder: the same full disk
        XCTAssertTrue(f.text.contains("the disk is full"), f.text)
        XCTAssertFalse(f.screen.wantsToQuit)

        f.press(.character("t"), .ctrl("u"))          // a folder typed: another disk
        f.type(f.elsewhere.path)
        f.press(.enter)
        let copies = try FileManager.default.contentsOfDirectory(atPath: f.elsewhere.path).filter { $0.hasSuffix(".refuge") }
        XCTAssertEqual(copies.count, 1, f.text)
        XCTAssertTrue(copies[0].hasPrefix("quitunsaved.rescue-"))
        let (rescued, _) = try SessionStore(folder: f.elsewhere).read(f.elsewhere.appendingPathComponent(copies[0]), passphrase: nil)
        XCTAssertEqual(rescued.answers[AnswerRef("full_name")].value, .text("Ana"), "the rescue copy holds the answer")

        f.press(.character("q"))
        XCTAssertTrue(f.screen.wantsToQuit)
        XCTAssertTrue(f.screen.quitWithUnsavedChanges, "the session's own file is behind: the exit status says so")
    }

    func testQuittingAnywayNeedsAYesAndIsReported() throws {
        let f = try fixture()
        fillTheDiskWhileAnswering(f)
        f.press(.escape, .ctrl("c"), .character("q"))
        XCTAssertTrue(f.text.contains("Press y to quit"), f.text)
        f.press(.character("n"))
        XCTAssertFalse(f.screen.wantsToQuit, "any other key goes back")
        f.press(.character("q"), .character("y"))
        XCTAssertTrue(f.screen.wantsToQuit)
        XCTAssertTrue(f.screen.quitWithUnsavedChanges)
    }

    func testWhenTheDiskHasRoomAgainRetryingSavesAndQuits() throws {
        let f = try fixture()
        fillTheDiskWhileAnswering(f)
        f.press(.escape, .ctrl("c"))
        f.disk.isFull = false
        f.press(.character("r"))
        XCTAssertTrue(f.screen.wantsToQuit)
        XCTAssertFalse(f.screen.quitWithUnsavedChanges)
        let store = SessionStore(folder: f.root.appendingPathComponent("sessions"))
        XCTAssertEqual(try store.read(store.url(for: "quitunsaved"), passphrase: nil).session.answers[AnswerRef("full_name")].value, .text("Ana"))
    }
}
