import Foundation
import RefugeEngine
import RefugeStorage

/// A session open for writing: it holds the file's lock and, for a protected session, the key
/// derived once at opening. Every change goes through `save()` before the next key is read.
public final class OpenSession: @unchecked Sendable {
    // Used from one thread at a time (the program's main loop); the storage layer serialises saves.
    public private(set) var session: Session
    let file: StoredFile
    let store: SessionStore
    /// Keeps each answer's and history entry's JSON between saves (see `SessionBodyEncoder`).
    private let bodyEncoder = SessionBodyEncoder()
    /// True from a failed save until the next one that succeeds: the file on disk is then behind
    /// what is in memory, and quitting would lose it.
    public private(set) var hasUnsavedChanges = false

    init(file: StoredFile, session: Session, store: SessionStore) {
        self.file = file
        self.session = session
        self.store = store
    }

    public var isProtected: Bool { file.isProtected }
    public var url: URL { URL(fileURLWithPath: file.location.mainPath) }

    /// Changes the in-memory session and writes it durably. On failure the file is as it was
    /// and the in-memory session keeps the change, so nothing typed is lost; the caller shows the
    /// error and offers to retry or save elsewhere. The change is made in place, so that appending
    /// to the history does not copy the whole history first.
    public func update(_ change: (inout Session) -> Void) throws(SessionError) {
        change(&session)
        try flush()
    }

    /// Changes the in-memory session without writing it: the next save carries it. Used for
    /// what may wait a moment (the position while moving), never for answers.
    public func stage(_ change: (inout Session) -> Void) {
        change(&session)
    }

    /// Takes `session` as the one in memory and writes it: how the full-screen program's runner
    /// saves the session value its screen changed. Fails as `update` does, keeping the value.
    public func save(_ session: Session) throws(SessionError) {
        self.session = session
        try flush()
    }

    /// Writes the in-memory session again (retry after a failed save).
    public func flush() throws(SessionError) {
        do {
            try file.save(header: SessionCoding.header(session), encodedBody: bodyEncoder.encode(session))
            hasUnsavedChanges = false
        } catch let e as StorageError {
            hasUnsavedChanges = true
            throw .storage(e)
        } catch {
            hasUnsavedChanges = true
            throw .damaged("\(error)")
        }
    }

    /// Writes a copy of the session elsewhere (after a save failed), with the same protection.
    public func saveCopy(to url: URL) throws -> URL { try saveCopy(of: session, to: url) }

    /// Writes `session` (the screen's value, which may be ahead of the file) as a copy elsewhere.
    public func saveCopy(of session: Session, to url: URL) throws -> URL {
        let copy = try StoredFile.create(at: url, header: SessionCoding.header(session), body: SessionCoding.body(session),
                                         key: file.key, environment: store.environment)
        copy.close()
        return url
    }

    public func close() { file.close() }
}
