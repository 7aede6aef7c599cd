#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a ZIP archive held in memory: its entries by path, and each entry's bytes, checked
/// against their CRC-32 and declared size.
public struct ZipReader {
    public struct Entry: Sendable {
        public let path: String
        public let method: UInt16
        public let crc: UInt32
        public let compressedSize: Int
        public let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    public let entries: [Entry]

    public init(_ data: some Collection<UInt8>) throws {
        bytes = Array(data)
        // The end record is in the last 22 bytes plus at most a 65,535-byte comment.
        var end = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while i >= lowest {
            if bytes.u32(at: i) == ZipSignature.endOfCentralDirectory { end = i; break }
            i -= 1
        }
        guard end >= 0, let total = bytes.u16(at: end + 10), let size = bytes.u32(at: end + 12),
              let start = bytes.u32(at: end + 16) else { throw ZipError("not a ZIP archive") }
        guard start != 0xFFFF_FFFF, total != 0xFFFF else { throw ZipError("a ZIP64 archive, which is not supported") }
        guard Int(start) + Int(size) <= end else { throw ZipError("a damaged ZIP archive (central directory)") }
        var found: [Entry] = []
        var at = Int(start)
        for _ in 0..<Int(total) {
            guard bytes.u32(at: at) == ZipSignature.centralHeader,
                  let flags = bytes.u16(at: at + 8), let method = bytes.u16(at: at + 10), let crc = bytes.u32(at: at + 16),
                  let compressed = bytes.u32(at: at + 20), let uncompressed = bytes.u32(at: at + 24),
                  let nameLength = bytes.u16(at: at + 28), let extraLength = bytes.u16(at: at + 30),
                  let commentLength = bytes.u16(at: at + 32), let offset = bytes.u32(at: at + 42),
                  at + 46 + Int(nameLength) <= bytes.count else { throw ZipError("a damaged ZIP archive (entry)") }
            guard flags & 1 == 0 else { throw ZipError("an encrypted ZIP entry") }
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
                throw ZipError("a ZIP64 entry, which is not supported")
            }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + Int(nameLength))], as: UTF8.self)
            found.append(Entry(path: name, method: method, crc: crc, compressedSize: Int(compressed),
                               uncompressedSize: Int(uncompressed), localHeaderOffset: Int(offset)))
            at += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        entries = found
    }

    public subscript(path: String) -> Entry? { entries.first { $0.path == path } }

    /// The entry's bytes, uncompressed and checked.
    public func contents(of entry: Entry) throws -> [UInt8] {
        let at = entry.localHeaderOffset
        guard bytes.u32(at: at) == ZipSignature.localHeader, let nameLength = bytes.u16(at: at + 26),
              let extraLength = bytes.u16(at: at + 28) else { throw ZipError("a damaged ZIP entry (local header)") }
        let start = at + 30 + Int(nameLength) + Int(extraLength)
        guard start + entry.compressedSize <= bytes.count else { throw ZipError("a damaged ZIP entry (cut short)") }
        let stored = bytes[start..<(start + entry.compressedSize)]
        let plain: [UInt8]
        switch entry.method {
        case ZipMethod.stored.rawValue:
            guard entry.compressedSize == entry.uncompressedSize else { throw ZipError("a damaged stored ZIP entry") }
            plain = Array(stored)
        case ZipMethod.deflated.rawValue:
            plain = try Zlib.inflate(stored, expected: entry.uncompressedSize)
        default:
            throw ZipError("a ZIP entry compressed with method \(entry.method), which is not supported")
        }
        guard Zlib.crc(plain) == entry.crc else { throw ZipError("a damaged ZIP entry (its checksum differs)") }
        return plain
    }
}
