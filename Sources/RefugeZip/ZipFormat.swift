#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CRefugeZlib

// The parts of the ZIP format (PKWARE APPNOTE 6.3) that a DOCX writer and an XLSX reader need:
// stored and deflated entries, no encryption, no ZIP64, no multi-disk archives. Deflate and
// inflate are the system zlib's (raw streams, as ZIP holds them).

public struct ZipError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

enum ZipSignature {
    static let localHeader: UInt32 = 0x0403_4B50
    static let centralHeader: UInt32 = 0x0201_4B50
    static let endOfCentralDirectory: UInt32 = 0x0605_4B50
}

public enum ZipMethod: UInt16, Sendable {
    case stored = 0
    case deflated = 8
}

enum Zlib {
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer -> UInt32 in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
    }

    /// A raw deflate stream of `bytes` (best compression; the same bytes give the same stream).
    static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipError("zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let status = finish(&stream, input: &input, output: &output) { CRefugeZlib.deflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END else { throw ZipError("zlib could not compress") }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// The bytes a raw deflate stream holds, which must be exactly `expected` bytes long.
    static func inflate(_ compressed: ArraySlice<UInt8>, expected: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipError("zlib could not start reading")
        }
        defer { inflateEnd(&stream) }
        var input = Array(compressed)
        // One byte more than expected, so that a stream longer than it claims is noticed.
        var output = [UInt8](repeating: 0, count: expected + 1)
        let status = finish(&stream, input: &input, output: &output) { CRefugeZlib.inflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else { throw ZipError("a damaged compressed entry") }
        output.removeLast()
        return output
    }

    /// Runs one zlib step (`deflate` or `inflate` with Z_FINISH) over all of `input` into
    /// `output`, with the stream pointing at both buffers only while they are pinned.
    private static func finish(_ stream: inout z_stream, input: inout [UInt8], output: inout [UInt8],
                               _ step: (inout z_stream) -> Int32) -> Int32 {
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return step(&stream)
            }
        }
    }
}

/// Little-endian reading and writing.
struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u16(_ v: UInt16) { bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
    mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }
}

extension Array where Element == UInt8 {
    func u16(at i: Int) -> UInt16? {
        guard i >= 0, i + 2 <= count else { return nil }
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    func u32(at i: Int) -> UInt32? {
        guard i >= 0, i + 4 <= count else { return nil }
        return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
