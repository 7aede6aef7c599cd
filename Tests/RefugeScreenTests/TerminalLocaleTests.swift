@testable import RefugeTerminal
import XCTest

/// The codeset test decides whether the program switches locale or runs the plain mode.
final class TerminalLocaleTests: XCTestCase {
    func testUTF8SpellingsAreRecognised() {
        for name in ["UTF-8", "utf-8", "utf8", "UTF8", "Utf_8", "u-t-f-8", "UTF--8"] {
            XCTAssertTrue(TerminalLocale.isUTF8(name), name)
        }
    }

    func testOtherCodesetsAreNot() {
        for name in ["", "ANSI_X3.4-1968", "ISO-8859-1", "UTF-16", "UTF8 ", " UTF8", "UTF", "UTF88", "KOI8-R", "ＵＴＦ８", "utf\u{2011}8"] {
            XCTAssertFalse(TerminalLocale.isUTF8(name), name)
        }
    }
}
