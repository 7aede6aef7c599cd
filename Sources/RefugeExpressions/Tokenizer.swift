import RefugeLimits

// Splits an expression into tokens. Stops at the first character that cannot start a token,
// with a message that says what to write instead where that is likely (`=`, `&&`, `!`).

enum Tokenizer {
    static func tokenize(_ source: String) -> Result<[Token], ExpressionDiagnostic> {
        let characters = SourceCharacters(source)
        var tokens: [Token] = []
        var index = 0

        func fail(_ message: String, at column: Int) -> Result<[Token], ExpressionDiagnostic> {
            .failure(ExpressionDiagnostic(column: column, message: message))
        }

        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespaceQuickly {
                index += 1
                continue
            }
            if character.isASCIIDigit {
                while index < characters.count, characters[index].isASCIIDigit { index += 1 }
                if index + 1 < characters.count, characters[index] == ".", characters[index + 1].isASCIIDigit {
                    index += 1
                    while index < characters.count, characters[index].isASCIIDigit { index += 1 }
                }
                let text = characters.text(start..<index)
                guard let value = ExactNumber(text) else {
                    return fail("`\(text)` has too many digits to be kept exactly (a number has at most \(Limits.numberDigits) digits)", at: start)
                }
                tokens.append(Token(kind: .number(value), column: start, text: text))
                continue
            }
            if character.isLetterQuickly || character == "_" {
                while index < characters.count,
                      characters[index].isLetterQuickly || characters[index].isNumberQuickly || characters[index] == "_" {
                    index += 1
                }
                let text = characters.text(start..<index)
                let kind: TokenKind = Keyword(rawValue: text).map { .keyword($0) } ?? .identifier(text)
                tokens.append(Token(kind: kind, column: start, text: text))
                continue
            }
            if character == "'" || character == "\"" {
                switch readString(characters, from: start) {
                case .success(let (value, end)):
                    tokens.append(Token(kind: .string(value), column: start, text: characters.text(start..<end)))
                    index = end
                    continue
                case .failure(let diagnostic):
                    return .failure(diagnostic)
                }
            }
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            let pair = next.map { String(character) + String($0) } ?? ""
            if let punctuation = Punctuation(rawValue: pair), pair.count == 2 {
                tokens.append(Token(kind: .punctuation(punctuation), column: start, text: pair))
                index += 2
                continue
            }
            switch pair {
            case "&&": return fail("`&&` is not part of this language; write `and`", at: start)
            case "||": return fail("`||` is not part of this language; write `or`", at: start)
            case "<>": return fail("`<>` is not part of this language; write `!=`", at: start)
            case "=<": return fail("`=<` is not part of this language; write `<=`", at: start)
            case "=>": return fail("`=>` is not part of this language; write `>=`", at: start)
            default: break
            }
            if let punctuation = Punctuation(rawValue: String(character)) {
                tokens.append(Token(kind: .punctuation(punctuation), column: start, text: String(character)))
                index += 1
                continue
            }
            switch character {
            case "=": return fail("a single `=` is not a comparison; write `==` to compare two values", at: start)
            case "!": return fail("`!` is not part of this language; write `not` (or `!=` for \"is not equal to\")", at: start)
            case "&": return fail("`&` is not part of this language; write `and`", at: start)
            case "|": return fail("`|` is not part of this language; write `or`", at: start)
            case "/", "*", "%":
                // No division (nor multiplication), so no value is ever rounded: 1/3 cannot arise.
                return fail("`\(character)` is not part of this language: numbers can be added and subtracted (`+`, `-`), not multiplied or divided, so every value stays exact", at: start)
            case "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}":
                return fail("`\(character)` is a typographic quote; write texts between straight quotes ' or \"", at: start)
            default:
                return fail("`\(character)` cannot be used in an expression", at: start)
            }
        }
        tokens.append(Token(kind: .end, column: characters.count, text: ""))
        return .success(tokens)
    }

    /// Reads a quoted string starting at `start` (the quote). A backslash before the quote
    /// character makes it part of the string; every other backslash stays, so regular
    /// expressions read as written. Returns the value and the index after the closing quote.
    private static func readString(_ characters: SourceCharacters, from start: Int)
        -> Result<(String, Int), ExpressionDiagnostic> {
        let quote = characters[start]
        var value = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1] == quote {
                value.append(quote)
                index += 2
                continue
            }
            if character == quote {
                return .success((value, index + 1))
            }
            value.append(character)
            index += 1
        }
        return .failure(ExpressionDiagnostic(
            column: start, message: "this text has no closing \(quote); add \(quote) at its end"))
    }
}
