#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeBasics
import RefugeLimits
import RefugeQuestionnaire
import RefugeStorage
import RefugeVersion

/// Compiled questionnaires kept between runs, so that opening a session skips the YAML, the
/// building and the checks when the questionnaire's files have not changed (issue 19: loading
/// was about half of resuming a credible-fear session).
///
/// The source always wins: every load reads the questionnaire's files and hashes them, and an
/// entry is used only when it was written for that path, that content hash, by this very program
/// (release and commit) in this entry format, and its own checksum (CRC-32) is right
/// (`CompiledEntry`). Anything else (no entry, another version, a cut or damaged file, a folder
/// that is not private) loads from the source as before, without a word, and writes the entry
/// again. A questionnaire with errors is never written. Only questionnaire data is kept here,
/// never answers.
///
/// One entry per questionnaire path (`q-<SHA-256 of the path, 32 hex digits>.compiled`), so a
/// changed questionnaire replaces its entry instead of adding one. Written to a new file (0600)
/// and renamed into place, so a reader, or a second program writing at the same moment, sees
/// a whole entry or none. Not flushed: a cache lost to a power cut is only rebuilt.
public struct QuestionnaireCache: Sendable {
    /// The folder (`cache/` beside `sessions/`), created 0700 when missing.
    public let folder: String
    /// Who wrote an entry; another program's entries are ignored.
    public let program: String
    private let fileSystem: any FileSystem

    public init(folder: String, program: String = RefugeVersion.full, fileSystem: any FileSystem = POSIXFileSystem()) {
        self.folder = folder
        self.program = program
        self.fileSystem = fileSystem
    }

    /// The questionnaire at `path`, as `QuestionnaireLoader.load(path:checks:)` gives it, from the
    /// cache when the entry fits. A questionnaire from the cache comes with no diagnostics (it had
    /// no errors; its warnings are the author's concern, and `refuge validate` reads the source).
    public func load(path: String, checks: LoadChecks) -> LoadResult {
        let sources: QuestionnaireSources
        switch QuestionnaireLoader.read(path: path) {
        case .failed(let result): return result
        case .read(let read): sources = read
        }
        let files = sources.files
        let contentHash = QuestionnaireLoader.contentHash(files)
        let entry = entryPath(for: sources.sourcePath)
        let usable = folderIsPrivate()
        if usable, case .success(let bytes) = BoundedFile.readBytes(entry, limit: Limits.sessionFileBytes),
           let questionnaire = CompiledEntry.questionnaire(from: bytes, program: program, sourcePath: sources.sourcePath,
                                                           contentHash: contentHash, sourceFiles: files) {
            return LoadResult(compiled: questionnaire)
        }
        let result = QuestionnaireLoader.load(sources, checks: checks)
        if let questionnaire = result.questionnaire, result.errors.isEmpty, usable || makeFolder() {
            write(CompiledEntry.bytes(of: questionnaire, program: program), to: entry)
        }
        return result
    }

    /// Where the entry for a questionnaire path lives.
    public func entryPath(for sourcePath: String) -> String {
        // The content hash's SHA-256, over the path as the only "file".
        let digest = QuestionnaireLoader.contentHash([SourceFile(relativePath: "path", bytes: Array(sourcePath.utf8))])
        return PathText.join(folder, "q-\(digest.prefix(32)).compiled")
    }

    /// The folder is used only when it is a real folder (not a link) of this user that no one
    /// else can write to: an entry there decides what questions a client is asked.
    private func folderIsPrivate() -> Bool {
        var status = stat()
        guard lstat(folder, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) == S_IFDIR && status.st_uid == geteuid() && status.st_mode & 0o022 == 0
    }

    /// Creates the folder (0700) when its parent is there; true when it is then usable.
    private func makeFolder() -> Bool {
        let parent = PathText.deletingLastComponent(folder)
        guard !parent.isEmpty, (try? fileSystem.status(of: parent))??.kind == .folder else { return false }
        try? fileSystem.makeFolder(at: folder, permissions: 0o700)
        return folderIsPrivate()
    }

    /// A new file, renamed over the entry; any failure (a full or read-only disk) leaves no
    /// temporary file and is otherwise ignored: the next run loads from the source again.
    private func write(_ bytes: [UInt8], to entry: String) {
        var generator = SystemRandomNumberGenerator()
        let temp = PathText.join(folder, ".\(PathText.lastComponent(entry)).tmp-\(String(generator.next(), radix: 16))")
        guard let descriptor = try? fileSystem.createNewFile(at: temp, permissions: 0o600) else { return }
        let written = (try? fileSystem.writeAll(Data(bytes), to: descriptor, path: temp)) != nil
        let closed = (try? fileSystem.closeFile(descriptor, path: temp)) != nil
        guard written, closed, (try? fileSystem.renameItem(from: temp, to: entry)) != nil else {
            try? fileSystem.removeItem(at: temp)
            return
        }
    }
}
