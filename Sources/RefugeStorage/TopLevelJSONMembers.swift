#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeJSON

/// Finds the exact bytes of each member of a top-level JSON object, without rebuilding them.
///
/// The header of a protected file is authenticated byte for byte (it is the cipher's additional
/// data), and the checksum of an unprotected file covers the exact bytes of its header and body. A
/// JSON parser that rebuilds objects could change key order, spacing or number spelling, so the
/// reader takes each member's bytes exactly as they lie in the file instead.
///
/// This scanner only finds boundaries: it understands strings (with escapes) and nesting, and
/// rejects anything cut short. The values it returns are checked afterwards (by checksum or
/// cipher, and by a JSON parser where their content matters).
struct TopLevelJSONMembers {
    enum ScanError: Error, Equatable {
        case truncated
        case unexpected(String)
    }

    /// Member name to the range of its value's bytes.
    let ranges: [String: Range<Int>]

    init(_ bytes: [UInt8]) throws(ScanError) {
        ranges = try bytes.withUnsafeBufferPointer { Self.scan($0) }.get()
    }

    /// The members of `data` (ranges are offsets from its first byte), scanned where it lies:
    /// a session file is not copied to be scanned.
    init(_ data: Data) throws(ScanError) {
        ranges = try data.withUnsafeBytes { Self.scan($0.assumingMemoryBound(to: UInt8.self)) }.get()
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[String: Range<Int>], ScanError> {
        do throws(ScanError) {
            return .success(try members(bytes))
        } catch {
            return .failure(error)
        }
    }

    private static func members(_ bytes: UnsafeBufferPointer<UInt8>) throws(ScanError) -> [String: Range<Int>] {
        var scanner = Scanner(bytes: bytes)
        var ranges: [String: Range<Int>] = [:]
        scanner.skipWhitespace()
        try scanner.expect(UInt8(ascii: "{"))
        scanner.skipWhitespace()
        if try scanner.peek() == UInt8(ascii: "}") {
            scanner.position += 1
        } else {
            while true {
                scanner.skipWhitespace()
                let nameRange = try scanner.skipString()
                guard let name = Self.decodeName(bytes[nameRange]) else {
                    throw .unexpected("a member name that is not valid text")
                }
                guard ranges[name] == nil else { throw .unexpected("the member \"\(name)\" twice") }
                scanner.skipWhitespace()
                try scanner.expect(UInt8(ascii: ":"))
                scanner.skipWhitespace()
                ranges[name] = try scanner.skipValue()
                scanner.skipWhitespace()
                let next = try scanner.next()
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else { throw .unexpected("a character after a member") }
            }
        }
        scanner.skipWhitespace()
        guard scanner.position == bytes.count else { throw .unexpected("text after the object") }
        return ranges
    }

    private static func decodeName(_ quoted: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        // Names are plain ASCII in every file Refuge writes; anything with escapes goes through
        // the full decoder.
        let inner = quoted.dropFirst().dropLast()
        // Printable ASCII is its own text (and `String(bytes:encoding:)` looks types up at run time).
        if inner.allSatisfy({ (0x20...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }) {
            return String(decoding: inner, as: UTF8.self)
        }
        if !quoted.contains(UInt8(ascii: "\\")) {
            return String(bytes: inner, encoding: .utf8)
        }
        return try? JSONDecoder().decode(String.self, from: Data(quoted))
    }

    private struct Scanner {
        /// Read only while the caller's `withUnsafe...` call lasts.
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        func peek() throws(ScanError) -> UInt8 {
            guard position < bytes.count else { throw .truncated }
            return bytes[position]
        }

        mutating func next() throws(ScanError) -> UInt8 {
            let byte = try peek()
            position += 1
            return byte
        }

        mutating func expect(_ byte: UInt8) throws(ScanError) {
            let found = try next()
            guard found == byte else {
                throw .unexpected("\(Self.show(found)) where \(Self.show(byte)) belongs")
            }
        }

        private static func show(_ byte: UInt8) -> String {
            (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
        }

        /// Skips a string starting at the current position; returns its range, quotes included.
        mutating func skipString() throws(ScanError) -> Range<Int> {
            let start = position
            try expect(UInt8(ascii: "\""))
            while true {
                // Most of a session file is text: its ordinary bytes are passed over eight at a
                // time (byte by byte, this loop was a twentieth of a resume's instructions).
                var ascii: UInt8 = 0
                JSONStringScan.skipText(bytes, &position, &ascii)
                let byte = try next()
                if byte == UInt8(ascii: "\\") {
                    _ = try next()
                } else if byte == UInt8(ascii: "\"") {
                    return start..<position
                } else if byte < 0x20 {
                    throw .unexpected("a control character inside a string")
                }
            }
        }

        mutating func skipValue() throws(ScanError) -> Range<Int> {
            let start = position
            switch try peek() {
            case UInt8(ascii: "\""):
                _ = try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var closers: [UInt8] = []
                repeat {
                    let byte = try peek()
                    switch byte {
                    case UInt8(ascii: "\""):
                        _ = try skipString()
                        continue
                    case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
                    case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        guard closers.popLast() == byte else { throw .unexpected("mismatched brackets") }
                    default: break
                    }
                    position += 1
                } while !closers.isEmpty
            default:
                // A number, true, false or null: runs until a delimiter.
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"),
                         0x20, 0x09, 0x0A, 0x0D:
                        guard position > start else { throw .unexpected("a missing value") }
                        return start..<position
                    default: position += 1
                    }
                }
                throw .truncated
            }
            return start..<position
        }
    }
}
