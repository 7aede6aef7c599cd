import Foundation
import XCTest
@testable import RefugeStorage

final class LockTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let body = json(#"{"q":"a"}"#)

    func testASecondWriterInTheSameProcessIsRefused() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: nil)
        let error = storageError { try StoredFile.open(at: url, passphrase: nil) }
        XCTAssertEqual(error, .locked(path: url.path + ".lock"))
        XCTAssertEqual(error?.description, "This session is open in another Refuge window or process")
        XCTAssertThrowsStorageError(try StoredFile.delete(at: url), .locked(path: url.path + ".lock"))
        file.close()
        let (reopened, _) = try StoredFile.open(at: url, passphrase: nil)
        reopened.close()
    }

    func testALockHeldByAnotherProcessRefusesUntilThatProcessDies() throws {
        guard let probe = ProbeProcess.executable() else { return }
        let url = try TestFolder(self).sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: nil).close()

        let holder = try ProbeProcess(probe, ["hold-lock", url.path])
        XCTAssertEqual(holder.nextLine(), "locked", holder.errorOutput)
        XCTAssertThrowsStorageError(try StoredFile.open(at: url, passphrase: nil), .locked(path: url.path + ".lock"))
        XCTAssertThrowsStorageError(try StoredFile.delete(at: url), .locked(path: url.path + ".lock"))
        // Reading without writing needs no lock.
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, body)

        holder.kill()
        XCTAssertTrue(holder.wasKilled)
        let (file, contents) = try StoredFile.open(at: url, passphrase: nil)
        file.close()
        XCTAssertEqual(contents.body, body)
    }
}
