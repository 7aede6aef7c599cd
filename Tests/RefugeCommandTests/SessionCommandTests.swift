import Foundation
import XCTest

final class SessionCommandTests: XCTestCase {
    func testProtectedSessionOpensOnlyWithItsPassphrase() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let good = ["REFUGE_PASSPHRASE": "correct horse battery"]
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--label", "B-7"], environment: good)
        XCTAssertEqual(try refuge.run(["answer", "B-7", "full_name", "Ana"], environment: good).status, 0)
        let file = refuge.sessionsFolder.appendingPathComponent("\(id).refuge")
        let bytes = try Data(contentsOf: file)
        XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains("Ana"), "answers must not be readable on disk")
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("B-7"), "the label stays in the readable header")

        let wrong = try refuge.run(["answer", id, "full_name", "Other"], environment: ["REFUGE_PASSPHRASE": "wrong"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("That passphrase does not open this session"), wrong.stderr)
        XCTAssertEqual(try Data(contentsOf: file), bytes, "a wrong passphrase leaves the file untouched")

        let list = try refuge.run(["list"])
        XCTAssertTrue(list.stdout.contains("B-7") && list.stdout.contains("yes"), list.stdout)

        let passFile = refuge.home.appendingPathComponent("pass.txt")
        try "correct horse battery\n".write(to: passFile, atomically: true, encoding: .utf8)
        XCTAssertEqual(try refuge.run(["answer", id, "birth_date", "1990", "--passphrase-file", passFile.path]).status, 0)
    }

    func testNoOpenWithoutPassphraseChoiceIsAUsageError() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let r = try refuge.run(["new", "--questionnaire", "example-intake", "--no-open"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("--no-passphrase"), r.stderr)
    }

    func testFilesArePrivate() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        let folderMode = try FileManager.default.attributesOfItem(atPath: refuge.sessionsFolder.path)[.posixPermissions] as? Int
        XCTAssertEqual(folderMode, 0o700)
        for suffix in [".refuge", ".questionnaire.json"] {
            let mode = try FileManager.default.attributesOfItem(atPath: refuge.sessionsFolder.appendingPathComponent(id + suffix).path)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o600, suffix)
        }
    }

    func testSelectionByLabelPrefixAndAmbiguity() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let a = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "same"])
        let b = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "same"])
        let ambiguous = try refuge.run(["answer", "same", "full_name", "X"])
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.stderr.contains(a) && ambiguous.stderr.contains(b), ambiguous.stderr)
        XCTAssertEqual(try refuge.run(["answer", a, "full_name", "X"]).status, 0)
        let prefixLength = zip(a, b).prefix { $0 == $1 }.count + 1
        XCTAssertEqual(try refuge.run(["answer", String(a.prefix(prefixLength)), "full_name", "Y"]).status, 0)
        XCTAssertEqual(try refuge.run(["answer", "nothing-like-this", "full_name", "Y"]).status, 1)
    }

    func testDeleteRemovesTheSessionAndItsBackups() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        try refuge.run(["answer", id, "full_name", "X"])
        XCTAssertEqual(try refuge.run(["delete", id, "--yes"]).status, 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: refuge.sessionsFolder.path).filter { $0.hasPrefix(id) }
        XCTAssertEqual(left, [])
    }

    func testNewFromCarriesMatchingAnswers() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let intake = try refuge.newSession(["--questionnaire", "intake", "--no-passphrase"])
        XCTAssertEqual(try refuge.run(["answer", intake, "full_name", "Oleg Petrov"]).status, 0)
        XCTAssertEqual(try refuge.run(["answer", intake, "birth_date", "1988-05"]).status, 0)
        let cf = try refuge.newSession(["--questionnaire", "credible-fear", "--no-passphrase", "--from", intake, "--language", "ru"])
        let answers = try refuge.answers(cf)
        XCTAssertEqual(((answers["full_name"] as? [String: Any])?["value"] as? [String: Any])?["text"] as? String, "Oleg Petrov")
        XCTAssertEqual(((answers["birth_date"] as? [String: Any])?["value"] as? [String: Any])?["date"] as? String, "1988-05")
    }

    func testChangedQuestionnaireKeepsAnswersToRemovedQuestions() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let folder = refuge.home.appendingPathComponent("questionnaires")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("mini.yaml")
        let v1 = """
        format: 1
        id: mini
        version: "1"
        title: Mini
        languages: [en]
        sections:
          - id: s
            title: S
            items:
              - {id: keep, type: text, prompt: "Keep?"}
              - {id: gone, type: text, prompt: "Gone?"}
        """
        try v1.write(to: file, atomically: true, encoding: .utf8)
        let id = try refuge.newSession(["--questionnaire", file.path, "--no-passphrase"])
        XCTAssertEqual(try refuge.run(["answer", id, "gone", "words to keep"]).status, 0)
        try v1.replacingOccurrences(of: "      - {id: gone, type: text, prompt: \"Gone?\"}\n", with: "")
            .replacingOccurrences(of: "\"1\"", with: "\"2\"").write(to: file, atomically: true, encoding: .utf8)
        let first = try refuge.run(["answer", id, "keep", "yes"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("has changed"), first.stderr)
        let second = try refuge.run(["answer", id, "keep", "again"])
        XCTAssertFalse(second.stderr.contains("has changed"), "told only once: \(second.stderr)")
        XCTAssertEqual(((try refuge.answers(id)["gone"] as? [String: Any])?["value"] as? [String: Any])?["text"] as? String, "words to keep")
        // Without the file, the session's own copy is used.
        try FileManager.default.removeItem(at: file)
        let third = try refuge.run(["answer", id, "keep", "third"])
        XCTAssertEqual(third.status, 0, third.stderr)
        XCTAssertTrue(third.stderr.contains("copy"), third.stderr)
    }
}
