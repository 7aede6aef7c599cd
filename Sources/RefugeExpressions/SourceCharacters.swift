/// An expression's characters, with where each begins in the text, so that a token's text is
/// a slice of the source rather than rebuilt character by character (which was most of the
/// time of reading expressions when a questionnaire loads).
struct SourceCharacters {
    let source: String
    let characters: [Character]
    /// The UTF-8 offset of each character's start, and of the end of the text last.
    private let utf8Offsets: [Int]

    init(_ source: String) {
        self.source = source
        var characters: [Character] = []
        var offsets: [Int] = []
        var offset = 0
        for character in source {
            characters.append(character)
            offsets.append(offset)
            offset += character.utf8.count
        }
        offsets.append(offset)
        self.characters = characters
        utf8Offsets = offsets
    }

    var count: Int { characters.count }
    subscript(index: Int) -> Character { characters[index] }

    /// The text of characters `range` (character offsets).
    func text(_ range: Range<Int>) -> String {
        let utf8 = source.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: utf8Offsets[range.lowerBound])
        let end = utf8.index(start, offsetBy: utf8Offsets[range.upperBound] - utf8Offsets[range.lowerBound])
        return String(source[start..<end])
    }
}

extension Character {
    // `isWhitespace`, `isLetter` and `isNumber` look up Unicode properties of the first
    // scalar; for an ASCII character (`asciiValue` also covers "\r\n", as "\n") the answer is
    // known without the lookup: Unicode's White_Space, Alphabetic and numeric ASCII
    // characters are exactly these.

    var isWhitespaceQuickly: Bool {
        guard let ascii = asciiValue else { return isWhitespace }
        return ascii == 0x20 || (0x09...0x0D).contains(ascii)
    }

    var isLetterQuickly: Bool {
        guard let ascii = asciiValue else { return isLetter }
        return (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii)
    }

    var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return (0x30...0x39).contains(ascii)
    }

    var isNumberQuickly: Bool {
        guard let ascii = asciiValue else { return isNumber }
        return (0x30...0x39).contains(ascii)
    }
}
