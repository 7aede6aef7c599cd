import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// A child process saving answers through the session controller is killed with SIGKILL at
/// random moments, 200 times (`REFUGE_KILLS=1000` for the long run in the README); after each
/// kill the session opens (without needing anything but its files) and holds at least the last
/// answer the child reported saved.
final class SessionCrashTests: XCTestCase {
    static var probe: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("refuge-session-probe").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return SessionStoreTests.root.appendingPathComponent(".build/debug/refuge-session-probe").path
    }

    func testKilledWhileSavingLosesNothingReportedSaved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(folder: folder)
        let path = SessionStoreTests.root.appendingPathComponent("Questionnaires/example-intake.yaml").path
        let q = try XCTUnwrap(QuestionnaireLoader.load(path: path).questionnaire)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var round = 0
        var previous = 0     // what the session held before this round (the child continues from it)
        let wanted = ProcessInfo.processInfo.environment["REFUGE_KILLS"].flatMap(Int.init) ?? 200
        let started = Date()
        defer { print("SessionCrashTests: \(kills) SIGKILLs in \(Int(Date().timeIntervalSince(started))) s, none lost a reported answer") }
        while kills < wanted {
            // A fresh session every 25 kills keeps the history (and so each save) small.
            let id = "crash\(round / 25)"
            if round % 25 == 0 {
                previous = 0
                let session = NewSession.make(id: id, questionnaire: q, language: nil, interviewerLanguage: nil, label: "", now: Date())
                try store.create(session, questionnaire: q, key: nil).close()
            }
            round += 1
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.probe)
            process.arguments = [folder.path, id, path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double(Int.random(in: 30...120, using: &generator)) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills += 1
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let reported = printed.split(separator: "\n").compactMap { Int($0) }.max() ?? previous
            let (session, _) = try store.read(store.url(for: id), passphrase: nil)
            let value = session.answers[AnswerRef("full_name")].value
            let saved: Int
            if case .text(let text)? = value, let n = Int(text.split(separator: " ").last ?? "") { saved = n } else { saved = 0 }
            XCTAssertGreaterThanOrEqual(saved, reported, "kill \(kills): the child reported answer \(reported) saved, the file holds \(saved)")
            XCTAssertLessThanOrEqual(saved, reported + 1, "kill \(kills): at most the save in flight is extra")
            previous = saved
        }
    }
}
