import Foundation
import XCTest

/// With `LANG=C` (or another locale that is not UTF-8) the program uses a UTF-8 locale the
/// system has instead of refusing to start, or, where there is none, runs the plain mode with
/// a one-line notice.
final class LocaleTests: ProgramInTmuxTestCase {
    func testFullScreenStartsUnderLangCWithAccentsIntact() throws {
        guard Tmux.available else { return print("tmux is not installed; locale screen test not run") }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--language", "es"])
        try tmux.start("LANG=C LC_ALL=C \(RefugeBinary.path) resume \(id)", environment: ["REFUGE_HOME": refuge.home.path])
        let screen = try tmux.waitFor("Le haremos algunas preguntas")
        XCTAssertFalse(screen.contains("UTF-8 terminal"), screen)
        try tmux.send("Enter"); try tmux.send("Down", "Enter")
        try tmux.waitFor("¿Cuál es su nombre completo?")
        try tmux.type("José Núñez"); try tmux.waitFor("José Núñez")
        try tmux.send("Enter"); try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        let value = ((try refuge.answers(id)["full_name"] as? [String: Any])?["value"] as? [String: Any])?["text"] as? String
        XCTAssertEqual(value, "José Núñez")
    }

    func testWithoutAnyUTF8LocaleThePlainModeRunsWithANotice() throws {
        guard Tmux.available else { return print("tmux is not installed; locale screen test not run") }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        // A locale name no system has stands for a system without a UTF-8 locale.
        try tmux.start("LANG=C LC_ALL=C REFUGE_UTF8_LOCALE=xx_NONE.UTF-8 \(RefugeBinary.path) resume \(id)",
                       environment: ["REFUGE_HOME": refuge.home.path])
        let screen = try tmux.waitFor("We will ask you")
        let notices = screen.split(separator: "\n").filter { $0.contains("no UTF-8 locale") }
        XCTAssertEqual(notices.count, 1, screen)
        XCTAssertTrue(screen.contains("plain mode"), screen)
        try tmux.send("C-d")
    }

    func testCommandsWorkUnderLangC() throws {
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "Ñ-1"],
                                       environment: ["LANG": "C", "LC_ALL": "C"])
        let answer = try refuge.run(["answer", id, "full_name", "Ана"], environment: ["LANG": "C", "LC_ALL": "C"])
        XCTAssertEqual(answer.status, 0, answer.stderr)
        let list = try refuge.run(["list"], environment: ["LANG": "C", "LC_ALL": "C"])
        XCTAssertTrue(list.stdout.contains("Ñ-1"), list.stdout)
        let plain = try refuge.run(["resume", id, "--plain"], stdin: "", environment: ["LANG": "C", "LC_ALL": "C"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
    }
}
