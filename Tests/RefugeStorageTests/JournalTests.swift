import Foundation
import XCTest
@testable import RefugeStorage

/// Changes appended to the journal beside a stored file: read back in order by every reader,
/// with the last change's header; a record cut short or damaged ends the journal there; a
/// journal that continues another full save is ignored; a full save absorbs it.
final class JournalTests: XCTestCase {
    private func header(_ n: Int) -> Data { json(#"{"id":"s1","n":\#(n)}"#) }
    private func change(_ n: Int) -> Data { json(#"{"set":\#(n),"text":"Алексей \"\#(n)\"\nline"}"#) }

    private func journal(of url: URL) -> URL { URL(fileURLWithPath: url.path + ".journal") }

    func testAppendedChangesAreReadBackInOrderWithTheLastHeaderAndTheFileIsNotRewritten() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header(0), body: json(#"{"base":true}"#), key: nil)
        let snapshot = try Data(contentsOf: url)
        XCTAssertEqual(file.journalLength, 0)
        for n in 1...3 { try file.append(header: header(n), change: change(n)) }
        XCTAssertEqual(try Data(contentsOf: url), snapshot, "an append leaves the file itself alone")
        XCTAssertEqual(file.journalLength, try Data(contentsOf: journal(of: url)).count)
        XCTAssertEqual(try permissions(of: journal(of: url)) & 0o777, 0o600)

        let contents = try StoredFile.load(at: url, passphrase: nil)
        XCTAssertEqual(contents.body, json(#"{"base":true}"#))
        XCTAssertEqual(contents.changes, [change(1), change(2), change(3)])
        XCTAssertEqual(contents.header, header(3))
        XCTAssertEqual(try StoredFile.readHeader(at: url).header, header(3), "a listing shows the last change's header")
        file.close()

        // Opening again reads the same, and the first save after that is a full one.
        let (reopened, again) = try StoredFile.open(at: url, passphrase: nil)
        XCTAssertEqual(again.changes, contents.changes)
        XCTAssertNil(reopened.journalLength, "a journal found on opening is not appended to")
        XCTAssertTrue(reopened.hasJournal)
        try reopened.save(header: header(4), body: json(#"{"all":4}"#))
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal(of: url).path), "the full save absorbed the journal")
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).changes, [])
        XCTAssertEqual(reopened.journalLength, 0, "after a full save a new journal can start")
        try reopened.append(header: header(5), change: change(5))
        reopened.close()
        let last = try StoredFile.load(at: url, passphrase: nil)
        XCTAssertEqual(last.body, json(#"{"all":4}"#))
        XCTAssertEqual(last.changes, [change(5)])
    }

    func testARecordCutShortOrDamagedEndsTheJournalThere() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header(0), body: json("{}"), key: nil)
        for n in 1...3 { try file.append(header: header(n), change: change(n)) }
        file.close()
        let whole = try Data(contentsOf: journal(of: url))
        let third = try XCTUnwrap(text(whole).range(of: #""seq":3"#)).lowerBound
        let thirdStart = whole.count - text(whole)[third...].utf8.count - JournalFormat.prefixLength - 1
        // Every cut inside the last record leaves the first two; nothing is read past it.
        for cut in stride(from: thirdStart, to: whole.count, by: 7) {
            try whole.prefix(cut).write(to: journal(of: url))
            let contents = try StoredFile.load(at: url, passphrase: nil)
            XCTAssertEqual(contents.changes, [change(1), change(2)], "cut at \(cut)")
            XCTAssertEqual(contents.header, header(2))
        }
        // A changed byte in the second record (its JSON still valid) ends the journal after the first.
        var damaged = whole
        let second = try XCTUnwrap(text(whole).range(of: #""set":2"#))
        damaged[text(whole).utf8.distance(from: text(whole).startIndex, to: second.upperBound) - 1] = UInt8(ascii: "7")
        try damaged.write(to: journal(of: url))
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).changes, [change(1)])
    }

    func testAJournalThatContinuesAnotherSaveIsIgnored() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header(0), body: json("{}"), key: nil)
        try file.append(header: header(1), change: change(1))
        let old = try Data(contentsOf: journal(of: url))
        try file.save(header: header(2), body: json(#"{"two":2}"#))
        file.close()
        // As if a kill had come between the full save and moving the journal aside.
        try old.write(to: journal(of: url))
        let contents = try StoredFile.load(at: url, passphrase: nil)
        XCTAssertEqual(contents.changes, [], "the journal continues the file before, not this one")
        XCTAssertEqual(contents.header, header(2))
        XCTAssertEqual(try StoredFile.readHeader(at: url).header, header(2))
    }

    func testTheBackupKeepsItsJournalSoADamagedFileLosesNothingOfTheLastFullSave() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header(0), body: json(#"{"zero":0}"#), key: nil)
        try file.append(header: header(1), change: change(1))
        try file.save(header: header(2), body: json(#"{"two":2}"#))   // absorbs change 1
        try file.append(header: header(3), change: change(3))
        file.close()
        try Data("{\"format\":1,\"hea".utf8).write(to: url)
        let contents = try StoredFile.load(at: url, passphrase: nil)
        XCTAssertNotNil(contents.recovery)
        XCTAssertEqual(contents.body, json(#"{"zero":0}"#))
        XCTAssertEqual(contents.changes, [change(1)], "the backup with its journal is the last full save; the changes after it continued the damaged file")
        XCTAssertEqual(try StoredFile.readHeader(at: url).header, header(1))
    }

    func testAProtectedJournalKeepsOnlyTheHeaderReadableAndOpensOnlyWithTheKey() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header(0), body: json("{}"), key: TestKeys.key)
        try file.append(header: header(1), change: change(1))
        try file.append(header: header(2), change: change(2))
        file.close()
        let raw = text(try Data(contentsOf: journal(of: url)))
        XCTAssertFalse(raw.contains("Алексей") || raw.contains("set"), "the changes are encrypted")
        XCTAssertTrue(raw.contains(#""n":2"#), "the header stays readable")
        XCTAssertEqual(try StoredFile.readHeader(at: url).header, header(2))
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: TestKeys.passphrase).changes, [change(1), change(2)])

        // Two sealed changes swapped (each whole, with its own checksum) do not open.
        var records = raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        records.swapAt(3, 5)   // prefix and payload lines: base 0-1, change 1 at 2-3, change 2 at 4-5
        records.swapAt(2, 4)
        try Data(records.joined(separator: "\n").utf8).write(to: journal(of: url))
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: TestKeys.passphrase).changes, [], "changes out of order are not used")
    }

    func testAJournalRemovedOrReplacedBehindTheHandleIsNotWrittenOnBlindly() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header(0), body: json("{}"), key: nil)
        defer { file.close() }
        try file.append(header: header(1), change: change(1))
        // The folder's contents deleted behind the program's back (the descriptor would still write).
        try FileManager.default.removeItem(at: journal(of: url))
        XCTAssertThrowsError(try file.append(header: header(2), change: change(2))) { error in
            guard case StorageError.saveFailed(let failure)? = error as? StorageError else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.kind, .folderMissing)
        }
        XCTAssertNil(file.journalLength, "the next save is a full one")
        try file.save(header: header(3), body: json(#"{"three":3}"#))
        try file.append(header: header(4), change: change(4))
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).changes, [change(4)])
    }

    func testAJournalThatIsALinkIsNotReadAndAFailedAppendMakesTheNextSaveAFullOne() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let file = try StoredFile.create(at: url, header: header(0), body: json("{}"), key: nil)
        try file.append(header: header(1), change: change(1))
        let target = folder.url.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: journal(of: url), to: target)
        try FileManager.default.createSymbolicLink(at: journal(of: url), withDestinationURL: target)
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).changes, [], "a link is not followed")
        file.close()

        let (opened, _) = try StoredFile.open(at: url, passphrase: nil)
        try opened.save(header: header(2), body: json(#"{"two":2}"#))
        opened.close()
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: url.path + ".bak.journal"), target.path,
                       "the link was moved aside, never written through")

        let full = StorageEnvironment(fileSystem: FaultInjectingFileSystem(failingSteps: [.write], code: ENOSPC))
        let (reopened, _) = try StoredFile.open(at: url, passphrase: nil, environment: full)
        defer { reopened.close() }
        XCTAssertEqual(reopened.journalLength, 0)
        XCTAssertThrowsError(try reopened.append(header: header(3), change: change(3)))
        XCTAssertNil(reopened.journalLength, "after a failed append the next save is a full one")
        let contents = try StoredFile.load(at: url, passphrase: nil)
        XCTAssertEqual(contents.body, json(#"{"two":2}"#))
        XCTAssertEqual(contents.changes, [])
    }
}
