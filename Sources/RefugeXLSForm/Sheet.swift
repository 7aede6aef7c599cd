// One sheet of an XLSForm (survey, choices or settings) as rows of text, whatever file it came from.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A sheet read from an .xlsx or a CSV file: its header row and the rows below it, each keeping
/// the row number a spreadsheet shows, so every message can point at `survey!12`.
public struct Sheet: Sendable {
    /// The sheet's name as messages show it (`survey`, `choices`, `settings`).
    public var name: String
    /// The file the sheet is in (the .xlsx, or the sheet's CSV file).
    public var file: String
    /// The header row, trimmed, as written (`label::English (en)`).
    public var header: [String]
    public var headerRow: Int
    public var rows: [Row]

    public struct Row: Sendable {
        /// The spreadsheet's row number (1 is the first row of the sheet).
        public var number: Int
        public var cells: [String]
    }

    public init(name: String, file: String, header: [String], headerRow: Int, rows: [Row]) {
        self.name = name; self.file = file; self.header = header; self.headerRow = headerRow; self.rows = rows
    }

    /// Builds a sheet from raw rows (number and cells): the first row with any text is the
    /// header; fully blank rows below it are dropped.
    static func from(name: String, file: String, rawRows: [Row]) -> Sheet {
        let nonBlank = rawRows.filter { row in row.cells.contains { !$0.trimmed.isEmpty } }
        guard let first = nonBlank.first else {
            return Sheet(name: name, file: file, header: [], headerRow: 1, rows: [])
        }
        return Sheet(name: name, file: file, header: first.cells.map(\.trimmed), headerRow: first.number,
                     rows: Array(nonBlank.dropFirst()))
    }
}

/// The three sheets of a form; `choices` and `settings` may be missing.
public struct Workbook: Sendable {
    public var survey: Sheet
    public var choices: Sheet?
    public var settings: Sheet?
    /// Names of other sheets in the file (reported, not read).
    public var otherSheets: [String]
    /// The form's file or folder as given, for messages and for a default id.
    public var source: String

    public init(survey: Sheet, choices: Sheet?, settings: Sheet?, otherSheets: [String] = [], source: String) {
        self.survey = survey; self.choices = choices; self.settings = settings
        self.otherSheets = otherSheets; self.source = source
    }
}

extension String {
    /// Without leading and trailing white space (Unicode's White_Space, line breaks included).
    /// Written on the scalars: Foundation's trimmingCharacters(in:) goes through NSString and
    /// was a sixth of an import's time, called on every cell.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}
