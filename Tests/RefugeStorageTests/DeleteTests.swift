import Foundation
import XCTest
@testable import RefugeStorage

final class DeleteTests: XCTestCase {
    let header = json(#"{"id":"s1"}"#)
    let body = json(#"{"q":"a"}"#)

    func testDeleteRemovesTheFileAndEveryPieceOfItButNothingElse() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let sessions = url.deletingLastPathComponent()
        let neighbour = sessions.appendingPathComponent("s1.refuge2")
        let other = try StoredFile.create(at: neighbour, header: header, body: body, key: nil)
        try other.save(header: header, body: body)
        other.close()

        let file = try StoredFile.create(at: url, header: header, body: body, key: nil)
        try file.save(header: header, body: body)
        try Data("damaged".utf8).write(to: url)
        try file.save(header: header, body: body)
        try Data("left by a crash".utf8).write(to: sessions.appendingPathComponent(".s1.refuge.tmp-99"))
        XCTAssertEqual(try folder.names(in: sessions).count, 8)

        try file.delete()
        XCTAssertEqual(try folder.names(in: sessions), ["s1.refuge2", "s1.refuge2.bak", "s1.refuge2.lock"])
        XCTAssertThrowsStorageError(try file.save(header: header, body: body), .closed)
        XCTAssertThrowsStorageError(try StoredFile.load(at: url, passphrase: nil), .notFound(path: url.path))
    }

    func testDeleteOfAClosedFileTakesItsLock() throws {
        let folder = try TestFolder(self)
        let url = folder.sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: TestKeys.key)
        try file.save(header: header, body: body)
        file.close()
        try StoredFile.delete(at: url)
        XCTAssertEqual(try folder.names(in: url.deletingLastPathComponent()), [])
        XCTAssertThrowsStorageError(try StoredFile.delete(at: url), .notFound(path: url.path))
    }
}
