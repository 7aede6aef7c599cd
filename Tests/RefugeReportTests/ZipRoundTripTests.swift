import Foundation
import XCTest
import RefugeZip
import ZIPFoundation

/// RefugeZip's writer read back by ZIPFoundation and by RefugeZip's reader, and the reader's
/// refusals of damaged archives.
final class ZipRoundTripTests: XCTestCase {
    private let entries: [(String, [UInt8])] = [
        ("a.txt", Array("hello, hello, hello".utf8)), ("dir/é.xml", Array(repeating: 0x41, count: 100_000)), ("empty", []),
    ]

    private func archive() throws -> [UInt8] {
        var writer = ZipWriter(modified: Date(timeIntervalSince1970: 1_800_000_000))
        for (path, bytes) in entries { try writer.add(path: path, bytes: bytes) }
        try writer.add(path: "stored.bin", bytes: [1, 2, 3], method: .stored)
        return writer.finished()
    }

    func testZIPFoundationReadsWhatTheWriterWrites() throws {
        let zip = try Archive(data: Data(try archive()), accessMode: .read)
        for (path, bytes) in entries {
            var read = Data()
            _ = try zip.extract(try XCTUnwrap(zip[path]), skipCRC32: false) { read.append($0) }
            XCTAssertEqual(Array(read), bytes, path)
        }
    }

    func testTheReaderReadsItBackAndRefusesDamage() throws {
        let bytes = try archive()
        let reader = try ZipReader(bytes)
        XCTAssertEqual(reader.entries.map(\.path), entries.map(\.0) + ["stored.bin"])
        for (path, content) in entries { XCTAssertEqual(try reader.contents(of: try XCTUnwrap(reader[path])), content) }
        XCTAssertEqual(try reader.contents(of: try XCTUnwrap(reader["stored.bin"])), [1, 2, 3])
        // A flipped byte inside the stored entry fails its checksum.
        var damaged = bytes
        let offset = try XCTUnwrap(damaged.indices.last { damaged[$0] == 2 && damaged[$0 - 1] == 1 && damaged[$0 + 1] == 3 })
        damaged[offset] = 9
        let reread = try ZipReader(damaged)
        XCTAssertThrowsError(try reread.contents(of: try XCTUnwrap(reread["stored.bin"])))
        XCTAssertThrowsError(try ZipReader(Array("not a zip".utf8)))
        XCTAssertThrowsError(try ZipReader(Array(bytes.prefix(bytes.count - 30))))
    }
}
