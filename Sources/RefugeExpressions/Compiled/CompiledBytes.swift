// The byte form of a compiled questionnaire (its cache entry, see RefugeSession's
// QuestionnaireCache): written and read by hand, because a generic Codable round trip costs more
// than the YAML it replaces. Numbers are LEB128 varints, texts their UTF-8 bytes after their
// length. The reader never trusts what it reads: every length and tag is checked, and anything
// out of place throws, so a damaged entry is reloaded from the source instead of crashing.

/// Why compiled bytes could not be read (the caller only needs to know that they could not).
public struct CompiledFormError: Error, Sendable, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Appends values to a byte array.
public struct CompiledWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

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

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
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
/// (a file's `Data`, an array), so it lives only inside their `withUnsafeBytes`.
public struct CompiledReader {
    private let bytes: UnsafeRawBufferPointer
    public private(set) var offset: Int
    private let end: Int

    public init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = Swift.min(end ?? bytes.count, bytes.count)
    }

    public var isAtEnd: Bool { offset >= end }

    public mutating func byte() throws(CompiledFormError) -> UInt8 {
        guard offset < end else { throw CompiledFormError("cut short") }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func bool() throws(CompiledFormError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw CompiledFormError("not a truth value")
        }
    }

    private mutating func varint() throws(CompiledFormError) -> UInt64 {
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
    public mutating func count() throws(CompiledFormError) -> Int {
        let value = try varint()
        guard value <= UInt64(end - offset) else { throw CompiledFormError("count past the end") }
        return Int(value)
    }

    public mutating func int() throws(CompiledFormError) -> Int {
        let zigzag = try varint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    public mutating func string() throws(CompiledFormError) -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
    }

    public mutating func optional<T>(_ read: (inout CompiledReader) throws(CompiledFormError) -> T) throws(CompiledFormError) -> T? {
        guard try bool() else { return nil }
        return try read(&self)
    }

    public mutating func optionalString() throws(CompiledFormError) -> String? {
        guard try bool() else { return nil }
        return try string()
    }

    public mutating func optionalInt() throws(CompiledFormError) -> Int? {
        guard try bool() else { return nil }
        return try int()
    }

    public mutating func array<T>(_ read: (inout CompiledReader) throws(CompiledFormError) -> T) throws(CompiledFormError) -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try read(&self)) }
        return values
    }

    public mutating func stringSet() throws(CompiledFormError) -> Set<String> {
        let n = try count()
        var values = Set<String>(minimumCapacity: n)
        for _ in 0..<n { values.insert(try string()) }
        return values
    }

    /// A value named by its raw text (the model's enums), refused when unknown.
    public mutating func named<T: RawRepresentable>(_ type: T.Type) throws(CompiledFormError) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw CompiledFormError("unknown \(T.self)") }
        return value
    }
}
