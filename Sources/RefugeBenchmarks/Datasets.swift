import Foundation
import RefugeQuestionnaire
import RefugeSynthetic

/// A questionnaire to measure: its source bytes (so loading is measured without the disk) and
/// the questionnaire built from them once.
struct Dataset {
    /// "credible-fear", or the generated size as text ("1,000").
    var name: String
    /// The number of generated items; nil for the shipped questionnaire (left out of growth).
    var items: Int?
    var files: [SourceFile]
    var questionnaire: Questionnaire

    /// The main YAML text, for the reference (the same text parsed by Yams alone).
    var mainYAML: String {
        let main = files.first { $0.relativePath == "questionnaire.yaml" } ?? files[0]
        return String(decoding: main.bytes, as: UTF8.self)
    }

    static func load(files: [SourceFile], name: String) -> LoadResult {
        QuestionnaireLoader.load(files: files, displayRoot: name, sourcePath: name)
    }

    /// The shipped questionnaire folder: questionnaire.yaml and its translations.
    static func shipped(folder: String) throws -> Dataset {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        let files = try names.map { name in
            SourceFile(relativePath: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
        }
        let name = URL(fileURLWithPath: folder).lastPathComponent
        return try Dataset(name: name, items: nil, files: files, loaded: load(files: files, name: folder), sourcePath: folder)
    }

    /// A generated questionnaire of `items` items (the same seed every run); the random mix's
    /// are named "1,000 random mix" (see `Options.syntheticMix`).
    static func synthetic(items: Int, mix: SyntheticQuestionnaire.Mix = .proportional) throws -> Dataset {
        let text = SyntheticQuestionnaire.yaml(items: items, seed: 7, mix: mix)
        let files = [SourceFile(relativePath: "questionnaire.yaml", bytes: Array(text.utf8))]
        let name = items.formatted() + (mix == .random ? " random mix" : "")
        return try Dataset(name: name, items: items, files: files,
                           loaded: load(files: files, name: "synthetic-\(items)"), sourcePath: "synthetic-\(items)")
    }

    private init(name: String, items: Int?, files: [SourceFile], loaded: LoadResult, sourcePath: String) throws {
        guard let q = loaded.questionnaire else {
            throw BenchmarkFailure("\(sourcePath) does not validate: \(loaded.errors.map(\.message).prefix(3).joined(separator: "; "))")
        }
        self.name = name
        self.items = items
        self.files = files
        self.questionnaire = q
    }

    /// Writes the source files into `folder` (for the start-up runs, which load from disk).
    func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            try Data(file.bytes).write(to: folder.appendingPathComponent(file.relativePath))
        }
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Int {
    /// 10000 as "10,000", whatever the locale.
    func formatted() -> String {
        let digits = Array(String(self))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
