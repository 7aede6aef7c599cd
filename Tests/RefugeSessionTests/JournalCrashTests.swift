import Foundation
import RefugeEngine
import RefugeQuestionnaire
@testable import RefugeSession
import RefugeStorage
import XCTest

/// A process answering a question over and over is killed with SIGKILL at random moments while
/// its saves go to the journal: appends, full saves each time the journal passes a small bound,
/// and closing and opening the session again (which absorbs the journal into a full save). After
/// each kill the session, read as `refuge report` reads it, must hold every answer the process
/// reported saved (at most the one in flight more), and its history each change exactly once, in
/// order: a change replayed twice or lost would show there.
final class JournalCrashTests: XCTestCase {
    func testKilledWhileAppendingOrSavingInFullLosesNothingAndRepeatsNothing() throws {
        try killRepeatedly(protected: false)
    }

    func testAProtectedSessionToo() throws {
        try killRepeatedly(protected: true)
    }

    private func killRepeatedly(protected: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(folder: folder)
        let path = SessionStoreTests.root.appendingPathComponent("Questionnaires/example-intake.yaml").path
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: path).questionnaire)
        let passphrase = protected ? Passphrase("kill test passphrase") : nil
        let key = try passphrase.map { try SessionKey.derive(from: $0) }
        var generator = SystemRandomNumberGenerator()
        // Each start of a protected session derives its key (a tenth of a second or more), so
        // fewer rounds of it.
        let wanted = (ProcessInfo.processInfo.environment["REFUGE_KILLS"].flatMap(Int.init) ?? 200) / (protected ? 5 : 2)
        var kills = 0, appendsSeen = 0
        var previous = 0
        let started = Date()
        defer {
            print("JournalCrashTests (\(protected ? "protected" : "plain")): \(kills) SIGKILLs in \(Int(Date().timeIntervalSince(started))) s, "
                  + "nothing reported saved was lost or repeated")
        }
        while kills < wanted {
            // A fresh session every 20 kills keeps the history (and so each full save) small.
            let id = "journal\(kills / 20)"
            if kills % 20 == 0 {
                previous = 0
                let session = NewSession.make(id: id, questionnaire: q, language: nil, interviewerLanguage: nil, label: "", now: Date())
                try store.create(session, questionnaire: q, key: key).close()
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: SessionCrashTests.probe)
            // A journal bound of 2 KiB: a full save every few answers, besides those on opening.
            process.arguments = [folder.path, id, path, "--journal-bound", "2048", "--reopen-every", protected ? "40" : "9"]
            if protected { process.environment = ["REFUGE_PASSPHRASE": "kill test passphrase"] }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Killed only once it has opened the session (deriving a key takes a moment).
            var printed = Data()
            while !String(decoding: printed, as: UTF8.self).contains("ready\n") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed.append(chunk)
            }
            Thread.sleep(forTimeInterval: Double(Int.random(in: 2...60, using: &generator)) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the probe stopped by itself")
            kills += 1
            printed.append(out.fileHandleForReading.readDataToEndOfFile())
            let reported = String(decoding: printed, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }.max() ?? previous
            if reported > previous { appendsSeen += 1 }

            let (session, recovery) = try store.read(store.url(for: id), passphrase: passphrase)
            XCTAssertNil(recovery, "kill \(kills): the main file itself must always be good")
            let saved = Self.number(session.answers[AnswerRef("full_name")].value)
            XCTAssertGreaterThanOrEqual(saved, reported, "kill \(kills): the child reported answer \(reported) saved, the session holds \(saved)")
            XCTAssertLessThanOrEqual(saved, reported + 1, "kill \(kills): at most the save in flight is extra")
            let changes = session.history.filter { $0.question == "full_name" }.map { Self.number($0.new?.value) }
            XCTAssertEqual(changes, Array(0..<saved).map { $0 + 1 }, "kill \(kills): each change once, in order")
            previous = saved
        }
        XCTAssertGreaterThanOrEqual(appendsSeen, wanted / 2, "most rounds saved something before the kill")
    }

    private static func number(_ value: AnswerValue?) -> Int {
        if case .text(let text)? = value, let n = Int(text.split(separator: " ").last ?? "") { return n }
        return 0
    }
}
