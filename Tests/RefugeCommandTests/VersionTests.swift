import Foundation
import XCTest

/// `refuge --version`, the version in `--help` and in session files, and how the commit gets
/// into the program (`packaging/build-commit.sh`, with and without git).
final class VersionTests: XCTestCase {
    /// `0.9.0 (commit 0123456789ab)`, possibly `with local changes`, or `commit unknown`.
    private let versionLine = #"^refuge \d+\.\d+\.\d+ \((commit [0-9a-f]{12}( with local changes)?|commit unknown: built without git)\)$"#

    func testVersionNamesTheReleaseAndTheCommitBuiltFrom() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let r = try refuge.run(["--version"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let line = r.stdout.trimmingCharacters(in: .newlines)
        XCTAssertNotNil(line.range(of: versionLine, options: .regularExpression), line)
        // Built from this checkout: the commit is the one HEAD names.
        if let head = try? git(["rev-parse", "--short=12", "HEAD"]) {
            XCTAssertTrue(line.contains("commit \(head)"), "\(line) is not HEAD \(head)")
        }
        let help = try refuge.run(["--help"])
        XCTAssertTrue(help.stdout.contains(String(line.dropFirst("refuge ".count))), help.stdout)
    }

    func testSessionFilesRecordTheVersion() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let version = String(try refuge.run(["--version"]).stdout.trimmingCharacters(in: .newlines).dropFirst("refuge ".count))
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        XCTAssertEqual(try refuge.run(["answer", id, "full_name", "Ana"]).status, 0)
        let file = try refuge.sessionJSON(id)
        let header = try XCTUnwrap(file["header"] as? [String: Any], "\(file.keys)")
        XCTAssertEqual(header["created_with"] as? String, version)
        XCTAssertEqual(header["saved_with"] as? String, version)
        let session = try XCTUnwrap((file["body"] as? [String: Any])?["session"] as? [String: Any])
        XCTAssertEqual(session["created_with"] as? String, version)
        // (Files from before sessions recorded versions: SessionVersionTests.)
    }

    func testTheCommitComesFromGitOrFromAnArchiveAndOtherwiseSaysUnknown() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-commit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("packaging"), withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("out/BuildCommit.swift")
        func generate() throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [RefugeBinary.packageRoot.appendingPathComponent("packaging/build-commit.sh").path, folder.path, output.path]
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0)
            return try String(contentsOf: output, encoding: .utf8)
        }
        // A tarball of unknown origin: no .git, the placeholder `git archive` did not fill in.
        try "$Format:%H$\n".write(to: folder.appendingPathComponent("packaging/commit"), atomically: true, encoding: .utf8)
        XCTAssertTrue(try generate().contains("static let hash: String? = nil"))
        // A tarball made by `git archive`: the commit it was made from.
        try "0123456789abcdef0123456789abcdef01234567\n".write(to: folder.appendingPathComponent("packaging/commit"), atomically: true, encoding: .utf8)
        let written = try generate()
        XCTAssertTrue(written.contains(#"static let hash: String? = "0123456789ab""#), written)
        // Unchanged: the file is not rewritten, so nothing is recompiled.
        let before = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 1.1)
        _ = try generate()
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date, before)
    }

    private func git(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", RefugeBinary.packageRoot.path] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
