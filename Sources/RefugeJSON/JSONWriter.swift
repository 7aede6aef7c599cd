/// Writes JSON straight into bytes: the one JSON writer of Refuge, shared by the session file
/// (compact, every save) and the report's JSON export (pretty, for people and scripts).
///
/// Values are written in the order they are given, so a caller decides the order of an object's
/// members (the report's fixed order; the session's answers sorted by id). Nothing is checked
/// beyond what JSON's grammar needs: a caller writes one value, or a key then a value inside an
/// object.
///
/// - Strings: see `Escaping`.
/// - Numbers: `integer(_:)` as written by `String(_:)`; `number(digits:)` writes a number given
///   as its digits (an exact decimal's canonical text, `ExactNumber.description`: `29`, `-2.5`,
///   `9007199254740993`) exactly as given, never through `Double`, after checking that it is a
///   JSON number; anything else (`NaN`, `1.`, `.5`, `+1`, `0x1F`) is refused.
/// - Layout: `.compact` has no spaces or line ends at all; `.pretty` puts every member and
///   element on its own line, indented by two spaces per level, with `"key": value`, and empty
///   objects and arrays as `{}` and `[]`.
///
/// Plain value type, no Foundation: a save writes a few of these per confirmed answer, and
/// `JSONEncoder` cost tens of microseconds a call.
public struct JSONWriter: Sendable {
    /// Where spaces and line ends go.
    public enum Layout: Sendable {
        /// No whitespace: the session file.
        case compact
        /// One member or element a line, two spaces of indent per level: the report.
        case pretty
    }

    /// Which characters of a string are written as escapes. Both escape what JSON requires: the
    /// quote, the backslash and the C0 controls (`\n`, `\r`, `\t`, `\b`, `\f`, the others as
    /// `\u00xx`); the slash is never escaped. All other characters are written as their UTF-8.
    public enum Escaping: Sendable {
        /// Only what JSON requires (byte for byte what `JSONEncoder` writes with
        /// `.withoutEscapingSlashes`): the session file, read back only by Refuge.
        case required
        /// Also DEL, the C1 controls (U+0080-U+009F) and U+2028/U+2029 as `\u` escapes: text
        /// that people and scripts read, where a raw C1 control could act on a terminal (U+009B
        /// starts a control sequence like ESC [) and U+2028 ends a line in older JavaScript.
        case allControls
    }

    /// A number JSON cannot hold.
    public enum Failure: Error, CustomStringConvertible, Sendable, Equatable {
        case notANumber(String)
        public var description: String { "a number that JSON cannot hold (\(self))" }
    }

    public private(set) var bytes: [UInt8] = []
    public let layout: Layout
    public let escaping: Escaping
    /// For each open object or array: whether something was written in it yet.
    private var hasMembers: [Bool] = []
    /// A key was just written: its value follows without a comma.
    private var afterKey = false

    public init(layout: Layout = .compact, escaping: Escaping = .required, capacity: Int = 256) {
        self.layout = layout
        self.escaping = escaping
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written, handed over without a copy (the writer is used up).
    public consuming func takeBytes() -> [UInt8] { bytes }

    // MARK: Structure

    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        guard let last = hasMembers.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        hasMembers[hasMembers.count - 1] = true
        if layout == .pretty { newLine(depth: hasMembers.count) }
    }

    private mutating func newLine(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container(opening: UInt8(ascii: "{"), closing: UInt8(ascii: "}"), body)
    }

    public mutating func array(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container(opening: UInt8(ascii: "["), closing: UInt8(ascii: "]"), body)
    }

    private mutating func container(opening: UInt8, closing: UInt8, _ body: (inout JSONWriter) throws -> Void) rethrows {
        beforeValue()
        bytes.append(opening)
        hasMembers.append(false)
        try body(&self)
        if hasMembers.removeLast(), layout == .pretty { newLine(depth: hasMembers.count) }
        bytes.append(closing)
    }

    /// JSON written before by another compact `JSONWriter` with the same escaping: a value, or
    /// a `"key":value` member (or several, joined by commas). Lets a caller keep the JSON of
    /// what did not change and write only the rest again.
    public mutating func written(_ json: [UInt8]) {
        precondition(layout == .compact, "written JSON is compact")
        beforeValue()
        bytes.append(contentsOf: json)
    }

    /// A member's name; its value is the next thing written.
    public mutating func key(_ name: String) {
        beforeValue()
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
        if layout == .pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    // MARK: Values

    public mutating func string(_ text: String) {
        beforeValue()
        quoted(text)
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: Self.nullBytes)
    }

    public mutating func integer(_ value: Int) {
        beforeValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A number written as the given digits, character for character (so an exact decimal
    /// keeps every digit); text that is not a JSON number is refused (`Failure.notANumber`)
    /// and nothing is written.
    public mutating func number(digits: String) throws {
        guard Self.isJSONNumber(digits.utf8) else { throw Failure.notANumber(digits) }
        beforeValue()
        bytes.append(contentsOf: digits.utf8)
    }

    /// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func isJSONNumber(_ text: String.UTF8View) -> Bool {
        var rest = text[...]
        func digits() -> Int {
            let count = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            rest = rest.dropFirst(count)
            return count
        }
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let leadingZero = rest.first == UInt8(ascii: "0")
        let whole = digits()
        guard whole > 0, !leadingZero || whole == 1 else { return false }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            guard digits() > 0 else { return false }
        }
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return rest.isEmpty
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    private mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        JSONStringEscaping.append(text, to: &bytes, escaping: escaping)
        bytes.append(UInt8(ascii: "\""))
    }
}
