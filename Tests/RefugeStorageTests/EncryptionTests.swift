import Foundation
import XCTest
@testable import RefugeStorage

final class EncryptionTests: XCTestCase {
    let header = json(#"{"id":"s1","label":"A-123"}"#)
    let body = json(#"{"answers":{"q1":"first"}}"#)
    let laterBody = json(#"{"answers":{"q1":"second"}}"#)

    /// A protected file saved twice: the main file holds `laterBody`, the backup `body`.
    private func savedTwice() throws -> URL {
        let url = try TestFolder(self).sessionFile
        let file = try StoredFile.create(at: url, header: header, body: body, key: TestKeys.key)
        try file.save(header: header, body: laterBody)
        file.close()
        return url
    }

    private func protectedWithoutBackup() throws -> URL {
        let url = try TestFolder(self).sessionFile
        try StoredFile.create(at: url, header: header, body: body, key: TestKeys.key).close()
        return url
    }

    func testWrongPassphraseIsItsOwnError() throws {
        let url = try savedTwice()
        let wrong = Passphrase("correct horse battery stapler")!
        XCTAssertThrowsStorageError(try StoredFile.open(at: url, passphrase: wrong), .wrongPassphrase)
        XCTAssertThrowsStorageError(try StoredFile.load(at: url, passphrase: wrong), .wrongPassphrase)
        XCTAssertEqual(StorageError.wrongPassphrase.description, "That passphrase does not open this session")
        // The refused attempt released the lock.
        let (file, contents) = try StoredFile.open(at: url, passphrase: TestKeys.passphrase)
        file.close()
        XCTAssertEqual(contents.body, laterBody)
    }

    func testAProtectedFileAsksForItsPassphrase() throws {
        let url = try savedTwice()
        XCTAssertThrowsStorageError(try StoredFile.open(at: url, passphrase: nil), .passphraseRequired(path: url.path))
    }

    func testTamperedCiphertextWithoutBackupIsAClearError() throws {
        let url = try protectedWithoutBackup()
        try alterCiphertext(of: url)
        XCTAssertThrowsStorageError(
            try StoredFile.open(at: url, key: TestKeys.key),
            .unreadable(path: url.path, main: .authenticationFailed, backup: .missing))
    }

    func testTamperedHeaderWithoutBackupIsAClearError() throws {
        let url = try protectedWithoutBackup()
        try replace(#""label":"A-123""#, with: #""label":"A-124""#, in: url)
        XCTAssertEqual(try StoredFile.readHeader(at: url).header, json(#"{"id":"s1","label":"A-124"}"#),
                       "the header alone can be read, but not trusted, without the passphrase")
        XCTAssertThrowsStorageError(
            try StoredFile.load(at: url, key: TestKeys.key),
            .unreadable(path: url.path, main: .authenticationFailed, backup: .missing))
    }

    func testTruncatedProtectedFileWithoutBackupIsAClearError() throws {
        let url = try protectedWithoutBackup()
        let stored = try Data(contentsOf: url)
        // Cut inside the ciphertext, then also keep the JSON well formed but the ciphertext short.
        try stored.prefix(stored.count - 30).write(to: url)
        guard case .unreadable(_, .truncatedOrNotJSON, .missing)? = storageError({
            try StoredFile.load(at: url, key: TestKeys.key)
        }) else { return XCTFail("a cut-short file must be reported as such") }

        let shortened = text(stored).replacingOccurrences(
            of: #"(\"ciphertext\":\")([A-Za-z0-9+/]{8})[A-Za-z0-9+/=]*"#, with: "$1$2", options: .regularExpression)
        try Data(shortened.utf8).write(to: url)
        XCTAssertThrowsStorageError(
            try StoredFile.load(at: url, key: TestKeys.key),
            .unreadable(path: url.path, main: .authenticationFailed, backup: .missing))
    }

    func testTamperedMainFileFallsBackToTheBackup() throws {
        let url = try savedTwice()
        try alterCiphertext(of: url)
        let damaged = try Data(contentsOf: url)
        let (file, contents) = try StoredFile.open(at: url, key: TestKeys.key)
        defer { file.close() }
        XCTAssertEqual(contents.body, body)
        XCTAssertEqual(contents.recovery, Recovery(mainFileProblem: .authenticationFailed))
        XCTAssertEqual(try Data(contentsOf: url), damaged, "the damaged file is left as it was")
    }

    func testAlteredCheckValueIsNotMistakenForAWrongPassphrase() throws {
        let url = try savedTwice()
        let stored = text(try Data(contentsOf: url))
        let check = try XCTUnwrap(stored.range(of: #""check":""#))
        var altered = stored
        let index = altered.index(check.upperBound, offsetBy: 3)
        altered.replaceSubrange(index...index, with: altered[index] == "A" ? "B" : "A")
        try Data(altered.utf8).write(to: url)

        let contents = try StoredFile.load(at: url, key: TestKeys.key)
        XCTAssertEqual(contents.body, body)
        XCTAssertEqual(contents.recovery, Recovery(mainFileProblem: .authenticationFailed))
        // With a wrong passphrase it is still a wrong passphrase.
        XCTAssertThrowsStorageError(try StoredFile.load(at: url, passphrase: Passphrase("nope")!), .wrongPassphrase)
    }

    func testWeakenedKeyDerivationParametersAreRefused() throws {
        let url = try protectedWithoutBackup()
        try replace(#""n":32768"#, with: #""n":1024"#, in: url)
        XCTAssertThrowsStorageError(
            try StoredFile.load(at: url, key: TestKeys.key),
            .unreadable(path: url.path, main: .malformed("key derivation parameters out of bounds"), backup: .missing))
    }

    func testPassphrasesAreComparedAfterUnicodeNormalisation() throws {
        let composed = Passphrase("caf\u{E9} страна")!
        let decomposed = Passphrase("cafe\u{301} страна")!
        XCTAssertEqual(composed.bytes, decomposed.bytes)
        XCTAssertNil(Passphrase(""), "an empty passphrase is not a passphrase")
    }

    func testPassphrasesAndKeysNeverPrint() {
        let passphrase = Passphrase("my secret words")!
        var dumped = ""
        dump(passphrase, to: &dumped)
        dump(TestKeys.key, to: &dumped)
        let shown = "\(passphrase) \(String(reflecting: passphrase)) \(TestKeys.key) " + dumped
        XCTAssertFalse(shown.contains("secret"))
        XCTAssertFalse(shown.contains(TestKeys.key.salt.base64EncodedString()))
        XCTAssertFalse(shown.contains("encryptionKey"))
    }

    func testScryptParametersBelowTheMinimumCannotBeMade() {
        XCTAssertNil(ScryptParameters(n: 1 << 14, r: 8, p: 1))
        XCTAssertNil(ScryptParameters(n: 3 << 14, r: 8, p: 1), "N must be a power of two")
        XCTAssertNil(ScryptParameters(n: 1 << 22, r: 8, p: 1), "more memory than a file may ask for")
        XCTAssertEqual(ScryptParameters(n: 1 << 15, r: 8, p: 1), .standard)
    }

    // MARK: Tampering

    private func replace(_ old: String, with new: String, in url: URL) throws {
        let stored = text(try Data(contentsOf: url))
        XCTAssertTrue(stored.contains(old))
        try Data(stored.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    /// Changes one character in the middle of the ciphertext (still valid base64).
    private func alterCiphertext(of url: URL) throws {
        var stored = text(try Data(contentsOf: url))
        let start = try XCTUnwrap(stored.range(of: #""ciphertext":""#))
        let index = stored.index(start.upperBound, offsetBy: 30)
        stored.replaceSubrange(index...index, with: stored[index] == "A" ? "B" : "A")
        try Data(stored.utf8).write(to: url)
    }
}
