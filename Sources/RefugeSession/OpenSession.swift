#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeStorage

/// A session open for writing: it holds the file's lock and, for a protected session, the key
/// derived once at opening. Every change goes through `save()` before the next key is read.
///
/// A save appends only what changed to the journal beside the file (a write and an fsync of a
/// few hundred bytes, whatever the session's size); a full save rewrites the file and empties the
/// journal: the first save after opening, when the journal has grown past the file's own size
/// (at least `journalBound`), after a failed save, and on `close()`.
public final class OpenSession: @unchecked Sendable {
    // Used from one thread at a time (the program's main loop); the storage layer serialises saves.
    public private(set) var session: Session
    let file: StoredFile
    let store: SessionStore
    /// Keeps each answer's and history entry's JSON between saves (see `SessionBodyEncoder`).
    private let bodyEncoder: SessionBodyEncoder
    /// Whether the encoder's kept pieces are what the file and its journal hold, so that the
    /// next save may be only what changed since: after the save it wrote succeeded.
    private var encoderMatchesFile: Bool
    /// The journal grows to the last full save's size, and at least this (`SessionStore.journalBound`),
    /// before a full save absorbs it: small enough that reading a session back stays quick, large
    /// enough that full saves are rare (one per several hundred answers).
    public static let defaultJournalBound = 256 * 1024
    /// True from a failed save until the next one that succeeds: the file on disk is then behind
    /// what is in memory, and quitting would lose it.
    public private(set) var hasUnsavedChanges = false

    /// `encoder`: the one that wrote the file's only save (a new session), else nil.
    init(file: StoredFile, session: Session, store: SessionStore, encoder: SessionBodyEncoder? = nil) {
        self.file = file
        self.session = session
        self.store = store
        self.bodyEncoder = encoder ?? SessionBodyEncoder()
        self.encoderMatchesFile = encoder != nil
    }

    public var isProtected: Bool { file.isProtected }
    public var url: URL { URL(fileURLWithPath: file.location.mainPath) }

    /// Changes the in-memory session and writes it durably. On failure the file is as it was
    /// and the in-memory session keeps the change, so nothing typed is lost; the caller shows the
    /// error and offers to retry or save elsewhere. The change is made in place, so that appending
    /// to the history does not copy the whole history first.
    ///
    /// `touching`: the top-level answer ids the change may alter (nil: any), so that a save at
    /// ten thousand answers does not compare every one.
    public func update(touching: Set<String>? = nil, _ change: (inout Session) -> Void) throws(SessionError) {
        change(&session)
        try save(touching: touching)
    }

    /// Changes the in-memory session without writing it: the next save carries it. Used for
    /// what may wait a moment (the position while moving), never for answers.
    public func stage(_ change: (inout Session) -> Void) {
        change(&session)
    }

    /// Takes `session` as the one in memory and writes it: how the full-screen program's runner
    /// saves the session value its screen changed. Fails as `update` does, keeping the value.
    /// `touching`: the top-level answers changed since the last save (nil: any; see `update`).
    public func save(_ session: Session, touching: Set<String>? = nil) throws(SessionError) {
        self.session = session
        try save(touching: touching)
    }

    /// Writes the in-memory session again (retry after a failed save).
    public func flush() throws(SessionError) {
        try save(touching: nil)
    }

    /// Writes what was staged, where `touching` names the top-level answers that may have
    /// changed since the last save (see `update`).
    func flush(touching: Set<String>) throws(SessionError) {
        try save(touching: touching)
    }

    /// `full`: rewrite the file even when the journal could take the change.
    private func save(touching: Set<String>?, full: Bool = false) throws(SessionError) {
        do {
            // Cleared first: if this save fails, what the encoder kept is ahead of the file.
            let canAppend = encoderMatchesFile && !full
            // After a failed save every answer is compared: the failure may have come before
            // the encoder kept the change it was told about.
            let touching = encoderMatchesFile ? touching : nil
            encoderMatchesFile = false
            let header = SessionCoding.header(session)
            if canAppend, let length = file.journalLength, length < Swift.max(store.journalBound, bodyEncoder.lastSize),
               let change = try bodyEncoder.change(session, touched: touching) {
                try file.append(header: header, change: change)
            } else {
                try file.save(header: header, encodedBody: bodyEncoder.encode(session, touched: touching))
            }
            encoderMatchesFile = true
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

    /// Absorbs the journal into a full save (best effort: when that fails the journal still
    /// holds every change) and releases the file.
    public func close() {
        if file.hasJournal { try? save(touching: nil, full: true) }
        file.close()
    }
}
