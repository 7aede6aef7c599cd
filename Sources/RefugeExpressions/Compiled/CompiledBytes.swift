// The byte form of a compiled questionnaire (its cache entry, see RefugeSession's
// QuestionnaireCache): written and read by hand, because a generic Codable round trip costs more
// than the YAML it replaces. Numbers are LEB128 varints. A text is written once, as its UTF-8
// bytes after its length and whether it is ASCII; written again (an id named by many rules,
// items and headings), it is its number among the texts before it, and the reader hands out the
// same string again instead of making another. The reader never trusts what it reads: every
// length, number and tag is checked, and anything out of place throws, so a damaged entry is
// reloaded from the source instead of crashing.
//
// The reader's methods are inlinable so that the model's reader (another module) gets them
// specialized for its types: called generically, each array, optional and enum it read asked
// the runtime for type metadata, a tenth of reading a credible-fear entry in a fresh process.

/// Why compiled bytes could not be read (the caller only needs to know that they could not).
public struct CompiledFormError: Error, Sendable, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Appends values to a byte array.
public struct CompiledWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Every text written so far, by its UTF-8 bytes (not by String's equality, which takes
    /// "é" and "e" with a combining accent for the same text), with its number.
    private var texts: [[UInt8]: Int] = [:]

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// A non-negative integer as a varint (seven bits a byte, low bits first).
    public mutating func count(_ value: Int) {
        precondition(value >= 0, "counts are never negative")
        var rest = UInt64(value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Any integer, zigzag-encoded so that small negative numbers stay short.
    public mutating func int(_ value: Int) {
        let zigzag = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        var rest = zigzag
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A text met before as `number << 1 | 1`; a new one as `length << 2 | ascii << 1`, then
    /// its bytes (the reader makes ASCII strings without looking at their bytes again).
    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            let key = Array(utf8)
            if let number = texts[key] { return count(number << 1 | 1) }
            texts[key] = texts.count
            let ascii = utf8.allSatisfy { $0 < 0x80 }
            count(utf8.count << 2 | (ascii ? 2 : 0))
            bytes.append(contentsOf: utf8)
        }
    }

    /// nil as 0, a value as 1 followed by it.
    public mutating func optional<T>(_ value: T?, _ write: (inout CompiledWriter, T) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }

    public mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }

    public mutating func optionalInt(_ value: Int?) { optional(value) { $0.int($1) } }

    public mutating func array<T>(_ values: [T], _ write: (inout CompiledWriter, T) -> Void) {
        count(values.count)
        for value in values { write(&self, value) }
    }

    /// A set's members in sorted order, so that equal sets give equal bytes.
    public mutating func stringSet(_ values: Set<String>) { array(values.sorted()) { $0.string($1) } }

    public mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// A checksum's bytes, at the end.
    public mutating func append<Digest: Sequence<UInt8>>(digest: Digest) { bytes.append(contentsOf: digest) }
}

/// Reads what `CompiledWriter` wrote, checking every step. It reads the bytes where they are
/// (a file's bytes, an array), so it lives only inside their `withUnsafeBytes`.
public struct CompiledReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var position: Int
    @usableFromInline let end: Int
    /// Set only for bytes whose checksum showed them to be as this program wrote them from its
    /// own strings (valid UTF-8): their texts are then copied without validating them again.
    /// Texts of any other bytes are validated, a bad sequence repaired, as `String(decoding:)`
    /// does.
    public var validUTF8: Bool
    /// The texts read so far, by number.
    @usableFromInline var texts: [String] = []

    public init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil, validUTF8: Bool = false) {
        self.bytes = bytes
        self.position = start
        self.end = Swift.min(end ?? bytes.count, bytes.count)
        self.validUTF8 = validUTF8
    }

    public var isAtEnd: Bool { position >= end }

    /// How many bytes are left to read.
    public var remaining: Int { Swift.max(0, end - position) }

    /// Makes room for about `count` texts before they are read: the table grown by doubling
    /// copied itself a dozen times, and for a large questionnaire (tens of thousands of texts,
    /// larger than the processor's L2 cache) each copy missed it.
    public mutating func reserveTexts(_ count: Int) {
        texts.reserveCapacity(Swift.max(0, Swift.min(count, remaining)))
    }

    @inlinable public mutating func byte() throws(CompiledFormError) -> UInt8 {
        guard position < end else { throw CompiledFormError("cut short") }
        defer { position += 1 }
        return bytes[position]
    }

    @inlinable public mutating func bool() throws(CompiledFormError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw CompiledFormError("not a truth value")
        }
    }

    @inlinable mutating func varint() throws(CompiledFormError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw CompiledFormError("number too long") }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A count, at most the bytes that are left (every counted thing takes at least one byte),
    /// so that a damaged count cannot ask for a huge allocation.
    @inlinable public mutating func count() throws(CompiledFormError) -> Int {
        let value = try varint()
        guard value <= UInt64(end - position) else { throw CompiledFormError("count past the end") }
        return Int(value)
    }

    @inlinable public mutating func int() throws(CompiledFormError) -> Int {
        let zigzag = try varint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    @inlinable public mutating func string() throws(CompiledFormError) -> String {
        // The number first, then the table: `texts[try stringNumber()]` may read the table
        // before the call adds to it, and an append to a table something else still holds
        // copies the whole table (see `named(_:)`).
        let number = try stringNumber()
        return texts[number]
    }

    /// A text's number among the texts read so far (a new text gets the next one).
    @inlinable public mutating func stringNumber() throws(CompiledFormError) -> Int {
        let tag = try varint()
        if tag & 1 == 1 {
            guard tag >> 1 < UInt64(texts.count) else { throw CompiledFormError("unknown text") }
            return Int(tag >> 1)
        }
        guard tag >> 2 <= UInt64(end - position) else { throw CompiledFormError("text past the end") }
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(tag >> 2))])
        position += utf8.count
        texts.append(validUTF8
            ? String(copying: UTF8Span(unchecked: utf8.assumingMemoryBound(to: UInt8.self).span, isKnownASCII: tag & 2 != 0))
            : String(decoding: utf8, as: UTF8.self))
        return texts.count - 1
    }

    @inlinable public mutating func optional<T>(_ read: (inout CompiledReader) throws(CompiledFormError) -> T) throws(CompiledFormError) -> T? {
        guard try bool() else { return nil }
        return try read(&self)
    }

    @inlinable public mutating func optionalString() throws(CompiledFormError) -> String? {
        guard try bool() else { return nil }
        return try string()
    }

    @inlinable public mutating func optionalInt() throws(CompiledFormError) -> Int? {
        guard try bool() else { return nil }
        return try int()
    }

    @inlinable public mutating func array<T>(_ read: (inout CompiledReader) throws(CompiledFormError) -> T) throws(CompiledFormError) -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try read(&self)) }
        return values
    }

    @inlinable public mutating func strings() throws(CompiledFormError) -> [String] {
        let n = try count()
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }

    @inlinable public mutating func stringSet() throws(CompiledFormError) -> Set<String> {
        let n = try count()
        var values = Set<String>(minimumCapacity: n)
        for _ in 0..<n { values.insert(try string()) }
        return values
    }

    /// A value named by its raw text (the model's enums), refused when unknown.
    @inlinable public mutating func named<T: RawRepresentable>(_ type: T.Type) throws(CompiledFormError) -> T where T.RawValue == String {
        // Not `named(texts[stringNumber()])`: that holds the table while `stringNumber` appends
        // a new name to it, so the append copied the whole table (every text retained and the
        // old table released), once for each new name. Credible-fear's checks and legal rules
        // did that eight times per load, each copy 181 KB (malloc probes under perf, issue 19).
        let number = try stringNumber()
        return try named(texts[number])
    }

    /// The same, each text made into its value once, in `known` (by the text's number): for the
    /// names every item repeats, where making the value compares the text with each case's name
    /// in turn (perf: about a twentieth of reading credible-fear's compiled entry).
    @inlinable public mutating func named<T: RawRepresentable>(_ type: T.Type, known: inout [T?]) throws(CompiledFormError) -> T
        where T.RawValue == String {
        let number = try stringNumber()
        if number < known.count, let value = known[number] { return value }
        let value: T = try named(texts[number])
        if known.count <= number { known.append(contentsOf: repeatElement(nil, count: number + 1 - known.count)) }
        known[number] = value
        return value
    }

    @inlinable func named<T: RawRepresentable>(_ text: String) throws(CompiledFormError) -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw CompiledFormError("unknown \(T.self)") }
        return value
    }
}
