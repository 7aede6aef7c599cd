import XCTest
@testable import RefugeExpressions

/// The tokenizer's quick character tests and token texts give what the standard ones gave.
final class SourceCharactersTests: XCTestCase {
    private static let samples: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        + ["\r\n", "é", "e\u{301}", "ß", "١", "٣", "Ⅻ", "½", "\u{A0}", "\u{2028}", "\u{3000}", "日", "🇺🇦", "a\u{301}", "1\u{301}"]

    func testQuickPropertiesAgreeWithTheStandardOnes() {
        for character in Self.samples {
            let name = character.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
            XCTAssertEqual(character.isWhitespaceQuickly, character.isWhitespace, name)
            XCTAssertEqual(character.isLetterQuickly, character.isLetter, name)
            XCTAssertEqual(character.isNumberQuickly, character.isNumber, name)
            XCTAssertEqual(character.isASCIIDigit, character.isASCII && character.isNumber, name)
        }
    }

    func testTextsAreTheCharactersAsWritten() {
        let source = "país == 'e\u{301}\r\nx' and n1 >= 10.5"
        let characters = SourceCharacters(source)
        XCTAssertEqual(characters.count, Array(source).count)
        for start in 0...characters.count {
            for end in start...characters.count {
                XCTAssertEqual(characters.text(start..<end), String(Array(source)[start..<end]))
            }
        }
    }

    func testTokensKeepTheirTextsAndColumns() throws {
        let tokens = try Tokenizer.tokenize("país_1 >= 10.5 and 'it\\'s'").get()
        XCTAssertEqual(tokens.map(\.text), ["país_1", ">=", "10.5", "and", "'it\\'s'", ""])
        XCTAssertEqual(tokens.map(\.column), [0, 7, 10, 15, 19, 26])
    }
}
