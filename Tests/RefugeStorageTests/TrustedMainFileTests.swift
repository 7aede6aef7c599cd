import Foundation
import XCTest
@testable import RefugeStorage

/// A handle that saved the main file itself trusts it on the next save, as long as the file on
/// disk is still the one it wrote; anything changed behind its back is read and checked as before.
final class TrustedMainFileTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let first = json(#"{"answers":{"q1":"first answer"}}"#)
    let second = json(#"{"answers":{"q1":"second answer"}}"#)
    let third = json(#"{"answers":{"q1":"third answer"}}"#)
    let fixedClock = StorageEnvironment(now: { Date(timeIntervalSince1970: 1_800_000_000) })

    private var backupText: (URL) throws -> String = { url in text(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak"))) }

    func testASaveAfterASaveOfItsOwnDoesNotReadTheFileBack() throws {
        let url = try TestFolder(self).sessionFile
        let recorder = FaultInjectingFileSystem()
        let file = try StoredFile.create(at: url, header: header, body: first, key: nil, environment: StorageEnvironment(fileSystem: recorder))
        defer { file.close() }
        let before = recorder.log.count
        try file.save(header: header, body: second)
        try file.save(header: header, body: third)
        let reads = recorder.log[before...].filter { $0.step == .read }
        XCTAssertEqual(reads, [], "the main file was written by this handle and is unchanged")
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, third)
        XCTAssertTrue(try backupText(url).contains("second answer"))
    }

    func testAProtectedFileIsTrustedTheSameWay() throws {
        let url = try TestFolder(self).sessionFile
        let recorder = FaultInjectingFileSystem()
        let file = try StoredFile.create(at: url, header: header, body: first, key: TestKeys.key, environment: StorageEnvironment(fileSystem: recorder))
        defer { file.close() }
        let before = recorder.log.count
        try file.save(header: header, body: second)
        XCTAssertEqual(recorder.log[before...].filter { $0.step == .read }, [])
        XCTAssertEqual(try StoredFile.load(at: url, key: TestKeys.key).body, second)
        XCTAssertTrue(ContentsReader.isGood(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak")), key: TestKeys.key))
    }

    func testAFileCutShortBehindTheHandlesBackIsSetAsideNotKeptAsBackup() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let file = try StoredFile.create(at: url, header: header, body: first, key: nil, environment: fixedClock)
        defer { file.close() }
        try file.save(header: header, body: second)
        let stored = try Data(contentsOf: url)
        let truncated = stored.prefix(stored.count / 2)
        try truncated.write(to: url)

        try file.save(header: header, body: third)
        let sessions = url.deletingLastPathComponent()
        let damagedName = "s1.refuge.damaged-20270115T080000Z"
        XCTAssertEqual(try folder.names(in: sessions), ["s1.refuge", "s1.refuge.bak", damagedName, "s1.refuge.lock"])
        XCTAssertEqual(try Data(contentsOf: sessions.appendingPathComponent(damagedName)), truncated)
        XCTAssertTrue(try backupText(url).contains("first answer"), "the older good backup stays")
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, third)
    }

    func testAGoodFilePutInPlaceBehindTheHandlesBackBecomesTheBackup() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let file = try StoredFile.create(at: url, header: header, body: first, key: nil)
        defer { file.close() }
        try file.save(header: header, body: second)
        // Someone restores the backup (holding `first`) over the main file by hand.
        let restored = folder.url.appendingPathComponent("restored")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: url.path + ".bak"), to: restored)
        XCTAssertEqual(rename(restored.path, url.path), 0)

        try file.save(header: header, body: third)
        XCTAssertTrue(try backupText(url).contains("first answer"), "the file found in place was read, checked and kept")
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, third)
    }

    func testAFailedStatusFallsBackToReadingTheFile() throws {
        // A dry run finds the step where the second save looks at the main file it wrote.
        func run(_ fileSystem: FaultInjectingFileSystem) throws -> (URL, Int) {
            let url = try TestFolder(self).sessionFile
            let file = try StoredFile.create(at: url, header: header, body: first, key: nil, environment: StorageEnvironment(fileSystem: fileSystem))
            defer { file.close() }
            try file.save(header: header, body: second)
            let before = fileSystem.log.count
            try file.save(header: header, body: third)
            return (url, before)
        }
        let recorder = FaultInjectingFileSystem()
        let (_, before) = try run(recorder)
        let look = try XCTUnwrap(recorder.log[before...].firstIndex { $0.step == .status && $0.path.hasSuffix("/s1.refuge") })
        XCTAssertFalse(recorder.log[before..<look].contains { $0.step == .read }, "the look comes before any read")

        let injector = FaultInjectingFileSystem(failingIndex: look)
        let (url, _) = try run(injector)
        XCTAssertEqual(injector.log[look + 1].step, .read, "a failed look is followed by reading the file")
        XCTAssertTrue(try backupText(url).contains("second answer"))
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, third)
    }
}
