import Foundation
import XCTest
@testable import RefugeStorage

/// A save can fail at any step (disk full, USB stick pulled, read-only medium). Whatever step
/// fails, the file must still load, holding the last completed save, with no stray files.
final class SaveFailureTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let first = json(#"{"q":"first"}"#)
    let second = json(#"{"q":"second"}"#)
    let third = json(#"{"q":"third"}"#)

    private enum Scenario {
        /// Main holds `second`, the backup `first`.
        case savedTwice
        /// Main is cut short, the backup holds `first`.
        case damagedMain
    }

    private func prepare(_ scenario: Scenario, key: SessionKey?) throws -> (TestFolder, URL) {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let file = try StoredFile.create(at: url, header: header, body: first, key: key)
        try file.save(header: header, body: second)
        file.close()
        if scenario == .damagedMain {
            try Data(contentsOf: url).prefix(25).write(to: url)
        }
        return (folder, url)
    }

    /// Opens the prepared file through `fileSystem` and saves `third` through it. With `warmUp`,
    /// the handle first saves `second` again, so the failing save is one that follows a save of
    /// its own (and trusts the file it wrote instead of reading it back).
    private func openAndSave(_ url: URL, _ fileSystem: FaultInjectingFileSystem, warmUp: Bool = false) throws -> (opened: Int, saved: Result<Void, StorageError>) {
        let environment = StorageEnvironment(fileSystem: fileSystem)
        // The shared key spares a slow derivation per step; deriving is tested elsewhere.
        let (file, _) = try StoredFile.open(at: url, key: TestKeys.key, environment: environment)
        defer { file.close() }
        if warmUp { try file.save(header: header, body: second) }
        let opened = fileSystem.log.count
        do {
            try file.save(header: header, body: third)
            return (opened, .success(()))
        } catch let error as StorageError {
            return (opened, .failure(error))
        }
    }

    private func checkEveryStep(of scenario: Scenario, key: SessionKey?, warmUp: Bool = false) throws {
        // A first run with nothing failing lists the steps of one save.
        let (_, dryURL) = try prepare(scenario, key: key)
        let recorder = FaultInjectingFileSystem()
        let (opened, dryResult) = try openAndSave(dryURL, recorder, warmUp: warmUp)
        XCTAssertNoThrow(try dryResult.get())
        let steps = Array(recorder.log[opened...])
        let kinds = Set(steps.map(\.step))
        XCTAssertTrue(kinds.isSuperset(of: [.create, .write, .syncFile, .close, .rename, .syncFolder]), "\(kinds)")
        let commit = try XCTUnwrap(steps.firstIndex { $0.step == .rename && $0.path == dryURL.path },
                                   "the save ends by renaming over the main file")

        for (index, step) in steps.enumerated() {
            let (folder, url) = try prepare(scenario, key: key)
            let sessions = url.deletingLastPathComponent()
            let damagedBytes = scenario == .damagedMain ? try Data(contentsOf: url) : nil
            let injector = FaultInjectingFileSystem(failingIndex: opened + index, code: ENOSPC)
            let (_, result) = try openAndSave(url, injector, warmUp: warmUp)
            let context = "failure at step \(index) (\(step.step) \(step.path))"

            let loaded = try StoredFile.load(at: url, key: TestKeys.key)
            switch result {
            case .success:
                // Only looking at the current main file may fail without failing the save: a
                // file that cannot be read cannot be checked, so it is set aside rather than kept
                // as the backup; a failed status only means the file is read and checked instead
                // of trusted, or, after the commit, that the next save will read it.
                XCTAssertTrue([.read, .status].contains(step.step), context)
                XCTAssertEqual(loaded.body, third, context)
            case .failure(let error):
                guard case .saveFailed(let failure) = error else { return XCTFail("\(error), \(context)") }
                XCTAssertEqual(failure.kind, .diskFull, context)
                XCTAssertEqual(failure.error.operation, step.step.rawValue, context)
                XCTAssertEqual(failure.error.code, ENOSPC, context)
                if index > commit {
                    XCTAssertEqual(loaded.body, third, "after the commit rename: \(context)")
                } else if scenario == .savedTwice {
                    XCTAssertEqual(loaded, LoadedContents(header: header, body: second, isProtected: key != nil, recovery: nil), context)
                } else {
                    XCTAssertEqual(loaded.body, first, context)
                    XCTAssertNotNil(loaded.recovery, context)
                }
            }

            let names = try folder.names(in: sessions)
            XCTAssertFalse(names.contains { $0.hasPrefix(".") }, "no temporary file left: \(names), \(context)")
            let backup = try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak"))
            XCTAssertTrue(ContentsReader.isGood(backup, key: key), "the backup is always a good save: \(context)")
            if let damagedBytes {
                // The damaged file is never destroyed: it is the main file or a damaged copy.
                let kept = try names.filter { $0 == "s1.refuge" || $0.contains("damaged") }
                    .map { try Data(contentsOf: sessions.appendingPathComponent($0)) }
                XCTAssertTrue(kept.contains(damagedBytes), context)
            }
        }
    }

    func testFailureAtEveryStepOfASaveOverAGoodFile() throws {
        try checkEveryStep(of: .savedTwice, key: nil)
    }

    func testFailureAtEveryStepOfASaveThatFollowsASaveOfItsOwn() throws {
        try checkEveryStep(of: .savedTwice, key: nil, warmUp: true)
    }

    func testFailureAtEveryStepOfAProtectedSaveThatFollowsASaveOfItsOwn() throws {
        try checkEveryStep(of: .savedTwice, key: TestKeys.key, warmUp: true)
    }

    func testFailureAtEveryStepOfASaveOverADamagedFile() throws {
        try checkEveryStep(of: .damagedMain, key: nil)
    }

    func testFailureAtEveryStepOfASaveOfAProtectedFile() throws {
        try checkEveryStep(of: .savedTwice, key: TestKeys.key)
    }

    func testFailureAtEveryStepOfCreateLeavesNoFile() throws {
        let recorder = FaultInjectingFileSystem()
        let dryFolder = try TestFolder(self)
        try StoredFile.create(at: dryFolder.sessionFile, header: header, body: first, key: nil,
                              environment: StorageEnvironment(fileSystem: recorder)).close()
        let commit = try XCTUnwrap(recorder.log.lastIndex { $0.step == .rename && $0.path == dryFolder.sessionFile.path },
                                   "creating ends by renaming the new file into place")
        for index in recorder.log.indices {
            let folder = try TestFolder(self)
            let url = folder.sessionFile
            let injector = FaultInjectingFileSystem(failingIndex: index, code: EIO)
            do {
                try StoredFile.create(at: url, header: header, body: first, key: nil,
                                      environment: StorageEnvironment(fileSystem: injector)).close()
                XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, first)
            } catch {
                let step = recorder.log[index]
                if index <= commit {
                    XCTAssertThrowsStorageError(try StoredFile.load(at: url, passphrase: nil), .notFound(path: url.path),
                                                "\(step.step) \(step.path)")
                }
                let sessions = url.deletingLastPathComponent()
                let names = (try? folder.names(in: sessions)) ?? []
                XCTAssertFalse(names.contains { $0.hasPrefix(".") }, "\(names)")
            }
        }
    }

    func testRemovedFolderIsASaveFailureAndIsNotRecreated() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let file = try StoredFile.create(at: url, header: header, body: first, key: nil)
        defer { file.close() }
        try FileManager.default.removeItem(at: url.deletingLastPathComponent())
        guard case .saveFailed(let failure)? = storageError({ try file.save(header: header, body: second) }) else {
            return XCTFail("a save into a removed folder must fail")
        }
        XCTAssertEqual(failure.kind, .folderMissing)
        XCTAssertTrue(failure.description.contains("folder is gone"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path))
    }

    func testReadOnlyMediumIsASaveFailureThatLeavesTheFileAsItWas() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        try StoredFile.create(at: url, header: header, body: first, key: nil).close()
        let before = try Data(contentsOf: url)
        let readOnly = FaultInjectingFileSystem(failingSteps: [.create, .makeFolder, .rename, .link, .remove, .setPermissions], code: EROFS)
        let (file, _) = try StoredFile.open(at: url, passphrase: nil, environment: StorageEnvironment(fileSystem: readOnly))
        defer { file.close() }
        guard case .saveFailed(let failure)? = storageError({ try file.save(header: header, body: second) }) else {
            return XCTFail("a save to a read-only medium must fail")
        }
        XCTAssertEqual(failure.kind, .readOnly)
        XCTAssertEqual(try Data(contentsOf: url), before)
    }

    func testFileSystemsWithoutHardLinksGetACopiedBackup() throws {
        let folder = try TestFolder(self)
        let noLinks = StorageEnvironment(fileSystem: FaultInjectingFileSystem(failingSteps: [.link], code: EPERM))
        let file = try StoredFile.create(at: folder.sessionFile, header: header, body: first, key: nil, environment: noLinks)
        defer { file.close() }
        try file.save(header: header, body: second)
        try file.save(header: header, body: third)
        XCTAssertEqual(try StoredFile.load(at: folder.sessionFile, passphrase: nil).body, third)
        let backup = try Data(contentsOf: URL(fileURLWithPath: folder.sessionFile.path + ".bak"))
        XCTAssertTrue(text(backup).contains("second"))
        XCTAssertEqual(try permissions(of: URL(fileURLWithPath: folder.sessionFile.path + ".bak")), 0o600)
    }
}
