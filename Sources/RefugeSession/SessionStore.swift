#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeLimits
import RefugeStorage

/// Problems with sessions, in words for the person at the keyboard.
public enum SessionError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case ambiguous(String, candidates: [String])
    case storage(StorageError)
    case damaged(String)
    case questionnaireMissing(id: String)
    case newerFormat(Int)
    /// The file's own id is not the one its name says: a copied, renamed or swapped file.
    case identityMismatch(fileName: String, inside: String)
    /// A new session could not be written (disk full, read-only...); nothing was kept.
    case createFailed(SaveFailure)

    public var description: String {
        switch self {
        case .notFound(let s): return "No session matches “\(s)”. `refuge list` shows the sessions."
        case .ambiguous(let s, let candidates):
            return "“\(s)” matches more than one session: \(candidates.joined(separator: ", ")). Use the id."
        case .storage(let e): return e.description
        case .damaged(let detail): return "The session file cannot be read: \(detail)"
        case .questionnaireMissing(let id):
            return "The questionnaire `\(id)` of this session cannot be found, and the session has no usable copy of it."
        case .newerFormat(let n): return "This session was written by a newer version of Refuge (format \(n)); update Refuge to open it."
        case .identityMismatch(let fileName, let inside):
            return "The file \(fileName).refuge holds the session \(inside), not \(fileName) (a copied, renamed or swapped file), so Refuge does not use it. Nothing was changed; give the file its own name (\(inside).refuge) to open it."
        case .createFailed(let failure):
            return "The new session could not be created: \(failure.reason). Nothing was saved."
        }
    }
}

/// A summary of one session, read from its header.
public struct SessionListing: Sendable {
    public var url: URL
    public var header: SessionHeader?
    public var isProtected: Bool
    /// Set when the header could not be read.
    public var problem: String?
}

/// The sessions folder: one file per session (0600, in a 0700 folder), with its journal (the
/// changes since its last full save), its backup and a copy of its questionnaire.
public struct SessionStore: Sendable {
    public let folder: URL
    public let environment: StorageEnvironment
    /// How far a session's journal grows (in bytes, and at least as far as the session's own
    /// size) before a save rewrites the whole file instead (see `OpenSession`).
    public var journalBound = OpenSession.defaultJournalBound
    /// Compiled questionnaires kept between runs (`cache/` beside the sessions), used when a
    /// session's questionnaire is loaded from its recorded path; nil loads from the source only.
    public var questionnaireCache: QuestionnaireCache?

    public init(folder: URL, environment: StorageEnvironment = .live) {
        self.folder = folder
        self.environment = environment
    }

    public func url(for id: String) -> URL {
        // The same URL as `appendingPathComponent` gives, without its first-use cost
        // (`URL.plainPath`), for the usual plain folder and id.
        let name = "\(id).refuge"
        if let folderPath = folder.plainPath, !name.utf8.contains(UInt8(ascii: "/")) {
            let url = URL(fileURLWithPath: folderPath == "/" ? "/" + name : folderPath + "/" + name, isDirectory: false)
            if url.plainPath != nil { return url }
        }
        return folder.appendingPathComponent(name)
    }
    func copyURL(for id: String) -> URL { folder.appendingPathComponent("\(id).questionnaire.json") }

    /// A new, random session id: 10 lower-case letters and digits (no look-alikes).
    public static func newID<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return String((0..<10).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    // MARK: Listing and finding

    public func list() -> [SessionListing] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".refuge") }.sorted().map { name in
            let url = folder.appendingPathComponent(name)
            do {
                let peek = try StoredFile.readHeader(at: url, environment: environment)
                let header = try SessionCoding.decodeHeader(peek.header)
                let fileID = Self.id(of: url)
                if header.id != fileID {
                    return SessionListing(url: url, header: nil, isProtected: peek.isProtected,
                                          problem: "\(SessionError.identityMismatch(fileName: fileID, inside: header.id))")
                }
                return SessionListing(url: url, header: header, isProtected: peek.isProtected, problem: nil)
            } catch {
                return SessionListing(url: url, header: nil, isProtected: false, problem: "\(error)")
            }
        }.sorted { ($0.header?.updated ?? .distantPast) > ($1.header?.updated ?? .distantPast) }
    }

    /// Finds a session by exact id, path to a file, exact label, or unique id prefix (in that order).
    public func resolve(_ selector: String) throws(SessionError) -> URL {
        try locate(selector).url
    }

    /// `resolve`, and whether the file is protected when its header was read to find it (nil
    /// when not), so that opening need not read the header again to know (`isProtected`). When
    /// an exact id found its file, `read` is that file as read to find it: `open` takes it so as
    /// not to check the same bytes twice (it reads the file again once locked, and checks it
    /// again unless its bytes are exactly the same).
    public func locate(_ selector: String) throws(SessionError) -> (url: URL, isProtected: Bool?, read: ReadBeforeLock?) {
        // An exact id names its own file: no need to read every session's header first (a
        // laptop used for months holds many sessions, and `resume ID` should start at once).
        if !selector.isEmpty, !selector.contains("/") {
            let url = url(for: selector)
            if let read = StoredFile.readBeforeLock(at: url, environment: environment),
               (try? SessionCoding.decodeHeader(read.header))?.id == selector {
                return (url, read.isProtected, read)
            }
            // A damaged main file: its backup's header may still name it.
            if let peek = try? StoredFile.readHeader(at: url, environment: environment),
               (try? SessionCoding.decodeHeader(peek.header))?.id == selector {
                return (url, peek.isProtected, nil)
            }
        }
        let all = list()
        if let exact = all.first(where: { $0.header?.id == selector }) { return (exact.url, exact.isProtected, nil) }
        // A file of that exact name whose header cannot be read (empty, damaged, swapped): it is
        // the one meant, and opening it says what is wrong with it.
        if !selector.isEmpty, !selector.contains("/"), all.contains(where: { $0.url == url(for: selector) }) {
            return (url(for: selector), nil, nil)
        }
        if selector.contains("/") || selector.hasSuffix(".refuge") {
            if FileManager.default.fileExists(atPath: selector) { return (URL(fileURLWithPath: selector), nil, nil) }
        }
        let byLabel = all.filter { $0.header?.label == selector && !selector.isEmpty }
        if byLabel.count == 1 { return (byLabel[0].url, byLabel[0].isProtected, nil) }
        if byLabel.count > 1 { throw .ambiguous(selector, candidates: byLabel.compactMap { $0.header?.id }) }
        let byPrefix = all.filter { $0.header?.id.hasPrefix(selector) ?? false }
        if byPrefix.count == 1 && !selector.isEmpty { return (byPrefix[0].url, byPrefix[0].isProtected, nil) }
        if byPrefix.count > 1 { throw .ambiguous(selector, candidates: byPrefix.compactMap { $0.header?.id }) }
        throw .notFound(selector)
    }

    // MARK: Creating, opening, deleting

    /// Creates the session file and the copy of its questionnaire, and keeps the file open.
    public func create(_ session: Session, questionnaire: RefugeQuestionnaire.Questionnaire, key: SessionKey?) throws -> OpenSession {
        // A questionnaire always has a file; none means its bytes were let go (an open
        // session's questionnaire), and the copy written here would be empty.
        precondition(!questionnaire.sourceFiles.isEmpty, "a new session needs its questionnaire's files")
        do {
            try StoredFile.prepareFolder(folder, environment: environment)
            try writeCopy(QuestionnaireCopy(questionnaire), to: copyURL(for: session.id))
            // The encoder that wrote the first save writes the next ones: it knows what is on disk.
            let encoder = SessionBodyEncoder()
            let file = try StoredFile.create(at: url(for: session.id), header: SessionCoding.header(session),
                                             body: encoder.encode(session), key: key, environment: environment,
                                             acceptsBody: bodyCheck())
            return OpenSession(file: file, session: session, store: self, encoder: encoder)
        } catch let e as StorageError {
            try? FileManager.default.removeItem(at: copyURL(for: session.id))
            switch e {
            case .saveFailed(let failure):
                throw SessionError.createFailed(failure)
            case .folderProblem(_, let error) where [.diskFull, .readOnly].contains(SaveFailure(error).kind):
                throw SessionError.createFailed(SaveFailure(error))
            default:
                throw SessionError.storage(e)
            }
        } catch let e as SystemCallError {
            throw SessionError.createFailed(SaveFailure(e))
        }
    }

    /// Opens a session for writing (locked until closed). `recovery` says when the backup was used.
    /// `read`: the file as `locate` read it (its checks stand only for the very same bytes).
    public func open(_ url: URL, passphrase: Passphrase?, read: ReadBeforeLock? = nil) throws(SessionError)
        -> (session: OpenSession, recovery: String?) {
        let opened: (file: StoredFile, contents: LoadedContents)
        let decoded = DecodedBody()
        do {
            opened = try StoredFile.open(at: url, passphrase: passphrase, environment: environment,
                                         acceptsBody: bodyCheck(keeping: decoded), readBeforeLock: read)
        } catch let e as StorageError {
            throw .storage(e)
        } catch {
            throw .damaged("\(error)")
        }
        do throws(SessionError) {
            let session = JournalChange.applying(opened.contents.changes, to: try decoded.session(from: opened.contents.body, decode: decodeBody))
            try checkIdentity(session, url: url)
            return (OpenSession(file: opened.file, session: session, store: self), opened.contents.recovery?.description)
        } catch {
            // Closed without a save: nothing on disk (main file or backup) changes.
            opened.file.close()
            throw error
        }
    }

    /// The storage layer's check of a body: one that decodes, or is of a newer format (said so
    /// when it is decoded), is acceptable; any other is damaged, so the backup is used instead,
    /// and a main file that fails it is never made the backup. With `keeping`, the session
    /// decoded while opening is kept so that it is not decoded twice.
    func bodyCheck(keeping kept: DecodedBody? = nil) -> BodyCheck {
        { [self] data in
            do throws(SessionError) {
                let session = try decodeBody(data)
                kept?.keep(session, from: data)
                return true
            } catch {
                if case .newerFormat = error { return true }
                return false
            }
        }
    }

    /// A session's file is named after its id; a file holding another id is refused.
    func checkIdentity(_ session: Session, url: URL) throws(SessionError) {
        let fileID = Self.id(of: url)
        if session.id != fileID { throw .identityMismatch(fileName: fileID, inside: session.id) }
    }

    /// The id a session file's name gives: the name up to its first dot (`<id>.refuge`, or a
    /// rescue copy's `<id>.rescue-<time>.refuge`). Ids never hold a dot.
    static func id(of url: URL) -> String {
        // A plain path's last component is read where it lies (`URL.plainPath`).
        let name = url.plainFolderAndName?.name ?? url.lastPathComponent
        return String(name.prefix { $0 != "." })
    }

    /// Reads a session without locking it (reports, `--from`).
    public func read(_ url: URL, passphrase: Passphrase?) throws(SessionError) -> (session: Session, recovery: String?) {
        do {
            let decoded = DecodedBody()
            let contents = try StoredFile.load(at: url, passphrase: passphrase, environment: environment,
                                               acceptsBody: bodyCheck(keeping: decoded))
            let session = JournalChange.applying(contents.changes, to: try decoded.session(from: contents.body, decode: decodeBody))
            try checkIdentity(session, url: url)
            return (session, contents.recovery?.description)
        } catch let e as StorageError {
            throw .storage(e)
        } catch let e as SessionError {
            throw e
        } catch {
            throw .damaged("\(error)")
        }
    }

    public func isProtected(_ url: URL) -> Bool {
        (try? StoredFile.readHeader(at: url, environment: environment).isProtected) ?? false
    }

    /// The session in a body: read by `SessionReader` (the writer's own form, every file the
    /// program wrote), else by the `Decodable` form, which decides anything else exactly as it
    /// did before there was a hand-written reader.
    func decodeBody(_ data: Data) throws(SessionError) -> Session {
        if let session = try? SessionReader.body(data) { return session }
        return try decodeBodyInGeneral(data)
    }

    /// The body through `JSONDecoder` and the `Decodable` forms (and how their errors are told).
    func decodeBodyInGeneral(_ data: Data) throws(SessionError) -> Session {
        do {
            return try SessionCoding.decoder().decode(SessionBody.self, from: data).session
        } catch let newer as SessionBody.NewerFormat {
            throw .newerFormat(newer.format)
        } catch is SessionBody.NotABody {
            throw .damaged("it is not a Refuge session")
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            // Not JSON at all.
            throw .damaged("it is not a Refuge session")
        } catch {
            throw .damaged("its contents do not have the expected form")
        }
    }

    /// Removes a session, its backups and its questionnaire copy.
    public func delete(_ url: URL) throws(SessionError) {
        do {
            try StoredFile.delete(at: url, environment: environment)
        } catch let e as StorageError {
            throw .storage(e)
        } catch {
            throw .damaged("\(error)")
        }
        let id = url.deletingPathExtension().lastPathComponent
        try? FileManager.default.removeItem(at: copyURL(for: id))
    }

    // MARK: The questionnaire copy

    /// Writes the copy through the storage environment's file system (so a full disk is
    /// reported as one), into a new file that is renamed into place.
    private func writeCopy(_ copy: QuestionnaireCopy, to url: URL) throws {
        let data = copy.json()
        let fileSystem = environment.fileSystem
        var generator = SystemRandomNumberGenerator()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(String(generator.next(), radix: 16))").path
        let descriptor = try fileSystem.createNewFile(at: temp, permissions: 0o600)
        do {
            try fileSystem.writeAll(data, to: descriptor, path: temp)
            try fileSystem.syncFile(descriptor, path: temp)
            try fileSystem.closeFile(descriptor, path: temp)
            try fileSystem.renameItem(from: temp, to: url.path)
        } catch {
            try? fileSystem.closeFile(descriptor, path: temp)
            try? fileSystem.removeItem(at: temp)
            throw error
        }
    }

    func readCopy(id: String) -> [SourceFile]? {
        guard case .success(let data) = BoundedFile.read(copyURL(for: id).path, limit: Limits.sessionFileBytes),
              let copy = try? SessionCoding.decoder().decode(QuestionnaireCopy.self, from: data) else { return nil }
        return copy.sourceFiles
    }

    /// The questionnaire for a session: the one at the recorded path or installed under the
    /// same id when it validates, else the session's own copy. `notice` tells the person once
    /// what happened (content changed, or the copy was used). `catalog` is only worked out when
    /// the recorded path does not do (finding the shipped folders reads links and folders).
    /// `sourceBytes: .notNeeded` (opening a session, a report: nothing writes a copy of the
    /// files then) gives it without the bytes of its files, and lets the compiled cache skip
    /// reading them when `stat` shows them unchanged; its content hash is the same either way.
    public func questionnaire(for session: Session, catalog: @autoclosure () -> QuestionnaireCatalog,
                              sourceBytes: QuestionnaireCache.SourceBytes = .kept) throws(SessionError)
        -> (questionnaire: RefugeQuestionnaire.Questionnaire, notice: String?) {
        func usable(_ result: LoadResult) -> (RefugeQuestionnaire.Questionnaire, String?)? {
            guard var q = result.questionnaire, q.id == session.questionnaire.id else { return nil }
            if sourceBytes == .notNeeded { q.sourceFiles = [] }
            if q.contentHash == session.questionnaire.sha256 { return (q, nil) }
            return (q, "The questionnaire “\(q.id)” has changed since this session began (now version \(q.version)). Answers to questions it no longer has are kept and listed in the report.")
        }
        // The recorded path first: the usual case, and it avoids loading every installed questionnaire.
        if FileKind.exists(session.questionnaire.path),
           let found = usable(questionnaireCache?.load(path: session.questionnaire.path, checks: .withoutLint, sourceBytes: sourceBytes)
                              ?? QuestionnaireLoader.load(path: session.questionnaire.path, checks: .withoutLint)) {
            return found
        }
        for entry in catalog().all() where entry.path != session.questionnaire.path {
            if let found = usable(entry.result) { return found }
        }
        if let files = readCopy(id: session.id) {
            let result = QuestionnaireLoader.load(files: files, displayRoot: "copy of \(session.questionnaire.id)", sourcePath: session.questionnaire.path,
                                                  checks: .withoutLint)
            if var q = result.questionnaire {
                if sourceBytes == .notNeeded { q.sourceFiles = [] }
                return (q, "The questionnaire “\(q.id)” was not found where it was; using the copy kept with this session.")
            }
        }
        throw .questionnaireMissing(id: session.questionnaire.id)
    }
}

/// A session decoded by the storage layer's check while opening, with the bytes it came from, so
/// that the body finally used (the main file's or the backup's) is decoded only once.
final class DecodedBody: @unchecked Sendable {
    // Written and read on the opening thread only; the lock keeps it honest.
    private let lock = PlainLock()
    private var kept: (session: Session, bytes: Data)?

    func keep(_ session: Session, from bytes: Data) {
        lock.withLock { kept = (session, bytes) }
    }

    /// The session decoded from exactly `bytes`: the one kept, else decoded now.
    func session(from bytes: Data, decode: (Data) throws(SessionError) -> Session) throws(SessionError) -> Session {
        if let session = take(bytes) { return session }
        return try decode(bytes)
    }

    /// The session decoded from exactly `bytes`, once; nil when those were not the ones kept.
    private func take(_ bytes: Data) -> Session? {
        lock.withLock {
            defer { kept = nil }
            guard let kept, kept.bytes == bytes else { return nil }
            return kept.session
        }
    }
}
