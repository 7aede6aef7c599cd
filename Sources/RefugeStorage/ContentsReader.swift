import Foundation
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

    func load(keys: inout KeyRing) throws -> (LoadedContents, key: SessionKey?) {
        let mainProblem: DamageReason
        switch envelope(at: location.mainPath) {
        case .success(let main):
            switch try open(main, keys: &keys) {
            case .opened(let opened) where acceptsBody(opened.body):
                return (contents(opened, recovery: nil), opened.key)
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
        case .success(let backup):
            switch try open(backup, keys: &keys) {
            case .opened(let opened) where acceptsBody(opened.body):
                return (contents(opened, recovery: Recovery(mainFileProblem: mainProblem)), opened.key)
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
        case .success(let (header, isProtected)):
            return HeaderPeek(header: header, isProtected: isProtected, recovery: nil)
        case .failure(let reason):
            mainProblem = reason
        }
        switch envelope(at: location.backupPath).flatMap(Self.checkedHeader) {
        case .success(let (header, isProtected)):
            return HeaderPeek(header: header, isProtected: isProtected, recovery: Recovery(mainFileProblem: mainProblem))
        case .failure(.missing) where mainProblem == .missing:
            throw StorageError.notFound(path: location.mainPath)
        case .failure(let reason):
            throw StorageError.unreadable(path: location.mainPath, main: mainProblem, backup: reason)
        }
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

    // MARK: Pieces

    private func envelope(at path: String) -> Result<StoredFileFormat.Envelope, DamageReason> {
        let bytes: Data
        do {
            bytes = try fileSystem.readWholeFile(at: path)
        } catch let error as SystemCallError {
            switch error.code {
            case ENOENT: return .failure(.missing)
            case ELOOP: return .failure(.notARegularFile)
            case EFBIG: return .failure(.tooLarge(limit: Limits.sessionFileBytes))
            default: return .failure(.unreadable(error))
            }
        } catch {
            return .failure(.unreadable(SystemCallError(operation: "read", path: path, code: EIO)))
        }
        return StoredFileFormat.decode(bytes)
    }

    private func open(_ envelope: StoredFileFormat.Envelope, keys: inout KeyRing) throws -> Outcome {
        switch envelope.payload {
        case .plain(let body, let checksum):
            guard checksum == StoredFileFormat.checksum(header: envelope.header, body: body) else {
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
              case .success(let backup) = envelope(at: location.backupPath),
              case .sealed(let backupRecord, _) = backup.payload,
              backupRecord.salt == mainRecord.salt, backupRecord.parameters == mainRecord.parameters
        else { return false }
        return try keys.key(for: backupRecord).check == backupRecord.check
    }

    private static func checkedHeader(_ envelope: StoredFileFormat.Envelope) -> Result<(Data, Bool), DamageReason> {
        switch envelope.payload {
        case .plain(let body, let checksum):
            guard checksum == StoredFileFormat.checksum(header: envelope.header, body: body) else {
                return .failure(.checksumMismatch)
            }
            return .success((envelope.header, false))
        case .sealed:
            guard (try? JSONSerialization.jsonObject(with: envelope.header)) is [String: Any] else {
                return .failure(.malformed("the header is not a JSON object"))
            }
            return .success((envelope.header, true))
        }
    }

    private func contents(_ opened: Opened, recovery: Recovery?) -> LoadedContents {
        LoadedContents(header: opened.header, body: opened.body, isProtected: opened.key != nil, recovery: recovery)
    }
}
