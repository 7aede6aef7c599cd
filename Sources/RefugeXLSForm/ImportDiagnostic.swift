// What the importer says about a form: `FILE:SHEET!ROW: warning: …`, the place a spreadsheet
// author can find.

public struct ImportDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }
    public var severity: Severity
    public var file: String
    public var sheet: String?
    public var row: Int?
    public var message: String

    public init(_ severity: Severity, file: String, sheet: String?, row: Int?, _ message: String) {
        self.severity = severity; self.file = file; self.sheet = sheet; self.row = row; self.message = message
    }

    static func error(file: String, _ message: String) -> ImportDiagnostic {
        ImportDiagnostic(.error, file: file, sheet: nil, row: nil, message)
    }

    /// `survey!12`, or `survey` for the whole sheet, or nil for the whole file.
    public var place: String? {
        guard let sheet else { return nil }
        return row.map { "\(sheet)!\($0)" } ?? sheet
    }

    public var description: String {
        "\(file)\(place.map { ":" + $0 } ?? ""): \(severity.rawValue): \(message)"
    }
}
