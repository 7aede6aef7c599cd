import Foundation
import XCTest
@testable import RefugeExpressions

/// Refuge's own matcher against ICU's (`NSRegularExpression`, what the format promises):
/// the same patterns must give the same whole-text answers, and what it does not support is
/// refused as a pattern rather than matched differently.
final class BoundedRegexTests: XCTestCase {
    private func icu(_ pattern: String, _ text: String) -> Bool? {
        // Anchored as the ICU-based WholeTextPattern did: an unclosed \Q gets its \E, and
        // `(?#⏎(?:)` closes an (?x) comment that runs to the end.
        let quoted = pattern.hasSuffix("\\E") == false && pattern.contains("\\Q")
        guard let regex = try? NSRegularExpression(pattern: "\\A(?:" + pattern + (quoted ? "\\E" : "") + "(?#\n(?:))\\z") else { return nil }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func testAgreesWithICUOnPatternsAuthorsWrite() throws {
        let patterns = [
            "[Aa]?[ -]?([0-9][ -]?){6,8}[0-9]", "[0-9 +()-]{7,20}", "[A-Z][0-9]+", "a|ab", "(a|ab)(c|bcd)(d*)",
            "\\d{3}-\\d{4}", "\\w+", "\\W*", "\\s*\\S+\\s*", "[^a-z]+", "(?i)hello", "(?i:ab)c", "a.c", "(?s)a.c",
            "[[:alpha:]]+", "\\p{L}+", "\\p{Lu}\\p{Ll}*", "\\P{N}+", "[\\p{L}&&[^a-z]]+", "[a-z--[aeiou]]+",
            "x{2}", "x{2,}", "x{2,3}", "x{2,3}?y", "x*?y", "x+?", "(?:ab)+", "(?:ab)*?c", "(a*)*b", "(a*)+", "(?:a?)*",
            "colou?r", "\\bword\\b.*", ".*\\bend", "^abc$", "abc$", "a\\.b", "[.]", "\\u00e9", "\\x{1F600}", "\\x41",
            "\\t", "(?x) a b c # comment", "(?x)[a b]+", "a(?=b)b", "a(?!c)\\w", "(?>a+)b", "a++b", "a*+a", "\\Qa.b\\E",
            "[-a]+", "[a-]+", "[]a]+", "[\\]]", "[\\\\]", "(?<year>\\d{4})-\\d{2}", "(?#note)abc", "(?m)^a$\\n^b$",
            "\\p{Nd}+", "[\\d\\s]+", "[^\\d]+", "\\h+", "(?i)[a-c]+", "(?i)\\u00c9t\\u00e9", "\\p{Cyrillic}",
        ]
        let texts = ["", "a", "ab", "abc", "abcd", "A123", "a123456789", "A 12345678", "a-1-2-3-4-5-6-7", "(555) 123-4567",
                     "555-1234", "hello", "HeLLo", "abC", "aXc", "a\nc", "Émile", "ÉMILE", "été", "ÉTÉ", "xx", "xxx", "xxxx",
                     "xxxy", "xy", "y", "ababab", "ababc", "aaab", "aaa", "b", "color", "colour", "word up", "the end",
                     "a.b", ".", "é", "😀", "A", "\t", " ", "a b", "bcd", "bdf", "Привет", "2024-05", "2024-05x", "a\nb",
                     "a.b.b", "]", "\\", "-a-", "٣٤", "1 2 3", "   "]
        var compared = 0
        for pattern in patterns {
            let ours: WholeTextPattern
            do { ours = try WholeTextPattern(pattern) } catch {
                XCTAssertTrue(["\\p{Cyrillic}"].contains(pattern), "refused \(pattern): \(error)")
                continue
            }
            for text in texts {
                XCTAssertEqual(ours.wholeMatch(text), icu(pattern, text), "pattern \(pattern) on \(text.debugDescription)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 3000)
    }

    func testInvalidPatternsAreRefused() {
        for pattern in ["[", "(", ")", "a)", "*a", "a{2,1}", "a{", "\\", "(?<=a)b", "(a)\\1", "[z-a]", "(?q)"] {
            XCTAssertThrowsError(try WholeTextPattern(pattern), pattern)
        }
    }

    /// A pattern read back from a compiled questionnaire is compiled at its first match: it
    /// answers as the one compiled at once, and one that does not compile gives up (nil) on
    /// every text, never a yes or a no.
    func testAPatternCompiledAtFirstUseAnswersAsOneCompiledAtOnce() throws {
        let texts = ["A123456789", "a 12 34 56 7", "A12", "", "B1234567", "1234567"]
        for pattern in ["[Aa]?[ -]?([0-9][ -]?){6,8}[0-9]", "(?i)hello", "\\p{L}+"] {
            let now = try WholeTextPattern(pattern), later = WholeTextPattern(compiledBefore: pattern)
            XCTAssertEqual(later.source, pattern)
            for text in texts { XCTAssertEqual(later.wholeMatch(text), now.wholeMatch(text), "\(pattern) on \(text)") }
        }
        let broken = WholeTextPattern(compiledBefore: "(a")
        for text in ["a", "(a", ""] {
            XCTAssertNil(broken.wholeMatch(text))
            XCTAssertFalse(broken.matchesWhole(text))
        }
    }

    func testAnEmptyLoopEndsAndAGiveUpIsNotAMismatch() throws {
        XCTAssertEqual(try WholeTextPattern("(a*)*b").wholeMatch("aaaa"), false)
        XCTAssertEqual(try WholeTextPattern("(?:a|)*b").wholeMatch(String(repeating: "a", count: 1000) + "b"), true)
        XCTAssertNil(try WholeTextPattern("(x+x+)+y").wholeMatch(String(repeating: "x", count: 60)))
    }

    func testFoldingDropsCaseAndAccents() {
        XCTAssertEqual(TextFolding.caseAndDiacritics("Février"), "fevrier")
        XCTAssertEqual(TextFolding.caseAndDiacritics("FE\u{301}VR"), "fevr")
        XCTAssertEqual(TextFolding.caseAndDiacritics("Їжак й"), "іжак и")
        XCTAssertEqual(TextFolding.caseAndDiacritics("آوریل"), "اوریل")
        XCTAssertEqual(TextFolding.caseAndDiacritics("août"), "aout")
    }
}
