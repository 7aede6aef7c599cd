// Small text operations Refuge used to take from full Foundation (NSString), written on the
// standard library so that the program links only FoundationEssentials (no ICU and its data:
// see README, Benchmarks). Names differ from Foundation's on purpose: tests that import
// Foundation see both without ambiguity.

extension Unicode.Scalar {
    /// Foundation's `.whitespaces`: spaces (general category Zs) and the tab.
    public var isSpaceOrTab: Bool {
        value == 0x09 || properties.generalCategory == .spaceSeparator
    }

    /// Foundation's `.whitespacesAndNewlines`: the above, line and paragraph separators, and
    /// U+000A–U+000D and U+0085.
    public var isSpaceOrNewline: Bool {
        if isSpaceOrTab || (0x0A...0x0D).contains(value) || value == 0x85 { return true }
        let category = properties.generalCategory
        return category == .lineSeparator || category == .paragraphSeparator
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end (Foundation's `trimmingCharacters(in: .whitespaces)`).
    public var trimmingSpaces: String { trimming(where: \.isSpaceOrTab) }

    /// Without white space or line breaks at either end (`.whitespacesAndNewlines`).
    public var trimmingSpacesAndNewlines: String { trimming(where: \.isSpaceOrNewline) }

    /// Without the scalars that `drop` picks at either end.
    public func trimming(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }

    /// Whether `other` occurs in the text, compared by lowercase (Foundation's
    /// `range(of:options: .caseInsensitive) != nil`).
    public func containsIgnoringCase(_ other: some StringProtocol) -> Bool {
        TextSearch.contains(Array(lowercased().utf8), Array(other.lowercased().utf8))
    }

    /// Every occurrence of `target` replaced by `replacement`, compared scalar by scalar as
    /// Foundation's `replacingOccurrences(of:with:)` does.
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let text = String(self)
        guard !target.isEmpty else { return text }
        let t = Array(target.unicodeScalars)
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var changed = false
        while i < scalars.count {
            if scalars[i] == t[0], i + t.count <= scalars.count, Array(scalars[i..<(i + t.count)]) == t {
                out.append(contentsOf: replacement.unicodeScalars)
                i += t.count
                changed = true
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return changed ? String(out) : text
    }

    /// The text split at every `separator`, keeping empty pieces (`components(separatedBy:)`).
    public func piecesSeparated(by separator: String) -> [String] {
        String(self).split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    /// Unicode canonical composition (NFC), as `precomposedStringWithCanonicalMapping`.
    public var composedCanonically: String {
        String(decoding: String(self)._nfcCodeUnits, as: UTF8.self)
    }
}

/// Numbers as text without `String(format:)`.
public enum NumberText {
    /// `value` rounded to `decimals` places, as `String(format: "%.Nf")` writes it.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (abs(value) * scale).rounded(.toNearestOrEven)
        guard rounded < 9.0e15 else { return "\(value)" }
        let whole = Int64(rounded)
        let negative = value < 0 && whole != 0
        var digits = String(whole)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (negative ? "-" : "") + digits
    }

    /// `value` with at least `width` digits, zeros in front (`%0Nd`).
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
        return value < 0 ? "-" + padded : padded
    }
}

extension StringProtocol where Index == String.Index {
    /// The first place `needle` occurs, comparing each character by its lowercase (what
    /// `range(of:options: .caseInsensitive)` was used for), or by itself when `ignoringCase` is false.
    public func firstRange(of needle: some StringProtocol, ignoringCase: Bool) -> Range<Index>? {
        guard ignoringCase else { return self[...].firstRange(of: String(needle)) }
        let wanted = needle.map { String($0).lowercased() }
        guard !wanted.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            var i = start
            var k = 0
            while k < wanted.count, i < endIndex, String(self[i]).lowercased() == wanted[k] {
                i = index(after: i)
                k += 1
            }
            if k == wanted.count { return start..<i }
            start = index(after: start)
        }
        return nil
    }
}

/// Byte-level search in UTF-8 (of texts already lowercased by the caller): fast where a
/// check runs over every text of a questionnaire.
public enum TextSearch {
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
