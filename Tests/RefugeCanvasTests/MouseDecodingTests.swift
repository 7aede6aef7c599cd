import RefugeCanvas
import XCTest

/// xterm's SGR mouse reports: a press of the main button is a click on a cell (from 0), the
/// wheel is ↑/↓, releases and other buttons are nothing.
final class MouseDecodingTests: XCTestCase {
    func decode(_ text: String) -> [KeyEvent] {
        var decoder = KeyDecoder()
        return decoder.feed(Array(text.utf8))
    }

    func testAPressIsAClickOnACellCountedFromZero() {
        XCTAssertEqual(decode("\u{1B}[<0;12;5M"), [.click(row: 4, column: 11)])
    }

    func testReleasesAndOtherButtonsAreNothingAndTheWheelMoves() {
        XCTAssertEqual(decode("\u{1B}[<0;12;5m"), [])
        XCTAssertEqual(decode("\u{1B}[<2;12;5M"), [])
        XCTAssertEqual(decode("\u{1B}[<64;1;1M\u{1B}[<65;1;1M"), [.up, .down])
        XCTAssertEqual(decode("\u{1B}[<0;12;5Mx"), [.click(row: 4, column: 11), .character("x")])
    }
}
