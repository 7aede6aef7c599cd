import Foundation
import RefugeReport
import XCTest
import ZIPFoundation

/// The four formats of a full example-intake session, in English and in Spanish with English,
/// with and without redaction, compared with the files under Snapshots/. Set
/// REFUGE_RECORD_SNAPSHOTS=1 to rewrite them after a deliberate change (and read the diff).
final class SnapshotTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["REFUGE_RECORD_SNAPSHOTS"] == "1"

    func testExampleIntakeInEveryFormat() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        for language in ["en", "es"] {
            let session = try ReportFixtures.exampleSession(q, language: language)
            for redact in [false, true] {
                for format in ReportFormat.allCases {
                    let name = "example-intake-\(language)\(redact ? "-redacted" : "").\(format.fileExtension)"
                    let rendered = ReportFixtures.render(session, q, format, redact: redact)
                    try compare(rendered, with: name)
                }
            }
        }
    }

    func testExampleIntakeWithAuthorNotesInOneLanguage() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "es")
        try compare(ReportFixtures.render(session, q, .text, language: "es", notes: true), with: "example-intake-es-only-notes.txt")
    }

    /// The draft declaration of the example intake as text, Markdown, HTML and the DOCX's
    /// document.xml (unzipped from the package).
    func testExampleIntakeDeclaration() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "es")
        let declaration = try XCTUnwrap(DeclarationBuilder.build(
            session: session, questionnaire: q,
            options: ReportOptions(programVersion: ReportFixtures.programVersion, now: ReportFixtures.now)))
        try compare(DeclarationRenderer.text(declaration), with: "example-intake-es-declaration.txt")
        try compare(DeclarationRenderer.markdown(declaration), with: "example-intake-es-declaration.md")
        try compare(DeclarationRenderer.html(declaration), with: "example-intake-es-declaration.html")
        let docx = try DOCXWriter.data(declaration, at: ReportFixtures.now)
        let archive = try Archive(data: docx, accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try XCTUnwrap(archive["word/document.xml"])) { xml.append($0) }
        // One element a line, so that a change reads as a diff.
        let readable = String(decoding: xml, as: UTF8.self).replacingOccurrences(of: "<w:p>", with: "\n<w:p>")
        try compare(readable, with: "example-intake-es-declaration-document.xml")
    }

    private func compare(_ rendered: String, with name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = SnapshotTests.folder.appendingPathComponent(name)
        if SnapshotTests.recording {
            try FileManager.default.createDirectory(at: SnapshotTests.folder, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("No snapshot \(name); run with REFUGE_RECORD_SNAPSHOTS=1 to make it.", file: file, line: line)
            return
        }
        if rendered != expected {
            let got = rendered.components(separatedBy: "\n"), want = expected.components(separatedBy: "\n")
            let index = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            let gotLine = index < got.count ? got[index] : "<end>"
            let wantLine = index < want.count ? want[index] : "<end>"
            XCTFail("\(name) differs at line \(index + 1):\n  expected: \(wantLine)\n  rendered: \(gotLine)", file: file, line: line)
        }
    }
}
