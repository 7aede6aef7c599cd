import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage
import XCTest

final class SessionStoreTests: StoreTestCase {
    func testEveryAnswerKindSurvivesASaveAndReload() throws {
        // Times are stored to the second, so the clock here has whole seconds.
        let controller = SessionController(file: try store.create(makeSession(), questionnaire: questionnaire, key: nil),
                                           questionnaire: questionnaire, now: { Date(timeIntervalSince1970: 1_795_000_100) })
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Ана «Ñ» 👩‍👧\n")) }
        try controller.change(AnswerRef("birth_date")) { $0 = .answered(.date(PartialDate(year: 1990, month: 4, approximate: true))) }
        try controller.change(AnswerRef("nationality")) { $0 = .answered(.choice("other")); $0.otherText = "Ukraine" }
        try controller.change(AnswerRef("languages_spoken")) { $0 = .answered(.choices(["es", "mam"])) }
        try controller.change(AnswerRef("removed_before")) { $0 = Answer(status: .dontKnow); $0.note = "ask again"; $0.followUp = true }
        try controller.change(AnswerRef("family_with_you")) { $0 = .answered(.choice("yes")) }
        let entry = try controller.addEntry(to: "family")
        try controller.change(AnswerRef(field: "family_age", of: "family", entry: entry)) { $0 = .answered(.number(ExactNumber("7.5")!)) }
        try controller.change(AnswerRef("why_left")) { $0.draft = "half a sentence" }
        try controller.change(AnswerRef("phone")) { $0 = Answer(status: .refused); $0.lawyerOnly = true; $0.translation = "t" }
        try controller.setPosition(AnswerRef(field: "family_age", of: "family", entry: entry))
        let inMemory = controller.session
        controller.file.close()

        let (reopened, recovery) = try store.open(store.url(for: "s1"), passphrase: nil)
        defer { reopened.close() }
        XCTAssertNil(recovery)
        XCTAssertEqual(reopened.session, inMemory)
        XCTAssertEqual(reopened.session.answers[AnswerRef("full_name")].value, .text("Ана «Ñ» 👩‍👧\n"))
        XCTAssertEqual(reopened.session.position, Position(itemID: "family_age", repeatID: "family", entryID: entry))
        XCTAssertEqual(reopened.session.progress.answered, 7)
    }

    func testHistoryRecordsConfirmedChangesButNotDrafts() throws {
        var now = Date(timeIntervalSince1970: 1_795_000_000)
        let file = try store.create(makeSession(), questionnaire: questionnaire, key: nil)
        let controller = SessionController(file: file, questionnaire: questionnaire, now: { [now] in now })
        try controller.change(AnswerRef("full_name")) { $0.draft = "An" }
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Ana")) }
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("Ana María")) }
        now += 60
        let history = controller.session.history
        XCTAssertEqual(history.count, 2)
        XCTAssertNil(history[0].old)
        XCTAssertEqual(history[0].new?.value, .text("Ana"))
        XCTAssertEqual(history[1].old?.value, .text("Ana"))
        XCTAssertEqual(history[1].new?.value, .text("Ana María"))
        controller.file.close()
    }

    func testProtectedSessionRoundTripAndWrongPassphrase() throws {
        let key = try SessionKey.derive(from: Passphrase("a long passphrase")!)
        let file = try store.create(makeSession(), questionnaire: questionnaire, key: key)
        let controller = SessionController(file: file, questionnaire: questionnaire)
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("secret name")) }
        controller.file.close()
        let raw = try String(contentsOf: store.url(for: "s1"), encoding: .utf8)
        XCTAssertFalse(raw.contains("secret name"))
        XCTAssertTrue(raw.contains("L-1"), "the label stays readable in the header")
        XCTAssertThrowsError(try store.open(store.url(for: "s1"), passphrase: Passphrase("wrong")!)) { error in
            XCTAssertEqual("\(error)", "That passphrase does not open this session")
        }
        XCTAssertEqual(try String(contentsOf: store.url(for: "s1"), encoding: .utf8), raw, "a wrong passphrase changes nothing")
        let (read, _) = try store.read(store.url(for: "s1"), passphrase: Passphrase("a long passphrase")!)
        XCTAssertEqual(read.answers[AnswerRef("full_name")].value, .text("secret name"))
        XCTAssertTrue(store.list().first!.isProtected)
    }

    func testOneWriterAtATime() throws {
        let file = try store.create(makeSession(), questionnaire: questionnaire, key: nil)
        XCTAssertThrowsError(try store.open(store.url(for: "s1"), passphrase: nil)) { error in
            XCTAssertTrue("\(error)".contains("open in another Refuge"), "\(error)")
        }
        file.close()
        let (again, _) = try store.open(store.url(for: "s1"), passphrase: nil)
        again.close()
    }

    func testTruncatedFileFallsBackToTheBackupAndSaysSo() throws {
        let controller = SessionController(file: try store.create(makeSession(), questionnaire: questionnaire, key: nil), questionnaire: questionnaire)
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("first")) }
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("second")) }
        controller.file.close()
        let url = store.url(for: "s1")
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        let (session, recovery) = try store.read(url, passphrase: nil)
        XCTAssertNotNil(recovery, "the person is told the backup was used")
        // The backup is the full save before (the new session); the journal that continued it,
        // kept beside it, brings it up to the last answer.
        XCTAssertEqual(session.answers[AnswerRef("full_name")].value, .text("second"))
        XCTAssertEqual(try Data(contentsOf: url), bytes.prefix(bytes.count / 2), "the damaged file is never overwritten by reading")
        try FileManager.default.removeItem(at: url.appendingPathExtension("bak"))
        XCTAssertThrowsError(try store.read(url, passphrase: nil), "without a backup a torn file is an error, never an empty session")
    }

    func testCarryOverCopiesOnlyMatchingQuestions() throws {
        let intake = try XCTUnwrap(QuestionnaireLoader.load(path: Self.root.appendingPathComponent("Questionnaires/intake").path).questionnaire)
        let cf = try XCTUnwrap(QuestionnaireLoader.load(path: Self.root.appendingPathComponent("Questionnaires/credible-fear").path).questionnaire)
        var answers = AnswerSet()
        answers.byID["full_name"] = .answered(.text("Oleg"))
        answers.byID["full_name"]?.draft = "not carried"
        answers.byID["intake_consent"] = .answered(.choice("yes"))
        answers.byID["no_such_question"] = .answered(.text("x"))
        let carried = NewSession.carryOver(from: answers, sourceQuestionnaire: intake, to: cf)
        XCTAssertEqual(carried.byID["full_name"]?.value, .text("Oleg"))
        XCTAssertNil(carried.byID["full_name"]?.draft)
        XCTAssertNil(carried.byID["intake_consent"], "a question the target does not have is not copied")
        XCTAssertNil(carried.byID["no_such_question"])
    }

    func testSelectionPrecedence() throws {
        let a = try store.create(makeSession("abc123"), questionnaire: questionnaire, key: nil)
        var other = makeSession("abd999")
        other.label = "abc123x"
        let b = try store.create(other, questionnaire: questionnaire, key: nil)
        a.close(); b.close()
        XCTAssertEqual(try store.resolve("abc123").lastPathComponent, "abc123.refuge")
        XCTAssertEqual(try store.resolve("abc123x").lastPathComponent, "abd999.refuge", "an exact label")
        XCTAssertEqual(try store.resolve("abd").lastPathComponent, "abd999.refuge", "a unique prefix")
        XCTAssertThrowsError(try store.resolve("ab"))
    }

    func testAFileWhoseIdIsNotItsNameIsRefusedAndNothingChanges() throws {
        // A copied or swapped file: `abc123.refuge` holds the session `zzz999`. Opening it through
        // its name or its id is refused with a clear message, and neither it nor its backup moves.
        let b = try store.create(makeSession("zzz999"), questionnaire: questionnaire, key: nil)
        try b.update { $0.label = "second save" }
        b.close()
        let fm = FileManager.default
        try fm.moveItem(at: store.url(for: "zzz999"), to: store.url(for: "abc123"))
        try fm.moveItem(atPath: store.url(for: "zzz999").path + ".bak", toPath: store.url(for: "abc123").path + ".bak")
        let main = try Data(contentsOf: store.url(for: "abc123"))
        let backup = try Data(contentsOf: URL(fileURLWithPath: store.url(for: "abc123").path + ".bak"))

        let url = try store.resolve("abc123")
        XCTAssertEqual(url.lastPathComponent, "abc123.refuge", "the file named so is the one meant")
        XCTAssertThrowsError(try store.open(url, passphrase: nil)) { error in
            XCTAssertEqual(error as? SessionError, .identityMismatch(fileName: "abc123", inside: "zzz999"))
            XCTAssertTrue("\(error)".contains("swapped"))
        }
        XCTAssertThrowsError(try store.read(url, passphrase: nil))
        XCTAssertEqual(try Data(contentsOf: store.url(for: "abc123")), main)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store.url(for: "abc123").path + ".bak")), backup,
                       "the backup is never rotated away")
        XCTAssertNotNil(store.list().first?.problem, "the list says what is wrong with it")
    }

    func testABodyThatDecodesButHasTheWrongShapeFallsBackToTheBackup() throws {
        let controller = SessionController(file: try store.create(makeSession(), questionnaire: questionnaire, key: nil), questionnaire: questionnaire)
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text("kept")) }
        controller.file.close()
        // A checksummed file whose body is JSON of the wrong types, written through the storage layer.
        let url = store.url(for: "s1")
        let header = try StoredFile.readHeader(at: url).header
        let (raw, _) = try StoredFile.open(at: url, passphrase: nil)
        try raw.save(header: header, body: Data(#"{"format":1,"session":{"id":5}}"#.utf8))
        raw.close()

        let (session, recovery) = try store.read(url, passphrase: nil)
        XCTAssertEqual(session.answers[AnswerRef("full_name")].value, .text("kept"))
        XCTAssertNotNil(recovery)
        let (opened, _) = try store.open(url, passphrase: nil)
        try opened.update { $0.label = "L-2" }
        opened.close()
        let backup = String(decoding: try StoredFile.load(at: URL(fileURLWithPath: url.path + ".bak"), passphrase: nil).body, as: UTF8.self)
        XCTAssertTrue(backup.contains("kept") && !backup.contains(#""id":5"#), "the good save stayed the backup")
    }

    func testAMainFileAndBackupBothEmptySaySo() throws {
        try store.create(makeSession(), questionnaire: questionnaire, key: nil).close()
        let url = store.url(for: "s1")
        try Data().write(to: url)
        try Data().write(to: URL(fileURLWithPath: url.path + ".bak"))
        XCTAssertEqual(try store.resolve("s1"), url)
        XCTAssertThrowsError(try store.open(url, passphrase: nil)) { error in
            XCTAssertEqual("\(error)", "The session file \(url.path) cannot be opened: the file is empty; its backup cannot be used either: the file is empty")
        }
    }

    func testANewSessionOnAFullOrReadOnlyDiskSaysSo() throws {
        for (code, words) in [(ENOSPC, "the disk is full"), (EROFS, "the disk is read-only")] {
            let full = SessionStore(folder: folder, environment: StorageEnvironment(fileSystem: FailingCreation(code: code)))
            XCTAssertThrowsError(try full.create(makeSession(), questionnaire: questionnaire, key: nil)) { error in
                XCTAssertTrue("\(error)".hasPrefix("The new session could not be created: \(words)."), "\(error)")
            }
            XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [], [], "nothing left behind")
        }
    }
}

/// The real file system, where no new file can be created (a full or read-only disk).
private struct FailingCreation: FileSystem {
    let code: Int32
    let real = POSIXFileSystem()
    func status(of path: String) throws -> FileStatus? { try real.status(of: path) }
    func readWholeFile(at path: String) throws -> Data { try real.readWholeFile(at: path) }
    func createNewFile(at path: String, permissions: UInt32) throws -> Int32 {
        throw SystemCallError(operation: "create", path: path, code: code)
    }
    func writeAll(_ data: Data, to descriptor: Int32, path: String) throws { try real.writeAll(data, to: descriptor, path: path) }
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
