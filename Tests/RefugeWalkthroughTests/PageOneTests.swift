import Foundation
import RefugeReport
import XCTest

/// Page one of the report, the claim at a glance, of each walkthrough client: it holds the
/// claim's elements, the flags, the points to clarify, the follow-ups and the unanswered
/// required questions, and printed by a real headless Chromium it fits on the first page (the
/// details start on the second). Without Chromium and pdftotext the print is left out with a note.
extension WalkthroughTests {
    func testPageOneOfEveryWalkthroughClientFitsOnOnePrintedPage() throws {
        let clients: [(story: [String: Said], id: String, language: String)] = [
            (Stories.mobilizedRussian, "walk-ru-p1", "ru"), (Stories.threatenedHonduran, "walk-es-p1", "es"),
            (Stories.priorRemoval, "walk-en-p1", "en"),
        ]
        let chromium = Self.executable(["chromium", "chromium-browser", "google-chrome"])
        let pdftotext = Self.executable(["pdftotext"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-page-one-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for client in clients {
            let (h, _) = try walk(client.story, id: client.id, language: client.language, interviewerLanguage: "en")
            defer { h.close() }
            let html = try h.report(.html)
            let pageOne = try XCTUnwrap(html.components(separatedBy: "<nav class=\"toc\">").first)
            for part in ["The claim at a glance", "Legal flags", "Points to clarify", "Follow-up", "Required questions without an answer"] {
                XCTAssertTrue(pageOne.contains(part), "\(client.id): page one has \(part)")
            }
            XCTAssertTrue(pageOne.contains("<dt>Past harm</dt>") || pageOne.contains("<dt>Feared harm</dt>"), client.id)

            guard let chromium, let pdftotext else {
                print("note: Chromium or pdftotext is not installed; page one was not printed.")
                continue
            }
            let page = folder.appendingPathComponent("\(client.id).html"), pdf = folder.appendingPathComponent("\(client.id).pdf")
            try Data(html.utf8).write(to: page)
            XCTAssertEqual(try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                   "--print-to-pdf=\(pdf.path)", page.absoluteString]), 0)
            let text = folder.appendingPathComponent("\(client.id).txt")
            XCTAssertEqual(try Self.run(pdftotext, ["-f", "1", "-l", "2", pdf.path, text.path]), 0)
            let pages = try String(contentsOf: text, encoding: .utf8).components(separatedBy: "\u{0C}")
            let first = pages[0].split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            XCTAssertTrue(first.contains("Required questions without an answer"), "\(client.id): page one ends on the first page:\n\(pages[0])")
            XCTAssertFalse(pages.count > 1 && pages[1].contains("Points to clarify"), "\(client.id): nothing of page one on page two")
            XCTAssertTrue(pages.count > 1 && pages[1].contains("Contents"), "\(client.id): the contents start page two")
        }
    }

    static func executable(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in names where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }

    static func run(_ program: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate(); process.waitUntilExit(); return -1 }
        return process.terminationStatus
    }
}
