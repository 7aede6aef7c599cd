import Foundation
import XCTest

/// `refuge list` and `refuge questionnaires`, as tables and as JSON, and `report -o -`.
final class ListingCommandTests: XCTestCase {
    var refuge: RefugeBinary!

    override func setUpWithError() throws { refuge = try RefugeBinary() }
    override func tearDown() { refuge.cleanUp() }

    private func jsonArray(_ text: String) throws -> [[String: Any]] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], text)
    }

    func testListJSONHasTheDocumentedFields() throws {
        XCTAssertEqual(try jsonArray(refuge.run(["list", "--json"]).stdout).count, 0, "no sessions: an empty array, not a sentence")
        let open = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "A-1", "--language", "es"])
        XCTAssertEqual(try refuge.run(["answer", open, "full_name", "Ana"]).status, 0)
        Thread.sleep(forTimeInterval: 1.1)   // times are kept to the second: "newest" needs a later second
        let locked = try refuge.newSession(["--questionnaire", "example-intake", "--label", "B-2"], environment: ["REFUGE_PASSPHRASE": "pass phrase here"])
        try Data("not a session".utf8).write(to: refuge.sessionsFolder.appendingPathComponent("zz-broken.refuge"))

        let r = try refuge.run(["list", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try jsonArray(r.stdout)
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows.prefix(2).compactMap { $0["id"] as? String }, [locked, open], "newest first")
        let a = try XCTUnwrap(rows.first { $0["id"] as? String == open })
        XCTAssertEqual(a["label"] as? String, "A-1")
        XCTAssertEqual(a["readable"] as? Bool, true)
        XCTAssertEqual(a["protected"] as? Bool, false)
        XCTAssertEqual((a["questionnaire"] as? [String: Any])?["id"] as? String, "example-intake")
        XCTAssertEqual((a["questionnaire"] as? [String: Any])?["version"] as? String, "2026.11")
        XCTAssertEqual(a["language"] as? String, "es")
        XCTAssertEqual(a["interviewer_language"] as? String, "en")
        XCTAssertEqual((a["progress"] as? [String: Any])?["answered"] as? Int, 1)
        XCTAssertGreaterThan((a["progress"] as? [String: Any])?["total"] as? Int ?? 0, 1)
        for key in ["created", "updated"] {
            XCTAssertNotNil((a[key] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }, "\(key): \(a[key] ?? "none")")
        }
        XCTAssertTrue((a["path"] as? String)?.hasSuffix("/\(open).refuge") ?? false)
        XCTAssertNotNil(a["saved_with"] as? String)
        XCTAssertEqual(rows.first { $0["id"] as? String == locked }?["protected"] as? Bool, true)
        let broken = try XCTUnwrap(rows.first { $0["id"] as? String == "zz-broken" })
        XCTAssertEqual(broken["readable"] as? Bool, false)
        XCTAssertNotNil(broken["problem"] as? String)
        XCTAssertFalse(r.stdout.contains("Ana"), "no answer is ever listed")
    }

    func testQuestionnairesJSONListsValidAndBrokenOnes() throws {
        let mine = refuge.home.appendingPathComponent("questionnaires")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try "format: 1\nid: broken\n".write(to: mine.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let r = try refuge.run(["questionnaires", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try jsonArray(r.stdout)
        let example = try XCTUnwrap(rows.first { $0["id"] as? String == "example-intake" }, r.stdout)
        XCTAssertEqual(example["version"] as? String, "2026.11")
        XCTAssertEqual(example["languages"] as? [String], ["en", "es"])
        XCTAssertEqual(example["title"] as? String, "Short asylum intake (example)")
        XCTAssertEqual(example["origin"] as? String, "shipped")
        XCTAssertEqual(example["valid"] as? Bool, true)
        XCTAssertEqual(example["errors"] as? Int, 0)
        XCTAssertNotNil(example["warnings"] as? Int)
        XCTAssertTrue(FileManager.default.fileExists(atPath: example["path"] as? String ?? "/nonexistent"))
        XCTAssertEqual(Set(rows.compactMap { $0["id"] as? String }).isSuperset(of: ["credible-fear", "intake", "example-intake"]), true)
        let broken = try XCTUnwrap(rows.first { ($0["path"] as? String)?.hasSuffix("broken.yaml") ?? false })
        XCTAssertEqual(broken["valid"] as? Bool, false)
        XCTAssertEqual(broken["origin"] as? String, "user")
        XCTAssertNil(broken["id"])
        XCTAssertGreaterThan(broken["errors"] as? Int ?? 0, 0)
    }

    /// Columns are padded by display width: a label in Chinese characters (two columns each)
    /// keeps the next column where it is in the other rows.
    func testPlainListKeepsColumnsAlignedWithWideCharacters() throws {
        _ = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "案件-七号"])
        _ = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "B-12"])
        _ = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "Łódź-é́"])
        let lines = try refuge.run(["list"]).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, lines.joined(separator: "\n"))
        let columns = lines.map { line -> Int? in
            let marker = line.hasPrefix("ID") ? "QUESTIONNAIRE" : "example-intake"
            return line.range(of: marker).map { Self.displayWidth(String(line[..<$0.lowerBound])) }
        }
        XCTAssertEqual(Set(columns.compactMap { $0 }).count, 1, "the questionnaire column moves:\n\(lines.joined(separator: "\n"))")
        XCTAssertEqual(columns.compactMap { $0 }.count, 4)
    }

    /// East Asian wide ranges as two columns, combining marks as none: enough for this test's labels.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, s in
            switch s.value {
            case 0x0300...0x036F: return sum
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF: return sum + 2
            default: return sum + 1
            }
        }
    }

    func testReportToDashGoesToStandardOutput() throws {
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "R-1"])
        XCTAssertEqual(try refuge.run(["answer", id, "full_name", "Ana Pérez"]).status, 0)
        let dash = try refuge.run(["report", id, "--format", "json", "-o", "-"])
        XCTAssertEqual(dash.status, 0, dash.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(dash.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((object["session"] as? [String: Any])?["label"] as? String, "R-1")
        XCTAssertFalse(FileManager.default.fileExists(atPath: RefugeBinary.packageRoot.appendingPathComponent("-").path), "no file named -")
        XCTAssertFalse(dash.stderr.contains("written to"), dash.stderr)
    }

    /// A report written to a file holds exactly what `-o -` prints, private to its owner; a
    /// draft declaration, which may be a binary document, is written whole too.
    private func withoutReportMadeLine(_ report: String) -> String {
        report.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("Report made:") }
            .joined(separator: "\n")
    }

    func testReportFileMatchesStandardOutputAndDeclarationIsWholeDocument() throws {
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "R-2"])
        XCTAssertEqual(try refuge.run(["answer", id, "full_name", "Ana Pérez 安娜"]).status, 0)
        let file = refuge.home.appendingPathComponent("out/report.txt")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let written = try refuge.run(["report", id, "--format", "text", "-o", file.path])
        XCTAssertEqual(written.status, 0, written.stderr)
        let dash = try refuge.run(["report", id, "--format", "text", "-o", "-"])
        XCTAssertEqual(dash.status, 0, dash.stderr)
        XCTAssertTrue(dash.stdout.contains("Ana Pérez 安娜"), dash.stdout)
        // The two runs may fall either side of a second, so the "Report made" line is the one
        // line allowed to differ.
        XCTAssertEqual(withoutReportMadeLine(try String(contentsOf: file, encoding: .utf8)),
                       withoutReportMadeLine(dash.stdout))
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o600)

        let fear = try refuge.newSession(["--questionnaire", "credible-fear", "--no-passphrase", "--label", "D-1"])
        let docx = refuge.home.appendingPathComponent("out/declaration.docx")
        let declared = try refuge.run(["report", fear, "--declaration", "--format", "docx", "-o", docx.path])
        XCTAssertEqual(declared.status, 0, declared.stderr)
        let bytes = try Data(contentsOf: docx)
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4B, 0x03, 0x04], "a ZIP document")
        // The ZIP's end record is the last 22 bytes of a file without a comment: nothing was cut.
        XCTAssertEqual(Array(bytes.suffix(22).prefix(4)), [0x50, 0x4B, 0x05, 0x06])
        let markdown = try refuge.run(["report", fear, "--declaration", "--format", "markdown", "-o", "-"])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        XCTAssertTrue(markdown.stdout.hasPrefix("#") || markdown.stdout.contains("\n#"), markdown.stdout)
    }
}
