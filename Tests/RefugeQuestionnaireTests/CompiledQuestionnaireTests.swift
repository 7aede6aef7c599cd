import Foundation
import RefugeEngine
import RefugeExpressions
@testable import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import RefugeSynthetic
import XCTest

/// The compiled form of a questionnaire (issue 19's cache) gives back exactly the questionnaire
/// the loader built: every stored member, private ones and the compiled expression trees and
/// patterns included, for every shipped questionnaire and a generated one of 1,000 items; and
/// reports rendered from either are the same bytes.
final class CompiledQuestionnaireTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func shipped() throws -> [Questionnaire] {
        let paths = QuestionnaireCatalog.candidates(in: Self.root.appendingPathComponent("Questionnaires").path)
        XCTAssertGreaterThanOrEqual(paths.count, 3)
        return try paths.map { try XCTUnwrap(QuestionnaireLoader.load(path: $0).questionnaire, $0) }
    }

    private func synthetic(items: Int) throws -> Questionnaire {
        let yaml = SyntheticQuestionnaire.yaml(items: items)
        let result = QuestionnaireLoader.load(files: [SourceFile(relativePath: "synthetic.yaml", bytes: Array(yaml.utf8))],
                                              displayRoot: "synthetic.yaml", sourcePath: "synthetic.yaml")
        return try XCTUnwrap(result.questionnaire, "\(result.errors)")
    }

    private func roundTrip(_ q: Questionnaire) throws -> Questionnaire {
        try CompiledQuestionnaire.questionnaire(from: CompiledQuestionnaire.bytes(of: q), contentHash: q.contentHash,
                                                sourcePath: q.sourcePath, sourceFiles: q.sourceFiles)
    }

    func testEveryShippedQuestionnaireReadsBackEqual() throws {
        for q in try shipped() {
            let back = try roundTrip(q)
            let (a, b) = (DeepForm.of(q), DeepForm.of(back))
            XCTAssertEqual(a.count, b.count, q.id)
            XCTAssertTrue(a == b, "\(q.id): first difference at \(DeepForm.firstDifference(a, b))")
            XCTAssertEqual(CompiledQuestionnaire.bytes(of: back), CompiledQuestionnaire.bytes(of: q), q.id)
        }
    }

    func testAThousandItemQuestionnaireReadsBackEqual() throws {
        let q = try synthetic(items: 1_000)
        let back = try roundTrip(q)
        let (a, b) = (DeepForm.of(q), DeepForm.of(back))
        XCTAssertTrue(a == b, "first difference at \(DeepForm.firstDifference(a, b))")
        XCTAssertEqual(back.allItems.count, q.allItems.count)
    }

    /// A text is written once and then by number: two texts that String's `==` takes for the
    /// same (a precomposed "é" and "e" with a combining accent) must both come back byte for byte.
    func testCanonicallyEqualTextsKeepTheirOwnBytes() throws {
        var q = try XCTUnwrap(try shipped().first { $0.id == "credible-fear" })
        let composed = "Caf\u{E9} con leche", decomposed = "Cafe\u{301} con leche"
        XCTAssertEqual(composed, decomposed, "String's == sees them as one text")
        q.title = LocalizedText(["en": composed], location: q.title.location)
        q.description = LocalizedText(["en": decomposed], location: q.title.location)
        let back = try roundTrip(q)
        XCTAssertEqual(Array(try XCTUnwrap(back.title.translations["en"]).utf8), Array(composed.utf8))
        XCTAssertEqual(Array(try XCTUnwrap(back.description?.translations["en"]).utf8), Array(decomposed.utf8))
        let entry = CompiledEntry.bytes(of: q, program: "p")
        let fromEntry = try XCTUnwrap(CompiledEntry.questionnaire(from: entry, program: "p", sourcePath: q.sourcePath,
                                                                   contentHash: q.contentHash, sourceFiles: q.sourceFiles))
        XCTAssertEqual(Array(try XCTUnwrap(fromEntry.description?.translations["en"]).utf8), Array(decomposed.utf8))
    }

    /// The deep form must see a difference, or the tests above could not fail.
    func testTheDeepFormSeesAChangedMember() throws {
        let q = try XCTUnwrap(try shipped().first { $0.id == "credible-fear" })
        var changed = q
        changed.checks[changed.checks.count - 1].severity = changed.checks.last!.severity == .error ? .warning : .error
        XCTAssertNotEqual(DeepForm.of(q), DeepForm.of(changed))
        let form = DeepForm.of(q)
        XCTAssertTrue(form.contains { $0.contains(".root") && $0.contains("question") }, "expression trees are compared")
        // A pattern read back is compiled at its first use, so patterns are compared by their
        // source (`WholeTextPattern.customMirror`); BoundedRegexTests holds the two to the same answers.
        XCTAssertTrue(form.contains { $0.contains("pattern?.pattern.source") }, "patterns are compared")
    }

    func testReportsFromTheCompiledFormAreTheSameBytes() throws {
        var cases: [(Session, Questionnaire)] = []
        for q in try shipped() + [try synthetic(items: 1_000)] {
            cases.append((Session(id: "s-compiled", label: "C-1",
                                  questionnaire: QuestionnaireRef(id: q.id, version: q.version, sha256: q.contentHash, path: q.sourcePath),
                                  language: q.languages.last!, interviewerLanguage: q.defaultLanguage,
                                  created: Date(timeIntervalSince1970: 1_790_000_000),
                                  interviewDate: PartialDate(year: 2026, month: 11, day: 29)), q))
        }
        // One with answers: a repeat entry, a translation, a note, a date.
        var (answered, intake) = cases.first { $0.1.id == "example-intake" }!
        var interview = Interview(questionnaire: intake, today: PartialDate(year: 2026, month: 11, day: 29))
        interview.update(AnswerRef("full_name")) { $0 = .answered(.text("Dilnoza K.")) }
        interview.update(AnswerRef("left_country_date")) { $0 = .answered(.date(PartialDate(year: 2024, month: 6))) }
        interview.update(AnswerRef("family_with_you")) { $0 = .answered(.choice("yes")) }
        let entry = try interview.addEntry(to: "family")
        interview.update(AnswerRef(field: "family_name", of: "family", entry: entry)) { $0 = .answered(.text("Timur")) }
        interview.update(AnswerRef("why_left")) { $0 = .answered(.text("Ular meni qo‘rqitishdi.")); $0.translation = "They frightened me."; $0.note = "Dates?" }
        answered.answers = interview.answers
        cases.append((answered, intake))
        for (session, q) in cases {
            let back = try roundTrip(q)
            let options = ReportOptions(notes: true, now: Date(timeIntervalSince1970: 1_790_000_200))
            for format in ReportFormat.allCases {
                let a = ReportWriter.render(session: session, questionnaire: q, format: format, options: options)
                let b = ReportWriter.render(session: session, questionnaire: back, format: format, options: options)
                XCTAssertEqual(a, b, "\(q.id) \(format)")
            }
            let today = PartialDate(year: 2026, month: 11, day: 29)
            let walk = Interview(questionnaire: q, answers: session.answers, today: today)
            let walkBack = Interview(questionnaire: back, answers: session.answers, today: today)
            XCTAssertEqual(DeepForm.of(walk.path), DeepForm.of(walkBack.path), q.id)
            XCTAssertTrue(walk.progress == walkBack.progress, q.id)
        }
    }

    /// Bytes that are cut short, or have a byte changed, never crash the reader: each either
    /// throws or gives some questionnaire (the entry's checksum, tested with the cache, refuses
    /// those before they are read).
    func testCutOrDamagedBytesNeverCrash() throws {
        let q = try XCTUnwrap(try shipped().first { $0.id == "example-intake" })
        let bytes = CompiledQuestionnaire.bytes(of: q)
        var refused = 0
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            if (try? CompiledQuestionnaire.questionnaire(from: Array(bytes[..<cut]), contentHash: "", sourcePath: "", sourceFiles: [])) == nil {
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, 250, "a cut entry is refused")
        var generator = SyntheticQuestionnaire.Random(seed: 19)
        for _ in 0..<400 {
            var damaged = bytes
            damaged[generator.below(damaged.count)] = UInt8(truncatingIfNeeded: generator.next())
            _ = try? CompiledQuestionnaire.questionnaire(from: damaged, contentHash: "", sourcePath: "", sourceFiles: [])
        }
    }

    /// Reminds whoever changes the model to change the compiled form and its format version:
    /// these counts are the stored members the compiled form writes.
    func testTheModelHasTheMembersTheCompiledFormWrites() throws {
        let q = try XCTUnwrap(try shipped().first { $0.id == "credible-fear" })
        let item = try XCTUnwrap(q.allItems.first)
        // Since issue 19's sixth session the members most items leave empty are out of line
        // (`Item.rare`): counted with the item's own, the reference to them left out.
        XCTAssertEqual(Mirror(reflecting: item).children.count - 1 + Mirror(reflecting: item.rare).children.count, 38,
                       "Item's members changed: write them in CompiledQuestionnaire.swift and raise formatVersion")
        // 15 since issue 19's sixth session: the places and flow positions, derived from the
        // sections when built (never written), are one table instead of two.
        XCTAssertEqual(Mirror(reflecting: q).children.count, 15,
                       "Questionnaire's members changed: write them in CompiledQuestionnaire.swift and raise formatVersion")
        XCTAssertEqual(Mirror(reflecting: q.sections[0]).children.count, 6)
        XCTAssertEqual(Mirror(reflecting: q.checks[0]).children.count, 7)
        XCTAssertEqual(Mirror(reflecting: try XCTUnwrap(q.report)).children.count, 5)
        XCTAssertEqual(Mirror(reflecting: try XCTUnwrap(q.declaration)).children.count, 2)
        XCTAssertEqual(Mirror(reflecting: try XCTUnwrap(q.declaration?.paragraphs.first)).children.count, 4)
        XCTAssertEqual(Mirror(reflecting: try XCTUnwrap(q.legalData?.rules.first)).children.count, 5)
        XCTAssertEqual(Mirror(reflecting: try XCTUnwrap(q.sections[0].items.first?.choices.first ?? q.allItems.first { !$0.choices.isEmpty }?.choices.first)).children.count, 2)
        XCTAssertEqual(Mirror(reflecting: try XCTUnwrap(q.allItems.first { !$0.next.isEmpty }?.next.first)).children.count, 4)
    }
}

/// Every stored member of a value, recursively (through `Mirror`, so private members, enum
/// payloads and class instances too), as lines of text; the members of sets and dictionaries
/// sorted, since their order is not part of their value.
enum DeepForm {
    static func of(_ value: Any) -> [String] {
        var lines: [String] = []
        write(value, path: "", into: &lines)
        return lines
    }

    static func firstDifference(_ a: [String], _ b: [String]) -> String {
        for (x, y) in zip(a, b) where x != y { return "\(x)  ≠  \(y)" }
        return "lengths \(a.count) and \(b.count)"
    }

    private static func write(_ value: Any, path: String, into lines: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first { write(some.value, path: path + "?", into: &lines) } else { lines.append("\(path) = nil") }
        case .set, .dictionary:
            let members = mirror.children.map { child -> String in
                var inner: [String] = []
                write(child.value, path: "", into: &inner)
                return inner.joined(separator: "; ")
            }.sorted()
            lines.append("\(path) = \(mirror.displayStyle == .set ? "set" : "map") of \(members.count)")
            for (i, member) in members.enumerated() { lines.append("\(path)[\(i)] \(member)") }
        case .enum:
            if let payload = mirror.children.first {
                lines.append("\(path) = .\(payload.label ?? "?")")
                write(payload.value, path: path + ".\(payload.label ?? "?")", into: &lines)
            } else {
                lines.append("\(path) = \(value)")
            }
        case .struct, .class, .tuple, .collection:
            if mirror.children.isEmpty { lines.append("\(path) = \(type(of: value)) \(value)") }
            for (i, child) in mirror.children.enumerated() {
                write(child.value, path: path + "." + (child.label ?? String(i)), into: &lines)
            }
            if mirror.displayStyle == .collection { lines.append("\(path).count = \(mirror.children.count)") }
        default:
            lines.append("\(path) = \(type(of: value)) \(value)")
        }
    }
}
