import RefugeCanvas
import XCTest

final class LongTextScrollTests: XCTestCase {
    func testALongInformationScreenScrollsAndSaysThereIsMore() throws {
        let h = try ScreenHarness("Tests/RefugeScreenTests/Fixtures/long-info.yaml")
        XCTAssertTrue(h.text.contains("more below"), h.text)
        XCTAssertFalse(h.text.contains("Point number 30 "), "the end is below the fold")
        for _ in 0..<40 { h.press(.down) }
        XCTAssertTrue(h.text.contains("Point number 30 "), h.text)
        XCTAssertFalse(h.text.contains("more below"), h.text)
        h.press(.enter)
        XCTAssertTrue(h.text.contains("After the rights"), h.text)
    }
}
