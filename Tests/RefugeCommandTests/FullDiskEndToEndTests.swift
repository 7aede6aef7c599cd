import Foundation
import XCTest

/// The real program on a real full disk: a 2 MB tmpfs mounted for the test (root only), filled
/// after the session is made. The answer cannot be saved; Ctrl-C offers the choices, and quitting
/// without saving after a yes ends with a non-zero exit status.
final class FullDiskEndToEndTests: XCTestCase {
    func testQuittingOnAFullDiskOffersChoicesAndEndsWithAFailure() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed; the full-disk test is not run") }
        guard getuid() == 0 else { throw XCTSkip("mounting a small tmpfs needs root; the full-disk test is not run") }
        let refuge = try RefugeBinary()
        let tmux = Tmux()
        let disk = refuge.home
        guard system("mount -t tmpfs -o size=2m refuge-full-disk \(shellQuote(disk.path)) 2>/dev/null") == 0 else {
            throw XCTSkip("tmpfs could not be mounted here (a container without the right); the full-disk test is not run")
        }
        defer {
            tmux.stop()
            _ = system("umount \(shellQuote(disk.path))")
            refuge.cleanUp()
        }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "FULL"])
        // Fill what is left of the disk.
        _ = system("dd if=/dev/zero of=\(shellQuote(disk.appendingPathComponent("filler").path)) bs=64k 2>/dev/null")
        let status = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-full-disk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: status) }
        try tmux.start("\(RefugeBinary.path) resume \(id); echo $? > \(shellQuote(status.path))",
                       environment: ["REFUGE_HOME": disk.path, "HOME": disk.path])
        try tmux.waitFor("We will ask you")
        try tmux.send("Enter"); try tmux.waitFor("How is the interpretation")
        try tmux.send("Down", "Enter")
        try tmux.waitFor("could not be saved")
        try tmux.send("Escape"); try tmux.send("C-c")
        try tmux.waitFor("Quitting now would lose them")
        try tmux.send("r"); try tmux.waitFor("the disk is full")
        try tmux.send("q"); try tmux.waitFor("Press y to quit")
        try tmux.send("y")
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, !FileManager.default.fileExists(atPath: status.path) { Thread.sleep(forTimeInterval: 0.1) }
        Thread.sleep(forTimeInterval: 0.2)
        let code = try String(contentsOf: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(code, "1", "quitting with an unsaved answer is a failure")
        let last = try tmux.screen()
        XCTAssertTrue(last.contains("could not be saved in the session file"), last)
    }
}
