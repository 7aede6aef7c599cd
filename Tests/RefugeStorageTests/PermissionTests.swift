import Foundation
import XCTest
@testable import RefugeStorage

final class PermissionTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let body = json(#"{"q":"a"}"#)

    func testNewFoldersAre0700AndEveryFile0600EvenWithAPermissiveUmask() throws {
        let folder = try TestFolder(self)
        let url = folder.url.appendingPathComponent("refuge").appendingPathComponent("sessions").appendingPathComponent("s1.refuge")
        let previous = umask(0)
        defer { umask(previous) }
        let file = try StoredFile.create(at: url, header: header, body: body, key: nil)
        try file.save(header: header, body: body)
        defer { file.close() }

        XCTAssertEqual(try permissions(of: folder.url.appendingPathComponent("refuge")), 0o700)
        XCTAssertEqual(try permissions(of: url.deletingLastPathComponent()), 0o700)
        for suffix in ["", ".bak", ".lock"] {
            XCTAssertEqual(try permissions(of: URL(fileURLWithPath: url.path + suffix)), 0o600, "s1.refuge\(suffix)")
        }
    }

    func testAFileWhereTheFolderShouldBeIsAFolderProblem() throws {
        let folder = try TestFolder(self)
        let sessions = folder.url.appendingPathComponent("sessions")
        try Data().write(to: sessions)
        guard case .folderProblem(let path, let error)? = storageError({
            try StoredFile.create(at: folder.sessionFile, header: header, body: body, key: nil)
        }) else { return XCTFail("expected a folder problem") }
        XCTAssertEqual(path, sessions.path)
        XCTAssertEqual(error.code, ENOTDIR)
    }

    func testCoreDumpsCanBeTurnedOff() throws {
        try CoreDumps.disable()
        XCTAssertEqual(CoreDumps.currentLimit(), 0)
    }
}
