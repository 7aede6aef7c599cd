/// A place in a questionnaire file, 1-based, for messages an author can follow.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file; self.line = line; self.column = column
    }
    public var description: String { "\(file):\(line):\(column)" }
    /// The same line, `offset` characters further right (for positions inside an expression).
    public func shifted(by offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }
}

/// One problem found while loading or validating a questionnaire.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }
    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity; self.location = location; self.message = message
    }
    /// `path:line:col: error: message`, the form compilers use so editors can jump to it.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Collects diagnostics in the order they are found.
struct DiagnosticSink {
    private(set) var all: [Diagnostic] = []
    mutating func error(_ at: SourceLocation, _ message: String) { all.append(Diagnostic(.error, at: at, message)) }
    mutating func warning(_ at: SourceLocation, _ message: String) { all.append(Diagnostic(.warning, at: at, message)) }
    var hasErrors: Bool { all.contains { $0.severity == .error } }
    /// Every diagnostic, in file order (file, line, column; found order within a place), leaving
    /// the sink empty: sorted in place rather than into a copy beside the sink's own list, which
    /// for a questionnaire with thousands of warnings held every one of them twice.
    mutating func takeSorted() -> [Diagnostic] {
        var taken = all
        all = []
        taken.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
        return taken
    }
}
