import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage
import XCTest

/// The compiled questionnaire cache: used only for exactly its source and program, never
/// trusted over either, silent and harmless when damaged, private on disk.
final class QuestionnaireCacheTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var base: URL!
    var source: String!
    /// A moment before the source was copied: judged against it, the copied files are too recent
    /// for an entry to record their status, so these tests check entries by reading and hashing
    /// whatever the machine's speed (`QuestionnaireCacheStatusTests` covers the status).
    var setUpMoment = FileTime(seconds: 0, nanoseconds: 0)
    var cacheFolder: String { base.appendingPathComponent("cache").path }

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("qcache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        setUpMoment = FileTime.now()
        // A copy of credible-fear (a folder with translation files) that the tests may change.
        source = base.appendingPathComponent("credible-fear").path
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("Questionnaires/credible-fear").path, toPath: source)
    }

    override func tearDown() {
        if let base {
            _ = try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: base.appendingPathComponent("cache").path)
            try? FileManager.default.removeItem(at: base)
        }
    }

    func cache(_ program: String = "refuge test 1", now: FileTime? = nil) -> QuestionnaireCache {
        let moment = now ?? setUpMoment
        return QuestionnaireCache(folder: cacheFolder, program: program, now: { moment })
    }

    func load(_ cache: QuestionnaireCache, sourceBytes: QuestionnaireCache.SourceBytes = .kept) throws -> Questionnaire {
        let result = cache.load(path: source, checks: .withoutLint, sourceBytes: sourceBytes)
        return try XCTUnwrap(result.questionnaire, "\(result.errors)")
    }

    /// The entry's inode: a load from the source writes a new file, a hit leaves it.
    func entryInode(_ cache: QuestionnaireCache, path: String? = nil) -> UInt64? {
        var status = stat()
        guard lstat(cache.entryPath(for: path ?? source), &status) == 0 else { return nil }
        return UInt64(status.st_ino)
    }

    /// An entry that is right in every way but says a title the source does not: when a load
    /// shows this title, the entry was used. `contentHash`: another hash than the files' (an
    /// entry only a status check can take); `sourceStatus`: the files' status it records.
    func plantMarkedEntry(_ cache: QuestionnaireCache, program: String? = nil, contentHash: String? = nil,
                          sourceStatus: [SourceFileStatus] = []) throws {
        var q = try XCTUnwrap(QuestionnaireLoader.load(path: source, checks: .withoutLint).questionnaire)
        q.title = LocalizedText(["en": "FROM THE CACHE"], location: q.title.location)
        if let contentHash { q.contentHash = contentHash }
        _ = try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Data(CompiledEntry.bytes(of: q, program: program ?? cache.program, sourceStatus: sourceStatus))
            .write(to: URL(fileURLWithPath: cache.entryPath(for: source)))
    }

    func isMarked(_ q: Questionnaire) -> Bool { q.title.translations["en"] == "FROM THE CACHE" }

    func testAMissWritesAPrivateEntryAndTheNextLoadReadsIt() throws {
        let cache = cache()
        let fromSource = try load(cache)
        let reference = try XCTUnwrap(QuestionnaireLoader.load(path: source, checks: .withoutLint).questionnaire)
        XCTAssertEqual(CompiledQuestionnaire.bytes(of: fromSource), CompiledQuestionnaire.bytes(of: reference))
        let inode = try XCTUnwrap(entryInode(cache), "an entry was written")
        let folderMode = try FileManager.default.attributesOfItem(atPath: cacheFolder)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: cache.entryPath(for: source))[.posixPermissions] as? Int
        XCTAssertEqual(folderMode, 0o700)
        XCTAssertEqual(fileMode, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cacheFolder), [PathName.last(cache.entryPath(for: source))],
                       "one entry, no temporary file")

        let fromCache = try load(cache)
        XCTAssertEqual(entryInode(cache), inode, "read, not written again")
        XCTAssertEqual(CompiledQuestionnaire.bytes(of: fromCache), CompiledQuestionnaire.bytes(of: reference))
        XCTAssertEqual(fromCache.contentHash, reference.contentHash)
        XCTAssertEqual(fromCache.sourcePath, reference.sourcePath)
        XCTAssertEqual(fromCache.sourceFiles, reference.sourceFiles)
        XCTAssertEqual(fromCache.item("fear_harm")?.id, reference.item("fear_harm")?.id)
    }

    func testAMatchingEntryIsUsed() throws {
        let cache = cache()
        try plantMarkedEntry(cache)
        XCTAssertTrue(isMarked(try load(cache)))
    }

    func testOneChangedByteInAnyFileReloadsFromTheSource() throws {
        let cache = cache()
        for file in ["questionnaire.yaml", "es.yaml"] {
            try plantMarkedEntry(cache)
            XCTAssertTrue(isMarked(try load(cache)))
            let url = URL(fileURLWithPath: source).appendingPathComponent(file)
            var bytes = try Data(contentsOf: url)
            // A comment's last character, so the questionnaire still loads; only its hash changes.
            bytes.append(contentsOf: Array("\n# changed\n".utf8))
            try bytes.write(to: url)
            let reloaded = try load(cache)
            XCTAssertFalse(isMarked(reloaded), "\(file) changed: loaded from the source")
            XCTAssertEqual(reloaded.contentHash, QuestionnaireLoader.load(path: source).questionnaire?.contentHash)
            let inode = entryInode(cache)
            XCTAssertFalse(isMarked(try load(cache)), "the entry was written again for the new source")
            XCTAssertEqual(entryInode(cache), inode)
        }
        // A translation file added is a change too.
        try plantMarkedEntry(cache)
        try Data(contentsOf: URL(fileURLWithPath: source).appendingPathComponent("es.yaml"))
            .write(to: URL(fileURLWithPath: source).appendingPathComponent("zz.yaml"))
        XCTAssertNil(cache.load(path: source, checks: .withoutLint).questionnaire, "zz is not a language of it: an error, as from the source")
    }

    func testAnotherProgramsEntryIsIgnoredAndReplaced() throws {
        try plantMarkedEntry(cache("refuge 0.8.0 (commit 000000000000)"))
        let current = cache("refuge 0.9.0 (commit 111111111111)")
        XCTAssertFalse(isMarked(try load(current)))
        let inode = entryInode(current)
        XCTAssertFalse(isMarked(try load(current)))
        XCTAssertEqual(entryInode(current), inode, "replaced by this program's entry, then read")
    }

    func testADamagedEntryReloadsSilentlyAndIsWrittenAgain() throws {
        let cache = cache()
        try plantMarkedEntry(cache)
        let entry = cache.entryPath(for: source)
        let good = try Data(contentsOf: URL(fileURLWithPath: entry))
        var damages: [(String, Data)] = [("empty", Data())]
        for cut in [1, 10, 40, good.count / 2, good.count - 33, good.count - 32, good.count - 1] {
            damages.append(("cut at \(cut)", good.prefix(cut)))
        }
        for position in [0, 5, 12, 20, 60, good.count / 3, good.count / 2, good.count - 40, good.count - 32, good.count - 1] {
            var flipped = good
            flipped[position] ^= 0x20
            damages.append(("flipped byte \(position)", flipped))
        }
        damages.append(("longer", good + Data([0])))
        for (what, bytes) in damages {
            try bytes.write(to: URL(fileURLWithPath: entry))
            let result = cache.load(path: source, checks: .withoutLint)
            let q = try XCTUnwrap(result.questionnaire, what)
            XCTAssertFalse(isMarked(q), what)
            XCTAssertTrue(result.diagnostics.filter { $0.severity == .error }.isEmpty, what)
            let inode = entryInode(cache)
            XCTAssertFalse(isMarked(try load(cache)))
            XCTAssertEqual(entryInode(cache), inode, "\(what): a whole entry was written again and read")
            try plantMarkedEntry(cache)
        }
    }

    func testALinkWhereTheEntryShouldBeIsNotFollowed() throws {
        let cache = cache()
        try plantMarkedEntry(cache)
        let entry = cache.entryPath(for: source)
        let elsewhere = base.appendingPathComponent("elsewhere.compiled").path
        try FileManager.default.moveItem(atPath: entry, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: entry, withDestinationPath: elsewhere)
        XCTAssertFalse(isMarked(try load(cache)))
        XCTAssertNil(try? FileManager.default.destinationOfSymbolicLink(atPath: entry), "replaced by a file")
    }

    func testAFolderOthersCanWriteToIsNotUsedNorChanged() throws {
        let cache = cache()
        try plantMarkedEntry(cache)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: cacheFolder)
        XCTAssertFalse(isMarked(try load(cache)))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: cacheFolder)[.posixPermissions] as? Int, 0o777)
    }

    func testAQuestionnaireWithErrorsIsNeverCached() throws {
        let cache = cache()
        let main = URL(fileURLWithPath: source).appendingPathComponent("questionnaire.yaml")
        var text = try String(contentsOf: main, encoding: .utf8)
        text += "\nnot_a_key_of_questionnaires: 1\n"
        try text.write(to: main, atomically: false, encoding: .utf8)
        let result = cache.load(path: source, checks: .withoutLint)
        XCTAssertNil(result.questionnaire)
        XCTAssertFalse(result.errors.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.entryPath(for: source)))
    }

    func testWritersAtTheSameMomentLeaveAWholeEntry() throws {
        // Two programs replace each other's entry on every load; whatever the timing, the entry
        // left is one of theirs, whole, and no temporary file stays.
        let caches = [cache("program A"), cache("program B")]
        _ = try load(caches[0])
        let failures = LockedCount()
        let path: String = source
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            if caches[i % 2].load(path: path, checks: .withoutLint).questionnaire == nil { failures.add() }
        }
        XCTAssertEqual(failures.value, 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: caches[0].entryPath(for: source))))
        let files = try XCTUnwrap(QuestionnaireLoader.load(path: source).questionnaire).sourceFiles
        let hash = QuestionnaireLoader.contentHash(files)
        let readable = ["program A", "program B"].filter {
            CompiledEntry.questionnaire(from: bytes, program: $0, sourcePath: source, contentHash: hash, sourceFiles: files) != nil
        }
        XCTAssertEqual(readable.count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cacheFolder).count, 1)
    }

    func testOpeningASessionLoadsItsQuestionnaireThroughTheCache() throws {
        let sessions = base.appendingPathComponent("sessions")
        var store = SessionStore(folder: sessions)
        store.questionnaireCache = cache()
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: source).questionnaire)
        let session = NewSession.make(id: "s1", questionnaire: q, language: "es", interviewerLanguage: "en", label: "L-1",
                                      now: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        try plantMarkedEntry(store.questionnaireCache!)
        let (found, notice) = try store.questionnaire(for: session, catalog: QuestionnaireCatalog(shippedFolders: [], userFolder: nil))
        XCTAssertTrue(isMarked(found))
        XCTAssertNil(notice)
        store.questionnaireCache = nil
        XCTAssertFalse(isMarked(try store.questionnaire(for: session, catalog: QuestionnaireCatalog(shippedFolders: [], userFolder: nil)).questionnaire))
    }
}

private enum PathName {
    static func last(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}

private final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
