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
        var out = table(expectedRows: report.answers.count)
        for answer in report.answers { write(answer, into: &out) }
        return out
    }

    /// The export written while the answers are gathered: each answer's rows are written as
    /// it is made and freed at once, so no array of every answer is built and then read back.
    /// Not for `--redact identity`, whose mask reads the whole report first.
    static func render(gathering assembly: inout ReportAssembly) -> String {
        var out = table(expectedRows: assembly.expectedAnswers)
        assembly.gatherAnswers { answer, _ in write(answer, into: &out) }
        return out
    }

    /// The text with its header row, sized once (about 40 bytes a row in long sessions) so it
    /// is not copied again at each doubling. Each row is written into the one text as it is
    /// made: gathering every row's fields, then every row's line, then joining the lines held
    /// the whole table three times over, which at ten thousand answers was several times the
    /// cache.
    private static func table(expectedRows: Int) -> String {
        var out = ""
        out.reserveCapacity(256 + 48 * expectedRows)
        write(columns, into: &out)
        return out
    }

    /// An answer's row, or a repeat's rows (one for each field of each entry).
    private static func write(_ answer: ReportAnswer, into out: inout String) {
        if let entries = answer.entries, !entries.isEmpty {
            for entry in entries {
                for field in entry.answers { write(row(field, entry: String(entry.number)), into: &out) }
            }
        } else {
            write(row(answer, entry: ""), into: &out)
        }
    }

    private static func write(_ row: [String], into out: inout String) {
        for (i, raw) in row.enumerated() {
            if i > 0 { out += "," }
            out += field(raw)
        }
        out += "\r\n"
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
