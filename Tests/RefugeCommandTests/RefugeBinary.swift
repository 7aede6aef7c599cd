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

    /// The answers stored in an unprotected session: the session file's, with the changes in its
    /// journal applied (as after a kill), read by the layout README describes.
    func answers(_ id: String) throws -> [String: Any] {
        let file = try sessionJSON(id)
        let body = try XCTUnwrap(file["body"] as? [String: Any], "no readable body: \(file.keys)")
        let session = try XCTUnwrap(body["session"] as? [String: Any])
        var answers = try XCTUnwrap(session["answers"] as? [String: Any])
        for change in try journalChanges(id) {
            for removed in change["removed"] as? [String] ?? [] { answers[removed] = nil }
            let changed = (change["session"] as? [String: Any])?["answers"] as? [String: Any] ?? [:]
            for (question, answer) in changed { answers[question] = answer }
        }
        return answers
    }

    /// The changes in a session's journal that continue its file (none without a journal):
    /// records of a 10-digit length, a space, the payload's SHA-256 in hex, a newline, the
    /// payload and a newline; the first names the file it continues by the SHA-256 of its bytes.
    func journalChanges(_ id: String) throws -> [[String: Any]] {
        let url = sessionsFolder.appendingPathComponent("\(id).refuge.journal")
        guard let bytes = try? Data(contentsOf: url) else { return [] }
        var payloads: [[String: Any]] = []
        var at = bytes.startIndex
        while bytes.endIndex - at > 76, let length = Int(String(decoding: bytes[at..<(at + 10)], as: UTF8.self)),
              bytes.endIndex - (at + 76) > length {
            let payload = bytes[(at + 76)..<(at + 76 + length)]
            guard let record = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { break }
            payloads.append(record)
            at += 76 + length + 1
        }
        guard let base = payloads.first?["base"] as? String else { return [] }
        let sum = try Self.sha256(of: sessionsFolder.appendingPathComponent("\(id).refuge"))
        return base == sum ? payloads.dropFirst().compactMap { $0["change"] as? [String: Any] } : []
    }

    /// The SHA-256 of a file in hex, by `sha256sum`.
    static func sha256(of url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix { $0 != " " })
    }
}
