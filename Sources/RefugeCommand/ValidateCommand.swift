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

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check questionnaires (files or folders) and list every problem with its line.",
        discussion: "Exit status: 0 when every questionnaire is valid, 1 when one has errors, 2 on usage errors."
    )

    @Flag(help: "Treat warnings (missing translations, unreachable items, ...) as errors.")
    var strict = false

    @Argument(help: "Questionnaire files (.yaml) or folders (with questionnaire.yaml), or folders of them.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one questionnaire file or folder.") }
    }

    func run() throws {
        var failed = false
        for path in expand(paths) {
            let result = QuestionnaireLoader.load(path: path)
            // Counted while printing: `errors` and `warnings` are filtered copies of the list.
            var errorCount = 0, warningCount = 0
            for d in result.diagnostics {
                var line = d
                if d.severity == .error { errorCount += 1 } else { warningCount += 1 }
                if strict && d.severity == .warning { line.severity = .error }
                print(TerminalSafe.text(line.description))
            }
            let errors = errorCount + (strict ? warningCount : 0)
            if errors > 0 {
                failed = true
                StandardStream.error.write(Data("\(TerminalSafe.line(path)): not valid (\(errors) error\(errors == 1 ? "" : "s"))\n".utf8))
            } else if let q = result.questionnaire {
                // Counted in place: `allItems` copies every item (twice, with the filter), which was
                // the peak of memory validating a large questionnaire.
                // By index, so that no item is copied out (each copy retains and releases dozens
                // of references).
                var questions = 0
                for s in q.sections.indices {
                    for i in q.sections[s].items.indices {
                        if q.sections[s].items[i].type.isAsked { questions += 1 }
                        for f in q.sections[s].items[i].fields.indices where q.sections[s].items[i].fields[f].type.isAsked { questions += 1 }
                    }
                }
                print(TerminalSafe.line("\(path): valid: \(q.id) version \(q.version), \(q.sections.count) sections, \(questions) questions, languages \(q.languages.joined(separator: ", "))"))
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// A folder that is not itself a questionnaire stands for the questionnaires inside it.
    private func expand(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            if FileKind.isDirectory(path),
               !FileManager.default.fileExists(atPath: PathText.join(path, "questionnaire.yaml")) {
                let inside = QuestionnaireCatalog.candidates(in: path)
                return inside.isEmpty ? [path] : inside
            }
            return [path]
        }
    }
}
