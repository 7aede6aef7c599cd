#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// Lines in and out: standard input and output for people and scripts, or memory for tests.
public protocol LineIO {
    /// The next line without its newline, or nil at the end of input.
    mutating func readLine() -> String?
    mutating func write(_ line: String)
}

public struct StandardLineIO: LineIO {
    public init() {}
    public mutating func readLine() -> String? {
        guard var line = Swift.readLine(strippingNewline: true) else { return nil }
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
    public mutating func write(_ line: String) {
        StandardStream.output.write(Data((line + "\n").utf8))
    }
}

/// Replays lines and collects what is written (tests and transcripts).
public struct ScriptedLineIO: LineIO {
    public var input: [String]
    public private(set) var output: [String] = []
    public init(input: [String]) { self.input = input }
    public mutating func readLine() -> String? {
        guard !input.isEmpty else { return nil }
        let line = input.removeFirst()
        // The echo shows control characters visibly, so the transcript itself stays clean.
        output.append("> " + line.replacingEvery("\u{1B}", with: "\\e"))
        return line
    }
    public mutating func write(_ line: String) { output.append(line) }
    public var transcript: String { output.joined(separator: "\n") + "\n" }
}
