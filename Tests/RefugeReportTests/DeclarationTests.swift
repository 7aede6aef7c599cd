import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The draft declaration: first person, numbered, chronological, in English from the
/// interpreter's translations, redacted like the report; and its DOCX package.
final class DeclarationTests: XCTestCase {
    static let yaml = """
    format: 1
    id: story
    version: "1"
    title: {en: Story, es: Historia}
    languages: [en, es]
    sections:
      - id: main
        title: Main
        items:
          - {id: name, type: text, prompt: "Name?", identifying: Client}
          - {id: country, type: choice, prompt: "Country?", choices: [{value: HN, label: {en: Honduras, es: Honduras}}]}
          - {id: left, type: date, precision: month, prompt: "When did you leave?"}
          - {id: why, type: longtext, prompt: "Why?"}
          - {id: secret, type: longtext, prompt: "Secret?", sensitive: true}
          - id: incidents
            type: repeat
            prompt: "Incidents"
            items:
              - {id: when, type: date, prompt: "When?"}
              - {id: place, type: text, prompt: "Where?"}
              - {id: what, type: longtext, prompt: "What happened?"}
          - {id: missing, type: text, prompt: "Never answered"}
    declaration:
      title: "Declaration of {{name}}"
      paragraphs:
        - id: identity
          text: "My name is {{name}}. I am a citizen of {{country}}."
        - id: harm
          items: [incidents]
          entry_text: "On or about {{when}}, in {{place}}, this happened."
        - id: leaving
          text: "I left my country in {{left}}."
          items: [why, secret]
        - id: never
          text: "I also said {{missing}}."
    """

    func session(language: String = "es") throws -> (Session, Questionnaire) {
        let q = try ReportFixtures.inline(Self.yaml)
        let s = try ReportFixtures.session(q, language: language) { i in
            i.update(AnswerRef("name")) { $0 = .answered(.text("Ana López")) }
            i.update(AnswerRef("country")) { $0 = .answered(.choice("HN")) }
            i.update(AnswerRef("left")) { $0 = .answered(.date(PartialDate(year: 2023, month: 2, approximate: true))) }
            i.update(AnswerRef("why")) { $0 = .answered(.text("Me amenazaron de muerte.")) }
            i.update(AnswerRef("secret")) {
                $0 = .answered(.text("Trabajé para ellos."))
                $0.translation = "I worked for them."
            }
            // Told out of order: the later incident first.
            let later = try i.addEntry(to: "incidents")
            i.update(AnswerRef(field: "when", of: "incidents", entry: later)) { $0 = .answered(.date(PartialDate(year: 2022, month: 11, day: 3))) }
            i.update(AnswerRef(field: "place", of: "incidents", entry: later)) { $0 = .answered(.text("San Pedro Sula")) }
            i.update(AnswerRef(field: "what", of: "incidents", entry: later)) {
                $0 = .answered(.text("Me golpearon."))
                $0.translation = "They beat me."
            }
            let earlier = try i.addEntry(to: "incidents")
            i.update(AnswerRef(field: "when", of: "incidents", entry: earlier)) { $0 = .answered(.date(PartialDate(year: 2022, month: 6))) }
            i.update(AnswerRef(field: "place", of: "incidents", entry: earlier)) { $0 = .answered(.text("Tegucigalpa")) }
            i.update(AnswerRef(field: "what", of: "incidents", entry: earlier)) {
                $0 = .answered(.text("Me exigieron dinero."))
                $0.translation = "They demanded money."
            }
            i.update(AnswerRef("incidents")) { $0.status = .answered }
        }
        return (s, q)
    }

    func declaration(_ s: Session, _ q: Questionnaire, redaction: Redaction = .none) throws -> Declaration {
        try XCTUnwrap(DeclarationBuilder.build(session: s, questionnaire: q,
                                               options: ReportOptions(redaction: redaction, programVersion: ReportFixtures.programVersion,
                                                                      now: ReportFixtures.now)))
    }

    func testParagraphsAreNumberedChronologicalEnglishAndMarkWhatNeedsTranslation() throws {
        let (s, q) = try session()
        let d = try declaration(s, q)
        XCTAssertEqual(d.title, "Declaration of Ana López")
        XCTAssertEqual(d.clientLanguageName, "Spanish")
        XCTAssertEqual(d.paragraphs, [
            [.text("My name is Ana López. I am a citizen of Honduras.")],
            [.text("On or about June 2022, in Tegucigalpa, this happened."), .text("They demanded money.")],
            [.text("On or about 3 November 2022, in San Pedro Sula, this happened."), .text("They beat me.")],
            [.text("I left my country in about February 2023."), .needsTranslation(original: "Me amenazaron de muerte."),
             .text("I worked for them.")],
        ], "incidents by date, the sentence naming an unanswered question left out")
        let text = DeclarationRenderer.text(d)
        XCTAssertTrue(text.contains("\n1.   My name is Ana López."), text)
        let folded = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertTrue(folded.contains("[translation needed] Me amenazaron de muerte."), text)
        XCTAssertTrue(text.contains("CERTIFICATE OF INTERPRETATION"))
        XCTAssertTrue(text.contains("between Spanish and English"))
        XCTAssertTrue(text.contains("Signature of the declarant"))
        let markdown = DeclarationRenderer.markdown(d)
        XCTAssertTrue(markdown.contains("\n4\\. I left my country") || markdown.contains("\n4. I left my country"))
        XCTAssertFalse(markdown.contains("\\\n"), "no backslash line breaks")
        // An English-speaking client needs no interpreter's certificate.
        let (english, _) = try session(language: "en")
        XCTAssertNil(try declaration(english, q).clientLanguageName)
        XCTAssertFalse(DeclarationRenderer.text(try declaration(english, q)).contains("CERTIFICATE"))
    }

    func testRedactionAppliesToTheDeclaration() throws {
        let (s, q) = try session()
        let sensitive = try declaration(s, q, redaction: .sensitive)
        let identity = try declaration(s, q, redaction: .identity)
        for d in [sensitive, identity] {
            for format in [DeclarationRenderer.text(d), DeclarationRenderer.markdown(d), DeclarationRenderer.html(d)] {
                XCTAssertFalse(format.contains("worked for them"))
                XCTAssertFalse(format.contains("Trabajé"))
            }
        }
        XCTAssertEqual(identity.title, "Declaration of [Client]")
        let text = DeclarationRenderer.text(identity)
        XCTAssertFalse(text.contains("Ana") || text.contains("López"), text)
        XCTAssertFalse(text.contains("A-2026-0117"))
    }

    func testDOCXIsAZipWithTheWordprocessingMLParts() throws {
        let (s, q) = try session()
        let d = try declaration(s, q)
        let data = try DOCXWriter.data(d, at: ReportFixtures.now)
        XCTAssertEqual(Array(data.prefix(2)), [0x50, 0x4B], "a zip file")
        XCTAssertEqual(try DOCXWriter.data(d, at: ReportFixtures.now), data, "the same declaration gives the same bytes")
        let archive = try Archive(data: data, accessMode: .read)
        let names = Set(archive.map(\.path))
        XCTAssertEqual(names, ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"])
        var xml = Data()
        _ = try archive.extract(try XCTUnwrap(archive["word/document.xml"])) { xml.append($0) }
        let document = String(decoding: xml, as: UTF8.self)
        XCTAssertTrue(document.contains("<w:t xml:space=\"preserve\">4.</w:t>"))
        XCTAssertTrue(document.contains("<w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">[translation needed]</w:t>"))
        // The XML parses.
        let parser = XMLParser(data: xml)
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
    }

    /// A real reader of Word files, python-docx, opens the package and finds the paragraphs
    /// (left out with a note where python-docx is not installed: `pip install python-docx`).
    func testPythonDocxOpensTheDeclaration() throws {
        let (s, q) = try session()
        let data = try DOCXWriter.data(try declaration(s, q), at: ReportFixtures.now)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-docx-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("declaration.docx")
        try data.write(to: file)
        guard let python = PrintTests.executable(["python3"]) else { return print("note: python3 is not installed.") }
        let script = """
        sys = __import__("sys")
        try:
            docx = __import__("docx")
        except ImportError:
            print("NO-DOCX"); sys.exit(0)
        d = docx.Document(sys.argv[1])
        for p in d.paragraphs:
            print(p.style.name + "|" + p.text.replace("\\n", " ").replace("\\t", " "))
        """
        let out = folder.appendingPathComponent("out.txt")
        let status = try PrintTests.run(python, ["-c", script, file.path], timeout: 60, output: out)
        XCTAssertEqual(status, 0)
        let text = try String(contentsOf: out, encoding: .utf8)
        if text.hasPrefix("NO-DOCX") { return print("note: python-docx is not installed; the DOCX was not opened.") }
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first { $0.hasPrefix("Title|") }, "Title|Declaration of Ana López")
        XCTAssertEqual(lines.filter { $0.hasPrefix("Numbered paragraph|") }.count, 4, text)
        XCTAssertTrue(lines.contains("Numbered paragraph|1. My name is Ana López. I am a citizen of Honduras."), text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Heading 1|Certificate of interpretation") }, text)
    }
}
