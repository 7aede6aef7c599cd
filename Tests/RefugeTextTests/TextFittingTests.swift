import RefugeText
import XCTest

final class TextFittingTests: XCTestCase {
    func testShortTextIsUnchanged() {
        XCTAssertEqual("Анкета".truncated(toWidth: 6), "Анкета")
        XCTAssertEqual("".truncated(toWidth: 3), "")
    }

    func testLongTextEndsWithAnEllipsis() {
        XCTAssertEqual("Credible fear interview".truncated(toWidth: 10), "Credible …")
        XCTAssertEqual("漢字漢字".truncated(toWidth: 6), "漢字…", "a wide character that does not fit is left out whole")
        XCTAssertEqual("👨‍👩‍👧👨‍👩‍👧".truncated(toWidth: 3), "👨‍👩‍👧…")
        XCTAssertEqual("abcdef".truncated(toWidth: 4, ellipsis: "..."), "a...")
        XCTAssertEqual("abcdef".truncated(toWidth: 2, ellipsis: "..."), "..")
        XCTAssertEqual("abcdef".truncated(toWidth: 0), "")
    }
}
