#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// Finds installed questionnaires: those shipped with the program and those in the user's
/// folder. A questionnaire is a `.yaml`/`.yml` file or a folder with `questionnaire.yaml`.
public struct QuestionnaireCatalog: Sendable {
    public struct Entry: Sendable {
        public var path: String
        public var origin: Origin
        public var result: LoadResult
    }
    public enum Origin: String, Sendable { case shipped, user }

    public var shippedFolders: [String]
    public var userFolder: String?

    public init(shippedFolders: [String], userFolder: String?) {
        self.shippedFolders = shippedFolders
        self.userFolder = userFolder
    }

    /// The paths of candidate questionnaires in one folder, sorted.
    public static func candidates(in folder: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        var paths: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = PathText.join(folder, name)
            if FileKind.isDirectory(path) {
                if fm.fileExists(atPath: PathText.join(path, "questionnaire.yaml")) { paths.append(path) }
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                paths.append(path)
            }
        }
        return paths
    }

    /// Every questionnaire found, loaded (with its diagnostics).
    public func all() -> [Entry] {
        var entries: [Entry] = []
        for folder in shippedFolders {
            for path in QuestionnaireCatalog.candidates(in: folder) {
                entries.append(Entry(path: path, origin: .shipped, result: QuestionnaireLoader.load(path: path)))
            }
        }
        if let userFolder {
            for path in QuestionnaireCatalog.candidates(in: userFolder) {
                entries.append(Entry(path: path, origin: .user, result: QuestionnaireLoader.load(path: path)))
            }
        }
        return entries
    }

    /// A questionnaire by id (user's folder first, so a newer local copy wins), or by path.
    public func find(_ idOrPath: String) -> Entry? {
        if idOrPath.contains("/") || FileManager.default.fileExists(atPath: idOrPath) {
            return Entry(path: idOrPath, origin: .user, result: QuestionnaireLoader.load(path: idOrPath))
        }
        let found = all().filter { $0.result.questionnaire?.id == idOrPath }
        return found.first { $0.origin == .user } ?? found.first
    }

    /// The shipped questionnaires' folder: set by `REFUGE_QUESTIONNAIRES`, installed beside the
    /// program (`../share/refuge/questionnaires`), or the source tree's `Questionnaires/`
    /// for a program built from a clone.
    public static func shippedFolders(executablePath: String, sourceFile: String = #filePath,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let fm = FileManager.default
        func isDir(_ p: String) -> Bool { FileKind.isDirectory(p) }
        if let explicit = environment["REFUGE_QUESTIONNAIRES"], !explicit.isEmpty { return [explicit] }
        let exe = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = exe.deletingLastPathComponent().appendingPathComponent("share/refuge/questionnaires").path
        if isDir(installed) { return [installed] }
        var dir = exe
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("Questionnaires").path
            if isDir(candidate) && fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return [candidate] }
            dir = dir.deletingLastPathComponent()
        }
        // Sources/RefugeQuestionnaire/Catalog.swift -> the package root.
        let root = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fromSource = root.appendingPathComponent("Questionnaires").path
        return isDir(fromSource) ? [fromSource] : []
    }
}
