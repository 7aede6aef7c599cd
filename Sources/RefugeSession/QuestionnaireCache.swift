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
/// The source always wins. An entry is used only when it was written for that path, by this
/// very program (release and commit), in this entry format, its own checksum (XXH64) is right
/// (`CompiledEntry`), and it is for the files as they are now: either their content hash is
/// the one it records (the files read and hashed), or, when the caller does not need the files'
/// bytes (`SourceBytes.notNeeded`: resuming), `stat` says of every file exactly what the entry
/// records (same names, device, inode, size, mtime and ctime to the nanosecond) and the files
/// are not read at all. An entry records the files' status only when their times were old
/// enough to be trusted when it was written (`SourceFileStatus.trusted`); one without is
/// always checked by reading and hashing, and written again with the status once the files are
/// old enough (so that a `touch` or a fresh checkout costs one reading, not every resume's).
/// Anything else (no entry, another version, a cut or damaged file, a folder that is not
/// private) loads from the source as before, without a word, and writes the entry again. A
/// questionnaire with errors is never written. Only questionnaire data is kept here, never
/// answers.
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
    /// The moment an entry is written, against which the files' times are judged (tests set it).
    private let now: @Sendable () -> FileTime

    public init(folder: String, program: String = RefugeVersion.full, fileSystem: any FileSystem = POSIXFileSystem(),
                now: @escaping @Sendable () -> FileTime = FileTime.now) {
        self.folder = folder
        self.program = program
        self.fileSystem = fileSystem
        self.now = now
    }

    /// Whether the caller needs the bytes of the questionnaire's files (`sourceFiles`).
    public enum SourceBytes: Sendable {
        /// They come with the questionnaire, as from the loader: the files are always read and
        /// hashed (a new session keeps a copy of them).
        case kept
        /// The questionnaire comes without them (`sourceFiles` empty), and the files are not
        /// read when `stat` shows them unchanged (resuming a session, a report).
        case notNeeded
    }

    /// The questionnaire at `path`, as `QuestionnaireLoader.load(path:checks:)` gives it, from the
    /// cache when the entry fits. A questionnaire from the cache comes with no diagnostics (it had
    /// no errors; its warnings are the author's concern, and `refuge validate` reads the source).
    /// Its content hash is always that of the files as they are.
    public func load(path: String, checks: LoadChecks, sourceBytes: SourceBytes = .kept) -> LoadResult {
        // The moment first, then the files' status, then (when needed) their bytes: a file changed
        // after it was looked at is then either read changed (its new bytes hashed, under the
        // status from before, which no longer matches) or shows in a later look.
        let moment = now()
        let status = QuestionnaireLoader.status(path: path)
        let entry = entryPath(for: path)
        let usable = folderIsPrivate()
        var entryBytes: [UInt8]?
        if usable, case .success(let bytes) = BoundedFile.readBytes(entry, limit: Limits.sessionFileBytes) { entryBytes = bytes }
        if sourceBytes == .notNeeded, let status, let entryBytes,
           let questionnaire = CompiledEntry.questionnaire(from: entryBytes, program: program, sourcePath: path, unchanged: status) {
            return LoadResult(compiled: questionnaire)
        }

        let sources: QuestionnaireSources
        switch QuestionnaireLoader.read(path: path) {
        case .failed(let result): return result
        case .read(let read): sources = read
        }
        let files = sources.files
        let contentHash = QuestionnaireLoader.contentHash(files)
        let trusted = status.map { SourceFileStatus.trusted($0, now: moment) } ?? []
        if let entryBytes,
           let questionnaire = CompiledEntry.questionnaire(from: entryBytes, program: program, sourcePath: sources.sourcePath,
                                                           contentHash: contentHash, sourceFiles: sourceBytes == .kept ? files : []) {
            // The same files, looked at anew (touched, checked out again, or too recent before):
            // recorded now, so that the next resume need not read them.
            if !trusted.isEmpty, CompiledEntry.header(of: entryBytes)?.sourceStatus != trusted {
                write(CompiledEntry.bytes(of: questionnaire, program: program, sourceStatus: trusted), to: entry)
            }
            return LoadResult(compiled: questionnaire)
        }
        var result = QuestionnaireLoader.load(sources, checks: checks)
        if let questionnaire = result.questionnaire, result.errors.isEmpty, usable || makeFolder() {
            write(CompiledEntry.bytes(of: questionnaire, program: program, sourceStatus: trusted), to: entry)
        }
        if sourceBytes == .notNeeded { result.questionnaire?.sourceFiles = [] }
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
