#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeStorage
import XCTest

/// `URL.plainPath` reads a file URL's path from its text to spare every resume the runtime's
/// first-use search behind `path`; wherever it gives a path, that must be exactly `path`, and
/// `StorageLocation` must split it as it did through Foundation.
final class PlainFileURLTests: XCTestCase {
    private let paths = [
        "/", "/a", "/tmp/fx/sessions/start0.refuge", "/home/x/.local/share/refuge/sessions/",
        "/home/x/sessions/B-1.refuge", "/a b/c.refuge", "/дом/файл.refuge", "/é/e\u{301}.refuge",
        "/a/./b", "/a/../b", "/a//b", "/a/b/", "/50%/x", "/a?b/c#d", "/a;b/c", "/tmp/.hidden", "/a/..b", "/a/b..",
        "/x/sessions/id.refuge.bak", "/with\ttab/x", "/[brackets]/{x}",
    ]

    func testAPlainPathIsTheURLsPath() {
        var plain = 0
        for path in paths {
            for url in [URL(fileURLWithPath: path), URL(fileURLWithPath: path, isDirectory: false), URL(fileURLWithPath: path, isDirectory: true)] {
                guard let read = url.plainPath else { continue }
                plain += 1
                XCTAssertEqual(read, url.path, "\(url.absoluteString)")
            }
        }
        // The usual paths are read plainly (else the fast path would never be taken).
        XCTAssertNotNil(URL(fileURLWithPath: "/tmp/fx/sessions/start0.refuge").plainPath)
        XCTAssertNotNil(URL(fileURLWithPath: "/home/x/.local/share/refuge/sessions", isDirectory: true).plainPath)
        XCTAssertGreaterThan(plain, 20)
    }

    func testAnythingUnusualIsLeftToFoundation() {
        XCTAssertNil(URL(fileURLWithPath: "/a b/c").plainPath, "escaped")
        XCTAssertNil(URL(fileURLWithPath: "/дом").plainPath, "escaped")
        XCTAssertNil(URL(fileURLWithPath: "/a/../b").plainPath, "dot-dot")
        XCTAssertNil(URL(fileURLWithPath: "/a/./b").plainPath, "dot")
        XCTAssertNil(URL(fileURLWithPath: "relative/x", relativeTo: URL(fileURLWithPath: "/base/", isDirectory: true)).plainPath, "relative")
        XCTAssertNil(URL(string: "https://example.org/a")?.plainPath, "not a file")
    }

    func testStorageLocationSplitsAsFoundationDid() {
        for path in paths where path != "/" {
            let url = URL(fileURLWithPath: path, isDirectory: false)
            let standardized = url.standardizedFileURL
            let location = StorageLocation(fileURL: url)
            XCTAssertEqual(location.folder, standardized.deletingLastPathComponent().path, path)
            XCTAssertEqual(location.name, standardized.lastPathComponent, path)
        }
    }
}
