// A small CSV reader (RFC 4180): commas, double-quoted fields with "" for a quote, and line
// breaks inside quoted fields. Enough for the three sheets of an XLSForm saved as CSV.

enum CSVReader {
    struct Failure: Error, Sendable {
        var row: Int
        var message: String
    }

    /// The records of `text`, each with the number of the record (1 for the first), which is the
    /// row number a spreadsheet shows even when a quoted field spans several lines.
    static func records(_ text: String) throws(Failure) -> [Sheet.Row] {
        var rows: [Sheet.Row] = []
        var field = String.UnicodeScalarView()
        var cells: [String] = []
        var inQuotes = false
        var afterQuote = false   // a quoted field just closed: only a separator or a line end may follow
        var record = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }

        func endField() { cells.append(String(field)); field.removeAll(keepingCapacity: true) }
        func endRecord() {
            endField()
            rows.append(Sheet.Row(number: record, cells: cells))
            cells.removeAll(keepingCapacity: true)
            record += 1
        }

        var index = scalars.startIndex
        while index < scalars.endIndex {
            let c = scalars[index]
            index = scalars.index(after: index)
            if inQuotes {
                if c == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                endField(); afterQuote = false
            case "\r":
                if index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
                endRecord(); afterQuote = false
            case "\n":
                endRecord(); afterQuote = false
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
            default:
                if afterQuote {
                    throw Failure(row: record, message: "text after a closing quote; a quote inside a quoted cell is written twice (\"\")")
                }
                field.append(c)
            }
        }
        if inQuotes { throw Failure(row: record, message: "a quoted cell is never closed (a \" is missing)") }
        if !field.isEmpty || !cells.isEmpty || afterQuote { endRecord() }
        return rows
    }
}
