#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics

/// A stored file open for writing: it holds the file's lock (one writer at a time) and, for a
/// protected file, the key derived when it was opened, so saving never derives again.
///
/// Typical use by the session layer:
///
///     let key = try SessionKey.derive(from: passphrase)          // or nil: unprotected
///     let file = try StoredFile.create(at: url, header: h, body: b, key: key)
///     try file.save(header: h2, body: b2)                       // a full save
///     try file.append(header: h3, change: c3)                   // or only what changed
///     file.close()
///
///     let (file, contents) = try StoredFile.open(at: url, passphrase: passphrase)
///     if let recovery = contents.recovery { show(recovery) }     // the backup was used
///
/// "Save elsewhere" after a failed save: `StoredFile.create(at: other, header:, body:, key: file.key)`.
/// A caller's check of a decoded body (see `ContentsReader.acceptsBody`).
public typealias BodyCheck = @Sendable (Data) -> Bool

public final class StoredFile: @unchecked Sendable {
    /// The check that accepts every body.
    public static let anyBody: BodyCheck = { _ in true }

    public let location: StorageLocation
    /// The key of a protected file; nil for an unprotected one. It cannot be printed.
    public let key: SessionKey?
    public var isProtected: Bool { key != nil }

    private let environment: StorageEnvironment
    private let lock: FileLock
    /// A main file whose body this refuses is damaged: set aside, never made the backup.
    private let acceptsBody: BodyCheck
    // Serialises saves, closing and deleting through this handle (the @unchecked Sendable rests
    // on it).
    private let mutex = PlainLock()
    private var isOpen = true
    /// What the last save through this handle wrote (see `AtomicReplacement`).
    private var lastWritten: WrittenFile?
    /// The journal that changes are appended to (see `JournalFormat`); nil when the next save
    /// must be a full one (after opening a file that had a journal, or after a failed save).
    private var journal: JournalWriter?
    /// Whether a journal file may be on disk that only a full save would absorb.
    private var journalOnDisk = false

    private init(location: StorageLocation, key: SessionKey?, environment: StorageEnvironment, lock: FileLock, acceptsBody: @escaping BodyCheck) {
        self.location = location
        self.key = key
        self.environment = environment
        self.lock = lock
        self.acceptsBody = acceptsBody
    }

    /// The open journal: which snapshot it continues, the next change's number, its length and,
    /// once the file exists, its descriptor (kept open, so an append is one write and one fsync).
    private struct JournalWriter {
        /// The snapshot's bytes until its hash is first needed (hashing a large file on every
        /// full save would cost more than the appends save).
        var snapshot: Data?
        var base: String?
        var nextSequence = 1
        var length = 0
        var descriptor: Int32?
        /// The journal file's device and inode once created, to tell that the file under the
        /// journal's name is still the one the descriptor writes to.
        var file: (device: UInt64, inode: UInt64)?

        init(snapshot: Data) { self.snapshot = snapshot }

        mutating func baseHash() -> String {
            if let base { return base }
            let hash = JournalFormat.snapshotHash(snapshot ?? Data())
            base = hash
            snapshot = nil
            return hash
        }
    }

    // MARK: Opening

    /// Creates a new file (and its folder, private, if needed) holding `header` and `body`,
    /// protected by `key` when there is one, and keeps it open.
    public static func create(
        at url: URL, header: Data, body: Data, key: SessionKey?, environment: StorageEnvironment = .live,
        acceptsBody: @escaping BodyCheck = StoredFile.anyBody
    ) throws -> StoredFile {
        let location = StorageLocation(fileURL: url)
        let fileSystem = environment.fileSystem
        let header = try StoredFileFormat.normalizedHeader(header)
        let body = try StoredFileFormat.normalizedBody(body)
        try PrivateFolder.prepare(location.folder, fileSystem: fileSystem)
        let lock = try FileLock.acquire(at: location.lockPath)
        let file = StoredFile(location: location, key: key, environment: environment, lock: lock, acceptsBody: acceptsBody)
        do {
            for path in [location.mainPath, location.backupPath] where try fileSystem.status(of: path) != nil {
                throw StorageError.alreadyExists(path: location.mainPath)
            }
            try file.write(header: header, body: body)
        } catch {
            file.close()
            throw Self.storageError(error, path: location.mainPath)
        }
        return file
    }

    /// Opens an existing file for writing: takes its lock, loads it (from the backup when the
    /// main file is damaged, saying so in `contents.recovery`), and derives its key once when it
    /// is protected. `passphrase` is ignored for an unprotected file.
    /// `readBeforeLock`: the main file as `readBeforeLock(at:)` read it to find it; once the
    /// lock is held the file is read again, and its checks stand only for the very same bytes.
    public static func open(
        at url: URL, passphrase: Passphrase?, environment: StorageEnvironment = .live,
        acceptsBody: @escaping BodyCheck = StoredFile.anyBody, readBeforeLock: ReadBeforeLock? = nil
    ) throws -> (file: StoredFile, contents: LoadedContents) {
        try open(at: url, keys: KeyRing(passphrase: passphrase, path: StorageLocation(fileURL: url).mainPath),
                 environment: environment, acceptsBody: acceptsBody, earlier: readBeforeLock)
    }

    /// Opens an existing file with a key derived before (the `key` of another open file, or one
    /// from `SessionKey.derive`), without deriving again. Throws `passphraseRequired` when the
    /// file was made with another salt.
    public static func open(
        at url: URL, key: SessionKey, environment: StorageEnvironment = .live,
        acceptsBody: @escaping BodyCheck = StoredFile.anyBody
    ) throws -> (file: StoredFile, contents: LoadedContents) {
        try open(at: url, keys: KeyRing(passphrase: nil, path: StorageLocation(fileURL: url).mainPath, known: key),
                 environment: environment, acceptsBody: acceptsBody)
    }

    private static func open(
        at url: URL, keys: KeyRing, environment: StorageEnvironment, acceptsBody: @escaping BodyCheck,
        earlier: ReadBeforeLock? = nil
    ) throws -> (file: StoredFile, contents: LoadedContents) {
        var keys = keys
        let location = StorageLocation(fileURL: url)
        let fileSystem = environment.fileSystem
        guard try PrivateFolder.exists(location.folder, fileSystem: fileSystem) else {
            throw StorageError.notFound(path: location.mainPath)
        }
        let lock = try FileLock.acquire(at: location.lockPath)
        do {
            let reader = ContentsReader(fileSystem: fileSystem, location: location, acceptsBody: acceptsBody)
            let loaded = try reader.load(keys: &keys, earlier: earlier)
            let file = StoredFile(location: location, key: loaded.key, environment: environment, lock: lock, acceptsBody: acceptsBody)
            // A journal found here is absorbed by the first full save; until then appending to it
            // (after a record a kill may have cut short) is not tried.
            file.journalOnDisk = loaded.journalFound
            if !loaded.journalFound, let main = loaded.mainBytes { file.journal = JournalWriter(snapshot: main) }
            file.tidy()
            return (file, loaded.contents)
        } catch {
            if case StorageError.notFound = error {
                // Do not leave a lock file behind for a file that does not exist.
                try? fileSystem.removeItem(at: location.lockPath)
            }
            lock.release()
            throw Self.storageError(error, path: location.mainPath)
        }
    }

    /// Loads a file without locking it or keeping it open (for reports and other readers).
    public static func load(
        at url: URL, passphrase: Passphrase?, environment: StorageEnvironment = .live,
        acceptsBody: @escaping BodyCheck = StoredFile.anyBody
    ) throws -> LoadedContents {
        try load(at: url, keys: KeyRing(passphrase: passphrase, path: StorageLocation(fileURL: url).mainPath),
                 environment: environment, acceptsBody: acceptsBody)
    }

    /// Loads a file with a key derived before, without locking it.
    public static func load(
        at url: URL, key: SessionKey, environment: StorageEnvironment = .live
    ) throws -> LoadedContents {
        try load(at: url, keys: KeyRing(passphrase: nil, path: StorageLocation(fileURL: url).mainPath, known: key),
                 environment: environment, acceptsBody: StoredFile.anyBody)
    }

    private static func load(at url: URL, keys: KeyRing, environment: StorageEnvironment, acceptsBody: @escaping BodyCheck) throws -> LoadedContents {
        var keys = keys
        let location = StorageLocation(fileURL: url)
        do {
            return try ContentsReader(fileSystem: environment.fileSystem, location: location, acceptsBody: acceptsBody).load(keys: &keys).contents
        } catch {
            throw storageError(error, path: location.mainPath)
        }
    }

    /// The readable header, without a passphrase and without locking (for `refuge list`).
    public static func readHeader(at url: URL, environment: StorageEnvironment = .live) throws -> HeaderPeek {
        let location = StorageLocation(fileURL: url)
        do {
            return try ContentsReader(fileSystem: environment.fileSystem, location: location).peekHeader()
        } catch {
            throw storageError(error, path: location.mainPath)
        }
    }

    /// The main file read and checked without a passphrase and without locking (its header, and
    /// its checksum when it is unprotected), for finding a file by its header and then opening
    /// it without checking it twice (`open(at:passphrase:environment:acceptsBody:readBeforeLock:)`).
    /// Nil when the main file is missing or damaged: `readHeader` then says why, or finds the
    /// backup's header.
    public static func readBeforeLock(at url: URL, environment: StorageEnvironment = .live) -> ReadBeforeLock? {
        ContentsReader(fileSystem: environment.fileSystem, location: StorageLocation(fileURL: url)).readBeforeLock()
    }

    /// Creates the folder that will hold stored files (and any missing parents) private, as
    /// `create` does; an existing folder is used as it is.
    public static func prepareFolder(_ folder: URL, environment: StorageEnvironment = .live) throws {
        try PrivateFolder.prepare(folder.standardizedFileURL.path, fileSystem: environment.fileSystem)
    }

    // MARK: Saving

    /// Replaces the file's contents durably; the previous save becomes the backup. Throws
    /// `StorageError.saveFailed` (disk full, folder gone, read-only...) leaving the file as it was.
    public func save(header: Data, body: Data) throws {
        try save(header: header, encodedBody: StoredFileFormat.normalizedBody(body))
    }

    /// `save(header:body:)` for a body that an encoder has just written as JSON, without
    /// surrounding whitespace (the session layer's): it is not parsed again to check that it is
    /// JSON, which cost a fifth of every save. The small header is still checked.
    public func save(header: Data, encodedBody body: Data) throws {
        let header = try StoredFileFormat.normalizedHeader(header)
        mutex.lock()
        defer { mutex.unlock() }
        guard isOpen else { throw StorageError.closed }
        try write(header: header, body: body)
    }

    // MARK: The journal

    /// The bytes appended to the journal since the last full save; nil when the next save must
    /// be a full one (`save`), as after opening a file whose journal a kill may have cut short,
    /// or after a save failed. The caller saves in full when it grows past its bound.
    public var journalLength: Int? {
        mutex.withLock { journal?.length }
    }

    /// Whether changes may be in a journal that a full save has not absorbed yet (to do on close).
    public var hasJournal: Bool {
        mutex.withLock { journalOnDisk }
    }

    /// Saves one change durably by appending it to the journal beside the file: a write and an
    /// fsync of what changed, not of the whole file. `header` is the file's readable header as
    /// of this change; `change` is the caller's JSON, given back in `LoadedContents.changes`.
    /// Only when `journalLength` is not nil. On failure (`StorageError.saveFailed`) the file and
    /// the changes saved before are as they were, and the next save must be a full one.
    public func append(header: Data, change: Data) throws {
        let header = try StoredFileFormat.normalizedHeader(header)
        mutex.lock()
        defer { mutex.unlock() }
        guard isOpen else { throw StorageError.closed }
        guard var journal else { preconditionFailure("append with no journal open: save in full first") }
        let fileSystem = environment.fileSystem
        let path = location.journalPath
        do {
            let base = journal.baseHash()
            let record = try JournalFormat.changeRecord(sequence: journal.nextSequence, base: base, header: header, change: change, key: key)
            if let descriptor = journal.descriptor {
                // A descriptor writes on into a file that was removed or replaced (the sessions
                // folder deleted, a stick pulled and put back): such a save would be lost.
                if let file = journal.file {
                    guard let now = try fileSystem.status(of: path)?.identity, now.device == file.device, now.inode == file.inode else {
                        throw SystemCallError(operation: "append", path: path, code: ENOENT)
                    }
                }
                try fileSystem.writeAll(record, to: descriptor, path: path)
                try fileSystem.syncFile(descriptor, path: path)
                journal.length += record.count
            } else {
                // The first change after a full save starts a new journal: written whole under a
                // temporary name and renamed into place (over any journal an older snapshot left),
                // so no reader ever sees a journal without its base.
                let start = JournalFormat.baseRecord(base) + record
                let temporary = location.temporaryPath()
                let descriptor = try fileSystem.createNewFile(at: temporary, permissions: PrivateFolder.filePermissions)
                do {
                    try fileSystem.writeAll(start, to: descriptor, path: temporary)
                    try fileSystem.syncFile(descriptor, path: temporary)
                    try fileSystem.renameItem(from: temporary, to: path)
                } catch {
                    try? fileSystem.closeFile(descriptor, path: temporary)
                    try? fileSystem.removeItem(at: temporary)
                    throw error
                }
                journal.descriptor = descriptor
                journalOnDisk = true
                try fileSystem.syncFolder(at: location.folder)
                journal.file = (try? fileSystem.status(of: path)?.identity).map { ($0.device, $0.inode) }
                journal.length += start.count
            }
            journal.nextSequence += 1
            self.journal = journal
        } catch {
            // Part of a record may be on disk; readers stop before it. Nothing more is appended
            // after it: the next save is a full one, which replaces the journal.
            if let descriptor = journal.descriptor { try? fileSystem.closeFile(descriptor, path: path) }
            self.journal = nil
            if let error = error as? StorageError { throw error }
            throw StorageError.saveFailed(SaveFailure((error as? SystemCallError) ?? SystemCallError(operation: "append", path: path, code: EIO)))
        }
    }

    private func closeJournal() {
        if let descriptor = journal?.descriptor { try? environment.fileSystem.closeFile(descriptor, path: location.journalPath) }
        journal = nil
    }

    /// Whether `passphrase` is this file's passphrase (to bring back a hidden screen). Derives a
    /// key, so it takes as long as opening.
    public func accepts(_ passphrase: Passphrase) throws -> Bool {
        guard let key else { return false }
        let candidate = try SessionKey.derive(from: passphrase, salt: key.salt, parameters: key.parameters)
        return candidate.check == key.check
    }

    private func write(header: Data, body: Data) throws {
        let bytes = try StoredFileFormat.encode(header: header, body: body, key: key)
        let key = self.key
        let acceptsBody = self.acceptsBody
        let replacement = AtomicReplacement(fileSystem: environment.fileSystem, location: location, now: environment.now)
        closeJournal()
        do {
            lastWritten = try replacement.replace(with: bytes, previous: lastWritten) { ContentsReader.isGood($0, key: key, acceptsBody: acceptsBody) }
        } catch {
            // The main file may or may not be the last save's any more: read it next time. A
            // journal stays as it was (it continues the main file if that is unchanged).
            lastWritten = nil
            throw StorageError.saveFailed(SaveFailure(error))
        }
        // The new main file holds every change the journal held. The journal continues the
        // previous main file, now the backup: it goes beside it, so that the backup and its
        // journal hold all of this save should this file be damaged. (Left where it is, as after
        // a kill here, it is ignored with this file and read with the backup alike.) A new
        // journal starts with the next change.
        if journalOnDisk {
            try? environment.fileSystem.renameItem(from: location.journalPath, to: location.backupJournalPath)
            journalOnDisk = false
        }
        journal = JournalWriter(snapshot: bytes)
    }

    // MARK: Closing and deleting

    /// Releases the lock. Saving afterwards throws `StorageError.closed`.
    public func close() {
        mutex.lock()
        defer { mutex.unlock() }
        isOpen = false
        closeJournal()
        lock.release()
    }

    /// Removes the file, its backup, damaged copies, leftovers of interrupted saves and its lock
    /// file, then closes it.
    public func delete() throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard isOpen else { throw StorageError.closed }
        defer {
            isOpen = false
            lock.release()
        }
        closeJournal()
        try StorageRemoval(fileSystem: environment.fileSystem, location: location).removeAll()
    }

    /// Deletes a file that is not open, after taking its lock (refused while it is open
    /// elsewhere).
    public static func delete(at url: URL, environment: StorageEnvironment = .live) throws {
        let location = StorageLocation(fileURL: url)
        let fileSystem = environment.fileSystem
        let removal = StorageRemoval(fileSystem: fileSystem, location: location)
        guard try fileSystem.status(of: location.folder) != nil, try removal.hasContents() else {
            throw StorageError.notFound(path: location.mainPath)
        }
        let lock = try FileLock.acquire(at: location.lockPath)
        defer { lock.release() }
        try removal.removeAll()
    }

    deinit {
        closeJournal()
        lock.release()
    }

    /// Clears what interrupted saves left behind. Best effort: not worth refusing to open a
    /// session for. File modes are not touched: a file Refuge did not just create is never
    /// chmodded (it could be a link to someone else's file); the next save writes a new 0600 file.
    private func tidy() {
        let fileSystem = environment.fileSystem
        let removal = StorageRemoval(fileSystem: fileSystem, location: location)
        for path in (try? removal.temporaryPaths()) ?? [] {
            try? fileSystem.removeItem(at: path)
        }
    }

    private static func storageError(_ error: any Error, path: String) -> any Error {
        if let error = error as? SystemCallError { return StorageError.folderProblem(path: path, error) }
        return error
    }
}
