import Foundation
import XCTest
@testable import RefugeStorage

final class TopLevelJSONMembersTests: XCTestCase {
    private func members(_ text: String) throws -> [String: String] {
        let bytes = Array(text.utf8)
        return try TopLevelJSONMembers(bytes).ranges.mapValues { String(decoding: bytes[$0], as: UTF8.self) }
    }

    func testFindsEachValueExactlyAsWritten() throws {
        let found = try members(#" { "a" : {"x": [1, {"y": "}]"}]} , "b":"q\"uo}te" ,"c":-1.5e3,"d":null,"e":[] } "#)
        XCTAssertEqual(found, [
            "a": #"{"x": [1, {"y": "}]"}]}"#,
            "b": #""q\"uo}te""#,
            "c": "-1.5e3",
            "d": "null",
            "e": "[]",
        ])
        XCTAssertEqual(try members("{}"), [:])
        XCTAssertEqual(try members(#"{"k\u0065y":"Ж"}"#), ["key": #""Ж""#])
    }

    func testRejectsWhatIsCutShortOrNotAnObject() {
        let truncated = [#"{"a":{"b":1}"#, #"{"a":"xyz"#, #"{"a":12"#, "{", "", #"{"a""#]
        for text in truncated {
            XCTAssertThrowsError(try members(text), text) { error in
                XCTAssertEqual(error as? TopLevelJSONMembers.ScanError, .truncated, text)
            }
        }
        let malformed = ["[1]", #"{"a":1}x"#, #"{"a":[1}}"#, #"{"a":1 "b":2}"#, #"{"a":1,"a":2}"#, "{\"a\":\"\n\"}", #"{"a":}"#]
        for text in malformed {
            XCTAssertThrowsError(try members(text), text) { error in
                guard case .unexpected? = error as? TopLevelJSONMembers.ScanError else {
                    return XCTFail("\(text): \(error)")
                }
            }
        }
    }
}
