import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeJSON
@testable import RefugeSession
import XCTest

/// The session file writes dates byte for byte as `JSONEncoder`'s `.iso8601` strategy does, and
/// numbers with their exact digits (the writer's strings and layout are tested in `RefugeJSONTests`).
final class SessionJSONTests: XCTestCase {
    private func written(_ write: (inout JSONWriter) throws -> Void) rethrows -> String {
        var json = JSONWriter.session()
        try write(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
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
            let text = try written { try $0.number(n) }
            XCTAssertEqual(text, n.description, "the canonical digits, nothing else")
            XCTAssertEqual(try JSONDecoder().decode(ExactNumber.self, from: Data(text.utf8)), n, text)
            XCTAssertEqual(try encoded(n), text, "as the Codable form writes it")
        }
        XCTAssertEqual(try written { try $0.number(29) }, "29")
        XCTAssertEqual(try written { try $0.number(-3) }, "-3")
        XCTAssertEqual(try written { try $0.number(ExactNumber("2.50")!) }, "2.5")
    }

    func testANumberBeyondTheRangeInAFileIsRefusedNotRounded() {
        for text in [String(repeating: "9", count: 39), "1" + String(repeating: "0", count: 40), "0." + String(repeating: "0", count: 38) + "1"] {
            XCTAssertThrowsError(try JSONDecoder().decode(ExactNumber.self, from: Data(text.utf8)), text)
        }
    }
}
