#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// Builds a ZIP archive in memory, entry by entry, deflated. The same entries and time give
/// the same bytes.
public struct ZipWriter {
    private var output = ByteWriter()
    private var central = ByteWriter()
    private var count = 0
    private let time: UInt16
    private let date: UInt16

    /// `modified` is written as every entry's time (MS-DOS time, UTC; 1980 at the earliest).
    public init(modified: Date) {
        let t = UTCTime(modified)
        let year = min(max(t.year, 1980), 2107)
        date = UInt16((year - 1980) << 9 | t.month << 5 | t.day)
        time = UInt16(t.hour << 11 | t.minute << 5 | t.second / 2)
    }

    public mutating func add(path: String, bytes: [UInt8], method: ZipMethod = .deflated) throws {
        let name = Array(path.utf8)
        let crc = Zlib.crc(bytes)
        let stored = method == .deflated ? try Zlib.deflate(bytes) : bytes
        guard bytes.count < 0xFFFF_FFFF, output.bytes.count < 0xFFFF_FFFF - stored.count, name.count < 0xFFFF else {
            throw ZipError("an entry too large for a ZIP archive without ZIP64")
        }
        let offset = UInt32(output.bytes.count)
        // Bit 11: the name is UTF-8.
        let flags: UInt16 = path.utf8.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
        output.u32(ZipSignature.localHeader)
        output.u16(20); output.u16(flags); output.u16(method.rawValue); output.u16(time); output.u16(date)
        output.u32(crc); output.u32(UInt32(stored.count)); output.u32(UInt32(bytes.count))
        output.u16(UInt16(name.count)); output.u16(0)
        output.append(name)
        output.append(stored)

        central.u32(ZipSignature.centralHeader)
        central.u16(0x0314)   // made by: UNIX, version 2.0
        central.u16(20); central.u16(flags); central.u16(method.rawValue); central.u16(time); central.u16(date)
        central.u32(crc); central.u32(UInt32(stored.count)); central.u32(UInt32(bytes.count))
        central.u16(UInt16(name.count)); central.u16(0); central.u16(0); central.u16(0); central.u16(0)
        central.u32(0o100644 << 16)   // a regular file, rw-r--r--
        central.u32(offset)
        central.append(name)
        count += 1
    }

    /// The archive: entries, central directory, end record.
    public func finished() -> [UInt8] {
        var end = ByteWriter()
        end.u32(ZipSignature.endOfCentralDirectory)
        end.u16(0); end.u16(0); end.u16(UInt16(count)); end.u16(UInt16(count))
        end.u32(UInt32(central.bytes.count)); end.u32(UInt32(output.bytes.count)); end.u16(0)
        return output.bytes + central.bytes + end.bytes
    }
}
