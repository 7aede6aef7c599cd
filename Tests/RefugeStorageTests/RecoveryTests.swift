import Foundation
import XCTest
@testable import RefugeStorage

final class RecoveryTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let first = json(#"{"answers":{"q1":"first answer"}}"#)
    let second = json(#"{"answers":{"q1":"second answer"}}"#)
    let third = json(#"{"answers":{"q1":"third answer"}}"#)
    let fixedClock = StorageEnvironment(now: { Date(timeIntervalSince1970: 1_800_000_000) })

    /// An unprotected file saved twice: main holds `second`, the backup `first`.
    private func savedTwice() throws -> (TestFolder, URL) {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let file = try StoredFile.create(at: url, header: header, body: first, key: nil)
        try file.save(header: header, body: second)
        file.close()
        return (folder, url)
    }

    func testTheBackupHoldsThePreviousSave() throws {
        let (_, url) = try savedTwice()
        let backup = URL(fileURLWithPath: url.path + ".bak")
        XCTAssertTrue(text(try Data(contentsOf: backup)).contains("first answer"))
        XCTAssertTrue(text(try Data(contentsOf: url)).contains("second answer"))
    }

    func testTruncatedMainFileFallsBackToTheBackupAndIsKept() throws {
        let (folder, url) = try savedTwice()
        let stored = try Data(contentsOf: url)
        let truncated = stored.prefix(stored.count / 2)
        try truncated.write(to: url)

        let (file, contents) = try StoredFile.open(at: url, passphrase: nil, environment: fixedClock)
        XCTAssertEqual(contents.body, first)
        XCTAssertEqual(contents.recovery, Recovery(mainFileProblem: .truncatedOrNotJSON("it ends too early")))
        XCTAssertTrue(contents.recovery!.description.contains("backup"))
        XCTAssertEqual(try Data(contentsOf: url), truncated, "opening must not touch the damaged file")

        // The next save sets the damaged file aside and keeps the good backup.
        try file.save(header: header, body: third)
        let damagedName = "s1.refuge.damaged-20270115T080000Z"
        let sessions = url.deletingLastPathComponent()
        XCTAssertEqual(try folder.names(in: sessions), ["s1.refuge", "s1.refuge.bak", damagedName, "s1.refuge.lock"])
        XCTAssertEqual(try Data(contentsOf: sessions.appendingPathComponent(damagedName)), truncated)
        XCTAssertEqual(try permissions(of: sessions.appendingPathComponent(damagedName)), 0o600)
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil), LoadedContents(header: header, body: third, isProtected: false, recovery: nil))
        XCTAssertTrue(text(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak"))).contains("first answer"))

        // From then on saves rotate as usual.
        try file.save(header: header, body: second)
        XCTAssertTrue(text(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak"))).contains("third answer"))
        file.close()
    }

    func testTruncatedFileWithoutBackupIsAClearError() throws {
        let url = try TestFolder(self).sessionFile
        try StoredFile.create(at: url, header: header, body: first, key: nil).close()
        let stored = try Data(contentsOf: url)
        try stored.prefix(40).write(to: url)
        XCTAssertThrowsStorageError(
            try StoredFile.open(at: url, passphrase: nil),
            .unreadable(path: url.path, main: .truncatedOrNotJSON("it ends too early"), backup: .missing))
        XCTAssertEqual(try Data(contentsOf: url), stored.prefix(40))
    }

    func testAChangedByteThatKeepsTheJSONValidIsCaughtByTheChecksum() throws {
        let (_, url) = try savedTwice()
        let altered = text(try Data(contentsOf: url)).replacingOccurrences(of: "second answer", with: "second answeR")
        try Data(altered.utf8).write(to: url)
        let contents = try StoredFile.load(at: url, passphrase: nil)
        XCTAssertEqual(contents.body, first)
        XCTAssertEqual(contents.recovery, Recovery(mainFileProblem: .checksumMismatch))
    }

    func testEmptyMissingAndFutureMainFilesFallBackToTheBackup() throws {
        let (_, url) = try savedTwice()
        let cases: [(Data?, DamageReason)] = [
            (Data(), .empty),
            (nil, .missing),
            (json(#"{"format":2,"anything":true}"#), .unsupportedFormat(2)),
            (json(#"{"format":1,"header":{}}"#), .malformed("no body")),
            (json("not json at all"), .truncatedOrNotJSON("found 'n' where '{' belongs")),
        ]
        for (bytes, reason) in cases {
            try? FileManager.default.removeItem(at: url)
            if let bytes { try bytes.write(to: url) }
            let contents = try StoredFile.load(at: url, passphrase: nil)
            XCTAssertEqual(contents.body, first)
            XCTAssertEqual(contents.recovery, Recovery(mainFileProblem: reason))
            XCTAssertEqual(try StoredFile.readHeader(at: url).recovery, Recovery(mainFileProblem: reason))
        }
    }

    func testNeitherFileReadableIsAClearError() throws {
        let (_, url) = try savedTwice()
        try Data("{\"format\":1".utf8).write(to: url)
        try Data().write(to: URL(fileURLWithPath: url.path + ".bak"))
        let error = storageError { try StoredFile.load(at: url, passphrase: nil) }
        XCTAssertEqual(error, .unreadable(path: url.path, main: .truncatedOrNotJSON("it ends too early"), backup: .empty))
        XCTAssertTrue(error?.description.contains("its backup cannot be used either") ?? false)
    }

    func testDamagedCopiesSetAsideInTheSameSecondGetDistinctNames() throws {
        let (folder, url) = try savedTwice()
        let (file, _) = try StoredFile.open(at: url, passphrase: nil, environment: fixedClock)
        defer { file.close() }
        for round in 1...2 {
            try Data("damaged \(round)".utf8).write(to: url)
            try file.save(header: header, body: third)
        }
        let sessions = url.deletingLastPathComponent()
        let damaged = try folder.names(in: sessions).filter { $0.contains("damaged") }
        XCTAssertEqual(damaged, ["s1.refuge.damaged-20270115T080000Z", "s1.refuge.damaged-20270115T080000Z-2"])
        XCTAssertEqual(text(try Data(contentsOf: sessions.appendingPathComponent(damaged[0]))), "damaged 1")
        XCTAssertEqual(text(try Data(contentsOf: sessions.appendingPathComponent(damaged[1]))), "damaged 2")
        XCTAssertTrue(text(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak"))).contains("first answer"),
                      "a damaged main file never becomes the backup")
    }

    func testLeftoversOfAnInterruptedSaveAreClearedOnOpen() throws {
        let (folder, url) = try savedTwice()
        let sessions = url.deletingLastPathComponent()
        let leftover = sessions.appendingPathComponent(".s1.refuge.tmp-1234")
        try Data("half a save".utf8).write(to: leftover)
        let (file, contents) = try StoredFile.open(at: url, passphrase: nil)
        file.close()
        XCTAssertNil(contents.recovery)
        XCTAssertEqual(try folder.names(in: sessions), ["s1.refuge", "s1.refuge.bak", "s1.refuge.lock"])
    }
}
