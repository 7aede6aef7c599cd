@testable import RefugeExpressions
import XCTest

final class SuggestionsTests: XCTestCase {
    func testTheClosestCandidateIsSuggested() {
        XCTAssertEqual(Suggestions.closest(to: "countyr", among: ["country", "county_of_birth", "city"]), "country")
        XCTAssertNil(Suggestions.closest(to: "zzzzzz", among: ["country", "city"]), "nothing close enough")
    }

    func testEquallyCloseCandidatesGiveTheSameSuggestionInAnyOrder() {
        // "KY" is one edit from both "KZ" and "AY": whatever order the candidates come in,
        // the alphabetically first is suggested.
        let candidates = ["KZ", "AY", "RU", "ES"]
        for _ in 0..<20 {
            XCTAssertEqual(Suggestions.closest(to: "KY", among: Set(candidates)), "AY")
            XCTAssertEqual(Suggestions.closest(to: "KY", among: candidates.shuffled()), "AY")
        }
    }
}
