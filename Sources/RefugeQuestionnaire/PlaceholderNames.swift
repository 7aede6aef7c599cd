/// The names written as `{{ name }}` in a text, found by hand: what the regular expression
/// `\{\{\s*([^}\s]*)\s*\}\}` found, without NSRegularExpression, whose first use brought in
/// ICU's regular expression engine and data at every start (a noticeable part of the
/// program's memory) to check texts that mostly have no placeholder at all.
///
/// The expression cannot backtrack into another match: the name stops at the first `}` or
/// white space and the spaces around it are skipped, so a match is found by reading straight
/// on. White space is Unicode's White_Space, which is ICU's `\s`.
enum PlaceholderNames {
    static func names(in text: String) -> [String] {
        // Most texts have no `{{`: finding that in the bytes is much cheaper than reading scalars.
        guard hasDoubleBrace(text) else { return [] }
        let scalars = text.unicodeScalars
        var names: [String] = []
        var searchFrom = scalars.startIndex
        while let open = firstDoubleBrace(in: scalars, from: searchFrom) {
            if let (name, end) = placeholder(in: scalars, afterBracesAt: open) {
                // As before, a name that begins or ends inside a character (a combining
                // accent just after `{{`) is passed over: it had no range in the text.
                if String.Index(name.lowerBound, within: text) != nil, String.Index(name.upperBound, within: text) != nil {
                    names.append(String(scalars[name]))
                }
                searchFrom = end
            } else {
                searchFrom = scalars.index(after: open)
            }
        }
        return names
    }

    private static func hasDoubleBrace(_ text: String) -> Bool {
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let brace = UInt8(ascii: "{")
            var i = 0
            while i + 1 < bytes.count {
                if bytes[i + 1] != brace {
                    i += 2  // neither this pair nor the next can start at i + 1
                } else if bytes[i] == brace {
                    return true
                } else {
                    i += 1
                }
            }
            return false
        }
        if let found = text.utf8.withContiguousStorageIfAvailable(search) { return found }
        var copy = text
        return copy.withUTF8(search)
    }

    /// The position of the next `{{`.
    private static func firstDoubleBrace(in scalars: String.UnicodeScalarView, from start: String.Index) -> String.Index? {
        var i = start
        while i < scalars.endIndex {
            if scalars[i] == "{" {
                let next = scalars.index(after: i)
                if next < scalars.endIndex, scalars[next] == "{" { return i }
            }
            i = scalars.index(after: i)
        }
        return nil
    }

    /// Where the name is, and the end of the placeholder whose `{{` is at `open`, if it is one.
    private static func placeholder(in scalars: String.UnicodeScalarView, afterBracesAt open: String.Index) -> (Range<String.Index>, String.Index)? {
        var i = scalars.index(open, offsetBy: 2)
        func skipWhiteSpace() {
            while i < scalars.endIndex, scalars[i].properties.isWhitespace { i = scalars.index(after: i) }
        }
        skipWhiteSpace()
        let nameStart = i
        while i < scalars.endIndex, scalars[i] != "}", !scalars[i].properties.isWhitespace { i = scalars.index(after: i) }
        let nameEnd = i
        skipWhiteSpace()
        guard i < scalars.endIndex, scalars[i] == "}" else { return nil }
        let second = scalars.index(after: i)
        guard second < scalars.endIndex, scalars[second] == "}" else { return nil }
        return (nameStart..<nameEnd, scalars.index(after: second))
    }
}
