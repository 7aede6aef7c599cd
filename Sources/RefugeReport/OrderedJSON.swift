import RefugeExpressions
import RefugeJSON

/// A JSON value whose objects keep their keys in the order they were written, so the export
/// reads the same every time (a dictionary would shuffle them).
public indirect enum OrderedJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Exact (`ExactNumber`): written with every digit, never rounded through `Double`.
    case number(ExactNumber)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    public static func == (a: OrderedJSON, b: OrderedJSON) -> Bool { a.pretty() == b.pretty() }
    public func hash(into hasher: inout Hasher) { hasher.combine(pretty()) }

    /// Pretty-printed with two-space indents, `"key": value`, and a final newline, by the
    /// shared `JSONWriter`. Strings escape every control character (so an ESC or a C1 control
    /// in an answer never reaches a terminal raw) and U+2028/2029 too, for scripts that embed
    /// the export. Numbers are their canonical digits (`3`, `-2.5`, `9007199254740993`).
    public func pretty() -> String {
        var writer = JSONWriter(layout: .pretty, escaping: .allControls, capacity: 4096)
        write(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }

    private func write(into writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let b): writer.bool(b)
        case .number(let n):
            // An exact number's canonical text is always a JSON number; were it ever not, the
            // writer refuses it before writing anything, and null stands in its place.
            do { try writer.number(digits: n.description) } catch { writer.null() }
        case .string(let s): writer.string(s)
        case .array(let items):
            writer.array { list in for item in items { item.write(into: &list) } }
        case .object(let members):
            writer.object { object in
                for (key, value) in members {
                    object.key(key)
                    value.write(into: &object)
                }
            }
        }
    }
}
