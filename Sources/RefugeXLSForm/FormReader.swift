// Finds the survey, choices and settings sheets of a form given as an .xlsx file or as a
// folder of CSV files.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

public enum FormReader {
    /// Reads the form at `path`. A failure is one diagnostic that says what is wrong with the file.
    public static func read(path: String) -> Result<Workbook, ImportDiagnostic> {
        guard FileKind.exists(path) else {
            return .failure(.error(file: path, "there is no file or folder here"))
        }
        if FileKind.isDirectory(path) { return readFolder(path) }
        let lower = path.lowercased()
        if lower.hasSuffix(".xls") {
            return .failure(.error(file: path, "this is an old Excel .xls file; save it as .xlsx (Excel Workbook) and import that"))
        }
        if lower.hasSuffix(".csv") {
            return .failure(.error(file: path, "give the folder that holds survey.csv (and choices.csv, settings.csv), not one CSV file"))
        }
        return readXLSX(path)
    }

    static func readXLSX(_ path: String) -> Result<Workbook, ImportDiagnostic> {
        let sheets: [(name: String, rows: [Sheet.Row])]
        do {
            sheets = try XLSXReader.sheets(at: URL(fileURLWithPath: path), display: path)
        } catch {
            return .failure(.error(file: path, error.message))
        }
        func sheet(_ name: String) -> Sheet? {
            sheets.first { $0.name.trimmed.lowercased() == name }.map { Sheet.from(name: name, file: path, rawRows: $0.rows) }
        }
        guard let survey = sheet("survey") else {
            let names = sheets.map(\.name).joined(separator: ", ")
            return .failure(.error(file: path, "this workbook has no sheet named survey (its sheets: \(names))"))
        }
        let known: Set<String> = ["survey", "choices", "settings"]
        let others = sheets.map(\.name).filter { !known.contains($0.trimmed.lowercased()) }
        return .success(Workbook(survey: survey, choices: sheet("choices"), settings: sheet("settings"),
                                 otherSheets: others, source: path))
    }

    static func readFolder(_ path: String) -> Result<Workbook, ImportDiagnostic> {
        let folder = URL(fileURLWithPath: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        func fileName(_ sheet: String) -> String? {
            names.first { $0.lowercased() == sheet + ".csv" }
        }
        func sheet(_ name: String) -> Result<Sheet?, ImportDiagnostic> {
            guard let file = fileName(name) else { return .success(nil) }
            let display = (path.hasSuffix("/") ? path : path + "/") + file
            let size = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[.size] as? Int) ?? 0
            guard size <= ImportLimits.formFileBytes else {
                return .failure(.error(file: display, "this file is larger than \(ImportLimits.formFileBytes / 1_048_576) MB; it is refused"))
            }
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
                return .failure(.error(file: display, "this file cannot be read (check its permissions)"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(.error(file: display, "this file is not UTF-8 text; save it as \"CSV UTF-8\""))
            }
            do {
                return .success(Sheet.from(name: name, file: display, rawRows: try CSVReader.records(text)))
            } catch {
                return .failure(ImportDiagnostic(.error, file: display, sheet: name, row: error.row, error.message))
            }
        }
        guard fileName("survey") != nil else {
            return .failure(.error(file: path, "this folder has no survey.csv (an XLSForm as CSV files is survey.csv, choices.csv and settings.csv)"))
        }
        do {
            let survey = try sheet("survey").get()!
            let others = names.filter { $0.lowercased().hasSuffix(".csv") && !["survey.csv", "choices.csv", "settings.csv"].contains($0.lowercased()) }
                .map { String($0.dropLast(4)) }
            return .success(Workbook(survey: survey, choices: try sheet("choices").get(), settings: try sheet("settings").get(),
                                     otherSheets: others.sorted(), source: path))
        } catch {
            return .failure(error)
        }
    }
}
