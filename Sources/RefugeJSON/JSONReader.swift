/// Reads JSON straight from bytes, value by value, without building a tree: the small reader
/// that the session file's own decoder (RefugeSession's `SessionReader`) is written on. A
/// caller walks the document as it knows it should be (`members()` of an object, `elements()`
/// of an array, `string()`, `integer()`, `number()`, `bool()`), skipping what it does not know
/// with `skip()`, which still checks the skipped value's grammar.
///
/// It is strict on purpose: RFC 8259 JSON in UTF-8 (no byte order mark, no comments, no JSON5),
/// strings that are valid UTF-8 with escapes that make whole scalars, and nesting at most
/// `maximumDepth` deep. Anything else throws `JSONReader.Refused`, which says only "not read
/// here": a caller with a general reader behind it (the session store keeps `JSONDecoder`) hands
/// such bytes to that one, which then decides what they are.
public struct JSONReader {
    /// The bytes are not JSON this reader reads, or not of the form the caller asked for.
    public struct Refused: Error, Sendable, Equatable {
        /// Where in the bytes reading stopped (-1: not known).
        public let offset: Int
        public init(offset: Int) { self.offset = offset }
    }

    /// Objects and arrays nested deeper than this are refused, so that a hostile file cannot
    /// exhaust the stack; well below the 512 of the system's JSON parsers, so that what is
    /// refused here for depth alone is still decided by a general reader behind (a session
    /// file is at most about ten levels deep).
    public static let maximumDepth = 100

    private let b: [UInt8]
    private var i = 0
    private var depth = 0
    /// How many times the reader has passed white space, or an escape `JSONWriter` (compact,
    /// escaping only what JSON requires) would not have written: bytes read between two
    /// unchanged counts are laid out exactly as that writer lays out what they hold.
    public private(set) var otherLayouts = 0

    public init(_ bytes: [UInt8]) {
        b = bytes
    }

    /// Where the reader is (an offset into the bytes).
    public var offset: Int { i }

    private func refused() -> Refused { Refused(offset: i) }

    private mutating func skipSpace() {
        let from = i
        defer { if i != from { otherLayouts += 1 } }
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    /// The next byte that is not white space, without taking it.
    @inline(__always)
    private mutating func peek() throws(Refused) -> UInt8 {
        // The usual case first: no white space (the session writer writes none).
        if i < b.count {
            let c = b[i]
            if c > 0x20 { return c }
        }
        skipSpace()
        guard i < b.count else { throw refused() }
        return b[i]
    }

    /// What kind of value comes next.
    public enum Kind: Sendable, Equatable { case object, array, string, number, bool, null }

    public mutating func nextKind() throws(Refused) -> Kind {
        switch try peek() {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw refused()
        }
    }

    /// Nothing but white space is left: the document was one value.
    public mutating func end() throws(Refused) {
        skipSpace()
        guard i == b.count, depth == 0 else { throw refused() }
    }

    // MARK: Objects and arrays

    /// The members of an object: `while let key = try members.next(&reader) { read its value }`.
    /// Every member's value must be read (or skipped) before the next key is asked for.
    public struct Members {
        fileprivate var first = true
        public mutating func next(_ r: inout JSONReader) throws(Refused) -> String? {
            guard try advance(&r) else { return nil }
            guard try r.peek() == UInt8(ascii: "\"") else { throw r.refused() }
            let key = try r.string()
            try r.colon()
            return key
        }

        /// As `next`, the key given as its index in `names` (`names.count`: another name).
        public mutating func next(_ r: inout JSONReader, among names: MemberNames) throws(Refused) -> Int? {
            guard try advance(&r) else { return nil }
            let key = try r.key(among: names)
            try r.colon()
            return key
        }

        /// Past the `,` before the next member; false (past the `}`) at the object's end.
        private mutating func advance(_ r: inout JSONReader) throws(Refused) -> Bool {
            let c = try r.peek()
            if c == UInt8(ascii: "}") { r.i += 1; r.depth -= 1; return false }
            if first {
                first = false
            } else {
                guard c == UInt8(ascii: ",") else { throw r.refused() }
                r.i += 1
            }
            return true
        }
    }

    /// The member names a caller knows, so that `Members.next(_:among:)` can say which one comes
    /// without making a `String` of each key (making and comparing them was a fifth of reading a
    /// session's answers).
    public struct MemberNames: Sendable {
        /// The names' bytes one after another, and where each one ends in them.
        fileprivate let bytes: [UInt8]
        fileprivate let ends: [Int]
        fileprivate let strings: [String]
        /// Names of ASCII letters, digits and `_` only: no other text is the same name to
        /// `String`'s comparison, so comparing bytes decides as comparing strings would.
        public init(_ names: [String]) {
            precondition(names.allSatisfy { $0.utf8.allSatisfy { c in c == UInt8(ascii: "_") || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) } })
            self.bytes = names.flatMap { Array($0.utf8) }
            var end = 0
            self.ends = names.map { end += $0.utf8.count; return end }
            self.strings = names
        }
        public var count: Int { ends.count }
    }

    /// A key: its index in `names`, or `names.count` for another name; checked as `string()`
    /// checks it.
    fileprivate mutating func key(among names: MemberNames) throws(Refused) -> Int {
        guard try peek() == UInt8(ascii: "\"") else { throw refused() }
        let start = i + 1
        let plain: (end: Int, index: Int)? = b.withUnsafeBufferPointer { p in
            var k = start
            while k < p.count {
                let c = p[k]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
                k += 1
            }
            // Escapes, text beyond ASCII, or a refusal: `string()` decides.
            guard k < p.count, p[k] == UInt8(ascii: "\"") else { return nil }
            let length = k - start
            let index = names.bytes.withUnsafeBufferPointer { known in
                var from = 0
                for (n, end) in names.ends.enumerated() {
                    defer { from = end }
                    guard end - from == length else { continue }
                    var j = 0
                    while j < length, known[from + j] == p[start + j] { j += 1 }
                    if j == length { return n }
                }
                return names.count
            }
            return (k, index)
        }
        if let plain {
            i = plain.end + 1
            return plain.index
        }
        let text = try string()
        return names.strings.firstIndex(of: text) ?? names.count
    }

    private mutating func colon() throws(Refused) {
        guard try peek() == UInt8(ascii: ":") else { throw refused() }
        i += 1
    }

    /// Starts reading an object (its `{`); refused when the next value is not one.
    public mutating func members() throws(Refused) -> Members {
        guard try peek() == UInt8(ascii: "{") else { throw refused() }
        try enter()
        return Members()
    }

    /// The elements of an array: `while try elements.next(&reader) { read one value }`.
    public struct Elements {
        fileprivate var first = true
        public mutating func next(_ r: inout JSONReader) throws(Refused) -> Bool {
            let c = try r.peek()
            if c == UInt8(ascii: "]") {
                r.i += 1; r.depth -= 1
                return false
            }
            if first {
                first = false
            } else {
                guard c == UInt8(ascii: ",") else { throw r.refused() }
                r.i += 1
            }
            return true
        }
    }

    /// Starts reading an array (its `[`); refused when the next value is not one.
    public mutating func elements() throws(Refused) -> Elements {
        guard try peek() == UInt8(ascii: "[") else { throw refused() }
        try enter()
        return Elements()
    }

    private mutating func enter() throws(Refused) {
        guard depth < Self.maximumDepth else { throw refused() }
        depth += 1
        i += 1
    }

    // MARK: Scalars

    public mutating func bool() throws(Refused) -> Bool {
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw refused()
    }

    /// Takes a `null` when one comes next (true), else leaves the reader where it was (false).
    public mutating func null() throws(Refused) -> Bool {
        try literal("null")
    }

    private mutating func literal(_ word: StaticString) throws(Refused) -> Bool {
        _ = try peek()
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let w = word.utf8Start
        for k in 0..<n where b[i + k] != w[k] { return false }
        i += n
        return true
    }

    /// A JSON number's text exactly as it is written (`-12.50e3`), checked against JSON's grammar.
    public mutating func number() throws(Refused) -> String {
        let start = try numberEnd()
        return String(decoding: b[start.start..<start.end], as: UTF8.self)
    }

    /// A number written as a plain integer (`-?(0|[1-9][0-9]*)`, no fraction or exponent) that
    /// fits in 18 digits; any other number is refused.
    public mutating func integer() throws(Refused) -> Int {
        let saved = i
        let range = try numberEnd()
        var k = range.start
        let negative = b[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        let digits = range.end - k
        guard digits >= 1, digits <= 18 else { i = saved; throw refused() }
        var value = 0
        while k < range.end {
            let d = b[k]
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { i = saved; throw refused() }
            value = value * 10 + Int(d - UInt8(ascii: "0"))
            k += 1
        }
        return negative ? -value : value
    }

    /// Checks one number's grammar and moves past it; its range in the bytes.
    private mutating func numberEnd() throws(Refused) -> (start: Int, end: Int) {
        _ = try peek()
        let start = i
        func digit(_ k: Int) -> Bool { k < b.count && b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9") }
        var k = i
        if k < b.count, b[k] == UInt8(ascii: "-") { k += 1 }
        guard digit(k) else { throw refused() }
        if b[k] == UInt8(ascii: "0") {
            k += 1
        } else {
            while digit(k) { k += 1 }
        }
        if k < b.count, b[k] == UInt8(ascii: ".") {
            k += 1
            guard digit(k) else { throw refused() }
            while digit(k) { k += 1 }
        }
        if k < b.count, b[k] == UInt8(ascii: "e") || b[k] == UInt8(ascii: "E") {
            k += 1
            if k < b.count, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-") { k += 1 }
            guard digit(k) else { throw refused() }
            while digit(k) { k += 1 }
        }
        i = k
        return (start, k)
    }

    /// A string, its escapes resolved; refused when it holds a raw control character, an escape
    /// JSON does not have, half of a surrogate pair, or bytes that are not UTF-8.
    public mutating func string() throws(Refused) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw refused() }
        let start = i + 1
        // The usual case: no escape at all, so the text is the bytes between the quotes; when
        // they are all ASCII they are valid UTF-8 as they are, and are not checked again.
        let (end, allASCII) = b.withUnsafeBufferPointer { p in
            var k = start
            var ascii: UInt8 = 0
            JSONStringScan.skipText(p, &k, &ascii)
            return (k, ascii < 0x80)
        }
        let k = end
        if k < b.count, b[k] == UInt8(ascii: "\"") {
            let text = b.withUnsafeBufferPointer { p -> String? in
                let bytes = UnsafeBufferPointer(rebasing: p[start..<k])
                return allASCII ? String(decoding: bytes, as: UTF8.self) : Self.text(bytes)
            }
            guard let text else { throw refused() }
            i = k + 1
            return text
        }
        // Escapes (or a refusal): checked in one pass, then the text made in another, runs
        // between escapes copied whole (byte by byte into an array, then checked again as
        // UTF-8, was a sixth of reading a session's answers).
        var writerEscapes = true
        let stop = b.withUnsafeBufferPointer { Self.stringEnd($0, from: start, writerEscapes: &writerEscapes) }
        if !writerEscapes { otherLayouts += 1 }
        guard stop >= 0 else { i = -stop - 1; throw refused() }
        let text = b.withUnsafeBufferPointer { Self.resolved(UnsafeBufferPointer(rebasing: $0[start..<(stop - 1)])) }
        i = stop
        return text
    }

    /// The text of a string's inside that `stringEnd` accepted (escapes whole, runs of UTF-8),
    /// its escapes resolved. Never longer than the inside: every escape is at least as long
    /// as what it stands for.
    private static func resolved(_ p: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: p.count) { out in
            var n = 0
            var k = 0
            func put(_ byte: UInt8) { out[n] = byte; n += 1 }
            while k < p.count {
                var run = k
                while run < p.count, p[run] != UInt8(ascii: "\\") { run += 1 }
                if run > k {
                    _ = UnsafeMutableBufferPointer(rebasing: out[n..<(n + run - k)]).initialize(from: UnsafeBufferPointer(rebasing: p[k..<run]))
                    n += run - k
                }
                k = run
                guard k < p.count else { break }
                let e = p[k + 1]
                k += 2
                switch e {
                case UInt8(ascii: "b"): put(0x08)
                case UInt8(ascii: "f"): put(0x0C)
                case UInt8(ascii: "n"): put(0x0A)
                case UInt8(ascii: "r"): put(0x0D)
                case UInt8(ascii: "t"): put(0x09)
                case UInt8(ascii: "u"):
                    let unit = hex4(p, at: k)!
                    k += 4
                    var value = UInt32(unit)
                    if (0xD800...0xDBFF).contains(unit) {
                        value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(hex4(p, at: k + 2)!) - 0xDC00)
                        k += 6
                    }
                    for byte in UTF8.encode(Unicode.Scalar(value)!)! { put(byte) }
                default: put(e)   // `"`, `\\`, `/`
                }
            }
            return n
        }
    }

    /// Moves past a string, checking it exactly as `string()` does, without making a `String` of
    /// it: checking a session's history when it is opened reads every one of its strings and
    /// needs none of them (building the ones with escapes, byte by byte, was a third of that).
    public mutating func skipString() throws(Refused) {
        guard try peek() == UInt8(ascii: "\"") else { throw refused() }
        let start = i + 1
        var writerEscapes = true
        let end = b.withUnsafeBufferPointer { Self.stringEnd($0, from: start, writerEscapes: &writerEscapes) }
        if !writerEscapes { otherLayouts += 1 }
        guard end >= 0 else { i = -end - 1; throw refused() }
        i = end
    }

    /// Where a string whose text starts at `start` ends (past its closing quote), checked as
    /// `string()` checks it: escapes that make whole scalars, no raw control character, and
    /// runs of UTF-8 between the escapes (an escape always makes whole scalars, so the text is
    /// UTF-8 exactly when each run is). On a refusal, `-(where it stopped) - 1`. `writerEscapes`
    /// is cleared when an escape is not the one `JSONStringEscaping` writes (`\/`, `\u0041`,
    /// `\u000a` for `\n`, upper-case hex digits...).
    private static func stringEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int, writerEscapes: inout Bool) -> Int {
        var k = start
        var run = start
        var ascii: UInt8 = 0
        func runIsText(_ end: Int) -> Bool { ascii < 0x80 || isValidUTF8(UnsafeBufferPointer(rebasing: p[run..<end])) }
        while k < p.count {
            JSONStringScan.skipText(p, &k, &ascii)
            guard k < p.count else { break }
            let c = p[k]
            if c == UInt8(ascii: "\"") { return runIsText(k) ? k + 1 : -start }
            if c < 0x20 { return -k - 1 }
            // An escape.
            guard runIsText(k) else { return -start }
            k += 1
            guard k < p.count else { return -k - 1 }
            let e = p[k]
            k += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                break
            case UInt8(ascii: "/"):
                writerEscapes = false
            case UInt8(ascii: "u"):
                guard let unit = hex4(p, at: k) else { return -k - 1 }
                // The writer's `\u` escapes: control characters without a short form, in
                // lower-case hex.
                if unit >= 0x20 || [0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(unit)
                    || !(0..<4).allSatisfy({ !(UInt8(ascii: "A")...UInt8(ascii: "F")).contains(p[k + $0]) }) {
                    writerEscapes = false
                }
                k += 4
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate must be followed by an escaped low one.
                    guard k + 6 <= p.count, p[k] == UInt8(ascii: "\\"), p[k + 1] == UInt8(ascii: "u"),
                          let low = hex4(p, at: k + 2), (0xDC00...0xDFFF).contains(low) else { return -k - 1 }
                    k += 6
                } else if (0xDC00...0xDFFF).contains(unit) {
                    return -k - 1
                }
            default:
                return -k - 1
            }
            run = k
            ascii = 0
        }
        return -k - 1
    }

    /// Whether a string's UTF-8 bytes (its escapes resolved, checked exactly as `string()`
    /// checks it) satisfy `test`; without making a `String` when it holds no escape.
    public mutating func string(satisfies test: (UnsafeBufferPointer<UInt8>) -> Bool) throws(Refused) -> Bool {
        guard try peek() == UInt8(ascii: "\"") else { throw refused() }
        let start = i + 1
        // Where the string ends when it holds no escape and no control character, and whether
        // its bytes are UTF-8; nil when `string()` is to decide.
        let plain: (end: Int, valid: Bool)? = b.withUnsafeBufferPointer { p in
            var k = start
            var ascii: UInt8 = 0
            JSONStringScan.skipText(p, &k, &ascii)
            guard k < p.count, p[k] == UInt8(ascii: "\"") else { return nil }
            return (k, ascii < 0x80 || Self.isValidUTF8(UnsafeBufferPointer(rebasing: p[start..<k])))
        }
        guard let plain else {
            var text = try string()
            return text.withUTF8 { test($0) }
        }
        guard plain.valid else { throw refused() }
        let result = b.withUnsafeBufferPointer { test(UnsafeBufferPointer(rebasing: $0[start..<plain.end])) }
        i = plain.end + 1
        return result
    }

    /// Some of the bytes read, as they are (for keeping a value's JSON to be read later).
    public func bytes(_ range: Range<Int>) -> [UInt8] {
        Array(b[range])
    }

    /// Takes a `,` when one comes next (true), else leaves the reader where it was (false):
    /// for reading values that stand in a list without their array's brackets.
    public mutating func comma() -> Bool {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: ",") else { return false }
        i += 1
        return true
    }

    /// The text of bytes that are valid UTF-8, else nil. Checked here and then made a `String`
    /// with `String(decoding:as:)`, which (given valid UTF-8) repairs nothing: the generic
    /// `String(validating:as:)` looked its types up at run time on every call, a quarter of
    /// reading a session.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard isValidUTF8(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Well-formed UTF-8 (Unicode's table 3-7): no overlong forms, no surrogates, nothing past U+10FFFF.
    static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = p.count
        func continuation(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
        while i < n {
            let c = p[i]
            if c < 0x80 { i += 1; continue }
            switch c {
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard continuation(i + 1), continuation(i + 2) else { return false }
                let c1 = p[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return false }   // overlong
                if c == 0xED && c1 >= 0xA0 { return false }  // a surrogate
                i += 3
            case 0xF0...0xF4:
                guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                let c1 = p[i + 1]
                if c == 0xF0 && c1 < 0x90 { return false }   // overlong
                if c == 0xF4 && c1 >= 0x90 { return false }  // past U+10FFFF
                i += 4
            default:
                return false
            }
        }
        return true
    }

    private func hex4(at k: Int) -> UInt16? {
        b.withUnsafeBufferPointer { Self.hex4($0, at: k) }
    }

    private static func hex4(_ p: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt16? {
        guard k + 4 <= p.count else { return nil }
        var value: UInt16 = 0
        for j in k..<(k + 4) {
            let c = p[j]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    // MARK: Looking ahead

    /// How many elements the array that comes next seems to hold, found by a quick pass over its
    /// brackets and strings that checks nothing else; 0 when no array comes next. A hint for
    /// reserving room (an array grown by doubling copies its elements about twice), never a
    /// reading: the elements are read, and checked, as they come. At most the array's length in
    /// bytes over `minimumElementBytes`, so a hostile file cannot ask for more room than its
    /// own size allows.
    public func elementCountHint(minimumElementBytes: Int) -> Int {
        var k = i
        while k < b.count, b[k] == 0x20 || b[k] == 0x0A || b[k] == 0x0D || b[k] == 0x09 { k += 1 }
        guard k < b.count, b[k] == UInt8(ascii: "[") else { return 0 }
        let start = k
        k += 1
        var depth = 0
        var separators = 0
        var empty = true
        while k < b.count {
            switch b[k] {
            case UInt8(ascii: "\""):
                k += 1
                while k < b.count, b[k] != UInt8(ascii: "\"") {
                    if b[k] == UInt8(ascii: "\\") { k += 1 }
                    k += 1
                }
                empty = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                empty = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    let count = empty ? 0 : separators + 1
                    return min(count, (k + 1 - start) / max(minimumElementBytes, 1))
                }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { separators += 1 }
            case 0x20, 0x0A, 0x0D, 0x09:
                break
            default:
                empty = false
            }
            k += 1
        }
        return 0
    }

    // MARK: Skipping

    /// Moves past one value of any kind, checking its grammar (strings included) all the way down.
    public mutating func skip() throws(Refused) {
        switch try nextKind() {
        case .object:
            var m = try members()
            while try m.next(&self) != nil { try skip() }
        case .array:
            var e = try elements()
            while try e.next(&self) { try skip() }
        case .string: try skipString()
        case .number: _ = try numberEnd()
        case .bool: _ = try bool()
        case .null: guard try null() else { throw refused() }
        }
    }
}
