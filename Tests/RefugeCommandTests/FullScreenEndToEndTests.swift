import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real program in tmux: a whole interview with the keys of the spec, a SIGKILL in the
/// middle and a resume at the same question, and SIGTERM / SIGHUP leaving the terminal as it was.
final class FullScreenEndToEndTests: ProgramInTmuxTestCase {
    func answers(_ id: String) throws -> [String: Any] { try refuge.answers(id) }
    func text(_ answers: [String: Any], _ id: String) -> String? {
        ((answers[id] as? [String: Any])?["value"] as? [String: Any])?["text"] as? String
    }

    func testWholeInterviewWithTheKeysOfTheSpec() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "E2E"])
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        try tmux.waitFor("We will ask you")
        try tmux.send("Enter"); try tmux.waitFor("How is the interpretation")
        try tmux.send("Down", "Enter"); try tmux.waitFor("full name")
        try tmux.type("Ana Pérez"); try tmux.send("Enter"); try tmux.waitFor("When were you born")
        try tmux.type("1990-04-02"); try tmux.waitFor("This means: 1990-04-02"); try tmux.send("Enter")
        try tmux.waitFor("nationality")
        try tmux.send("3", "Enter"); try tmux.waitFor("Which languages")
        try tmux.send("1", "3", "Enter"); try tmux.waitFor("When did you leave")
        try tmux.type("~2024-09"); try tmux.send("Enter"); try tmux.waitFor("When did you enter")
        try tmux.type("2024-11-03"); try tmux.send("Enter"); try tmux.waitFor("deported")
        try tmux.send("n", "Enter"); try tmux.waitFor("family members")
        try tmux.send("y", "Enter"); try tmux.waitFor("Who came with you")
        try tmux.send("+"); try tmux.waitFor("Their name")
        try tmux.type("Luis"); try tmux.send("Enter"); try tmux.waitFor("related")
        try tmux.send("2", "Enter"); try tmux.waitFor("How old is Luis")
        try tmux.type("7"); try tmux.send("Enter"); try tmux.waitFor("1. Child: Luis")
        try tmux.send("C-n"); try tmux.waitFor("their own reasons")
        try tmux.send("y", "Enter"); try tmux.waitFor("Now we will ask why you left")
        try tmux.send("Enter"); try tmux.waitFor("afraid to go back")
        try tmux.send("F4")
        try tmux.send("y", "Enter"); try tmux.waitFor("In your own words")
        try tmux.type("They came to the shop."); try tmux.send("Enter"); try tmux.type("We left that night.")
        try tmux.send("C-n"); try tmux.waitFor("hurt you or threatened")
        try tmux.send("n", "Enter"); try tmux.waitFor("phone number")
        try tmux.send("F6"); try tmux.waitFor("Prefer not to say")
        try tmux.send("Down", "Enter"); try tmux.waitFor("share your answers")
        try tmux.send("y", "Enter"); try tmux.waitFor("end of the interview")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)

        let a = try answers(id)
        XCTAssertEqual(text(a, "full_name"), "Ana Pérez")
        XCTAssertEqual(text(a, "why_left"), "They came to the shop.\nWe left that night.")
        XCTAssertEqual((a["afraid_to_return"] as? [String: Any])?["follow_up"] as? Bool, true)
        XCTAssertEqual((a["phone"] as? [String: Any])?["status"] as? String, "refused")
        XCTAssertEqual(((a["family"] as? [String: Any])?["entries"] as? [Any])?.count, 1)
        XCTAssertEqual(((a["consent"] as? [String: Any])?["value"] as? [String: Any])?["choice"] as? String, "yes")
    }

    func testKilledMidInterviewResumesAtTheSameQuestionWithNothingLost() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        try tmux.waitFor("We will ask you")
        try tmux.send("Enter"); try tmux.waitFor("How is the interpretation")
        try tmux.send("Down", "Enter"); try tmux.waitFor("full name")
        try tmux.type("Ana Pérez"); try tmux.send("Enter"); try tmux.waitFor("When were you born")
        try tmux.type("1990"); try tmux.waitFor("This means: 1990")
        Thread.sleep(forTimeInterval: 1.6)                         // the draft is saved within a second
        signalProcesses(matching: "resume \(id)", "KILL")
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(text(try answers(id), "full_name"), "Ana Pérez")

        tmux.stop()
        tmux = Tmux()
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        let screen = try tmux.waitFor("When were you born")
        XCTAssertTrue(screen.contains("›1990"), "the draft typed before the kill is back:\n\(screen)")
        try tmux.send("Enter"); try tmux.waitFor("nationality")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        let a = try answers(id)
        XCTAssertEqual(((a["birth_date"] as? [String: Any])?["value"] as? [String: Any])?["date"] as? String, "1990")
    }

    func testTerminateAndHangUpSaveAndRestoreTheTerminal() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        for signal in ["TERM", "HUP"] {
            let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
            let before = refuge.home.appendingPathComponent("stty-before-\(signal)")
            let after = refuge.home.appendingPathComponent("stty-after-\(signal)")
            let script = "stty -g > \(before.path); \(RefugeBinary.path) resume \(id); stty -g > \(after.path); echo STOPPED"
            tmux = Tmux()
            try tmux.start(script, environment: environment)
            try tmux.waitFor("We will ask you")
            try tmux.send("Enter"); try tmux.waitFor("How is the interpretation")
            try tmux.send("Down", "Enter"); try tmux.waitFor("full name")
            try tmux.type("Half a name")
            Thread.sleep(forTimeInterval: 0.2)
            signalProcesses(matching: "resume \(id)", signal)
            try tmux.waitFor("STOPPED")
            let b = try String(contentsOf: before, encoding: .utf8), a = try String(contentsOf: after, encoding: .utf8)
            XCTAssertEqual(a, b, "SIG\(signal): the terminal settings are restored")
            let saved = try answers(id)["full_name"] as? [String: Any]
            XCTAssertEqual(saved?["draft"] as? String, "Half a name", "SIG\(signal): the text being typed was saved first")
            tmux.stop()
        }
    }

    /// An interview starts its heap on a huge page (HugePageHeap.swift, MallocTuning.swift): the
    /// running program's heap has a region the kernel was told to back with one (`hg` among its
    /// flags; none on a kernel without transparent huge pages, which refuses the advice), and the
    /// interview goes on and saves as ever after the first frame handed the unused part back.
    func testAnInterviewStartsItsHeapOnAHugePage() throws {
        guard Tmux.available else { return print("tmux is not installed; end-to-end screen test not run") }
        let kernelHasHugePages = FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        try tmux.start("\(RefugeBinary.path) resume \(id)", environment: environment)
        try tmux.waitFor("We will ask you")
        let pid = try XCTUnwrap(processID(matching: "resume \(id)"), "the running program was not found")
        // Read to its end: the kernel gives /proc files no size, and a read by size gets nothing.
        let lines = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/\(pid)/smaps")?.readDataToEndOfFile())
            .split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        var advisedHeap = false, inHeap = false
        for line in lines {
            if line.first?.isHexDigit == true, line.contains("-") { inHeap = line.hasSuffix("[heap]") }
            if inHeap, line.hasPrefix("VmFlags:"), line.split(separator: " ").contains("hg") { advisedHeap = true }
        }
        XCTAssertEqual(advisedHeap, kernelHasHugePages,
                       kernelHasHugePages ? "no part of the heap is advised for a huge page" : "advised without transparent huge pages")
        try tmux.send("Enter"); try tmux.waitFor("How is the interpretation")
        try tmux.send("Down", "Enter"); try tmux.waitFor("full name")
        try tmux.type("Ana"); try tmux.send("Enter"); try tmux.waitFor("When were you born")
        try tmux.send("C-c")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(text(try answers(id), "full_name"), "Ana")
    }

    /// The process id of the program whose command line starts with it and `marker`.
    private func processID(matching marker: String) -> Int32? {
        guard let pipe = popen("pgrep -f \(shellQuote("^" + RefugeBinary.path + " " + marker))", "r") else { return nil }
        defer { pclose(pipe) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = fread(&buffer, 1, buffer.count, pipe)
        let first = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n").first
        return first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }
}
