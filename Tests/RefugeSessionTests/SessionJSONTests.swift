import Foundation
import RefugeEngine
@testable import RefugeSession
import XCTest

/// `SessionJSON` writes strings and dates byte for byte as the session's `JSONEncoder` does, and
/// numbers that read back exactly.
final class SessionJSONTests: XCTestCase {
    private func written(_ write: (inout SessionJSON) throws -> Void) rethrows -> String {
        var json = SessionJSON()
        try write(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try SessionCoding.encoder().encode(value), as: UTF8.self)
    }

    func testStringsAreEscapedAsJSONEncoderEscapesThem() throws {
        var samples = ["", "plain", "Ана «Ñ» 👩‍👧 مرحبا 漢字", "\"quoted\" and \\ back and / slash", "\u{7F}\u{85}\u{2028}\u{2029}"]
        samples += (0..<0x20).map { "a\(String(UnicodeScalar(UInt8($0))))b" }
        for sample in samples {
            XCTAssertEqual(written { $0.string(sample) }, try encoded(sample), sample.debugDescription)
        }
    }

    func testDatesAreWrittenAsTheISO8601StrategyWritesThem() throws {
        var g = SystemRandomNumberGenerator()
        var samples = [0, 1, -1, 59.999, 86_399.5, 951_782_400, 1_795_000_000.75, 4_102_444_800, -2_208_988_800.25]
        samples += (0..<300).map { _ in Double.random(in: -3_000_000_000...5_000_000_000, using: &g) }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(written { $0.date(date) }, try encoded(date), "\(seconds)")
        }
    }

    func testNumbersReadBackExactly() throws {
        var g = SystemRandomNumberGenerator()
        var samples: [Double] = [0, -0.0, 1, -3, 7.5, 0.1, 29, 1e15, 1e21, 9_007_199_254_740_994, 1e-7, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        samples += (0..<300).map { _ in Double.random(in: -1e9...1e9, using: &g) }
        for n in samples {
            let text = try written { try $0.number(n) }
            let back = try JSONDecoder().decode(Double.self, from: Data(text.utf8))
            XCTAssertEqual(back, n, text)
        }
        XCTAssertEqual(try written { try $0.number(29) }, "29")
        XCTAssertEqual(try written { try $0.number(-3) }, "-3")
    }

    func testNumbersJSONCannotHoldAreRefused() {
        for n in [Double.nan, .infinity, -.infinity] {
            XCTAssertThrowsError(try written { try $0.number(n) })
        }
    }

    func testObjectsAndArraysSeparateTheirMembers() {
        let text = written { j in
            j.object { o in
                o.key("a"); o.array { a in a.integer(1); a.bool(false); a.string("x") }
                o.key("b"); o.object { _ in }
                o.key("c"); o.array { _ in }
            }
        }
        XCTAssertEqual(text, #"{"a":[1,false,"x"],"b":{},"c":[]}"#)
    }
}
