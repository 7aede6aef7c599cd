import Foundation
import RefugeEngine
import RefugeExpressions
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

    func testNumbersAreWrittenWithTheirExactDigitsAndReadBackExactly() throws {
        var g = SystemRandomNumberGenerator()
        var samples = ["0", "1", "-3", "7.5", "0.1", "29", "1000000000000000", "1000000000000000000000",
                       "9007199254740993", "-9007199254740993", "0.0000001", "12345678901234567890.123456789",
                       String(repeating: "9", count: 38), "-" + String(repeating: "9", count: 38),
                       "0." + String(repeating: "0", count: 37) + "1", "-0." + String(repeating: "9", count: 38)]
        // Random digits of every length in range, with the point anywhere.
        samples += (0..<300).map { _ in
            let digits = String((0..<Int.random(in: 1...38, using: &g)).map { _ in Character(String(Int.random(in: 0...9, using: &g))) })
            let point = Int.random(in: 0...digits.count, using: &g)
            let text = point == digits.count ? digits : String(digits.prefix(point)) + "." + digits.dropFirst(point)
            return (Bool.random(using: &g) ? "-" : "") + text
        }
        for sample in samples {
            let n = try XCTUnwrap(ExactNumber(sample), sample)
            let text = written { $0.number(n) }
            XCTAssertEqual(text, n.description, "the canonical digits, nothing else")
            XCTAssertEqual(try JSONDecoder().decode(ExactNumber.self, from: Data(text.utf8)), n, text)
            XCTAssertEqual(try encoded(n), text, "as the Codable form writes it")
        }
        XCTAssertEqual(written { $0.number(29) }, "29")
        XCTAssertEqual(written { $0.number(-3) }, "-3")
        XCTAssertEqual(written { $0.number(ExactNumber("2.50")!) }, "2.5")
    }

    func testANumberBeyondTheRangeInAFileIsRefusedNotRounded() {
        for text in [String(repeating: "9", count: 39), "1" + String(repeating: "0", count: 40), "0." + String(repeating: "0", count: 38) + "1"] {
            XCTAssertThrowsError(try JSONDecoder().decode(ExactNumber.self, from: Data(text.utf8)), text)
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
