import Foundation
import XCTest
@testable import RefugeStorage

/// A process saving in a loop is killed with SIGKILL at random moments, over and over. After each
/// kill the file must open from its main file (never torn, never needing the backup) and hold at
/// least the last save the process reported as done.
final class CrashTests: XCTestCase {
    func testKillingASavingProcessAtRandomMomentsNeverLosesAReportedSave() throws {
        guard let probe = ProbeProcess.executable() else { return }
        let url = try TestFolder(self).sessionFile
        var generator = SystemRandomNumberGenerator()
        let started = Date()
        var saved = 0  // the number the file held after the previous kill
        var killsWhileSaving = 0
        // `REFUGE_KILLS=1000` for the long run in the README.
        let rounds = ProcessInfo.processInfo.environment["REFUGE_KILLS"].flatMap(Int.init) ?? 240

        for round in 1...rounds {
            let child = try ProbeProcess(probe, ["save-loop", url.path])
            var reported: [Int] = []
            if round % 6 == 0 {
                // Now and then, kill it while it starts: opening, tidying, creating.
                usleep(UInt32.random(in: 0...6_000, using: &generator))
            } else if let line = child.nextLine(), let number = Int(line) {
                reported.append(number)
                usleep(UInt32.random(in: 0...12_000, using: &generator))
            }
            child.kill()
            XCTAssertTrue(child.wasKilled, "the probe stopped by itself: \(child.errorOutput)")
            reported += child.remainingLines().compactMap { Int($0) }
            if !reported.isEmpty { killsWhileSaving += 1 }

            // Numbers reported are consecutive, following what the file held before.
            XCTAssertEqual(reported, Array(reported.indices.map { (reported.first ?? 0) + $0 }), "round \(round)")
            if let first = reported.first {
                XCTAssertTrue(first == saved + 1 || first == saved + 2, "round \(round): resumed at \(first) after \(saved)")
            }
            let floor = max(saved, reported.last ?? 0)

            if saved == 0 && reported.isEmpty && !FileManager.default.fileExists(atPath: url.path) {
                continue  // killed before it ever created the file
            }
            let contents: LoadedContents
            do {
                contents = try StoredFile.load(at: url, passphrase: nil)
            } catch {
                return XCTFail("round \(round): the file does not open after a kill: \(error)")
            }
            XCTAssertNil(contents.recovery, "round \(round): the main file itself must always be good")
            let number = try Self.number(in: contents)
            XCTAssertTrue(number == floor || number == floor + 1,
                          "round \(round): holds \(number), last reported \(floor)")
            saved = number
        }

        XCTAssertGreaterThanOrEqual(killsWhileSaving, rounds * 150 / 240)
        XCTAssertGreaterThanOrEqual(saved, killsWhileSaving, "every round that reported a save moved the file on")
        XCTAssertLessThan(Date().timeIntervalSince(started), Double(60 * max(rounds, 240) / 240))
        print("CrashTests: \(rounds) SIGKILLs (\(killsWhileSaving) while saving) in \(Int(Date().timeIntervalSince(started))) s; the main file was whole after every one")
    }

    /// The number a probe's save holds, checking that its header and body agree with each other
    /// (see `contents(_:)` in the probe).
    private static func number(in contents: LoadedContents) throws -> Int {
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: contents.header) as? [String: Any])
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: contents.body) as? [String: Any])
        let number = try XCTUnwrap(header["n"] as? Int)
        XCTAssertEqual(body["n"] as? Int, number)
        XCTAssertEqual(body["filler"] as? String, String(repeating: "\(number)-", count: 400))
        return number
    }
}
