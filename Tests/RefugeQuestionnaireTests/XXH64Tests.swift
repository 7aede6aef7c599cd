import XCTest
import RefugeBasics
@testable import RefugeQuestionnaire
import RefugeSynthetic

/// The compiled questionnaire's checksum is XXH64 as specified: the values below are those of
/// the reference implementation (Python's `xxhash` package, `xxh64(data).intdigest()`), for
/// lengths that take each of its paths (under 4, under 8, under 32 and the 32-byte stripes).
final class XXH64Tests: XCTestCase {
    private func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { XXH64.hash($0) } }

    func testKnownValues() {
        XCTAssertEqual(hash([]), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(hash(Array("a".utf8)), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(hash(Array("abc".utf8)), 0x44BC_2CF5_AD77_0999)
        XCTAssertEqual(hash(Array("Refuge compiled questionnaire".utf8)), 0x58FB_91DB_FFFC_3E7F)
        let long = (0..<4).flatMap { _ in (0...255).map(UInt8.init) } + Array("tail".utf8)
        XCTAssertEqual(hash(long), 0xD453_5283_0E83_DF92)
    }

    /// Any one changed byte of an entry changes its checksum, so the entry is refused.
    func testAChangedByteChangesTheHash() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let original = hash(bytes)
        for at in stride(from: 0, to: bytes.count, by: 7) {
            var changed = bytes
            changed[at] ^= 0x10
            XCTAssertNotEqual(hash(changed), original, "byte \(at)")
        }
    }

    func testTheEntryEndsWithTheHashOfWhatComesBefore() throws {
        let yaml = SyntheticQuestionnaire.yaml(items: 20)
        let result = QuestionnaireLoader.load(files: [SourceFile(relativePath: "synthetic.yaml", bytes: Array(yaml.utf8))],
                                              displayRoot: "synthetic.yaml", sourcePath: "synthetic.yaml")
        let q = try XCTUnwrap(result.questionnaire, "\(result.errors)")
        let entry = CompiledEntry.bytes(of: q, program: "p")
        let body = Array(entry.dropLast(8))
        XCTAssertEqual(Array(entry.suffix(8)), (0..<8).map { UInt8(truncatingIfNeeded: hash(body) >> (8 * $0)) })
    }
}
