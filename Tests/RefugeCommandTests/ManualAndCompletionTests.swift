import Foundation
import XCTest

/// The manual page (`refuge manual`, installed as refuge(1)) and the shell completion scripts,
/// with the completions of session ids and labels, questionnaire ids, question ids and formats
/// run through the real bash script.
final class ManualAndCompletionTests: XCTestCase {
    var refuge: RefugeBinary!

    override func setUpWithError() throws { refuge = try RefugeBinary() }
    override func tearDown() { refuge.cleanUp() }

    static let commands = ["new", "resume", "list", "validate", "questionnaires", "delete", "answer", "report", "import"]

    func testManualPageCoversEveryCommandAndOption() throws {
        let r = try refuge.run(["manual"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let page = r.stdout
        XCTAssertTrue(page.contains(".TH REFUGE 1"), page)
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "ENVIRONMENT", "FILES", "EXIT STATUS"] {
            XCTAssertTrue(page.contains(".SH \(section)"), section)
        }
        let version = try refuge.run(["--version"]).stdout.trimmingCharacters(in: .newlines).dropFirst("refuge ".count)
        XCTAssertTrue(page.replacingOccurrences(of: "\\-", with: "-").contains(version), "the page names the version")
        for command in Self.commands {
            XCTAssertTrue(page.contains(".SS \"refuge \(command)"), command)
            // Every long option the command's --help shows is in the page.
            let help = try refuge.run([command, "--help"]).stdout
            let options = Set(help.matches(of: #/--[a-z][a-z-]+/#).map { String($0.output) }).subtracting(["--help", "--version"])
            for option in options {
                XCTAssertTrue(page.contains(option.replacingOccurrences(of: "-", with: "\\-")), "\(command) \(option)")
            }
        }
        XCTAssertFalse(page.contains(".SS \"refuge manual"), "the hidden command stays out of the page")
        XCTAssertFalse(try refuge.run(["--help"]).stdout.contains("manual"), "and out of --help")

        // It renders without complaint where man is installed.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/man") else { return }
        let file = refuge.home.appendingPathComponent("refuge.1")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let shown = try shell("MANWIDTH=80 MANPAGER=cat man -l \(file.path) 2>/dev/null")
        XCTAssertTrue(shown.contains("refuge answer SESSION QUESTION"), shown)
        XCTAssertEqual(try shell("MANWIDTH=80 MANPAGER=cat man --warnings -l \(file.path) 2>&1 >/dev/null"), "", "roff warnings")
    }

    func testCompletionScriptsForEveryShell() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try refuge.run(["--generate-completion-script", shell])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("---completion"), "\(shell) asks the program for sessions and questions")
            for command in Self.commands { XCTAssertTrue(r.stdout.contains(command), "\(shell): \(command)") }
        }
    }

    func testBashCompletesSessionsQuestionsFormatsAndQuestionnaires() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") || FileManager.default.isExecutableFile(atPath: "/usr/bin/bash") else {
            return print("bash is not installed; completion test not run")
        }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "C-17"])
        _ = try refuge.newSession(["--questionnaire", "intake", "--label", "two words"], environment: ["REFUGE_PASSPHRASE": "some pass phrase"])
        let script = refuge.home.appendingPathComponent("refuge.bash")
        try refuge.run(["--generate-completion-script", "bash"]).stdout.write(to: script, atomically: true, encoding: .utf8)
        func complete(_ line: String) throws -> [String] {
            let harness = """
            source \(script.path)
            COMP_LINE=\(quote(line)); COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"
            [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMPREPLY=()
            _refuge refuge "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
            let out = try shell("PATH=\(quote(URL(fileURLWithPath: RefugeBinary.path).deletingLastPathComponent().path)):$PATH REFUGE_HOME=\(quote(refuge.home.path)) bash -c \(quote(harness))")
            return out.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        let sessions = try complete("refuge answer ")
        XCTAssertTrue(sessions.contains(id) && sessions.contains("C-17"), "\(sessions)")
        XCTAssertFalse(sessions.contains("two words") || sessions.contains("two"), "a label with a space is not offered in pieces")
        XCTAssertEqual(try complete("refuge answer C-17 full"), ["full_name"])
        XCTAssertTrue(try complete("refuge answer \(id) family").contains("family[1].family_name"))
        XCTAssertEqual(try complete("refuge report C-17 --format "), ["text", "markdown", "html", "json", "csv", "docx"].filter { f in
            (try? refuge.run(["report", "--help"]).stdout.contains(f)) ?? false
        })
        XCTAssertTrue(Set(try complete("refuge new --questionnaire ")).isSuperset(of: ["credible-fear", "example-intake", "intake"]))
        XCTAssertEqual(try complete("refuge new --questionnaire intake --language "), ["en", "es", "ru"])
        XCTAssertEqual(try complete("refuge del"), ["delete"])
    }

    private func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    private func shell(_ command: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
