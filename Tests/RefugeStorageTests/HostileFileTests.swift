import Foundation
import RefugeLimits
import XCTest
@testable import RefugeStorage

/// Files a hostile or unlucky user can put where a session's pieces should be: links to other
/// files, FIFOs, huge sparse files, folders with loose modes. Each is refused or used without
/// touching anything outside the sessions folder, and each test takes well under a second.
final class HostileFileTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let body = json(#"{"q":"a"}"#)

    /// A file outside the sessions folder that a link points at: its bytes and mode must never change.
    private func outsider(in folder: TestFolder, mode: mode_t = 0o644) throws -> URL {
        let url = folder.url.appendingPathComponent("someone-elses-file")
        try Data("precious".utf8).write(to: url)
        XCTAssertEqual(chmod(url.path, mode), 0)
        return url
    }

    private func assertUntouched(_ url: URL, mode: Int = 0o644, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try Data(contentsOf: url), Data("precious".utf8), "the link's target keeps its bytes", file: file, line: line)
        XCTAssertEqual(try permissions(of: url), mode, "the link's target keeps its mode", file: file, line: line)
    }

    func testALockFileThatIsALinkIsRefusedAndItsTargetUntouched() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: nil).close()
        let target = try outsider(in: folder)
        try FileManager.default.removeItem(atPath: url.path + ".lock")
        try FileManager.default.createSymbolicLink(atPath: url.path + ".lock", withDestinationPath: target.path)

        guard case .lockFailed(let error)? = storageError({ try StoredFile.open(at: url, passphrase: nil) }) else {
            return XCTFail("a link as lock file is refused")
        }
        XCTAssertEqual(error.code, ELOOP)
        XCTAssertTrue(StorageError.lockFailed(error).description.contains("not a regular file"))
        try assertUntouched(target)
    }

    func testABackupThatIsALinkIsReplacedByTheLinkNotThroughIt() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: nil).close()
        let target = try outsider(in: folder)
        try FileManager.default.createSymbolicLink(atPath: url.path + ".bak", withDestinationPath: target.path)

        let (file, contents) = try StoredFile.open(at: url, passphrase: nil)
        XCTAssertEqual(contents.body, body)
        try file.save(header: header, body: json(#"{"q":"b"}"#))
        file.close()
        try assertUntouched(target)
        let backup = try FileManager.default.attributesOfItem(atPath: url.path + ".bak")
        XCTAssertEqual(backup[.type] as? FileAttributeType, .typeRegular, "the link itself was replaced by the backup")
    }

    func testAMainFileThatIsALinkIsNotReadAndItsTargetUntouched() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: nil).close()
        let target = try outsider(in: folder)
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target.path)
        // The backup does not exist yet (one save only), so nothing can be opened, and it says why.
        XCTAssertThrowsStorageError(try StoredFile.load(at: url, passphrase: nil),
                                    .unreadable(path: url.path, main: .notARegularFile, backup: .missing))
        try assertUntouched(target)
    }

    func testAFIFOAsASessionFileIsRefusedAtOnce() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(url.path, 0o600), 0)
        let started = Date()
        // A blocking open of a FIFO with no writer would wait here forever.
        XCTAssertThrowsStorageError(try StoredFile.readHeader(at: url),
                                    .unreadable(path: url.path, main: .notARegularFile, backup: .missing))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testAHugeSparseFileIsRefusedWithoutBeingRead() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_WRONLY | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        XCTAssertEqual(ftruncate(descriptor, 3 * 1024 * 1024 * 1024), 0, "a 3 GB sparse file")
        close(descriptor)
        let started = Date()
        XCTAssertThrowsStorageError(try StoredFile.readHeader(at: url),
                                    .unreadable(path: url.path, main: .tooLarge(limit: Limits.sessionFileBytes), backup: .missing))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "refused from its size alone")
    }

    func testAFileJustOverTheLimitIsRefusedAndOneAtItIsRead() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.path, contents: Data(repeating: 65, count: 101)))
        XCTAssertEqual(BoundedFile.read(folder.path, limit: 100), .failure(.tooLarge(101)))
        XCTAssertEqual(BoundedFile.read(folder.path, limit: 101), .success(Data(repeating: 65, count: 101)))
    }

    #if os(Linux)
    /// A file holding more than `fstat` said when it was opened (one that grew in between) is read
    /// whole, and still refused past the limit. A /proc file is one: its size says 0.
    func testAFileLongerThanItsSizeSaidIsReadWholeAndStillLimited() throws {
        let path = "/proc/version"
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: path))
        let expected = try XCTUnwrap(try handle.readToEnd())
        try handle.close()
        XCTAssertGreaterThan(expected.count, 10)
        XCTAssertEqual(BoundedFile.read(path, limit: 4096, followingLinks: true), .success(expected))
        XCTAssertEqual(BoundedFile.readBytes(path, limit: 4096, followingLinks: true).map { Data($0) }, .success(expected))
        XCTAssertEqual(BoundedFile.read(path, limit: 10, followingLinks: true), .failure(.tooLarge(expected.count)))
        XCTAssertEqual(BoundedFile.readBytes(path, limit: 10, followingLinks: true).map { Data($0) }, .failure(.tooLarge(expected.count)))
    }
    #endif

    func testAnExistingFolderAndFileWithLooseModesAreNotChmodded() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: nil).close()
        let sessions = url.deletingLastPathComponent()
        XCTAssertEqual(chmod(sessions.path, 0o755), 0)
        XCTAssertEqual(chmod(url.path, 0o644), 0)

        let (file, _) = try StoredFile.open(at: url, passphrase: nil)
        XCTAssertEqual(try permissions(of: sessions), 0o755, "a folder Refuge did not just create keeps its mode")
        XCTAssertEqual(try permissions(of: url), 0o644, "a file Refuge did not just create is not chmodded")
        try file.save(header: header, body: body)
        file.close()
        XCTAssertEqual(try permissions(of: url), 0o600, "the next save writes a new private file")
        let other = sessions.appendingPathComponent("s2.refuge")
        try StoredFile.create(at: other, header: header, body: body, key: nil).close()
        XCTAssertEqual(try permissions(of: sessions), 0o755)
    }

    func testABodyTheCallerRefusesFallsBackToTheBackupAndIsNeverMadeTheBackup() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let good = json(#"{"q":"good"}"#)
        let file = try StoredFile.create(at: url, header: header, body: good, key: nil)
        try file.save(header: header, body: json(#"{"q":5}"#))   // checksummed, but of the wrong shape
        file.close()
        let acceptsText: BodyCheck = { !String(decoding: $0, as: UTF8.self).contains(#""q":5"#) }

        let (reopened, contents) = try StoredFile.open(at: url, passphrase: nil, acceptsBody: acceptsText)
        XCTAssertEqual(contents.body, good)
        XCTAssertEqual(contents.recovery, Recovery(mainFileProblem: .malformed("its contents do not have the expected form")))
        try reopened.save(header: header, body: json(#"{"q":"next"}"#))
        reopened.close()
        XCTAssertEqual(try StoredFile.load(at: url.appendingPathExtension("bak"), passphrase: nil).body, good,
                       "the refused main file was set aside, not rotated over the good backup")
        XCTAssertEqual(try folder.names(in: url.deletingLastPathComponent()).filter { $0.contains(".damaged-") }.count, 1)
    }
}
