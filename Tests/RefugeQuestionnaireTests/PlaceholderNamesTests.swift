import Foundation
import RefugeSynthetic
import XCTest
@testable import RefugeQuestionnaire

/// Finding `{{ name }}` by hand gives what the regular expression it replaced gave.
final class PlaceholderNamesTests: XCTestCase {
    private static let regex = try! NSRegularExpression(pattern: "\\{\\{\\s*([^}\\s]*)\\s*\\}\\}")

    private static func regexNames(_ text: String) -> [String] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    func testSomeExamples() {
        XCTAssertEqual(PlaceholderNames.names(in: "Hello {{name}}, you said {{ answer }}."), ["name", "answer"])
        XCTAssertEqual(PlaceholderNames.names(in: "no placeholder { here }"), [])
        XCTAssertEqual(PlaceholderNames.names(in: "{{}} and {{ }}"), ["", ""])
        XCTAssertEqual(PlaceholderNames.names(in: "{{{a}}}"), ["{a"])
        XCTAssertEqual(PlaceholderNames.names(in: "{{a b}} {{c}}"), ["c"])
        XCTAssertEqual(PlaceholderNames.names(in: "{{\u{3000}país\u{2028}}}"), ["país"])
        XCTAssertEqual(PlaceholderNames.names(in: "{{\u{301}x}} {{y}}"), ["y"], "a name starting inside a character is passed over")
    }

    func testAgreesWithTheRegularExpression() {
        let pieces = ["{", "{{", "}", "}}", " ", "\t", "\n", "\u{0B}", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}",
                      "a", "id_1", "é", "e\u{301}", "\u{301}", "🇺🇦", "x", ".", "\r\n"]
        var generator = SyntheticQuestionnaire.Random(seed: 7)
        var texts: [String] = []
        for _ in 0..<5000 {
            let count = Int.random(in: 1...10, using: &generator)
            texts.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            XCTAssertEqual(PlaceholderNames.names(in: text), Self.regexNames(text), text.debugDescription)
        }
    }
}
