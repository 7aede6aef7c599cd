import Foundation
import RefugeSynthetic
import XCTest
@testable import RefugeQuestionnaire

/// The hand-written checks of ids, language codes and choice values accept exactly what the
/// regular expressions they replaced accepted.
final class NameFormTests: XCTestCase {
    private static let forms: [(name: String, pattern: String, check: @Sendable (String) -> Bool)] = [
        ("id", "^[a-z][a-z0-9_]*$", NameForm.isID),
        ("questionnaire id", "^[a-z][a-z0-9_-]*$", NameForm.isQuestionnaireID),
        ("language code", "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", NameForm.isLanguageCode),
        ("choice value", "^[A-Za-z0-9_.-]+$", NameForm.isPlainValue),
    ]

    private static func regexAccepts(_ pattern: String, _ text: String) -> Bool {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func testSomeExamples() {
        XCTAssertTrue(NameForm.isID("harmed_before2"))
        XCTAssertFalse(NameForm.isID("2harm"))
        XCTAssertFalse(NameForm.isID("Harm"))
        XCTAssertTrue(NameForm.isID("harm\n"), "ICU's `$` also matches before a final line break")
        XCTAssertFalse(NameForm.isID("harm\n\n"))
        XCTAssertTrue(NameForm.isQuestionnaireID("credible-fear"))
        XCTAssertTrue(NameForm.isLanguageCode("zh-Hant"))
        XCTAssertFalse(NameForm.isLanguageCode("english"))
        XCTAssertFalse(NameForm.isLanguageCode("en-"))
        XCTAssertTrue(NameForm.isPlainValue("U.S.-born_1"))
        XCTAssertFalse(NameForm.isPlainValue("two words"))
        XCTAssertFalse(NameForm.isPlainValue(""))
    }

    func testEveryCheckAgreesWithItsRegularExpression() {
        let pieces = ["a", "z", "m", "A", "Z", "0", "9", "_", "-", ".", " ", "é", "a\u{301}", "\n", "\r", "\r\n",
                      "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\t", "ab", "abc", "abcdefghi", "AbCd1234", "{"]
        var texts: [String] = [""]
        var generator = SyntheticQuestionnaire.Random(seed: 42)
        for piece in pieces { texts.append(piece) }
        for first in pieces { for second in pieces { texts.append(first + second) } }
        for _ in 0..<3000 {
            let count = Int.random(in: 1...6, using: &generator)
            texts.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for form in Self.forms {
            for text in texts {
                XCTAssertEqual(form.check(text), Self.regexAccepts(form.pattern, text),
                               "\(form.name): \(text.debugDescription)")
            }
        }
    }
}
