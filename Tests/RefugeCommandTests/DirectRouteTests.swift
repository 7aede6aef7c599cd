import Foundation
import XCTest

/// `refuge` alone and `refuge resume SESSION` skip ArgumentParser (DirectRoute.swift). These run
/// the built program both ways: the direct form, and the same request spelt so that only
/// ArgumentParser can take it (`resume -- SESSION`, `refuge --`). What is printed, the exit status
/// and the session file must be the same.
final class DirectRouteTests: XCTestCase {
    var refuge: RefugeBinary!

    override func setUpWithError() throws { refuge = try RefugeBinary() }
    override func tearDown() { refuge.cleanUp() }

    func testResumeWithoutATerminalIsTheSameBothWays() throws {
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "route"])
        // No terminal on standard input: the interview runs in plain mode, shows where the session
        // stands and ends with the input, so both runs start from the same place.
        let direct = try runBothWays(["resume", id], ["resume", "--", id], status: 0)
        XCTAssertTrue(direct.stderr.contains("plain mode"), direct.stderr)
        XCTAssertTrue(direct.stdout.contains("everything is saved"), direct.stdout)
    }

    func testUnknownSessionGivesTheSameMessageBothWays() throws {
        let direct = try runBothWays(["resume", "no-such-session"], ["resume", "--", "no-such-session"], status: 1)
        XCTAssertFalse(direct.stderr.isEmpty)
    }

    /// Without a terminal, `refuge` alone lists the sessions and says how to go on in plain mode.
    func testHomeWithoutATerminalIsTheSameBothWays() throws {
        _ = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "listed here"])
        let direct = try runBothWays([], ["--"], status: 0)
        XCTAssertTrue(direct.stdout.contains("listed here"), direct.stdout)
        XCTAssertTrue(direct.stdout.contains("refuge resume SESSION --plain"), direct.stdout)
    }

    /// Runs the direct spelling and the one only ArgumentParser takes, with no input; both must end
    /// with `status` and print the same. Returns the direct run.
    private func runBothWays(_ direct: [String], _ parsed: [String], status: Int32,
                             file: StaticString = #filePath, line: UInt = #line) throws -> RefugeBinary.Result {
        let d = try refuge.run(direct, stdin: ""), p = try refuge.run(parsed, stdin: "")
        XCTAssertEqual(d.status, status, d.stderr, file: file, line: line)
        XCTAssertEqual(p.status, status, p.stderr, file: file, line: line)
        XCTAssertEqual(d.stdout, p.stdout, file: file, line: line)
        XCTAssertEqual(d.stderr, p.stderr, file: file, line: line)
        return d
    }

    /// Forms the direct route must leave to ArgumentParser: its usage errors (exit 2) and help.
    func testOtherFormsStillReachArgumentParser() throws {
        let option = try refuge.run(["resume", "-x"], stdin: "")
        XCTAssertEqual(option.status, 2, option.stderr)
        let two = try refuge.run(["resume", "a", "b"], stdin: "")
        XCTAssertEqual(two.status, 2, two.stderr)
        let none = try refuge.run(["resume"], stdin: "")
        XCTAssertEqual(none.status, 2, none.stderr)
        let help = try refuge.run(["resume", "--help"], stdin: "")
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("USAGE: refuge resume"), help.stdout)
        let empty = try refuge.run(["resume", ""], stdin: "")
        XCTAssertEqual(empty.status, try refuge.run(["resume", "--", ""], stdin: "").status)
    }
}
