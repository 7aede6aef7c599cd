import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeStorage

/// Problems with sessions, in words for the person at the keyboard.
public enum SessionError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case ambiguous(String, candidates: [String])
    case storage(StorageError)
    case damaged(String)
    case questionnaireMissing(id: String)
    case newerFormat(Int)

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

/// The sessions folder: one file per session (0600, in a 0700 folder), with its backup and a
/// copy of its questionnaire.
public struct SessionStore: Sendable {
    public let folder: URL
    public let environment: StorageEnvironment

    public init(folder: URL, environment: StorageEnvironment = .live) {
        self.folder = folder
        self.environment = environment
    }

    public func url(for id: String) -> URL { folder.appendingPathComponent("\(id).refuge") }
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
                let header = try SessionCoding.decoder().decode(SessionHeader.self, from: peek.header)
                return SessionListing(url: url, header: header, isProtected: peek.isProtected, problem: nil)
            } catch {
                return SessionListing(url: url, header: nil, isProtected: false, problem: "\(error)")
            }
        }.sorted { ($0.header?.updated ?? .distantPast) > ($1.header?.updated ?? .distantPast) }
    }

    /// Finds a session by exact id, path to a file, exact label, or unique id prefix (in that order).
    public func resolve(_ selector: String) throws(SessionError) -> URL {
        // An exact id names its own file: no need to read every session's header first (a
        // laptop used for months holds many sessions, and `resume ID` should start at once).
        if !selector.isEmpty, !selector.contains("/"), let peek = try? StoredFile.readHeader(at: url(for: selector), environment: environment),
           (try? SessionCoding.decoder().decode(SessionHeader.self, from: peek.header))?.id == selector {
            return url(for: selector)
        }
        let all = list()
        if let exact = all.first(where: { $0.header?.id == selector }) { return exact.url }
        if selector.contains("/") || selector.hasSuffix(".refuge") {
            if FileManager.default.fileExists(atPath: selector) { return URL(fileURLWithPath: selector) }
        }
        let byLabel = all.filter { $0.header?.label == selector && !selector.isEmpty }
        if byLabel.count == 1 { return byLabel[0].url }
        if byLabel.count > 1 { throw .ambiguous(selector, candidates: byLabel.compactMap { $0.header?.id }) }
        let byPrefix = all.filter { $0.header?.id.hasPrefix(selector) ?? false }
        if byPrefix.count == 1 && !selector.isEmpty { return byPrefix[0].url }
        if byPrefix.count > 1 { throw .ambiguous(selector, candidates: byPrefix.compactMap { $0.header?.id }) }
        throw .notFound(selector)
    }

    // MARK: Creating, opening, deleting

    /// Creates the session file and the copy of its questionnaire, and keeps the file open.
    public func create(_ session: Session, questionnaire: RefugeQuestionnaire.Questionnaire, key: SessionKey?) throws -> OpenSession {
        try writeCopy(QuestionnaireCopy(questionnaire), to: copyURL(for: session.id))
        do {
            let file = try StoredFile.create(at: url(for: session.id), header: SessionCoding.header(session),
                                             body: SessionCoding.body(session), key: key, environment: environment)
            return OpenSession(file: file, session: session, store: self)
        } catch let e as StorageError {
            throw SessionError.storage(e)
        }
    }

    /// Opens a session for writing (locked until closed). `recovery` says when the backup was used.
    public func open(_ url: URL, passphrase: Passphrase?) throws(SessionError) -> (session: OpenSession, recovery: String?) {
        let opened: (file: StoredFile, contents: LoadedContents)
        do {
            opened = try StoredFile.open(at: url, passphrase: passphrase, environment: environment)
        } catch let e as StorageError {
            throw .storage(e)
        } catch {
            throw .damaged("\(error)")
        }
        do {
            let session = try decodeBody(opened.contents.body)
            return (OpenSession(file: opened.file, session: session, store: self), opened.contents.recovery?.description)
        } catch {
            opened.file.close()
            throw error
        }
    }

    /// Reads a session without locking it (reports, `--from`).
    public func read(_ url: URL, passphrase: Passphrase?) throws(SessionError) -> (session: Session, recovery: String?) {
        do {
            let contents = try StoredFile.load(at: url, passphrase: passphrase, environment: environment)
            return (try decodeBody(contents.body), contents.recovery?.description)
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

    func decodeBody(_ data: Data) throws(SessionError) -> Session {
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

    private func writeCopy(_ copy: QuestionnaireCopy, to url: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = try SessionCoding.encoder().encode(copy)
        let temp = url.appendingPathExtension("tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw SessionError.damaged("the questionnaire copy cannot be written in \(folder.path)")
        }
        guard rename(temp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temp)
            throw SessionError.damaged("the questionnaire copy cannot be written in \(folder.path)")
        }
    }

    func readCopy(id: String) -> [SourceFile]? {
        guard let data = FileManager.default.contents(atPath: copyURL(for: id).path),
              let copy = try? SessionCoding.decoder().decode(QuestionnaireCopy.self, from: data) else { return nil }
        return copy.sourceFiles
    }

    /// The questionnaire for a session: the one at the recorded path or installed under the
    /// same id when it validates, else the session's own copy. `notice` tells the person once
    /// what happened (content changed, or the copy was used).
    public func questionnaire(for session: Session, catalog: QuestionnaireCatalog) throws(SessionError)
        -> (questionnaire: RefugeQuestionnaire.Questionnaire, notice: String?) {
        func usable(_ result: LoadResult) -> (RefugeQuestionnaire.Questionnaire, String?)? {
            guard let q = result.questionnaire, q.id == session.questionnaire.id else { return nil }
            if q.contentHash == session.questionnaire.sha256 { return (q, nil) }
            return (q, "The questionnaire “\(q.id)” has changed since this session began (now version \(q.version)). Answers to questions it no longer has are kept and listed in the report.")
        }
        // The recorded path first: the usual case, and it avoids loading every installed questionnaire.
        if FileManager.default.fileExists(atPath: session.questionnaire.path),
           let found = usable(QuestionnaireLoader.load(path: session.questionnaire.path)) {
            return found
        }
        for entry in catalog.all() where entry.path != session.questionnaire.path {
            if let found = usable(entry.result) { return found }
        }
        if let files = readCopy(id: session.id) {
            let result = QuestionnaireLoader.load(files: files, displayRoot: "copy of \(session.questionnaire.id)", sourcePath: session.questionnaire.path)
            if let q = result.questionnaire {
                return (q, "The questionnaire “\(q.id)” was not found where it was; using the copy kept with this session.")
            }
        }
        throw .questionnaireMissing(id: session.questionnaire.id)
    }
}
