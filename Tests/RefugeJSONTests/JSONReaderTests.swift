import Foundation
import RefugeJSON
import XCTest

/// The small JSON reader: values read as written, grammar checked all the way down (also in
/// what is skipped), and anything outside strict UTF-8 JSON refused.
final class JSONReaderTests: XCTestCase {
    private func reader(_ text: String) -> JSONReader { JSONReader(Array(text.utf8)) }

    /// The one string in `json`, or nil when it is refused.
    private func string(_ json: String) -> String? {
        var r = reader(json)
        guard let s = try? r.string(), (try? r.end()) != nil else { return nil }
        return s
    }

    /// Whether `json` is one value the reader takes (skipped whole).
    private func skips(_ json: String) -> Bool { skips(Array(json.utf8)) }
    private func skips(_ bytes: [UInt8]) -> Bool {
        var r = JSONReader(bytes)
        return (try? r.skip()) != nil && (try? r.end()) != nil
    }

    func testObjectsArraysAndScalarsAreReadInOrder() throws {
        var r = reader(#" { "a" : [1, -2, 0.5e-3, true, false, null] , "b":{"c":"d"}, "e": [] ,"f":{}} "#)
        var seen: [String] = []
        var m = try r.members()
        while let key = try m.next(&r) {
            seen.append(key)
            switch key {
            case "a":
                var e = try r.elements()
                XCTAssertTrue(try e.next(&r)); XCTAssertEqual(try r.integer(), 1)
                XCTAssertTrue(try e.next(&r)); XCTAssertEqual(try r.integer(), -2)
                XCTAssertTrue(try e.next(&r)); XCTAssertEqual(try r.number(), "0.5e-3")
                XCTAssertTrue(try e.next(&r)); XCTAssertEqual(try r.bool(), true)
                XCTAssertTrue(try e.next(&r)); XCTAssertEqual(try r.bool(), false)
                XCTAssertTrue(try e.next(&r)); XCTAssertEqual(try r.nextKind(), .null); XCTAssertTrue(try r.null())
                XCTAssertFalse(try e.next(&r))
            default:
                try r.skip()
            }
        }
        try r.end()
        XCTAssertEqual(seen, ["a", "b", "e", "f"])
    }

    func testStringsAndTheirEscapes() {
        XCTAssertEqual(string(#""""#), "")
        XCTAssertEqual(string(#""Ана 漢字 😀""#), "Ана 漢字 😀")
        XCTAssertEqual(string(#""\"\\\/\b\f\n\r\t""#), "\"\\/\u{8}\u{C}\n\r\t")
        XCTAssertEqual(string(#""\u0041\u00e9\u20AC\ud83d\ude00\u0000""#), "Aé€😀\u{0}")
        XCTAssertEqual(string(#""x\u2028y""#), "x\u{2028}y")
        // Every string JSONEncoder writes reads back.
        for sample in ["a\u{1}b", "\u{7F}\u{85}", "\"q\" / \\", String((0..<0x20).map { Character(UnicodeScalar(UInt8($0))) })] {
            let json = String(decoding: try! JSONEncoder().encode(sample), as: UTF8.self)
            XCTAssertEqual(string(json), sample, json)
        }
        // Refused: half a surrogate pair, escapes JSON does not have, raw controls, no end.
        for bad in [#""\ud800""#, #""\ud800\u0041""#, #""\udc00""#, #""\x41""#, #""\u12""#, #""\u12G4""#, "\"a\u{1}b\"", "\"a\nb\"", #""abc"#, #""a\"#, "'a'"] {
            XCTAssertNil(string(bad), bad)
        }
        // Bytes that are not UTF-8, even inside a string.
        var r = JSONReader([0x22, 0x61, 0xFF, 0x22])
        XCTAssertThrowsError(try r.string())
        var overlong = JSONReader([0x22, 0xC0, 0xAF, 0x22])
        XCTAssertThrowsError(try overlong.string())
    }

    /// Strings are taken exactly when their bytes are UTF-8 as Swift itself validates it:
    /// every lead byte with every second byte at the edges, and random runs of bytes.
    func testStringsAreTakenExactlyWhenTheyAreUTF8() {
        func check(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
            var r = JSONReader([0x22] + bytes + [0x22])
            XCTAssertEqual(try? r.string(), String(validating: bytes, as: UTF8.self), "\(bytes)", file: file, line: line)
        }
        let edges: [UInt8] = [0x20, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for a in edges {
            check([a])
            for b in edges {
                check([a, b])
                for c in [0x80, 0xBF, 0x41] as [UInt8] {
                    check([a, b, c])
                    check([a, b, c, 0x80])
                    check([a, b, c, 0xBF, 0x41])
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = (0x20...0xFF).map(UInt8.init).filter { $0 != 0x22 && $0 != 0x5C }
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...8, using: &generator)
            check((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
        }
        // Valid text with sequences of every length, and with escapes.
        check(Array("aé€😀".utf8))
        var r = JSONReader(Array(#""\n\u00e9é€😀""#.utf8))
        XCTAssertEqual(try? r.string(), "\né\u{e9}€😀")
        var bad = JSONReader([0x22, 0x5C, 0x6E, 0xED, 0xA0, 0x80, 0x22])
        XCTAssertNil(try? bad.string())
    }

    func testNumbersFollowJSONsGrammar() {
        for good in ["0", "-0", "12", "-3.25", "1e5", "1E+5", "2.5e-10", "123456789012345678901234567890"] {
            var r = reader(good)
            XCTAssertEqual(try? r.number(), good)
        }
        for bad in ["01", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "0x10", "NaN", "Infinity", "1.5.2"] {
            XCTAssertFalse(skips(bad), bad)
        }
        // Integers: plain, at most 18 digits.
        var r = reader("[-999999999999999999, 0, 1000000000000000000, 1.0, 1e2]")
        var e = try! r.elements()
        XCTAssertTrue(try! e.next(&r)); XCTAssertEqual(try? r.integer(), -999_999_999_999_999_999)
        XCTAssertTrue(try! e.next(&r)); XCTAssertEqual(try? r.integer(), 0)
        for _ in 0..<3 {
            XCTAssertTrue(try! e.next(&r))
            XCTAssertNil(try? r.integer())
            XCTAssertNoThrow(try r.skip())
        }
        XCTAssertFalse(try! e.next(&r))
    }

    func testGrammarIsCheckedInWhatIsSkipped() {
        for good in ["{}", "[]", #"{"a":[{"b":null}],"c":"\u00e9"}"#, " [ 1 , { } ] ", "true", "null", #""""#] {
            XCTAssertTrue(skips(good), good)
        }
        for bad in ["", "{", "}", "[1,]", "[,1]", #"{"a":1,}"#, #"{"a"}"#, #"{"a" 1}"#, #"{a:1}"#, "[1 2]", "tru", "nul", "[1]]",
                    "[1] x", "{\"a\":1}{}", "/* c */ 1", "\u{FEFF}1", #"{"a":"\ud800"}"#] {
            XCTAssertFalse(skips(bad), bad)
        }
        XCTAssertFalse(skips([0xEF, 0xBB, 0xBF, 0x31]), "a byte order mark")
        XCTAssertFalse(skips([0x31, 0x00]), "a NUL after the value")
    }

    func testSkippingOrTestingAStringTakesExactlyWhatReadingItTakes() {
        // Strings built from pieces that are text, escapes (good and bad), surrogates, control
        // characters and broken UTF-8, in every order: `skipString` and `string(satisfies:)`
        // take exactly the ones `string()` takes, end where it ends, and see the same text.
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("Ана".utf8), Array("😀".utf8), Array(#"\n"#.utf8), Array(#"\""#.utf8), Array(#"\\"#.utf8),
            Array(#"\/"#.utf8), Array(#"\u0041"#.utf8), Array(#"\u00e9"#.utf8), Array(#"\ud83d\ude00"#.utf8), Array(#"\ud83d"#.utf8),
            Array(#"\ude00"#.utf8), Array(#"\u12"#.utf8), Array(#"\x"#.utf8), Array(#"\"#.utf8), [0x01], [0x7F], [0xC3], [0xA9],
            [0xC3, 0xA9], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80], Array(#"""#.utf8),
            // Long runs, read eight bytes at a time up to the next stop.
            Array("abcdefghijklm".utf8), Array("Привет, мир".utf8), Array("0123456789 !#$%&'()*+-.~".utf8),
        ]
        var state: UInt64 = 1
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var taken = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = [UInt8(ascii: "\"")]
            for _ in 0..<next(8) { bytes += pieces[next(pieces.count)] }
            if next(8) > 0 { bytes.append(UInt8(ascii: "\"")) }
            bytes += Array(#","#.utf8)
            var reading = JSONReader(bytes), skipping = JSONReader(bytes), testing = JSONReader(bytes)
            let read = try? reading.string()
            let skipped = (try? skipping.skipString()) != nil
            var seen: [UInt8]?
            let tested = (try? testing.string(satisfies: { seen = Array($0); return true })) != nil
            XCTAssertEqual(skipped, read != nil, "skipString on \(bytes)")
            XCTAssertEqual(tested, read != nil, "string(satisfies:) on \(bytes)")
            if let read {
                taken += 1
                // The text is the one a general JSON reader makes of the same string.
                XCTAssertEqual(read, try? JSONDecoder().decode([String].self, from: Data([UInt8(ascii: "[")] + bytes[..<reading.offset] + Array("]".utf8))).first,
                               "string() on \(bytes)")
                XCTAssertEqual(skipping.offset, reading.offset)
                XCTAssertEqual(testing.offset, reading.offset)
                XCTAssertEqual(seen, Array(read.utf8))
            }
        }
        XCTAssertGreaterThan(taken, 1_000)
        XCTAssertLessThan(taken, 19_000)
    }

    func testKnownMemberNamesAreMatchedAsTheirStringsWouldBe() throws {
        let names = JSONReader.MemberNames(["at", "question", "old", "last_entry_number"])
        // Each object's keys, read as indexes, against the same keys read as strings.
        let objects = [#"{"at":1,"question":2,"old":3,"new":4,"last_entry_number":5}"#, #"{ "a\u0074" : 1 , "\u0071uestion":2}"#,
                       #"{"At":1,"at ":2,"ät":3,"":4,"questio":5,"questions":6,"😀":7}"#, "{}", #"{"o\/ld":1,"old\n":2}"#]
        for json in objects {
            var byIndex = reader(json), byString = reader(json)
            var m1 = try byIndex.members(), m2 = try byString.members()
            while let n = try m1.next(&byIndex, among: names) {
                let key = try XCTUnwrap(try m2.next(&byString))
                let expected = ["at", "question", "old", "last_entry_number"].firstIndex(of: key) ?? names.count
                XCTAssertEqual(n, expected, "\(key) in \(json)")
                try byIndex.skip(); try byString.skip()
                XCTAssertEqual(byIndex.offset, byString.offset)
            }
            XCTAssertNil(try m2.next(&byString))
        }
        // Keys that are not strings JSON allows are refused as `next` refuses them.
        for json in [#"{"a\x":1}"#, "{\"a\u{1}\":1}", #"{"at"1}"#, #"{"at":1,}"#, #"{at:1}"#] {
            var r = reader(json)
            var m = try r.members()
            XCTAssertThrowsError(try { () throws(JSONReader.Refused) in while try m.next(&r, among: names) != nil { try r.skip() } }(), json)
        }
        var bad = JSONReader(Array(#"{""#.utf8) + [0xC3, 0x28] + Array(#"":1}"#.utf8))
        var m = try bad.members()
        XCTAssertThrowsError(try m.next(&bad, among: names), "a key that is not UTF-8")
    }

    func testTheElementCountHintCountsTheNextArraysElements() throws {
        func hint(_ json: String, minimum: Int = 1) -> Int { reader(json).elementCountHint(minimumElementBytes: minimum) }
        XCTAssertEqual(hint("[]"), 0)
        XCTAssertEqual(hint(" [ ] "), 0)
        XCTAssertEqual(hint("[1]"), 1)
        XCTAssertEqual(hint(#"[1, "a", null, {"b": [2, 3]}, [4, [5, 6]]]"#), 5)
        XCTAssertEqual(hint(#"["x,]\"y", "\\", "}"]"#), 3, "commas and brackets inside strings are text")
        XCTAssertEqual(hint(#"{"a": [1, 2]}"#), 0, "no array comes next")
        XCTAssertEqual(hint("[1, 2"), 0, "cut short")
        XCTAssertEqual(hint("[1,2,3,4,5,6,7,8,9]", minimum: 4), 4, "at most the array's bytes over the minimum")
        // It only looks: the reader has not moved.
        var r = reader("[7, 8]")
        _ = r.elementCountHint(minimumElementBytes: 1)
        var e = try r.elements()
        var read: [Int] = []
        while try e.next(&r) { read.append(try r.integer()) }
        XCTAssertEqual(read, [7, 8])
    }

    func testNestingIsBounded() {
        let limit = JSONReader.maximumDepth
        XCTAssertTrue(skips(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)))
        XCTAssertFalse(skips(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)))
        XCTAssertTrue(skips(String(repeating: #"{"a":"#, count: limit) + "1" + String(repeating: "}", count: limit)))
        XCTAssertFalse(skips(String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)))
        // Far deeper than any stack would take, refused quickly.
        XCTAssertFalse(skips(String(repeating: "[", count: 1_000_000)))
    }

    func testAskingForTheWrongKindIsRefusedWithoutMoving() throws {
        var r = reader(#"{"a":"text"}"#)
        XCTAssertThrowsError(try r.elements())
        var m = try r.members()
        XCTAssertEqual(try m.next(&r), "a")
        XCTAssertThrowsError(try r.integer())
        XCTAssertThrowsError(try r.bool())
        XCTAssertFalse(try r.null())
        XCTAssertEqual(try r.string(), "text")
        XCTAssertNil(try m.next(&r))
        XCTAssertNoThrow(try r.end())
    }
}
