#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
#if canImport(Glibc)
import Glibc
#endif
import RefugeLimits

/// Loads a stored file: the main file when it is good, else the backup (saying so), else a clear
/// error. Never writes, renames or removes anything: a damaged file stays exactly as found.
struct ContentsReader {
    let fileSystem: any FileSystem
    let location: StorageLocation
    /// The caller's own check of a body that decoded and passed its checksum (a session body of
    /// the wrong shape fails it): a body it refuses counts as damaged, so the backup is used.
    var acceptsBody: BodyCheck = StoredFile.anyBody

    /// One file opened: its contents and the key that opened them.
    struct Opened {
        let header: Data
        let body: Data
        let key: SessionKey?
    }

    private enum Outcome {
        case opened(Opened)
        case damaged(DamageReason)
        case wrongPassphrase
    }

    /// What `load` found: the contents (the journal's changes included), the key that opened
    /// them, and what a writer needs to go on with the journal.
    struct Loaded {
        let contents: LoadedContents
        let key: SessionKey?
        /// Whether a journal file was there (whether or not it continued the snapshot used).
        let journalFound: Bool
        /// The main file's bytes, when the main file was used (not the backup): a journal
        /// started after opening continues them.
        let mainBytes: Data?
    }

    /// `earlier`: the main file as read and checked before the lock was taken; its checks stand
    /// when the main file's bytes are still exactly the same (see `ReadBeforeLock`).
    func load(keys: inout KeyRing, earlier: ReadBeforeLock? = nil) throws -> Loaded {
        let mainProblem: DamageReason
        let (mainRead, checksumChecked) = mainEnvelope(earlier)
        switch mainRead {
        case .success(let (mainBytes, main)):
            switch try open(main, keys: &keys, checksumChecked: checksumChecked) {
            case .opened(let opened) where acceptsBody(opened.body):
                let journal = self.journal(continuing: mainBytes, key: opened.key)
                return Loaded(contents: contents(opened, journal: journal, recovery: nil), key: opened.key,
                              journalFound: journal.found, mainBytes: mainBytes)
            case .opened:
                mainProblem = .malformed(Self.unexpectedBody)
            case .damaged(let reason):
                mainProblem = reason
            case .wrongPassphrase:
                // An altered check value looks like a wrong passphrase. If the backup has the
                // same salt and accepts this key, the passphrase is right and the main file is
                // the one at fault; otherwise the passphrase is wrong.
                guard try backupAcceptsKey(ofSaltIn: main, keys: &keys) else { throw StorageError.wrongPassphrase }
                mainProblem = .authenticationFailed
            }
        case .failure(let reason):
            mainProblem = reason
        }

        switch envelope(at: location.backupPath) {
        case .success(let (backupBytes, backup)):
            switch try open(backup, keys: &keys) {
            case .opened(let opened) where acceptsBody(opened.body):
                // The backup's journal is the one that continued it (moved beside it by the full
                // save that replaced it, or not moved yet if a kill came first).
                let journal = self.journal(continuing: backupBytes, key: opened.key, at: [location.backupJournalPath, location.journalPath])
                return Loaded(contents: contents(opened, journal: journal, recovery: Recovery(mainFileProblem: mainProblem)),
                              key: opened.key, journalFound: journal.found, mainBytes: nil)
            case .opened:
                throw StorageError.unreadable(path: location.mainPath, main: mainProblem, backup: .malformed(Self.unexpectedBody))
            case .damaged(let reason):
                throw StorageError.unreadable(path: location.mainPath, main: mainProblem, backup: reason)
            case .wrongPassphrase:
                throw StorageError.wrongPassphrase
            }
        case .failure(.missing) where mainProblem == .missing:
            throw StorageError.notFound(path: location.mainPath)
        case .failure(let reason):
            throw StorageError.unreadable(path: location.mainPath, main: mainProblem, backup: reason)
        }
    }

    /// The header alone, without a passphrase. For an unprotected file it is checked against the
    /// checksum; a protected one can only be checked for layout until it is opened.
    func peekHeader() throws -> HeaderPeek {
        let mainProblem: DamageReason
        switch envelope(at: location.mainPath).flatMap(Self.checkedHeader) {
        case .success(let (bytes, header, isProtected)):
            return HeaderPeek(header: latestHeader(header, snapshot: bytes, at: [location.journalPath]), isProtected: isProtected, recovery: nil)
        case .failure(let reason):
            mainProblem = reason
        }
        switch envelope(at: location.backupPath).flatMap(Self.checkedHeader) {
        case .success(let (bytes, header, isProtected)):
            return HeaderPeek(header: latestHeader(header, snapshot: bytes, at: [location.backupJournalPath, location.journalPath]), isProtected: isProtected,
                              recovery: Recovery(mainFileProblem: mainProblem))
        case .failure(.missing) where mainProblem == .missing:
            throw StorageError.notFound(path: location.mainPath)
        case .failure(let reason):
            throw StorageError.unreadable(path: location.mainPath, main: mainProblem, backup: reason)
        }
    }

    /// The main file read and checked as `peekHeader` checks it (layout, and the checksum of an
    /// unprotected file), kept for opening it after the lock is taken; nil when it cannot be
    /// used so (missing, damaged: the caller then asks `peekHeader`, which tells why).
    func readBeforeLock() -> ReadBeforeLock? {
        guard case .success(let (bytes, envelope)) = envelope(at: location.mainPath),
              case .success(let (_, header, isProtected)) = Self.checkedHeader((bytes, envelope)) else { return nil }
        return ReadBeforeLock(header: header, isProtected: isProtected, path: location.mainPath, bytes: bytes, envelope: envelope)
    }

    /// Whether `bytes` hold a complete file that `key` (or no key, for an unprotected file)
    /// opens: the test a main file must pass before it may become the backup.
    static func isGood(_ bytes: Data, key: SessionKey?, acceptsBody: BodyCheck = StoredFile.anyBody) -> Bool {
        guard case .success(let envelope) = StoredFileFormat.decode(bytes) else { return false }
        switch envelope.payload {
        case .plain(let body, let checksum):
            return key == nil && checksum == StoredFileFormat.checksum(header: envelope.header, body: body) && acceptsBody(body)
        case .sealed(let record, let ciphertext):
            guard let key, key.matches(salt: record.salt, parameters: record.parameters),
                  key.check == record.check, let body = key.open(ciphertext, header: envelope.header) else { return false }
            return acceptsBody(body)
        }
    }

    private static let unexpectedBody = "its contents do not have the expected form"

    // MARK: The journal

    /// The journal's changes that continue the snapshot `snapshot` (its file's bytes), opened
    /// with `key` (nil: an unprotected file); none when there is no journal or it continues another.
    /// `found`: whether the main file's journal is there at all (continuing it or not).
    private func journal(continuing snapshot: Data, key: SessionKey?, at paths: [String]? = nil)
        -> (found: Bool, header: Data?, changes: [Data]) {
        let found = (try? fileSystem.status(of: location.journalPath)) != nil
        guard let journal = continuing(snapshot, at: paths ?? [location.journalPath]) else { return (found, nil, []) }
        let changes = JournalFormat.open(journal.changes, base: journal.base, key: key)
        return (found, changes.isEmpty ? nil : journal.changes[changes.count - 1].header, changes)
    }

    /// The header of the last change in a journal continuing the snapshot `bytes`, else `header`
    /// (no passphrase here: each record's own checksum vouches for its header).
    private func latestHeader(_ header: Data, snapshot bytes: Data, at paths: [String]) -> Data {
        continuing(bytes, at: paths)?.changes.last?.header ?? header
    }

    /// The first of the journals at `paths` that continues the snapshot `bytes`. Each is read as
    /// warily as the main file: one that is missing or cannot be read (a link, a FIFO, too
    /// large) is not used.
    private func continuing(_ bytes: Data, at paths: [String]) -> (base: String, changes: [JournalFormat.Change])? {
        var hash: String?
        for path in paths {
            guard let read = (try? fileSystem.readWholeFile(at: path)).flatMap(JournalFormat.read) else { continue }
            if hash == nil { hash = JournalFormat.snapshotHash(bytes) }
            if read.base == hash { return read }
        }
        return nil
    }

    // MARK: Pieces

    private func envelope(at path: String) -> Result<(Data, StoredFileFormat.Envelope), DamageReason> {
        read(path).flatMap { bytes in StoredFileFormat.decode(bytes).map { (bytes, $0) } }
    }

    /// The main file's bytes (read now) and layout: when they are exactly the bytes read before
    /// the lock, those bytes (the layout's slices are of them) with the layout found then, and an
    /// unprotected file's checksum was checked already (`checksumChecked`). The copy just read is
    /// let go before the body is decoded, so the memory it took serves the decoding instead of
    /// raising the heap's top (its peak stays in the resident size).
    private func mainEnvelope(_ earlier: ReadBeforeLock?)
        -> (read: Result<(Data, StoredFileFormat.Envelope), DamageReason>, checksumChecked: Bool) {
        let bytes: Data
        switch read(location.mainPath) {
        case .failure(let reason): return (.failure(reason), false)
        case .success(let read): bytes = read
        }
        if let earlier, earlier.path == location.mainPath, earlier.bytes == bytes {
            return (.success((earlier.bytes, earlier.envelope)), true)
        }
        return (StoredFileFormat.decode(bytes).map { (bytes, $0) }, false)
    }

    /// A whole file, or why it cannot be read.
    private func read(_ path: String) -> Result<Data, DamageReason> {
        do {
            return .success(try fileSystem.readWholeFile(at: path))
        } catch {
            return .failure(Self.readFailure(error, path: path))
        }
    }

    private static func readFailure(_ error: any Error, path: String) -> DamageReason {
        guard let error = error as? SystemCallError else {
            return .unreadable(SystemCallError(operation: "read", path: path, code: EIO))
        }
        switch error.code {
        case ENOENT: return .missing
        case ELOOP: return .notARegularFile
        case EFBIG: return .tooLarge(limit: Limits.sessionFileBytes)
        default: return .unreadable(error)
        }
    }

    /// `checksumChecked`: an unprotected file's checksum was checked when it was read (before
    /// the lock, of these very bytes).
    private func open(_ envelope: StoredFileFormat.Envelope, keys: inout KeyRing, checksumChecked: Bool = false) throws -> Outcome {
        switch envelope.payload {
        case .plain(let body, let checksum):
            guard checksumChecked || checksum == StoredFileFormat.checksum(header: envelope.header, body: body) else {
                return .damaged(.checksumMismatch)
            }
            return .opened(Opened(header: envelope.header, body: body, key: nil))
        case .sealed(let record, let ciphertext):
            let key = try keys.key(for: record)
            guard key.check == record.check else { return .wrongPassphrase }
            guard let body = key.open(ciphertext, header: envelope.header) else {
                return .damaged(.authenticationFailed)
            }
            return .opened(Opened(header: envelope.header, body: body, key: key))
        }
    }

    private func backupAcceptsKey(ofSaltIn main: StoredFileFormat.Envelope, keys: inout KeyRing) throws -> Bool {
        guard case .sealed(let mainRecord, _) = main.payload,
              case .success(let (_, backup)) = envelope(at: location.backupPath),
              case .sealed(let backupRecord, _) = backup.payload,
              backupRecord.salt == mainRecord.salt, backupRecord.parameters == mainRecord.parameters
        else { return false }
        return try keys.key(for: backupRecord).check == backupRecord.check
    }

    /// The file's bytes, its header and whether it is protected, when its header can be trusted.
    private static func checkedHeader(_ read: (Data, StoredFileFormat.Envelope)) -> Result<(Data, Data, Bool), DamageReason> {
        let (bytes, envelope) = read
        switch envelope.payload {
        case .plain(let body, let checksum):
            guard checksum == StoredFileFormat.checksum(header: envelope.header, body: body) else {
                return .failure(.checksumMismatch)
            }
            return .success((bytes, envelope.header, false))
        case .sealed:
            guard JSONSyntax.kind(of: envelope.header) == .object else {
                return .failure(.malformed("the header is not a JSON object"))
            }
            return .success((bytes, envelope.header, true))
        }
    }

    private func contents(_ opened: Opened, journal: (found: Bool, header: Data?, changes: [Data]), recovery: Recovery?) -> LoadedContents {
        LoadedContents(header: journal.header ?? opened.header, body: opened.body, changes: journal.changes,
                       isProtected: opened.key != nil, recovery: recovery)
    }
}
