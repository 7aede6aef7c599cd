import Foundation
import XCTest
@testable import RefugeQuestionnaire

/// The YAML reader built on libyaml's events: what each kind of YAML becomes, where it is
/// said to be, and the messages for text that is not valid YAML.
final class YAMLComposerTests: XCTestCase {
    private func parse(_ text: String) throws -> YAMLNode {
        switch YAMLNode.parse(text, file: "t.yaml") {
        case .success(let node): return node
        case .failure(let diagnostic): throw diagnostic
        }
    }

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        switch YAMLNode.parse(text, file: "t.yaml") {
        case .success: XCTFail("parsed without an error", file: file, line: line); return nil
        case .failure(let diagnostic): return diagnostic
        }
    }

    private func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        node.mapEntries?.first { $0.key == key }?.value
    }

    private func position(_ location: SourceLocation) -> [Int] { [location.line, location.column] }

    func testScalarsOfEveryStyleKeepTheirExactText() throws {
        let root = try parse("""
            plain: no
            number: 010
            single: 'it''s'
            double: "tab\\there"
            literal: |
              one
              two
            folded: >
              one
              two
            tilde: ~
            """)
        XCTAssertEqual(value(root, "plain")?.scalar, "no")
        XCTAssertEqual(value(root, "number")?.scalar, "010")
        XCTAssertEqual(value(root, "single")?.scalar, "it's")
        XCTAssertEqual(value(root, "double")?.scalar, "tab\there")
        XCTAssertEqual(value(root, "literal")?.scalar, "one\ntwo\n")
        XCTAssertEqual(value(root, "folded")?.scalar, "one two\n")
        // `~` is not one of the words read as "no value"; it stays text, as it always did.
        XCTAssertEqual(value(root, "tilde")?.scalar, "~")
        XCTAssertEqual(value(root, "single")?.quoted, true)
        XCTAssertEqual(value(root, "double")?.quoted, true)
        XCTAssertEqual(value(root, "plain")?.quoted, false)
        XCTAssertEqual(value(root, "literal")?.quoted, false)
    }

    func testEmptyAndNullPlainValuesAreNoValueButQuotedOnesAreText() throws {
        let root = try parse("a:\nb: null\nc: Null\nd: NULL\ne: ''\nf: \"null\"\ng: nULL\n")
        for key in ["a", "b", "c", "d"] {
            guard case .null = value(root, key)?.kind else { return XCTFail("`\(key)` should be no value") }
        }
        XCTAssertEqual(value(root, "e")?.scalar, "")
        XCTAssertEqual(value(root, "f")?.scalar, "null")
        XCTAssertEqual(value(root, "g")?.scalar, "nULL")
    }

    func testAnEmptyTextOrOneWithOnlyCommentsIsNoValueAtTheStart() throws {
        for text in ["", "# nothing here\n", "\n\n"] {
            let root = try parse(text)
            guard case .null = root.kind else { return XCTFail("\(text.debugDescription) should be no value") }
            XCTAssertEqual(position(root.location), [1, 1])
        }
    }

    func testNestedMapsAndListsKeepKeyOrder() throws {
        let root = try parse("""
            z: 1
            a:
              - x
              - k: v
                j: [1, 2]
            m: {b: 2, a: 1}
            """)
        XCTAssertEqual(root.mapEntries?.map(\.key), ["z", "a", "m"])
        let list = try XCTUnwrap(value(root, "a")?.sequence)
        XCTAssertEqual(list.count, 2)
        XCTAssertEqual(list[0].scalar, "x")
        XCTAssertEqual(list[1].mapEntries?.map(\.key), ["k", "j"])
        XCTAssertEqual(value(list[1], "j")?.sequence?.compactMap(\.scalar), ["1", "2"])
        XCTAssertEqual(value(root, "m")?.mapEntries?.map(\.key), ["b", "a"])
    }

    func testPositionsOfKeysAndValuesAreOneBased() throws {
        let root = try parse("title: Hello\nitems:\n  - id: q1\n    prompt: 'Name?'\n")
        XCTAssertEqual(position(root.location), [1, 1])
        let entries = try XCTUnwrap(root.mapEntries)
        XCTAssertEqual(position(entries[0].keyLocation), [1, 1])
        XCTAssertEqual(position(entries[0].value.location), [1, 8])
        XCTAssertEqual(position(entries[1].keyLocation), [2, 1])
        let item = try XCTUnwrap(entries[1].value.sequence?.first)
        XCTAssertEqual(position(item.location), [3, 5])
        let prompt = try XCTUnwrap(item.mapEntries?.last)
        XCTAssertEqual(position(prompt.keyLocation), [4, 5])
        XCTAssertEqual(position(prompt.value.location), [4, 13])
        XCTAssertEqual(position(prompt.value.contentLocation), [4, 14], "the text starts after the quote")
        XCTAssertEqual(position(entries[0].value.contentLocation), [1, 8], "a plain text starts where it is")
        XCTAssertEqual(entries[0].keyLocation.file, "t.yaml")
    }

    func testColumnsCountCharactersNotBytes() throws {
        let root = try parse("é: «x»\n")
        XCTAssertEqual(position(try XCTUnwrap(root.mapEntries?.first?.value.location)), [1, 4])
    }

    func testDuplicateKeysAreReportedAtTheFirstOneInKeyOrder() throws {
        let diagnostic = try XCTUnwrap(failure("b: 1\na: 1\nc: 1\nb: 2\na: 2\n"))
        XCTAssertEqual(diagnostic.message, "the key `a`, `b` appears twice in the same place; keep only one")
        XCTAssertEqual(position(diagnostic.location), [2, 1])
    }

    func testDuplicateKeysCountQuotedAndPlainAsTheSameKey() throws {
        let diagnostic = try XCTUnwrap(failure("top:\n  k: 1\n  'k': 2\n"))
        XCTAssertEqual(diagnostic.message, "the key `k` appears twice in the same place; keep only one")
        XCTAssertEqual(position(diagnostic.location), [2, 3])
    }

    func testDuplicateKeysInALargeMap() throws {
        let text = (0..<40).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        let diagnostic = try XCTUnwrap(failure(text))
        XCTAssertEqual(diagnostic.message, "the key `k7` appears twice in the same place; keep only one")
        XCTAssertEqual(position(diagnostic.location), [8, 1])
    }

    func testKeysWithDifferentTagsAreDifferentKeys() throws {
        let root = try parse("a: 1\n!!int a: 2\n")
        XCTAssertEqual(root.mapEntries?.map(\.key), ["a", "a"])
    }

    func testATabBeforeAKeyIsAnErrorWithItsPosition() throws {
        // libyaml's words here do not mention the tab, so no hint is added (as before).
        let diagnostic = try XCTUnwrap(failure("a:\n\tb: 1\n"))
        XCTAssertEqual(diagnostic.message, "this is not valid YAML: found character that cannot start any token (while scanning for the next token at line 2)")
        XCTAssertEqual(position(diagnostic.location), [2, 1])
    }

    func testATabIndentingABlockTextIsAnErrorWithTheTabHint() throws {
        let diagnostic = try XCTUnwrap(failure("a: |\n\tx\n"))
        XCTAssertEqual(diagnostic.message, "this is not valid YAML: found a tab character where an indentation space is expected (while scanning a block scalar at line 1); use spaces, not tabs, to indent")
        XCTAssertEqual(position(diagnostic.location), [2, 1])
    }

    func testABadIndentationIsAnErrorWithItsPositionAndAHint() throws {
        let diagnostic = try XCTUnwrap(failure("a:\n  b: 1\n c: 2\n"))
        XCTAssertEqual(diagnostic.message, "this is not valid YAML: did not find expected key (while parsing a block mapping at line 1); check the indentation of this line and the one before it (items of a list start with `-`, keys of the same map line up)")
        XCTAssertEqual(position(diagnostic.location), [3, 2])
    }

    func testAColonInAPlainTextGetsTheQuotingHint() throws {
        let diagnostic = try XCTUnwrap(failure("a: b: c\n"))
        XCTAssertEqual(diagnostic.message, "this is not valid YAML: mapping values are not allowed in this context; a text containing `: ` must be put in quotes")
        XCTAssertEqual(position(diagnostic.location), [1, 5])
    }

    func testASecondDocumentIsAnError() throws {
        let diagnostic = try XCTUnwrap(failure("a: 1\n---\nb: 2\n"))
        XCTAssertEqual(diagnostic.message, "this is not valid YAML: but found another document (expected a single document in the stream at line 1)")
        XCTAssertEqual(position(diagnostic.location), [2, 1])
    }

    func testAnExplicitDocumentIsRead() throws {
        let root = try parse("---\na: 1\n...\n")
        XCTAssertEqual(value(root, "a")?.scalar, "1")
    }

    func testAnAliasStandsForACopyOfItsAnchoredNode() throws {
        let root = try parse("a: &shared [x, y]\nb: *shared\n")
        let copy = try XCTUnwrap(value(root, "b"))
        XCTAssertEqual(copy.sequence?.compactMap(\.scalar), ["x", "y"])
        XCTAssertEqual(position(copy.location), [1, 4], "the copy is where the anchored node is")
    }

    func testAnAliasUsedAsAKeyIsTheAnchoredText() throws {
        let root = try parse("a: &name null\n*name : 1\n")
        XCTAssertEqual(root.mapEntries?.map(\.key), ["a", "null"])
    }

    func testAnUndefinedAliasIsAnError() throws {
        let diagnostic = try XCTUnwrap(failure("a: 1\nb: *missing\n"))
        XCTAssertEqual(diagnostic.message, "this is not valid YAML: found undefined alias")
        XCTAssertEqual(position(diagnostic.location), [2, 4])
    }

    func testANulInsideADoubleQuotedTextIsKept() throws {
        let root = try parse("a: \"before\\0after\"\n")
        XCTAssertEqual(value(root, "a")?.scalar, "before\u{0}after")
    }

    func testEscapesAreDecodedAndALeadingByteOrderMarkIsDropped() throws {
        let root = try parse("a: \"\\u00e9\\U0001F600\"\nb: \"\\uFEFFyes\"\n")
        XCTAssertEqual(value(root, "a")?.scalar, "é😀")
        XCTAssertEqual(value(root, "b")?.scalar, "yes")
    }

    func testAControlCharacterIsAReadingError() throws {
        let diagnostic = try XCTUnwrap(failure("a: x\u{1}y\n"))
        XCTAssertEqual(diagnostic.message, "this file could not be read: control characters are not allowed (is it saved as UTF-8?)")
        XCTAssertEqual(position(diagnostic.location), [1, 1])
    }

    // MARK: Through the loader

    private func load(_ bytes: [UInt8]) -> LoadResult {
        QuestionnaireLoader.load(files: [SourceFile(relativePath: "q.yaml", bytes: bytes)], displayRoot: "q.yaml", sourcePath: "q.yaml")
    }

    private static let smallQuestionnaire = """
        format: 1
        id: tiny
        version: "1"
        title: Tiny
        languages: [en]
        sections:
          - id: s
            title: S
            items:
              - {id: q, type: text, prompt: "Name?"}

        """

    func testAByteOrderMarkAtTheStartOfAFileIsAccepted() {
        let result = load([0xEF, 0xBB, 0xBF] + Array(Self.smallQuestionnaire.utf8))
        XCTAssertNotNil(result.questionnaire, result.diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testAFileThatIsNotUTF8IsRefused() {
        let result = load(Array("format: 1\nid: caf".utf8) + [0xE9] + Array("\n".utf8))
        XCTAssertNil(result.questionnaire)
        XCTAssertEqual(result.diagnostics.map(\.description), ["q.yaml:1:1: error: this file is not UTF-8 text; save it as UTF-8"])
    }

    func testASyntaxErrorInTheFileIsTheOnlyDiagnostic() {
        let result = load(Array(Self.smallQuestionnaire.replacingOccurrences(of: "  - id: s", with: "  - id: s\n\t").utf8))
        XCTAssertNil(result.questionnaire)
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertTrue(result.diagnostics[0].message.hasPrefix("this is not valid YAML: "), result.diagnostics[0].message)
    }
}
