import RefugeExpressions

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

    /// Pretty-printed with two-space indents, `"key": value`, and a final newline.
    public func pretty() -> String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += OrderedJSON.number(n)
        case .string(let s): out += OrderedJSON.quoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += inner + OrderedJSON.quoted(key) + ": "
                value.write(into: &out, indent: inner)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        }
    }

    /// The canonical digits (`3`, `-2.5`, `9007199254740993`): valid JSON as they are, with no
    /// exponent and no `.0` on an integer.
    static func number(_ n: ExactNumber) -> String { n.description }

    /// A JSON string: quotes, backslashes and every control character escaped (so an ESC in an
    /// answer never reaches a terminal raw), and U+2028/2029 too, for scripts that embed it.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || v == 0x2028 || v == 0x2029 {
                    let hex = String(v, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
