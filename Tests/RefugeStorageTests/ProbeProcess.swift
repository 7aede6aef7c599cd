import Foundation
import XCTest

/// The `refuge-crash-probe` helper (Sources/RefugeCrashProbe), run as a child process.
final class ProbeProcess {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var received = Data()

    /// The probe built beside the test bundle, or nil with a test failure saying how to build it.
    static func executable(file: StaticString = #filePath, line: UInt = #line) -> URL? {
        let name = "refuge-crash-probe"
        var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders.append(package.appendingPathComponent(".build/debug"))
        let candidates = folders.map { $0.appendingPathComponent(name) }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        XCTFail("\(name) not found (looked in \(candidates.map(\.path))); build it with `swift build --product \(name)`",
                file: file, line: line)
        return nil
    }

    init(_ executable: URL, _ arguments: [String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the next complete line of output; nil when the probe ended first.
    func nextLine() -> String? {
        while true {
            if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: received[..<newline], as: UTF8.self)
                received.removeSubrange(...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            received.append(chunk)
        }
    }

    /// Kills the probe with SIGKILL (no chance to clean up) and waits for it to be gone.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var wasKilled: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }

    /// Every complete line printed after those already read (call once the probe has ended).
    func remainingLines() -> [String] {
        received.append(output.fileHandleForReading.readDataToEndOfFile())
        var lines: [String] = []
        while let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: received[..<newline], as: UTF8.self))
            received.removeSubrange(...newline)
        }
        return lines
    }

    var errorOutput: String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
