import RefugeBasics
import XCTest

/// `PathText.join` reads bytes first and falls back to the Character path only when a slash is
/// at the joint; it must give what the Character path alone gave, including for paths whose
/// first or last character is a slash with a combining mark on it (one Character, not a slash).
final class PathTextTests: XCTestCase {
    /// The join as it was written before (Characters only), the reference.
    private func referenceJoin(_ base: String, _ name: String) -> String {
        if base.isEmpty { return name }
        if name.isEmpty { return base }
        let trimmedName = name.drop { $0 == "/" }
        return base.hasSuffix("/") ? base + trimmedName : base + "/" + trimmedName
    }

    func testJoinMatchesTheCharacterReading() {
        let bases = ["", "/", "a", "a/", "/home/x", "/home/x/", "/home/x//", "é/", "a/\u{301}", "\u{600}/", "дом"]
        let names = ["", "/", "b", "/b", "//b", "b/", "sessions", "/\u{301}b", "\u{301}b", "файл", "..//x"]
        for base in bases {
            for name in names {
                XCTAssertEqual(PathText.join(base, name), referenceJoin(base, name), "join(\(base.debugDescription), \(name.debugDescription))")
            }
        }
    }

    func testJoinPutsOneSlashBetween() {
        XCTAssertEqual(PathText.join("/home/x", "sessions"), "/home/x/sessions")
        XCTAssertEqual(PathText.join("/home/x/", "/sessions"), "/home/x/sessions")
        XCTAssertEqual(PathText.join("", "sessions"), "sessions")
        XCTAssertEqual(PathText.join("/home/x", ""), "/home/x")
    }
}
