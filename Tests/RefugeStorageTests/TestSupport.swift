import Foundation
import XCTest
@testable import RefugeStorage

/// A fresh folder under the system's temporary folder, removed when the test ends.
struct TestFolder {
    let url: URL

    init(_ test: XCTestCase) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("refuge-storage-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let url = self.url
        test.addTeardownBlock {
            // Put back write permission in case a test took it away, then remove everything.
            _ = chmod(url.path, 0o700)
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// A session file inside a `sessions` folder that does not exist yet.
    var sessionFile: URL { url.appendingPathComponent("sessions").appendingPathComponent("s1.refuge") }

    func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }
}

func json(_ text: String) -> Data { Data(text.utf8) }

func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

func permissions(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes[.posixPermissions] as! NSNumber).intValue
}

/// Keys are slow to derive (that is their point), so the tests share a few.
enum TestKeys {
    static let passphrase = Passphrase("correct horse battery staple")!
    static let key: SessionKey = try! SessionKey.derive(from: passphrase)
}

/// Asserts that `body` throws a `StorageError` equal to `expected`.
func XCTAssertThrowsStorageError<T>(
    _ body: @autoclosure () throws -> T, _ expected: StorageError, _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try body(), message, file: file, line: line) { error in
        XCTAssertEqual(error as? StorageError, expected, message, file: file, line: line)
    }
}

/// The `StorageError` that `body` throws, or nil (with a test failure) when it throws something
/// else or nothing.
func storageError<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> StorageError? {
    do {
        _ = try body()
        XCTFail("expected an error", file: file, line: line)
    } catch let error as StorageError {
        return error
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
    return nil
}
