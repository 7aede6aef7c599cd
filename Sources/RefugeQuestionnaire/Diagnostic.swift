/// A place in a questionnaire file, 1-based, for messages an author can follow.
///
/// Line and column kept in 32 bits each (24 bytes, not 32): every item, rule and text holds
/// one, and the YAML reader counts them in 32 bits already (`YAMLNode`), so no file that loads
/// has a position beyond them.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    private var storedLine: Int32
    private var storedColumn: Int32
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }
    public init(file: String, line: Int, column: Int) {
        self.file = file; self.storedLine = Int32(clamping: line); self.storedColumn = Int32(clamping: column)
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
