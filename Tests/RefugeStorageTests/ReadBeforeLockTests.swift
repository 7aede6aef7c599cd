import Foundation
import XCTest
@testable import RefugeStorage

/// The main file read before the lock (to find a session by its header) and handed on to
/// `open`: its checks stand only for exactly the bytes that are there once the lock is held.
final class ReadBeforeLockTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let first = json(#"{"answers":{"q1":"first answer"}}"#)
    let second = json(#"{"answers":{"q1":"other answer"}}"#)

    private func savedTwice(key: SessionKey? = nil) throws -> URL {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: first, key: key)
        try file.save(header: header, body: second)
        file.close()
        return url
    }

    func testOpeningWithTheEarlierReadGivesWhatOpeningAloneGives() throws {
        let url = try savedTwice()
        let read = try XCTUnwrap(StoredFile.readBeforeLock(at: url))
        XCTAssertEqual(read.header, header)
        XCTAssertFalse(read.isProtected)
        let (file, contents) = try StoredFile.open(at: url, passphrase: nil, readBeforeLock: read)
        file.close()
        let (again, alone) = try StoredFile.open(at: url, passphrase: nil)
        again.close()
        XCTAssertEqual(contents, alone)
        XCTAssertEqual(contents.body, second)
    }

    /// The earlier checks are used (not worked out again) when the bytes are the same: a read
    /// whose layout was tampered with shows it.
    func testTheEarlierChecksAreUsedForTheSameBytes() throws {
        let url = try savedTwice()
        let read = try XCTUnwrap(StoredFile.readBeforeLock(at: url))
        let marked = ReadBeforeLock(header: read.header, isProtected: false, path: read.path, bytes: read.bytes,
                                    envelope: .init(header: header, payload: .plain(body: json(#"{"marked":true}"#), checksum: "not checked")))
        let (file, contents) = try StoredFile.open(at: url, passphrase: nil, readBeforeLock: marked)
        file.close()
        XCTAssertEqual(contents.body, json(#"{"marked":true}"#))
    }

    func testAFileSavedAgainAfterTheEarlierReadIsCheckedAgain() throws {
        let url = try savedTwice()
        let read = try XCTUnwrap(StoredFile.readBeforeLock(at: url))
        let third = json(#"{"answers":{"q1":"third answer"}}"#)
        let (writer, _) = try StoredFile.open(at: url, passphrase: nil)
        try writer.save(header: header, body: third)
        writer.close()
        let (file, contents) = try StoredFile.open(at: url, passphrase: nil, readBeforeLock: read)
        file.close()
        XCTAssertEqual(contents.body, third)
        XCTAssertNil(contents.recovery)
    }

    /// Damage of the same size, written in place at once (within the file system's clock tick, so
    /// no file time tells it): the bytes differ, so the checksum is checked again and the backup used.
    func testAFileDamagedInPlaceAfterTheEarlierReadIsCheckedAgain() throws {
        let url = try savedTwice()
        let read = try XCTUnwrap(StoredFile.readBeforeLock(at: url))
        var bytes = try Data(contentsOf: url)
        let at = try XCTUnwrap(bytes.range(of: Data("other".utf8))).lowerBound
        bytes[at] = UInt8(ascii: "O")
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: bytes)
        try handle.close()
        let (file, contents) = try StoredFile.open(at: url, passphrase: nil, readBeforeLock: read)
        file.close()
        XCTAssertEqual(contents.body, first)
        XCTAssertEqual(contents.recovery, Recovery(mainFileProblem: .checksumMismatch))
    }

    func testAReadOfAnotherFileIsNotUsed() throws {
        let url = try savedTwice()
        let other = url.deletingLastPathComponent().appendingPathComponent("s2.refuge")
        try FileManager.default.copyItem(at: url, to: other)
        let read = try XCTUnwrap(StoredFile.readBeforeLock(at: other))
        let marked = ReadBeforeLock(header: read.header, isProtected: false, path: read.path, bytes: read.bytes,
                                    envelope: .init(header: header, payload: .plain(body: json("{}"), checksum: "not checked")))
        let (file, contents) = try StoredFile.open(at: url, passphrase: nil, readBeforeLock: marked)
        file.close()
        XCTAssertEqual(contents.body, second)
    }

    func testADamagedOrMissingMainFileGivesNoEarlyRead() throws {
        let url = try savedTwice()
        let stored = try Data(contentsOf: url)
        try stored.prefix(stored.count - 3).write(to: url)
        XCTAssertNil(StoredFile.readBeforeLock(at: url))
        try FileManager.default.removeItem(at: url)
        XCTAssertNil(StoredFile.readBeforeLock(at: url))
        // The backup is still found and opened as before.
        XCTAssertEqual(try StoredFile.readHeader(at: url).recovery, Recovery(mainFileProblem: .missing))
    }

    func testAProtectedFileIsStillOpenedWithItsPassphraseOnly() throws {
        let url = try savedTwice(key: TestKeys.key)
        let read = try XCTUnwrap(StoredFile.readBeforeLock(at: url))
        XCTAssertTrue(read.isProtected)
        XCTAssertThrowsStorageError(try StoredFile.open(at: url, passphrase: Passphrase("wrong passphrase")!, readBeforeLock: read),
                                    .wrongPassphrase)
        let (file, contents) = try StoredFile.open(at: url, passphrase: TestKeys.passphrase, readBeforeLock: read)
        file.close()
        XCTAssertEqual(contents.body, second)
        XCTAssertTrue(contents.isProtected)
    }
}
