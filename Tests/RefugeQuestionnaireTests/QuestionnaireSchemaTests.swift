import Foundation
@testable import RefugeQuestionnaire
import XCTest

/// `docs/questionnaire.schema.json` (the JSON Schema editors use for completion and hover help)
/// against every shipped questionnaire, the broken fixtures and the validator: they agree on
/// structure; the validator stays the authority for expressions, references and routes.
final class QuestionnaireSchemaTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemaURL = root.appendingPathComponent("docs/questionnaire.schema.json")

    private func validator() throws -> SchemaSubsetValidator {
        SchemaSubsetValidator(root: try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: Self.schemaURL)))
    }

    private func yaml(_ url: URL) throws -> JSONValue {
        let text = try String(contentsOf: url, encoding: .utf8)
        switch YAMLNode.parse(text, file: url.lastPathComponent) {
        case .success(let node): return JSONValue(yaml: node)
        case .failure(let d): throw NSError(domain: "yaml", code: 1, userInfo: [NSLocalizedDescriptionKey: d.description])
        }
    }

    /// The main file of every shipped questionnaire (a folder's translation files have their
    /// own, smaller shape, checked by the validator).
    private func shippedFiles() -> [URL] {
        QuestionnaireCatalog.candidates(in: Self.root.appendingPathComponent("Questionnaires").path).map { path in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            return URL(fileURLWithPath: isDir.boolValue ? (path as NSString).appendingPathComponent("questionnaire.yaml") : path)
        }
    }

    func testEveryShippedQuestionnaireConforms() throws {
        let schema = try validator()
        XCTAssertEqual(schema.uncheckedKeywords(), [], "keywords the tests' validator does not check")
        let files = shippedFiles()
        XCTAssertGreaterThanOrEqual(files.count, 3)
        for file in files {
            XCTAssertEqual(schema.problems(try yaml(file)), [], file.path)
        }
    }

    /// Each broken fixture: whether its fault is one of structure (the schema must reject it
    /// too) or of expressions, references and routes (the schema cannot see it; the validator
    /// alone rejects it). A new fixture must be classified here.
    static let brokenFixtures: [String: Bool] = [
        "bad-type.yaml": true, "empty-choices.yaml": true, "missing-key.yaml": true, "unknown-key.yaml": true,
        "backward-goto.yaml": false, "duplicate-id.yaml": false, "goto-into-repeat.yaml": false,
        "later-interpolation.yaml": false, "later-reference.yaml": false, "missing-default-text.yaml": false,
        "type-error.yaml": false, "unknown-choice.yaml": false, "unknown-goto.yaml": false,
        "unknown-reference.yaml": false, "unreachable.yaml": false, "wrong-arity.yaml": false,
        "block-scalar-literal.yaml": false, "block-scalar-folded.yaml": false,
    ]

    func testBrokenFixturesAreRejectedWhereTheFaultIsStructural() throws {
        let schema = try validator()
        let folder = Self.root.appendingPathComponent("Tests/RefugeQuestionnaireTests/Fixtures/broken")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        for name in names {
            let url = folder.appendingPathComponent(name)
            let loaded = QuestionnaireLoader.load(path: url.path)
            XCTAssertFalse(loaded.errors.isEmpty && loaded.warnings.isEmpty, "\(name) should be broken for the validator")
            guard let value = try? yaml(url) else {
                XCTAssertEqual(name, "yaml-syntax.yaml", "only the YAML syntax fixture should fail to parse")
                continue
            }
            guard let structural = Self.brokenFixtures[name] else { XCTFail("classify the new fixture \(name) in brokenFixtures"); continue }
            let problems = schema.problems(value)
            if structural {
                XCTAssertFalse(problems.isEmpty, "the schema accepts \(name), whose fault is structural")
            } else {
                XCTAssertEqual(problems, [], "\(name): its fault is for the validator; the schema should accept its structure")
            }
        }
    }

    /// Structural faults made on purpose from a valid questionnaire: the schema and the
    /// validator both refuse each; and a valid change both accept.
    func testSchemaAndValidatorAgreeOnStructuralFaults() throws {
        let schema = try validator()
        let base = """
        format: 1
        id: agree
        version: "1"
        title: Agree
        languages: [en, es]
        sections:
          - id: a
            title: A
            items:
              - {id: q, type: text, prompt: "Name?", x-author: kept}
              - id: people
                type: repeat
                prompt: "Who?"
                items:
                  - {id: person, type: text, prompt: "Name?"}
              - id: when
                type: date
                precision: month
                prompt: {en: "When?", es: "¿Cuándo?"}
        checks:
          - {id: c, if: "answered(q)", message: "Check", kind: flag}
        """
        let faults: [(String, String, String)] = [
            ("format 2", "format: 1", "format: 2"),
            ("an id with a capital", "id: a\n", "id: A\n"),
            ("an unknown top-level key", "title: Agree", "title: Agree\nauthor: me"),
            ("a repeat inside a repeat", "- {id: person, type: text, prompt: \"Name?\"}",
             "- {id: person, type: repeat, prompt: \"Name?\", items: [{id: inner, type: text, prompt: X}]}"),
            ("an unknown precision", "precision: month", "precision: week"),
            ("an unknown check kind", "kind: flag", "kind: alarm"),
            ("a key of another type", "x-author: kept", "choices: [{value: a, label: A}]"),
            ("a section without items", "    items:\n      - {id: q", "    itemz:\n      - {id: q"),
            ("a text that is a list", "prompt: \"Name?\", x-author", "prompt: [Name], x-author"),
            ("a reserved word as id", "{id: q,", "{id: end,"),
        ]
        let fine = try XCTUnwrap(try? JSONValue(yaml: parse(base)))
        XCTAssertEqual(schema.problems(fine), [])
        XCTAssertTrue(load(base).errors.isEmpty, "\(load(base).diagnostics)")
        for (what, old, new) in faults {
            XCTAssertTrue(base.contains(old), what)
            let text = base.replacingOccurrences(of: old, with: new)
            XCTAssertFalse(schema.problems(JSONValue(yaml: try parse(text))).isEmpty, "the schema accepts \(what)")
            XCTAssertFalse(load(text).errors.isEmpty, "the validator accepts \(what)")
        }
    }

    /// The keys the schema describes are exactly the keys the validator accepts, for every
    /// kind of item and every other map. When the validator learns a key, describe it in
    /// docs/questionnaire.schema.json (same name, under the place this test names).
    func testTheSchemaKnowsExactlyTheValidatorsKeys() throws {
        let schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: Self.schemaURL))
        func keys(_ path: [String]) -> Set<String> {
            var node = schema
            for part in path { guard case .object(let o) = node, let next = o[part] else { return [] }; node = next }
            guard case .object(let o) = node, case .object(let properties)? = o["properties"] else { return [] }
            return Set(properties.keys)
        }
        for type in ItemType.allCases {
            XCTAssertEqual(keys(["definitions", "\(type.rawValue)Item"]), Builder.allowedKeys(for: type),
                           "item type `\(type.rawValue)`: definitions.\(type.rawValue)Item.properties in docs/questionnaire.schema.json")
        }
        XCTAssertEqual(keys(["definitions", "section"]), Builder.sectionKeys, "definitions.section.properties")
        XCTAssertEqual(keys(["definitions", "check"]), Builder.checkKeys, "definitions.check.properties")
        XCTAssertEqual(keys(["definitions", "heading"]), Builder.headingKeys, "definitions.heading.properties")
        XCTAssertEqual(keys(["definitions", "summaryElement"]), Builder.summaryKeys, "definitions.summaryElement.properties")
        XCTAssertEqual(keys(["properties", "report", "properties", "timeline"]), Builder.timelineKeys, "properties.report.properties.timeline")
        XCTAssertEqual(keys(["properties", "declaration"]), Builder.declarationKeys, "properties.declaration.properties")
        XCTAssertEqual(keys(["definitions", "declarationParagraph"]), Builder.paragraphKeys, "definitions.declarationParagraph.properties")
        XCTAssertEqual(keys(["definitions", "choice"]), Builder.choiceKeys, "definitions.choice.properties")
        XCTAssertEqual(keys(["definitions", "routing", "items"]), Builder.ruleKeys, "definitions.routing.items.properties")
        // The top level: every key the validator accepts there is one the schema describes.
        let top = keys([])
        for key in ["format", "id", "version", "title", "description", "languages", "lists", "sections", "checks", "report"] {
            XCTAssertTrue(top.contains(key), "top-level `\(key)` in docs/questionnaire.schema.json")
            XCTAssertTrue(load("\(key): 1\n").diagnostics.allSatisfy { !$0.message.contains("`\(key)` is not a key") }, key)
        }
        for key in top.subtracting(["format", "id", "version", "title", "description", "languages", "lists", "sections", "checks", "report"]) {
            XCTAssertFalse(load("\(key): 1\n").diagnostics.contains { $0.message.contains("`\(key)`") && $0.message.contains("not a key") },
                           "the schema has `\(key)`; check the validator accepts it")
        }
    }

    private func parse(_ text: String) throws -> YAMLNode {
        switch YAMLNode.parse(text, file: "agree.yaml") {
        case .success(let node): return node
        case .failure(let d): throw NSError(domain: "yaml", code: 1, userInfo: [NSLocalizedDescriptionKey: d.description])
        }
    }

    private func load(_ text: String) -> LoadResult {
        QuestionnaireLoader.load(files: [SourceFile(relativePath: "agree.yaml", bytes: Array(text.utf8))], displayRoot: "agree.yaml", sourcePath: "agree.yaml")
    }
}
