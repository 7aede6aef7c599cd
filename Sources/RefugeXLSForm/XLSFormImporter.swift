// The importer's entry point: a form's sheets in, a questionnaire folder's files and the
// importer's messages out.

public struct ImportedFile: Sendable, Equatable {
    public var name: String
    public var text: String
}

public struct ImportResult: Sendable {
    /// questionnaire.yaml and one `<lang>.yaml` per language after the first; empty on an error.
    public var files: [ImportedFile]
    public var diagnostics: [ImportDiagnostic]
    public var questionnaireID: String?

    public var errors: [ImportDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [ImportDiagnostic] { diagnostics.filter { $0.severity == .warning } }
}

public enum XLSFormImporter {
    /// Reads the form at `path` (an .xlsx file or a folder of CSV files) and converts it.
    public static func importForm(path: String) -> ImportResult {
        switch FormReader.read(path: path) {
        case .failure(let d): return ImportResult(files: [], diagnostics: [d], questionnaireID: nil)
        case .success(let workbook): return convert(workbook)
        }
    }

    public static func convert(_ workbook: Workbook) -> ImportResult {
        var converter = Converter(workbook: workbook)
        let questionnaire = converter.run()
        // A text in several languages can give the same message once per language.
        var seen: Set<ImportDiagnostic> = []
        let diagnostics = converter.diagnostics.filter { seen.insert($0).inserted }
        guard let questionnaire else {
            return ImportResult(files: [], diagnostics: diagnostics, questionnaireID: nil)
        }
        let files = YAMLWriter.files(questionnaire).map { ImportedFile(name: $0.name, text: $0.text) }
        return ImportResult(files: files, diagnostics: diagnostics, questionnaireID: questionnaire.id)
    }

    /// The first line of every file the importer writes.
    public static var marker: String { YAMLWriter.marker }
}
