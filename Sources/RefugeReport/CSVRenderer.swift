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
                let number = String(entry.number)
                for field in entry.answers { writeRow(field, entry: number, into: &out) }
            }
        } else {
            writeRow(answer, entry: "", into: &out)
        }
    }

    private static func write(_ row: [String], into out: inout String) {
        for (i, raw) in row.enumerated() {
            if i > 0 { out += "," }
            out += field(raw)
        }
        out += "\r\n"
    }

    /// One answer's row, each field written into the text as it is made (no array of the
    /// row's fields, and a field with nothing to change is not copied first).
    private static func writeRow(_ answer: ReportAnswer, entry: String, into out: inout String) {
        var value = ""
        if let placeholder = answer.placeholder {
            value = placeholder
        } else if answer.status == .draft {
            value = answer.draft ?? ""
        } else if let v = answer.value {
            value = text(v)
        }
        if let other = answer.otherText { value += (value.isEmpty ? "" : " ") + "(\(other))" }
        writeField(answer.id, into: &out)
        out += ","
        writeField(entry, into: &out)
        out += ","
        writeField(value, into: &out)
        out += ","
        if let label = answer.valueLabel { writeField(text(label), into: &out) }
        out += ","
        writeField(answer.status.rawValue, into: &out)
        out += ","
        if let note = answer.note { writeField(note, into: &out) }
        out += ","
        switch (answer.followUp, answer.lawyerOnly) {
        case (true, true): out += "follow_up;lawyer_only"
        case (true, false): out += "follow_up"
        case (false, true): out += "lawyer_only"
        case (false, false): break
        }
        out += "\r\n"
    }

    private static func text(_ value: ReportValue) -> String {
        switch value {
        case .texts(let vs): return vs.joined(separator: ";")
        case .date(let d): return d.isoString
        default: return ReportAssembly.raw(value)
        }
    }

    /// `field(raw)` written into `out`. Most fields (ids, statuses, plain answers) hold no
    /// control or invisible character and nothing to quote: those are written as they are,
    /// without the new strings that `Escaping.plain` and the quoting make, which for every
    /// field of ten thousand rows were most of the export's short-lived allocations.
    static func writeField(_ raw: String, into out: inout String) {
        guard isPlain(raw), !raw.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") }) else {
            out += field(raw)
            return
        }
        if let first = raw.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") {
            out += "'"
        }
        out += raw
    }

    /// True when `Escaping.plain` returns `text` unchanged: no control character (C0, DEL, C1;
    /// line breaks and tabs included) and nothing `InvisibleCharacters` removes.
    static func isPlain(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) || (v > 0x7F && InvisibleCharacters.isNeutralized(scalar)) { return false }
        }
        return true
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
