import Foundation
import XCTest

/// Ctrl-C while the passphrase is asked (echo off) leaves the terminal echoing again.
final class PassphrasePromptTests: XCTestCase {
    func testCtrlCAtThePassphrasePromptRestoresEcho() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed; the passphrase prompt test is not run") }
        let refuge = try RefugeBinary()
        let tmux = Tmux()
        defer { tmux.stop(); refuge.cleanUp() }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--label", "P-1"],
                                       environment: ["REFUGE_PASSPHRASE": "correct horse battery"])
        let status = refuge.home.appendingPathComponent("stty.txt")
        // The pane's shell ignores SIGINT so that it lives on to report the terminal's settings.
        try tmux.start("trap '' INT; \(RefugeBinary.path) answer \(id) full_name Ana; stty -a > \(shellQuote(status.path))",
                       environment: ["REFUGE_HOME": refuge.home.path])
        try tmux.waitFor("Passphrase for this session")
        try tmux.send("C-c")
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, ((try? String(contentsOf: status, encoding: .utf8)) ?? "").isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        let settings = try String(contentsOf: status, encoding: .utf8)
        XCTAssertTrue(settings.contains(" echo "), "echo is back on: \(settings)")
        XCTAssertFalse(settings.contains("-echo "), settings)
    }
}
