@testable import RefugePlain
import XCTest

final class PlainTextTests: XCTestCase {
    func testEscapeSequencesAndControlCharactersAreRemoved() {
        XCTAssertEqual(PlainText.clean("a\u{1B}[2Jb\u{1B}]0;title\u{07}c\u{07}d\u{9B}1me"), "abcde", "C1 CSI 1 m is a whole sequence")
        XCTAssertEqual(PlainText.clean("tab\there"), "tab here")
        XCTAssertEqual(PlainText.clean("Привет\nмир"), "Привет\nмир")
    }

    func testMarkdownMarksAreRemovedForScreenReaders() {
        XCTAssertEqual(PlainText.unmark("**Bold** and *soft*\n* item"), "Bold and soft\n- item")
    }
}
