import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// The outcome of loading: the questionnaire when it has no error, and every diagnostic.
public struct LoadResult: Sendable {
    public var questionnaire: Questionnaire?
    public var diagnostics: [Diagnostic]
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// How much a load checks. Every error is always found (a questionnaire with one is never
/// loaded); `.withoutLint` leaves out the passes that can only warn (the glossary's words on
/// client screens, reachability), for opening a session, which shows no warnings: about a
/// sixth of the time of a resume on credible-fear (issue 19).
public enum LoadChecks: Sendable {
    case all, withoutLint
}

/// A questionnaire's files as read from disk, not yet parsed.
public struct QuestionnaireSources: Sendable {
    /// `questionnaire.yaml` (or the one file): its name, bytes and the path messages name.
    /// Bytes as the model keeps them (`[UInt8]`): one copy of each file from reading to
    /// `sourceFiles`, not a `Data` beside an array (issue 19, the peak of `refuge validate`).
    let main: (name: String, bytes: [UInt8], display: String)
    let translations: [(name: String, bytes: [UInt8], display: String)]
    /// The file or folder they were read from.
    public let sourcePath: String

    /// Every file with its bytes, as a loaded questionnaire keeps them (`sourceFiles`).
    public var files: [SourceFile] {
        [SourceFile(relativePath: main.name, bytes: main.bytes)] + translations.map { SourceFile(relativePath: $0.name, bytes: $0.bytes) }
    }
}

/// The outcome of reading a questionnaire's files.
public enum SourceRead: Sendable {
    case read(QuestionnaireSources)
    /// A file was missing or unreadable: the load's result, with its diagnostic.
    case failed(LoadResult)
}

/// Loads a questionnaire from one YAML file or from a folder with `questionnaire.yaml` and
/// translation files `<lang>.yaml`.
public enum QuestionnaireLoader {
    public static func load(path: String, checks: LoadChecks = .all) -> LoadResult {
        switch read(path: path) {
        case .failed(let result): return result
        case .read(let sources): return load(sources, checks: checks)
        }
    }

    /// The files of the questionnaire at `path` (one YAML file, or a folder's `questionnaire.yaml`
    /// and translation files), read but not parsed: what `load(path:)` builds from, and what
    /// a compiled cache entry is checked against.
    public static func read(path: String) -> SourceRead {
        guard FileKind.exists(path) else {
            return .failed(failure(path, "there is no file or folder here"))
        }
        if FileKind.isDirectory(path) {
            return readFolder(path)
        }
        switch QuestionnaireFile.read(path) {
        case .success(let bytes):
            return .read(QuestionnaireSources(main: (singleFileName(path), bytes, path), translations: [], sourcePath: path))
        case .failure(let problem): return .failed(LoadResult(questionnaire: nil, diagnostics: [problem]))
        }
    }

    /// Builds and checks the questionnaire from files already read.
    public static func load(_ sources: QuestionnaireSources, checks: LoadChecks = .all) -> LoadResult {
        load(main: sources.main, translations: sources.translations, sourcePath: sources.sourcePath, checks: checks)
    }

    /// Loads from bytes already in memory (used for a session's stored copy and in tests).
    /// `files` maps relative paths to contents; `questionnaire.yaml` or a single file.
    public static func load(files: [SourceFile], displayRoot: String, sourcePath: String, checks: LoadChecks = .all) -> LoadResult {
        guard let main = files.first(where: { $0.relativePath == "questionnaire.yaml" }) ?? (files.count == 1 ? files.first : nil) else {
            return failure(displayRoot, "no questionnaire.yaml")
        }
        let others = files.filter { $0.relativePath != main.relativePath }.map {
            ($0.relativePath, $0.bytes, displayRoot + "/" + $0.relativePath)
        }
        let mainDisplay = files.count == 1 && main.relativePath != "questionnaire.yaml" ? displayRoot : displayRoot + "/" + main.relativePath
        return load(main: (main.relativePath, main.bytes, mainDisplay), translations: others, sourcePath: sourcePath, checks: checks)
    }

    /// A folder's files, by path and `readdir` rather than URL and FileManager: this runs on
    /// every resume, a cache hit included (issue 19).
    private static func readFolder(_ displayPath: String) -> SourceRead {
        let root = displayPath.hasSuffix("/") ? String(displayPath.dropLast()) : displayPath
        let mainPath = PathText.join(displayPath, mainFileName)
        let mainBytes: [UInt8]
        switch QuestionnaireFile.read(mainPath) {
        case .success(let read): mainBytes = read
        case .failure(let problem):
            guard FileKind.exists(mainPath) else { return .failed(failure(root, "this folder has no questionnaire.yaml")) }
            return .failed(LoadResult(questionnaire: nil, diagnostics: [problem]))
        }
        var translations: [(name: String, bytes: [UInt8], display: String)] = []
        for name in translationNames(in: displayPath) ?? [] {
            guard case .success(let bytes) = QuestionnaireFile.read(PathText.join(displayPath, name)) else {
                return .failed(failure(root + "/" + name, "this file cannot be read (a FIFO, too large, or check its permissions)"))
            }
            translations.append((name, bytes, root + "/" + name))
        }
        return .read(QuestionnaireSources(main: ("questionnaire.yaml", mainBytes, root + "/questionnaire.yaml"), translations: translations,
                                          sourcePath: displayPath))
    }

    /// A folder's main file.
    static let mainFileName = "questionnaire.yaml"

    /// The name a single-file questionnaire's file is kept under.
    static func singleFileName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }

    /// The translation files of a questionnaire folder, in the order they are read (nil when the
    /// folder cannot be listed; reading then takes it as having none). `status(path:)` lists
    /// the folder with this too, so that what a cache entry records is what is read.
    static func translationNames(in folder: String) -> [String]? {
        guard case .success(let names) = FolderNames.list(folder) else { return nil }
        return names.sorted().filter { $0 != mainFileName && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
    }

    private static func failure(_ path: String, _ message: String) -> LoadResult {
        LoadResult(questionnaire: nil, diagnostics: [Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), message)])
    }

    /// The file's text. The bytes stay [UInt8] from reading to the model's `sourceFiles` (one
    /// copy of the file, not a Data and an array besides the text).
    private static func decode(_ bytes: [UInt8], display: String, into sink: inout DiagnosticSink) -> String? {
        guard var text = String(validating: bytes, as: UTF8.self) else {
            sink.error(SourceLocation(file: display, line: 1, column: 1), "this file is not UTF-8 text; save it as UTF-8")
            return nil
        }
        // As before, when the text came from `String(data:encoding: .utf8)`: that dropped a
        // leading byte order mark (a scalar), and a second one was dropped here (a character).
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    static func load(main: (name: String, bytes: [UInt8], display: String), translations files: [(name: String, bytes: [UInt8], display: String)],
                     sourcePath: String, checks: LoadChecks = .all) -> LoadResult {
        // The sources as the questionnaire keeps them, and their hash, made first: hashing touches
        // code (SHA-256) that nothing else runs, and its pages, resident from then on, counted
        // toward the peak when they were first touched at the end, beside the whole model.
        var sources = [SourceFile(relativePath: main.name, bytes: main.bytes)]
        sources += files.map { SourceFile(relativePath: $0.name, bytes: $0.bytes) }
        let hash = contentHash(sources)
        var builder = Builder()
        var built: (header: Builder.Header, sections: [Section], checks: [Check], report: ReportLayout?, legalData: LegalData?)
        // The files' texts and YAML trees are only needed to build the model: in this block they
        // are released before the model is finished, which was the peak of memory while loading.
        do {
            // `root` must be the tree's only owner (no Result or text kept beside it): the builder
            // releases each section's nodes once built, which only frees what nothing else holds.
            var root: YAMLNode
            do {
                // The text is released once parsed (the tree holds its own strings).
                guard let mainText = decode(main.bytes, display: main.display, into: &builder.sink) else {
                    return LoadResult(questionnaire: nil, diagnostics: builder.sink.all)
                }
                switch YAMLNode.parse(mainText, file: main.display) {
                case .success(let node): root = node
                case .failure(let d): return LoadResult(questionnaire: nil, diagnostics: [d])
                }
            }
            // Languages come first: translation files are read against them.
            if let langs = root.mapEntries?.first(where: { $0.key == "languages" })?.value.sequence?.compactMap(\.scalar), !langs.isEmpty {
                builder.languages = langs
            }
            for file in files {
                let language = String(file.name.split(separator: ".").first ?? "")
                guard let text = decode(file.bytes, display: file.display, into: &builder.sink) else { continue }
                switch YAMLNode.parse(text, file: file.display) {
                case .failure(let d): builder.sink.error(d.location, d.message)
                case .success(let node):
                    if !builder.languages.contains(language) {
                        builder.sink.error(SourceLocation(file: file.display, line: 1, column: 1),
                                           "this looks like a translation file for `\(language)`, which is not in the questionnaire's `languages` (\(builder.languages.joined(separator: ", ")))")
                        continue
                    }
                    builder.translations.read(node, language: language, sink: &builder.sink)
                }
            }
            guard let model = builder.build(&root) else {
                return LoadResult(questionnaire: nil, diagnostics: builder.sink.all)
            }
            built = model
        }
        // Taken out of `built`, so that resolving routes changes the only copy of the sections
        // instead of copying every item it touches.
        var sections = built.sections
        built.sections = []
        builder.resolveRoutes(&sections)
        builder.checkInterpolations()
        if checks == .all { builder.checkGlossary(builder.glossary, sections: sections) }
        for unused in builder.translations.unused {
            builder.sink.error(unused.entry.location, "the translation `\(unused.path)` does not match anything in questionnaire.yaml (check the id)")
        }
        if checks == .all, !builder.sink.hasErrors { builder.checkReachability(sections) }
        builder.releaseBuildTables()

        let hasErrors = builder.sink.hasErrors
        let diagnostics = builder.sink.takeSorted()
        guard !hasErrors, let title = built.header.title else {
            return LoadResult(questionnaire: nil, diagnostics: diagnostics)
        }
        var questionnaire = Questionnaire(
            id: built.header.id, version: built.header.version, title: title, description: built.header.description,
            languages: builder.languages, sections: sections, checks: built.checks, report: built.report,
            contentHash: hash, sourcePath: sourcePath, sourceFiles: sources, legalData: built.legalData)
        questionnaire.declaration = builder.declaration
        return LoadResult(questionnaire: questionnaire, diagnostics: diagnostics)
    }

    /// SHA-256 over each file's relative path, length and bytes, in path order.
    public static func contentHash(_ files: [SourceFile]) -> String {
        var hasher = SHA256()
        for file in files.sorted(by: { $0.relativePath < $1.relativePath }) {
            // The bytes are hashed where they are: copying a large file into a Data first
            // cost a copy of it while loading.
            hasher.update(data: Array(file.relativePath.utf8))
            hasher.update(data: [UInt8(0)])
            hasher.update(data: Array(String(file.bytes.count).utf8))
            hasher.update(data: [UInt8(0)])
            hasher.update(data: file.bytes)
        }
        return lowercaseHex(hasher.finalize())
    }

    /// Two lower-case hex digits per byte, as `String(format: "%02x")` wrote them.
    private static func lowercaseHex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
