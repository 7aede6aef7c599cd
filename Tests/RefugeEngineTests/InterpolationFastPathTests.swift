@testable import RefugeEngine
import RefugeSynthetic
import XCTest

/// `render`'s fast path, `Interpolator.mayHavePlaceholder` (a UTF-8 scan), against what it
/// replaced, `String.contains("{{")`: it says yes wherever `contains` did, and where only it says
/// yes (`{{` before a combining mark or joiner), `render` returns the text unchanged. Random texts
/// of pieces where characters, scalars and bytes disagree.
final class InterpolationFastPathTests: XCTestCase {
    func testSaysYesWhereContainsDidAndRendersTheRestUnchanged() throws {
        let interpolator = Interpolator(interview: try Interview(questionnaire: loadQuestionnaire(routingYAML), today: day),
                                        language: "en")
        let pieces = ["{", "{", "{", "}", "a", "b", " ", "\u{600}", "\u{301}", "\u{200D}", "\r", "\n", "🙂",
                      "\u{FE0F}", "é", "_", "\u{A0}", "\u{903}"]
        var random = SyntheticQuestionnaire.Random(seed: 19)
        var onlyNew = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...9, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let old = text.contains("{{")
            let new = Interpolator.mayHavePlaceholder(text)
            let scalars = text.unicodeScalars.map { String($0.value, radix: 16) }
            if old { XCTAssertTrue(new, "missed \(scalars)") }
            if new && !old {
                onlyNew += 1
                XCTAssertEqual(interpolator.render(text), text, "changed \(scalars)")
            }
        }
        XCTAssertGreaterThan(onlyNew, 0, "no text where the two differ was tried")
        // After a prepended mark (U+0600 joins the brace after it into one character) the
        // placeholder is still filled, as it was.
        XCTAssertEqual(interpolator.render("\u{600}{{a}}"), "\u{600}" + interpolator.render("{{a}}"))
    }
}
