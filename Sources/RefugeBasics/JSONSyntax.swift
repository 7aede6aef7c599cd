/// Checks that bytes are one JSON value (RFC 8259, as JSONSerialization read it with
/// `.fragmentsAllowed`), and says what kind of value it is, without building it. Used where
/// Refuge only needs to know that a header or body it writes or reads is well-formed JSON.
public enum JSONSyntax {
    public enum Kind: Sendable, Equatable { case object, array, string, number, bool, null }

    /// Nesting deeper than this is refused (JSONSerialization refused past 512 too).
    public static let maximumDepth = 512

    /// The kind of the one JSON value in `bytes` (white space around it allowed), or nil when
    /// the bytes are not exactly one JSON value.
    public static func kind<Bytes: Collection>(of bytes: Bytes) -> Kind? where Bytes.Element == UInt8 {
        let b = Array(bytes)
        var reader = Reader(b: b)
        reader.skipSpace()
        guard let kind = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.i == b.count ? kind : nil
    }

    private struct Reader {
        let b: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            let n = w.count
            guard i + n <= b.count else { return false }
            for k in 0..<n where b[i + k] != w[k] { return false }
            i += n
            return true
        }

        mutating func value(depth: Int) -> Kind? {
            guard i < b.count, depth < JSONSyntax.maximumDepth else { return nil }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1; skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object }
                while true {
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: "\""), string() else { return nil }
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
                    i += 1; skipSpace()
                    guard value(depth: depth + 1) != nil else { return nil }
                    skipSpace()
                    guard i < b.count else { return nil }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .object }
                    return nil
                }
            case UInt8(ascii: "["):
                i += 1; skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array }
                while true {
                    skipSpace()
                    guard value(depth: depth + 1) != nil else { return nil }
                    skipSpace()
                    guard i < b.count else { return nil }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .array }
                    return nil
                }
            case UInt8(ascii: "\""): return string() ? .string : nil
            case UInt8(ascii: "t"): return literal("true") ? .bool : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number() ? .number : nil
            }
        }

        /// A string from its opening quote; its bytes must be valid UTF-8 without raw control characters.
        mutating func string() -> Bool {
            i += 1
            let start = i
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    let ok = String(validating: b[start..<i], as: UTF8.self) != nil
                    i += 1
                    return ok
                }
                if c < 0x20 { return false }
                if c == UInt8(ascii: "\\") {
                    i += 1
                    guard i < b.count else { return false }
                    switch b[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 1
                    case UInt8(ascii: "u"):
                        guard i + 4 < b.count else { return false }
                        for k in 1...4 where !isHex(b[i + k]) { return false }
                        i += 5
                    default: return false
                    }
                    continue
                }
                i += 1
            }
            return false
        }

        func isHex(_ c: UInt8) -> Bool {
            (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
        }

        func isDigit(_ k: Int) -> Bool { k < b.count && (0x30...0x39).contains(b[k]) }

        mutating func number() -> Bool {
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return false }
            if b[i] == UInt8(ascii: "0") { i += 1 } else { while isDigit(i) { i += 1 } }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                guard isDigit(i) else { return false }
                while isDigit(i) { i += 1 }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard isDigit(i) else { return false }
                while isDigit(i) { i += 1 }
            }
            return true
        }
    }
}
