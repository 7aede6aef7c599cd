import Foundation
import XCTest

/// The real terminal backend in tmux: bytes as terminals send them go through curses (keypad
/// mode, Refuge's sequences bound) and come out as the keys they stand for, with TERM set to a
/// terminfo entry that lacks many of them (screen) and to one that has most (xterm-256color).
final class TerminalKeysInTmuxTests: ProgramInTmuxTestCase {
    /// Each case is sent as one write, then the test waits past the Esc delay.
    private let cases: [(bytes: String, keys: [String])] = [
        ("aЖ漢😀", [#"character("a")"#, #"character("Ж")"#, #"character("漢")"#, #"character("😀")"#]),
        ("\r\t\u{7F}\u{3}\u{E}\u{1A}", ["enter", "tab", "backspace", #"ctrl("c")"#, #"ctrl("n")"#, #"ctrl("z")"#]),
        ("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}OD", ["up", "down", "right", "left"]),
        ("\u{1B}[1;5A\u{1B}[1;2D\u{1B}[a", ["up", "left", "up"]),
        ("\u{1B}[H\u{1B}OF\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8$", ["home", "end", "home", "end", "home", "end"]),
        ("\u{1B}[2~\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[3;5~\u{1B}[Z\u{1B}OM",
         ["insert", "delete", "pageUp", "pageDown", "delete", "backTab", "enter"]),
        ("\u{1B}OP\u{1B}OS\u{1B}[15~\u{1B}[24~\u{1B}[11~\u{1B}[[E\u{1B}[1;2P\u{1B}[25~",
         ["function(1)", "function(4)", "function(5)", "function(12)", "function(1)", "function(5)", "function(1)", "function(13)"]),
        ("\u{1B}[97;5u\u{1B}[1078u", [#"ctrl("a")"#, #"character("ж")"#]),
        ("\u{1B}[?1;2cx\u{1B}[Iy", [#"character("x")"#, #"character("y")"#]),
        ("\u{1B}", ["escape"]),
        ("\u{1B}x", [#"alt("x")"#]),
        ("\u{1B}[200~one\rtwo\u{1B}[A\u{1B}[201~z", [#"paste("one\ntwo")"#, #"character("z")"#]),
        ("\u{1B}[<0;12;5M\u{1B}[<0;12;5m\u{1B}[<65;1;1M", ["click(row: 4, column: 11)", "down"]),
    ]

    func testBytesOfEveryTerminalFamilyBecomeTheirKeysUnderEveryTERM() throws {
        try XCTSkipUnless(Tmux.available, "tmux is not installed")
        let probe = URL(fileURLWithPath: RefugeBinary.path).deletingLastPathComponent().appendingPathComponent("refuge-key-probe").path
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: probe), "refuge-key-probe is not built (run swift build)")
        for term in ["screen", "xterm-256color"] {
            let events = refuge.home.appendingPathComponent("events-\(term)")
            tmux.stop()
            tmux = Tmux()
            try tmux.start("TERM=\(term) \(shellQuote(probe)) \(shellQuote(events.path))", environment: environment)
            try tmux.waitFor("ready")
            for (bytes, _) in cases {
                try tmux.tmux(["send-keys", "-t", tmux.session, "-H"] + Array(bytes.utf8).map { String(format: "%02x", $0) })
                Thread.sleep(forTimeInterval: 0.2)
            }
            try tmux.send("C-d")
            let expected = cases.flatMap(\.keys)
            var lines: [String] = []
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                lines = ((try? String(contentsOf: events, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
                if lines.count >= expected.count { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            XCTAssertEqual(lines, expected, "TERM=\(term)")
        }
    }
}
