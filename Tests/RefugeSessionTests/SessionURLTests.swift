import Foundation
@testable import RefugeSession
import XCTest

/// `SessionStore.url(for:)` and `id(of:)` read plain paths without Foundation's parser
/// (`URL.plainPath`); they must give what `appendingPathComponent` and `lastPathComponent` gave.
final class SessionURLTests: XCTestCase {
    func testSessionURLsAreWhatAppendingGave() {
        let folders = ["/tmp/refuge-x/sessions", "/home/a b/.local/share/refuge/sessions", "/дом/sessions", "/s", "/"]
        let ids = ["start0", "B-1", "a b", "файл", "x%y", "..", "."]
        for folderPath in folders {
            let folder = URL(fileURLWithPath: folderPath, isDirectory: true)
            let store = SessionStore(folder: folder)
            for id in ids {
                let expected = folder.appendingPathComponent("\(id).refuge")
                let url = store.url(for: id)
                XCTAssertEqual(url.path, expected.path, "\(folderPath) \(id)")
                XCTAssertEqual(url.absoluteString, expected.absoluteString, "\(folderPath) \(id)")
                XCTAssertEqual(SessionStore.id(of: url), String(expected.lastPathComponent.prefix { $0 != "." }), "\(folderPath) \(id)")
            }
        }
    }
}
