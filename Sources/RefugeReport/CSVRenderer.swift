#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// The answers as CSV for case-management imports (RFC 4180: comma-separated, fields quoted
/// when needed, CRLF line ends): one row per answer, with the columns question, entry, value,
/// label, status, note, flags. A repeat's fields are rows with the entry's number.
public enum CSVRenderer {
    public static let columns = ["question", "entry", "value", "label", "status", "note", "flags"]

    public static func render(_ report: Report) -> String {
        // Each row is written into the one text as it is made: gathering every row's fields,
        // then every row's line, then joining the lines held the whole table three times over,
        // which at ten thousand answers was several times the cache.
        var out = ""
        // Sized once (about 40 bytes a row in long sessions), so the text is not copied again
        // at each doubling.
        out.reserveCapacity(256 + 48 * report.answers.count)
        func write(_ row: [String]) {
            for (i, raw) in row.enumerated() {
                if i > 0 { out += "," }
                out += field(raw)
            }
            out += "\r\n"
        }
        write(columns)
        for answer in report.answers {
            if let entries = answer.entries, !entries.isEmpty {
                for entry in entries {
                    for field in entry.answers { write(row(field, entry: String(entry.number))) }
                }
            } else {
                write(row(answer, entry: ""))
            }
        }
        return out
    }

    private static func row(_ answer: ReportAnswer, entry: String) -> [String] {
        var value = ""
        if let placeholder = answer.placeholder {
            value = placeholder
        } else if answer.status == .draft {
            value = answer.draft ?? ""
        } else if let v = answer.value {
            value = text(v)
        }
        if let other = answer.otherText { value += (value.isEmpty ? "" : " ") + "(\(other))" }
        var flags: [String] = []
        if answer.followUp { flags.append("follow_up") }
        if answer.lawyerOnly { flags.append("lawyer_only") }
        return [answer.id, entry, value, answer.valueLabel.map(text) ?? "", answer.status.rawValue,
                answer.note ?? "", flags.joined(separator: ";")]
    }

    private static func text(_ value: ReportValue) -> String {
        switch value {
        case .texts(let vs): return vs.joined(separator: ";")
        case .date(let d): return d.isoString
        default: return ReportAssembly.raw(value)
        }
    }

    /// One field: quoted when it holds a comma, quote or line break; a text a spreadsheet
    /// would run as a formula (starting with =, +, -, @) gets a leading apostrophe.
    static func field(_ raw: String) -> String {
        var text = Escaping.plain(raw)
        if let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingEvery("\"", with: "\"\"") + "\""
    }
}
