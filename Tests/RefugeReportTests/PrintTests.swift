import Foundation
import RefugeEngine
import RefugeReport
import XCTest

/// The HTML report of a long credible-fear session, printed to PDF by a real headless
/// Chromium: it must print, page after page, with the running header and page numbers. When
/// Chromium is not installed the print check is left out with a note (the HTML checks still run).
final class PrintTests: XCTestCase {
    func testCredibleFearReportPrintsInChromium() throws {
        let q = try ReportFixtures.shipped("credible-fear")
        var filler = SessionFiller()
        let session = try ReportFixtures.session(q, language: "ru", label: "A-2026-0117 «Смирнов»") { interview in
            try filler.fill(&interview)
        }
        let report = ReportFixtures.report(session, q)
        XCTAssertGreaterThan(report.answers.count, 80, "a credible-fear-sized session")
        let html = ReportWriter.render(report, format: .html)
        for external in ["<script", "<link", "src=", "url(", "@import", "http://", "https://"] {
            XCTAssertFalse(html.contains(external), "self-contained: no \(external)")
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-report-print")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("credible-fear.html")
        let pdf = folder.appendingPathComponent("credible-fear.pdf")
        try Data(html.utf8).write(to: page)

        guard let chromium = Self.executable(["chromium", "chromium-browser", "google-chrome"]) else {
            print("note: Chromium is not installed; the HTML report was not printed (install chromium to run this check).")
            return
        }
        let status = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                             "--print-to-pdf=\(pdf.path)", page.absoluteString], timeout: 120)
        XCTAssertEqual(status, 0)
        let bytes = try Data(contentsOf: pdf)
        XCTAssertEqual(String(decoding: bytes.prefix(5), as: UTF8.self), "%PDF-")

        guard let pdftotext = Self.executable(["pdftotext"]) else {
            print("note: pdftotext (poppler-utils) is not installed; the printed pages were not read.")
            return
        }
        let textFile = folder.appendingPathComponent("credible-fear.txt")
        XCTAssertEqual(try Self.run(pdftotext, ["-layout", pdf.path, textFile.path], timeout: 60), 0)
        let pages = try String(contentsOf: textFile, encoding: .utf8).components(separatedBy: "\u{0C}").filter { !$0.isEmpty }
        XCTAssertGreaterThan(pages.count, 5, "a long session prints on many pages")
        for (index, text) in pages.enumerated() {
            XCTAssertTrue(text.contains("Confidential"), "page \(index + 1) has the running header")
            XCTAssertTrue(text.contains("A-2026-0117"), "page \(index + 1) names the client")
            XCTAssertTrue(text.contains("Page \(index + 1) / \(pages.count)"), "page \(index + 1) is numbered")
        }
        if let pdftoppm = Self.executable(["pdftoppm"]) {
            _ = try Self.run(pdftoppm, ["-png", "-r", "60", "-f", "1", "-l", "3", pdf.path, folder.appendingPathComponent("page").path], timeout: 60)
        }
        print("note: printed report in \(folder.path)")
    }

    static func executable(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs a program, its output discarded, killed when it outlives `timeout` seconds.
    /// Runs `program`, its standard output into `output` (or nowhere), and returns its exit status.
    static func run(_ program: String, _ arguments: [String], timeout: TimeInterval, output: URL? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let output {
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: output)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return -1
        }
        return process.terminationStatus
    }
}
