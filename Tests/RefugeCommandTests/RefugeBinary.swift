import Foundation
import XCTest

/// Runs the built `refuge` program the way a person or script would, with its own
/// REFUGE_HOME, and captures what it prints.
struct RefugeBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("refuge").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/refuge").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("refuge-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: home) }

    var sessionsFolder: URL { home.appendingPathComponent("sessions") }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RefugeBinary.path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["REFUGE_HOME"] = home.path
        env["REFUGE_PASSPHRASE"] = nil
        env["LANG"] = "C.UTF-8"
        for (k, v) in extra { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = RefugeBinary.packageRoot
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `refuge new ... --no-open`, returning the new session's id.
    func newSession(_ extra: [String], environment: [String: String] = [:]) throws -> String {
        let r = try run(["new", "--no-open"] + extra, environment: environment)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The session file as JSON (unprotected sessions only).
    func sessionJSON(_ id: String) throws -> [String: Any] {
        let data = try Data(contentsOf: sessionsFolder.appendingPathComponent("\(id).refuge"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The answers stored in an unprotected session.
    func answers(_ id: String) throws -> [String: Any] {
        let file = try sessionJSON(id)
        let body = try XCTUnwrap(file["body"] as? [String: Any], "no readable body: \(file.keys)")
        let session = try XCTUnwrap(body["session"] as? [String: Any])
        return try XCTUnwrap(session["answers"] as? [String: Any])
    }
}
