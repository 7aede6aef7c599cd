import Foundation
import XCTest
@testable import RefugeStorage

final class RoundTripTests: XCTestCase {
    let header = json(#"{"id":"s1","label":"A-123","progress":0.25,"languages":["ru","en"]}"#)
    let body = json(#"{"answers":{"name":"Алексей 🙂","story":"line one\nline \"two\""}}"#)

    func testUnprotectedFileRoundTripsHeaderAndBodyByteForByte() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: nil)
        XCTAssertFalse(file.isProtected)
        file.close()

        let (reopened, contents) = try StoredFile.open(at: url, passphrase: nil)
        defer { reopened.close() }
        XCTAssertEqual(contents, LoadedContents(header: header, body: body, isProtected: false, recovery: nil))

        let newBody = json(#"{"answers":{"name":"Алексей","story":"changed"}}"#)
        try reopened.save(header: header, body: newBody)
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, newBody)
    }

    func testProtectedFileRoundTripsAndNeverHoldsTheBodyOrPassphraseInClear() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: TestKeys.key)
        XCTAssertTrue(file.isProtected)
        try file.save(header: header, body: body)
        file.close()

        let (reopened, contents) = try StoredFile.open(at: url, passphrase: TestKeys.passphrase)
        defer { reopened.close() }
        XCTAssertEqual(contents, LoadedContents(header: header, body: body, isProtected: true, recovery: nil))
        XCTAssertTrue(reopened.isProtected)

        for path in [url.path, url.path + ".bak"] {
            let stored = try Data(contentsOf: URL(fileURLWithPath: path))
            let storedText = text(stored)
            XCTAssertTrue(storedText.contains(text(header)), "the header stays readable")
            XCTAssertFalse(storedText.contains("Алексей"), "the body is encrypted")
            XCTAssertFalse(storedText.contains("answers"), "the body is encrypted")
            XCTAssertFalse(storedText.contains("correct horse"), "the passphrase is never written")
        }
    }

    func testEverySaveUsesAFreshNonce() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: TestKeys.key)
        defer { file.close() }
        let first = try Data(contentsOf: url)
        try file.save(header: header, body: body)
        let second = try Data(contentsOf: url)
        XCTAssertNotEqual(first, second, "the same contents saved twice must not give the same ciphertext")
        XCTAssertEqual(try StoredFile.load(at: url, key: TestKeys.key).body, body)
    }

    func testReadHeaderNeedsNoPassphrase() throws {
        let url = try TestFolder(self).sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: TestKeys.key).close()
        XCTAssertEqual(try StoredFile.readHeader(at: url), HeaderPeek(header: header, isProtected: true, recovery: nil))

        let plainURL = url.deletingLastPathComponent().appendingPathComponent("s2.refuge")
        try StoredFile.create(at: plainURL, header: header, body: body, key: nil).close()
        XCTAssertEqual(try StoredFile.readHeader(at: plainURL), HeaderPeek(header: header, isProtected: false, recovery: nil))
    }

    func testTheFileLayoutIsTheDocumentedOne() throws {
        let url = try TestFolder(self).sessionFile
        try StoredFile.create(at: url, header: json(#"{"a":1}"#), body: json("[true]"), key: nil).close()
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        XCTAssertEqual(Set(stored.keys), ["format", "header", "body", "sha256"])
        XCTAssertEqual(stored["format"] as? Int, 1)
        XCTAssertEqual(stored["header"] as? [String: Int], ["a": 1])

        let protectedURL = url.deletingLastPathComponent().appendingPathComponent("p.refuge")
        try StoredFile.create(at: protectedURL, header: json(#"{"a":1}"#), body: json("[true]"), key: TestKeys.key).close()
        let sealed = try JSONSerialization.jsonObject(with: Data(contentsOf: protectedURL)) as! [String: Any]
        XCTAssertEqual(Set(sealed.keys), ["format", "header", "encryption", "ciphertext"])
        let encryption = sealed["encryption"] as! [String: Any]
        XCTAssertEqual(encryption["kdf"] as? String, "scrypt")
        XCTAssertEqual(encryption["n"] as? Int, 32768)
        XCTAssertEqual(encryption["r"] as? Int, 8)
        XCTAssertEqual(encryption["p"] as? Int, 1)
        XCTAssertEqual(encryption["cipher"] as? String, "AES-256-GCM")
        XCTAssertGreaterThanOrEqual(Data(base64Encoded: encryption["salt"] as! String)!.count, 16)
    }

    func testEachNewKeyHasItsOwnSalt() throws {
        let other = try SessionKey.derive(from: TestKeys.passphrase)
        XCTAssertNotEqual(other.salt, TestKeys.key.salt)
        XCTAssertNotEqual(other.check, TestKeys.key.check)
    }

    func testHeaderAndBodyMustBeJSON() throws {
        let url = try TestFolder(self).sessionFile
        XCTAssertThrowsStorageError(
            try StoredFile.create(at: url, header: json("[1]"), body: body, key: nil),
            .invalidHeader("JSON, but not an object"))
        XCTAssertThrowsStorageError(
            try StoredFile.create(at: url, header: header, body: json(#"{"a":"#), key: nil),
            .invalidBody("not JSON"))
        let file = try StoredFile.create(at: url, header: header, body: body, key: nil)
        defer { file.close() }
        XCTAssertThrowsStorageError(try file.save(header: json("{"), body: body), .invalidHeader("not JSON"))
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, body)
    }

    func testCreateRefusesAnExistingFile() throws {
        let url = try TestFolder(self).sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: nil).close()
        XCTAssertThrowsStorageError(
            try StoredFile.create(at: url, header: header, body: json("{}"), key: nil),
            .alreadyExists(path: url.path))
        XCTAssertEqual(try StoredFile.load(at: url, passphrase: nil).body, body)
    }

    func testOpeningAMissingFileSaysSoAndLeavesNothingBehind() throws {
        let folder = try TestFolder(self)
        let url = folder.url.appendingPathComponent("nothing.refuge")
        XCTAssertThrowsStorageError(try StoredFile.open(at: url, passphrase: nil), .notFound(path: url.path))
        XCTAssertEqual(try folder.names(in: folder.url), [])
        XCTAssertThrowsStorageError(try StoredFile.open(at: folder.sessionFile, passphrase: nil),
                                    .notFound(path: folder.sessionFile.path))
    }

    func testSavingAfterCloseIsRefused() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: nil)
        file.close()
        XCTAssertThrowsStorageError(try file.save(header: header, body: body), .closed)
    }

    func testSaveElsewhereWithTheSameKey() throws {
        let folder = try TestFolder(self)
        let file = try StoredFile.create(at: folder.sessionFile, header: header, body: body, key: TestKeys.key)
        defer { file.close() }
        let elsewhere = folder.url.appendingPathComponent("usb").appendingPathComponent("copy.refuge")
        try StoredFile.create(at: elsewhere, header: header, body: body, key: file.key).close()
        XCTAssertEqual(try StoredFile.load(at: elsewhere, key: TestKeys.key).body, body)
    }

    func testAcceptsTellsTheRightPassphrase() throws {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: TestKeys.key)
        defer { file.close() }
        XCTAssertTrue(try file.accepts(TestKeys.passphrase))
        XCTAssertFalse(try file.accepts(Passphrase("Correct horse battery staple")!))
    }
}
