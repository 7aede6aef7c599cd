import Foundation
import XCTest
@testable import RefugeStorage

/// The format number and checksum are read without `JSONDecoder` when written as the writer
/// writes them; any other spelling is still decided by `JSONDecoder`, exactly as before.
final class EnvelopeMembersTests: XCTestCase {
    let header = #"{"id":"s1"}"#
    let body = #"{"answers":{"q1":"ответ"}}"#

    private func file(format: String, checksum: String) -> Data {
        Data(#"{"format":\#(format),"header":\#(header),"body":\#(body),"sha256":\#(checksum)}"#.utf8)
    }

    private var goodChecksum: String { StoredFileFormat.checksum(header: Data(header.utf8), body: Data(body.utf8)) }

    /// What the envelope's format number must come out as: `JSONDecoder`'s reading of it.
    private func expected(format: String) -> Result<Int, DamageReason> {
        guard let n = try? JSONDecoder().decode(Int.self, from: Data(format.utf8)) else { return .failure(.malformed("no format number")) }
        return n == 1 ? .success(1) : .failure(.unsupportedFormat(n))
    }

    func testEverySpellingOfTheFormatNumberIsReadAsJSONDecoderReadsIt() {
        for format in ["1", "2", "0", "01", "1.0", "-1", "1e0", "10", "99999999999999999999", "\"1\"", "true"] {
            let decoded = StoredFileFormat.decode(file(format: format, checksum: "\"\(goodChecksum)\""))
            switch (decoded, expected(format: format)) {
            case (.success, .success): break
            case (.failure(let found), .failure(let wanted)): XCTAssertEqual(found, wanted, format)
            default: XCTFail("\(format): \(decoded)")
            }
        }
    }

    func testTheChecksumIsReadAsJSONDecoderReadsIt() throws {
        let good = goodChecksum
        let escaped = "\"\\u00" + String(good.unicodeScalars.first!.value, radix: 16) + String(good.dropFirst()) + "\""
        XCTAssertEqual(try JSONDecoder().decode(String.self, from: Data(escaped.utf8)), good)
        for spelling in ["\"\(good)\"", escaped] {
            guard case .success(let envelope) = StoredFileFormat.decode(file(format: "1", checksum: spelling)),
                  case .plain(let readBody, let checksum) = envelope.payload else { return XCTFail(spelling) }
            XCTAssertEqual(checksum, good, spelling)
            XCTAssertEqual(readBody, Data(body.utf8))
        }
        for spelling in ["7", "null", "[\"\(good)\"]"] {
            XCTAssertEqual(StoredFileFormat.decode(file(format: "1", checksum: spelling)).failure, .malformed("no checksum"), spelling)
        }
    }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
