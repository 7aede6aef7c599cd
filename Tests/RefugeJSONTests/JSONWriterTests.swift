import Foundation
import RefugeJSON
import XCTest

/// The shared JSON writer: strings escaped as `JSONEncoder` escapes them (the session file) or
/// with every control escaped (the report), numbers that read back exactly, both layouts.
final class JSONWriterTests: XCTestCase {
    private func written(
        _ layout: JSONWriter.Layout = .compact,
        _ escaping: JSONWriter.Escaping = .required,
        _ write: (inout JSONWriter) throws -> Void
    ) rethrows -> String {
        var json = JSONWriter(layout: layout, escaping: escaping)
        try write(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private func encoded(_ value: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func testRequiredEscapingIsWhatJSONEncoderWrites() throws {
        var samples = ["", "plain", "Ана «Ñ» 👩‍👧 مرحبا 漢字", "\"quoted\" and \\ back and / slash", "\u{7F}\u{85}\u{2028}\u{2029}"]
        samples += (0..<0x20).map { "a\(String(UnicodeScalar(UInt8($0))))b" }
        for sample in samples {
            XCTAssertEqual(written { $0.string(sample) }, try encoded(sample), sample.debugDescription)
        }
    }

    func testAllControlsAlsoEscapesDeleteC1AndLineSeparators() throws {
        XCTAssertEqual(written(.compact, .allControls) { $0.string("a\u{7F}\u{85}\u{9B}[2J\u{9F}\u{2028}\u{2029}z") },
                       #""a\u007f\u0085\u009b[2J\u009f\u2028\u2029z""#)
        // Neighbours in UTF-8 that are not controls stay as they are.
        let neighbours = "\u{A0}é€…\u{2027}\u{202A}\u{2030}ÿ"
        XCTAssertEqual(written(.compact, .allControls) { $0.string(neighbours) }, "\"\(neighbours)\"")
        // What JSON requires is escaped the same in both.
        for scalar in (0..<0x20).map({ String(UnicodeScalar(UInt8($0))) }) + ["\"", "\\"] {
            XCTAssertEqual(written(.compact, .allControls) { $0.string(scalar) }, written { $0.string(scalar) })
        }
        // Whatever is escaped reads back as the same text.
        let text = "A\u{1B}[31m\u{9B}1m\u{85}\u{2028}\t\u{8}\u{C}\u{7F}"
        let back = try JSONDecoder().decode(String.self, from: Data(written(.compact, .allControls) { $0.string(text) }.utf8))
        XCTAssertEqual(back, text)
    }

    /// The byte-level escaping against a plain rule stated scalar by scalar, for every scalar of
    /// the first plane's first part and a few beyond, each between ordinary letters.
    func testEscapingAgreesScalarByScalarWithTheRule() throws {
        func expected(_ scalar: Unicode.Scalar, all: Bool) -> String {
            let short: [UInt32: String] = [0x22: "\\\"", 0x5C: "\\\\", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0C: "\\f"]
            if let escape = short[scalar.value] { return escape }
            let v = scalar.value
            if v < 0x20 || (all && (v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029)) {
                let hex = String(v, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            return String(scalar)
        }
        let scalars = (0..<0x3000).compactMap(Unicode.Scalar.init) + ["\u{FEFF}", "\u{1F469}", "\u{10FFFF}"]
        for all in [false, true] {
            for scalar in scalars {
                let text = "a" + String(scalar) + "b"
                XCTAssertEqual(written(.compact, all ? .allControls : .required) { $0.string(text) },
                               "\"a" + expected(scalar, all: all) + "b\"", "U+\(String(scalar.value, radix: 16))")
            }
        }
        let everything = String(String.UnicodeScalarView(scalars))
        XCTAssertEqual(written { $0.string(everything) }, try encoded(everything))
    }

    func testNumbersAreWrittenAsTheirDigits() throws {
        for digits in ["0", "-0", "29", "-3", "7.5", "0.1", "9007199254740993", "12345678901234567890.123456789",
                       String(repeating: "9", count: 38), "1e21", "1E-7", "-2.5e+10"] {
            XCTAssertEqual(try written { try $0.number(digits: digits) }, digits)
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data("[\(digits)]".utf8)), digits)
        }
        XCTAssertEqual(written { $0.integer(-42) }, "-42")
    }

    func testTextThatIsNoJSONNumberIsRefusedAndNothingWritten() {
        for text in ["", "-", "NaN", "inf", "-inf", "1.", ".5", "+1", "01", "-01", "0x1F", "1e", "1e+", "1.5.2", " 1", "1 ", "1,5", "٣", "1_000"] {
            XCTAssertThrowsError(try written { try $0.number(digits: text) }, text) { error in
                XCTAssertEqual(error as? JSONWriter.Failure, .notANumber(text))
            }
            XCTAssertEqual(written { j in j.array { a in try? a.number(digits: text) } }, "[]", "nothing is written for \(text.debugDescription)")
        }
    }

    func testCompactObjectsAndArraysSeparateTheirMembers() {
        let text = written { j in
            j.object { o in
                o.key("a"); o.array { a in a.integer(1); a.bool(false); a.string("x"); a.null() }
                o.key("b"); o.object { _ in }
                o.key("c"); o.array { _ in }
            }
        }
        XCTAssertEqual(text, #"{"a":[1,false,"x",null],"b":{},"c":[]}"#)
    }

    func testPrettyLayoutIndentsEachMemberByTwoSpaces() {
        let text = written(.pretty, .allControls) { j in
            j.object { o in
                o.key("format"); o.integer(1)
                o.key("empty"); o.object { _ in }
                o.key("list"); o.array { a in
                    a.string("x")
                    a.object { e in e.key("k"); e.bool(true) }
                    a.array { _ in }
                }
            }
        }
        XCTAssertEqual(text, """
            {
              "format": 1,
              "empty": {},
              "list": [
                "x",
                {
                  "k": true
                },
                []
              ]
            }
            """)
        XCTAssertEqual(written(.pretty) { $0.string("alone") }, "\"alone\"")
    }

    func testWrittenJSONIsSplicedInWithItsSeparators() {
        var member = JSONWriter()
        member.key("b")
        member.string("kept")
        let text = written { j in
            j.object { o in
                o.key("a"); o.integer(1)
                o.written(member.bytes)
            }
        }
        XCTAssertEqual(text, #"{"a":1,"b":"kept"}"#)
    }
}
