import XCTest
@testable import RefugeQuestionnaire

/// The content hash sessions record must not change with how it is computed.
final class ContentHashTests: XCTestCase {
    func testTheHashOfKnownFilesIsTheRecordedOne() {
        let files = [
            SourceFile(relativePath: "questionnaire.yaml", bytes: Array("format: 1\n".utf8)),
            SourceFile(relativePath: "es.yaml", bytes: Array("título: sí\n".utf8)),
        ]
        // SHA-256 over each file's path, NUL, length in decimal, NUL and bytes, in path order
        // (worked out independently of this program).
        XCTAssertEqual(QuestionnaireLoader.contentHash(files), "da40dadd0035ffdf64b987266ad8a4729652e9e6ce269ddaa3241e3b112684e9")
    }
}
