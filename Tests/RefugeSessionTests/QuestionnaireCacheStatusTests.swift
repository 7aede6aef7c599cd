import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// The compiled cache's check by `stat` (issue 19): an entry records what `stat` said of each
/// source file, and a load that does not need the files' bytes uses it without reading them
/// when every record still matches; any change, any doubt, and the files are read and hashed.
///
/// Most tests plant an entry with a content hash that is not the files': only the status check
/// can take it (reading and hashing refuses it), so a marked result shows that the files were
/// not read, and an unmarked one that they were.
extension QuestionnaireCacheTests {
    /// Long after the files were copied: their status is trusted.
    var later: FileTime { FileTime(seconds: FileTime.now().seconds + 3600, nanoseconds: 0) }
    var notTheirHash: String { String(repeating: "0", count: 64) }

    private func status() throws -> [SourceFileStatus] {
        try XCTUnwrap(QuestionnaireLoader.status(path: source))
    }

    private func fileStatus(_ name: String) throws -> stat {
        var info = stat()
        XCTAssertEqual(stat(URL(fileURLWithPath: source).appendingPathComponent(name).path, &info), 0)
        return info
    }

    private func hashFromTheSource() -> String? {
        QuestionnaireLoader.load(path: source, checks: .withoutLint).questionnaire?.contentHash
    }

    func testUnchangedFilesAreNotReadWhenTheirBytesAreNotNeeded() throws {
        let cache = cache(now: later)
        try plantMarkedEntry(cache, contentHash: notTheirHash, sourceStatus: try status())
        let resumed = try load(cache, sourceBytes: .notNeeded)
        XCTAssertTrue(isMarked(resumed), "the status matched: the entry was used without reading the files")
        XCTAssertEqual(resumed.contentHash, notTheirHash, "the hash the entry records")
        XCTAssertEqual(resumed.sourceFiles, [])

        // Whoever needs the bytes reads and hashes: this entry is not for these bytes.
        let created = try load(cache, sourceBytes: .kept)
        XCTAssertFalse(isMarked(created))
        XCTAssertEqual(created.contentHash, hashFromTheSource())
        XCTAssertEqual(created.sourceFiles, QuestionnaireLoader.load(path: source).questionnaire?.sourceFiles)

        // The entry written then records the status: later resumes read it, and nothing is written.
        XCTAssertEqual(CompiledEntry.header(of: try entryBytes(cache))?.sourceStatus, try status())
        let inode = entryInode(cache)
        let again = try load(cache, sourceBytes: .notNeeded)
        XCTAssertEqual(again.contentHash, hashFromTheSource())
        XCTAssertEqual(again.sourceFiles, [])
        XCTAssertEqual(entryInode(cache), inode)
    }

    func testAnEditKeepingSizeAndMtimeReloadsBecauseItsCtimeChanged() throws {
        let cache = cache(now: later)
        try plantMarkedEntry(cache, contentHash: notTheirHash, sourceStatus: try status())
        XCTAssertTrue(isMarked(try load(cache, sourceBytes: .notNeeded)))
        let before = try fileStatus("es.yaml")
        let path = URL(fileURLWithPath: source).appendingPathComponent("es.yaml").path
        var after = before
        // A file system's clock ticks every few milliseconds (every second on some): the edit
        // must fall in a later tick than the copy, so it is made again until its ctime shows it.
        for _ in 0..<30 where after.st_ctim.tv_sec == before.st_ctim.tv_sec && after.st_ctim.tv_nsec == before.st_ctim.tv_nsec {
            usleep(100_000)
            // One letter of the first comment, in place: the same size, the same inode.
            let descriptor = open(path, O_WRONLY)
            XCTAssertGreaterThanOrEqual(descriptor, 0)
            XCTAssertEqual(pwrite(descriptor, "s", 1, 2), 1)
            close(descriptor)
            // `touch -d` with the old time: the mtime as it was.
            var times = [before.st_atim, before.st_mtim]
            XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
            after = try fileStatus("es.yaml")
        }
        XCTAssertEqual(after.st_size, before.st_size)
        XCTAssertEqual(after.st_ino, before.st_ino)
        XCTAssertEqual(after.st_mtim.tv_sec, before.st_mtim.tv_sec)
        XCTAssertEqual(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec)
        XCTAssertNotEqual([after.st_ctim.tv_sec, after.st_ctim.tv_nsec], [before.st_ctim.tv_sec, before.st_ctim.tv_nsec],
                          "only the ctime tells this edit")

        let reloaded = try load(cache, sourceBytes: .notNeeded)
        XCTAssertFalse(isMarked(reloaded))
        XCTAssertEqual(reloaded.contentHash, hashFromTheSource())
        XCTAssertNotEqual(reloaded.contentHash, QuestionnaireLoader.load(path: Self.root.appendingPathComponent("Questionnaires/credible-fear").path)
                            .questionnaire?.contentHash, "the edit changed the hash")
    }

    func testAnAddedOrRemovedTranslationReloads() throws {
        let cache = cache(now: later)
        let folder = URL(fileURLWithPath: source)
        try plantMarkedEntry(cache, contentHash: notTheirHash, sourceStatus: try status())
        try Data(contentsOf: folder.appendingPathComponent("es.yaml")).write(to: folder.appendingPathComponent("zz.yaml"))
        let added = cache.load(path: source, checks: .withoutLint, sourceBytes: .notNeeded)
        XCTAssertNil(added.questionnaire, "zz is not a language of it: an error, as from the source")
        XCTAssertFalse(added.errors.isEmpty)

        // The same files as recorded again: the entry (not written over by a load with errors) fits.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("zz.yaml"))
        XCTAssertTrue(isMarked(try load(cache, sourceBytes: .notNeeded)))

        // A translation taken away: read and loaded as the source is now.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("ru.yaml"), to: base.appendingPathComponent("ru.yaml"))
        let removed = cache.load(path: source, checks: .withoutLint, sourceBytes: .notNeeded)
        XCTAssertFalse(removed.questionnaire.map { isMarked($0) } ?? false)
        XCTAssertEqual(removed.questionnaire?.contentHash, hashFromTheSource())
        XCTAssertEqual(removed.errors.map(\.message), QuestionnaireLoader.load(path: source, checks: .withoutLint).errors.map(\.message))
    }

    func testAFileReplacedByAnotherInodeReloads() throws {
        let cache = cache(now: later)
        try plantMarkedEntry(cache, contentHash: notTheirHash, sourceStatus: try status())
        XCTAssertTrue(isMarked(try load(cache, sourceBytes: .notNeeded)))
        let before = try fileStatus("es.yaml")
        let file = URL(fileURLWithPath: source).appendingPathComponent("es.yaml")
        let replacement = URL(fileURLWithPath: source).appendingPathComponent(".es.yaml.new")
        try Data(contentsOf: file).write(to: replacement)
        var times = [before.st_atim, before.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, replacement.path, &times, 0), 0)
        XCTAssertEqual(rename(replacement.path, file.path), 0)
        let after = try fileStatus("es.yaml")
        XCTAssertNotEqual(after.st_ino, before.st_ino)
        XCTAssertEqual(after.st_size, before.st_size)
        XCTAssertEqual(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec)

        let reloaded = try load(cache, sourceBytes: .notNeeded)
        XCTAssertFalse(isMarked(reloaded))
        XCTAssertEqual(reloaded.contentHash, hashFromTheSource())
    }

    func testAnEntryWithRecentFilesIsCheckedByReadingAndHashing() throws {
        // The files were copied a moment ago: a second after the copy began, their status is not
        // trusted (however long the machine took to get here).
        let now = FileTime(seconds: setUpMoment.seconds + 1, nanoseconds: setUpMoment.nanoseconds)
        XCTAssertEqual(SourceFileStatus.trusted(try status(), now: now), [])
        try plantMarkedEntry(cache(now: now), contentHash: notTheirHash,
                             sourceStatus: SourceFileStatus.trusted(try status(), now: now))
        XCTAssertFalse(isMarked(try load(cache(now: now), sourceBytes: .notNeeded)))

        // A load that writes the entry while the files are recent records no status...
        try FileManager.default.removeItem(atPath: cache().entryPath(for: source))
        _ = try load(cache(now: now), sourceBytes: .notNeeded)
        XCTAssertEqual(CompiledEntry.header(of: try entryBytes(cache()))?.sourceStatus, [])
        let inode = entryInode(cache())
        _ = try load(cache(now: now), sourceBytes: .notNeeded)
        XCTAssertEqual(entryInode(cache()), inode, "still recent: read and hashed, not written again")
        // ...and one when they have grown old enough, once.
        let resumed = try load(cache(now: later), sourceBytes: .notNeeded)
        XCTAssertEqual(resumed.contentHash, hashFromTheSource())
        XCTAssertEqual(CompiledEntry.header(of: try entryBytes(cache()))?.sourceStatus, try status())
        let refreshed = entryInode(cache())
        XCTAssertNotEqual(refreshed, inode)
        _ = try load(cache(now: later), sourceBytes: .notNeeded)
        XCTAssertEqual(entryInode(cache()), refreshed)
    }

    func testOnlyTimesOlderThanTheMarginAreTrusted() throws {
        let now = FileTime(seconds: 1_800_000_000, nanoseconds: 500_000_000)
        func file(modified: Int, changed: Int) -> SourceFileStatus {
            SourceFileStatus(name: "questionnaire.yaml", device: 1, inode: 2, size: 3,
                             modified: FileTime(seconds: now.seconds + modified, nanoseconds: now.nanoseconds),
                             changed: FileTime(seconds: now.seconds + changed, nanoseconds: now.nanoseconds))
        }
        let old = file(modified: -3, changed: -3)
        XCTAssertEqual(SourceFileStatus.trusted([old], now: now), [old])
        for recent in [file(modified: -1, changed: -3), file(modified: -3, changed: -1), file(modified: -2, changed: -3),
                       file(modified: -3, changed: -2), file(modified: 5, changed: 5)] {
            XCTAssertEqual(SourceFileStatus.trusted([old, recent], now: now), [], "\(recent)")
        }
    }

    func testEntriesOfTheFormerFormatsReload() throws {
        // Formats 3 and 4 as they were written: 3 had no status between the content hash and
        // the model; both ended with a CRC-32 (4 bytes), which format 5 replaced with an XXH64.
        for format in [3, 4] {
            let cache = cache(now: later)
            var q = try XCTUnwrap(QuestionnaireLoader.load(path: source, checks: .withoutLint).questionnaire)
            q.title = LocalizedText(["en": "FROM THE CACHE"], location: q.title.location)
            var writer = CompiledWriter()
            writer.append(Array("REFUGE-QC\n".utf8))
            writer.count(format)
            writer.string(cache.program)
            writer.string(source)
            writer.string(q.contentHash)
            if format == 4 { writer.count(0) }
            CompiledQuestionnaire.write(q, to: &writer)
            let crc = Self.crc32(writer.bytes)
            writer.append(digest: (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) })
            _ = try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(writer.bytes).write(to: URL(fileURLWithPath: cache.entryPath(for: source)))

            for sourceBytes in [QuestionnaireCache.SourceBytes.notNeeded, .kept] {
                XCTAssertFalse(isMarked(try load(cache, sourceBytes: sourceBytes)), "format \(format)")
            }
            XCTAssertEqual(CompiledEntry.header(of: try entryBytes(cache))?.formatVersion, CompiledQuestionnaire.formatVersion)
        }
        XCTAssertEqual(CompiledQuestionnaire.formatVersion, 5)
    }

    func testResumingGetsTheSameHashWithoutTheBytes() throws {
        let sessions = base.appendingPathComponent("sessions")
        var store = SessionStore(folder: sessions)
        store.questionnaireCache = cache(now: later)
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: source).questionnaire)
        let session = NewSession.make(id: "s1", questionnaire: q, language: "es", interviewerLanguage: "en", label: "L-1",
                                      now: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(identifier: "UTC")!)
        let none = QuestionnaireCatalog(shippedFolders: [], userFolder: nil)
        for _ in 0..<3 {   // a miss, then hits by status
            let (resumed, notice) = try store.questionnaire(for: session, catalog: none, sourceBytes: .notNeeded)
            XCTAssertNil(notice)
            XCTAssertEqual(resumed.contentHash, q.contentHash)
            XCTAssertEqual(resumed.sourceFiles, [])
        }
        let (kept, _) = try store.questionnaire(for: session, catalog: none)
        XCTAssertEqual(kept.contentHash, q.contentHash)
        XCTAssertEqual(kept.sourceFiles, q.sourceFiles, "the bytes, when not said otherwise")
    }

    func testASingleFileQuestionnaireIsCheckedByItsStatus() throws {
        let file = base.appendingPathComponent("example-intake.yaml").path
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("Questionnaires/example-intake.yaml").path, toPath: file)
        let cache = cache(now: later)
        let reference = try XCTUnwrap(QuestionnaireLoader.load(path: file, checks: .withoutLint).questionnaire)
        XCTAssertEqual(QuestionnaireLoader.status(path: file)?.map(\.name), ["example-intake.yaml"])
        XCTAssertEqual(cache.load(path: file, checks: .withoutLint, sourceBytes: .notNeeded).questionnaire?.contentHash, reference.contentHash)
        let entry = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cache.entryPath(for: file))))
        XCTAssertEqual(CompiledEntry.header(of: entry)?.sourceStatus, QuestionnaireLoader.status(path: file))
        let inode = entryInode(cache, path: file)
        XCTAssertEqual(cache.load(path: file, checks: .withoutLint, sourceBytes: .notNeeded).questionnaire?.contentHash, reference.contentHash)
        XCTAssertEqual(entryInode(cache, path: file), inode)

        // Appended to: read and loaded again.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n# changed\n".utf8))
        try handle.close()
        let changed = try XCTUnwrap(cache.load(path: file, checks: .withoutLint, sourceBytes: .notNeeded).questionnaire)
        XCTAssertNotEqual(changed.contentHash, reference.contentHash)
        XCTAssertEqual(changed.contentHash, QuestionnaireLoader.load(path: file).questionnaire?.contentHash)
    }

    private func entryBytes(_ cache: QuestionnaireCache) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: cache.entryPath(for: source))))
    }

    /// zlib's CRC-32, bit by bit (for writing an old entry by hand).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
