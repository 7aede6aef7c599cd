import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics
import RefugeQuestionnaire
import RefugeXLSForm

/// `refuge import FORM`: an XLSForm (.xlsx, or a folder of survey.csv, choices.csv and
/// settings.csv) written as a questionnaire folder, checked by the same validator as
/// `refuge validate` before anything is written.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn an XLSForm (.xlsx, or a folder of CSV sheets) into a questionnaire folder.",
        discussion: """
            Everything the form uses that Refuge cannot express is listed as FILE:SHEET!ROW: warning: ... \
            and written as a comment in the questionnaire. The folder is written whenever the form can be \
            converted (to read those comments), and checked as `refuge validate` checks it. \
            An existing folder is replaced only if an earlier `refuge import` wrote it.
            Exit status: 0 imported, 1 errors (with --strict, warnings too), 2 usage errors.
            """
    )

    @Flag(help: "Treat warnings (anything not carried over, missing translations, ...) as errors.")
    var strict = false

    @Option(name: .short, help: "The questionnaire folder to write (default: the form's id, in the current folder).")
    var output: String?

    @Argument(help: "The XLSForm: an .xlsx file, or a folder with survey.csv (and choices.csv, settings.csv).")
    var form: String

    func run() throws {
        let result = XLSFormImporter.importForm(path: form)
        var errors = 0
        for d in result.diagnostics {
            var line = d
            if strict && d.severity == .warning { line.severity = .error }
            if line.severity == .error { errors += 1 }
            StandardStream.error.write(Data((line.description + "\n").utf8))
        }
        guard let id = result.questionnaireID, !result.files.isEmpty else { throw failure(errors) }
        let folder = output ?? id
        // Written whenever the form could be converted, so that the comments and the lines that
        // messages name can be read; the exit status says whether it is ready to use.
        try write(result.files, to: folder)
        let loaded = QuestionnaireLoader.load(path: folder)
        for d in loaded.diagnostics {
            var line = d
            if strict && d.severity == .warning { line.severity = .error }
            if line.severity == .error { errors += 1 }
            StandardStream.error.write(Data((line.description + "\n").utf8))
        }
        guard errors == 0, let questionnaire = loaded.questionnaire else { throw failure(max(errors, 1), written: folder) }
        let questions = questionnaire.allItems.filter { $0.type.isAsked }.count
        let warnings = result.warnings.count + loaded.warnings.count
        print("\(form): imported to \(folder): \(questionnaire.id) version \(questionnaire.version), \(questionnaire.sections.count) sections, \(questions) questions, languages \(questionnaire.languages.joined(separator: ", "))"
              + (warnings > 0 ? "; \(warnings) warning\(warnings == 1 ? "" : "s") (see the comments in the files)" : ""))
    }

    private func failure(_ errors: Int, written folder: String? = nil) -> ExitCode {
        let note = folder.map { "; written to \($0) for reading, not ready to use" } ?? ""
        StandardStream.error.write(Data("\(form): not imported (\(errors) error\(errors == 1 ? "" : "s"))\(note)\n".utf8))
        return ExitCode(1)
    }

    /// Writes the files into `folder`, which must be new, empty, or an earlier import (its .yaml
    /// files that an import wrote are replaced; nothing else in it is touched).
    private func write(_ files: [ImportedFile], to folder: String) throws {
        let manager = FileManager.default
        if FileKind.exists(folder) {
            guard FileKind.isDirectory(folder) else { throw fail("\(folder) is a file; give another folder with -o") }
            let names = try manager.contentsOfDirectory(atPath: folder)
            let main = PathText.join(folder, "questionnaire.yaml")
            if !names.isEmpty {
                guard let text = try? String(contentsOfFile: main, encoding: .utf8), text.hasPrefix(XLSFormImporter.marker) else {
                    throw fail("\(folder) already exists and was not written by `refuge import`; give another folder with -o")
                }
                for name in names where name.hasSuffix(".yaml") {
                    let path = PathText.join(folder, name)
                    if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix(XLSFormImporter.marker) {
                        try manager.removeItem(atPath: path)
                    }
                }
            }
        } else {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for file in files {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(file.name)
            try Data(file.text.utf8).write(to: url, options: .atomic)
        }
    }

    private func fail(_ message: String) -> ExitCode {
        StandardStream.error.write(Data("\(message)\n".utf8))
        return ExitCode(1)
    }
}
