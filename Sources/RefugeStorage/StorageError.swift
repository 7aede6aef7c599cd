#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Everything that can go wrong in the storage layer, each with a message fit to show the user.
/// None of them ever carries a passphrase or any part of a file's body.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither the file nor its backup exists.
    case notFound(path: String)
    /// `create` was asked to make a file that is already there (or whose backup is).
    case alreadyExists(path: String)
    /// Another process (or another handle in this one) holds the file's lock.
    case locked(path: String)
    /// The file is protected and no passphrase was given.
    case passphraseRequired(path: String)
    /// The passphrase does not derive the file's key.
    case wrongPassphrase
    /// Neither the main file nor its backup could be used.
    case unreadable(path: String, main: DamageReason, backup: DamageReason)
    /// The caller's header is not a JSON object, or its body not JSON.
    case invalidHeader(String)
    case invalidBody(String)
    /// The folder cannot be created or made private.
    case folderProblem(path: String, SystemCallError)
    /// The lock file cannot be created or locked for a reason other than another holder.
    case lockFailed(SystemCallError)
    /// A save did not complete; the files on disk are as they were before it.
    case saveFailed(SaveFailure)
    /// Removing a file's pieces failed part of the way.
    case deleteFailed(SystemCallError)
    /// Key derivation failed (parameters the crypto library refused).
    case keyDerivationFailed(String)
    /// The cipher refused to encrypt (not expected with a valid key; reported rather than hidden).
    case encryptionFailed(String)
    /// The handle was closed or its file deleted.
    case closed

    public var description: String {
        switch self {
        case .notFound(let path): return "No session file at \(path)"
        case .alreadyExists(let path): return "A session file already exists at \(path)"
        case .locked: return "This session is open in another Refuge window or process"
        case .passphraseRequired: return "This session is protected by a passphrase"
        case .wrongPassphrase: return "That passphrase does not open this session"
        case .unreadable(let path, let main, let backup):
            return "The session file \(path) cannot be opened: \(main); its backup cannot be used either: \(backup)"
        case .invalidHeader(let detail): return "The session header is not a JSON object (\(detail))"
        case .invalidBody(let detail): return "The session contents are not valid JSON (\(detail))"
        case .folderProblem(let path, let error):
            return "The folder \(path) cannot be created or made private (\(error))"
        case .lockFailed(let error) where error.code == ELOOP:
            return "The session's lock file \(error.path) is not a regular file (a link or a special file), so Refuge does not use it; remove it if you did not make it"
        case .lockFailed(let error): return "The session cannot be locked (\(error))"
        case .saveFailed(let failure): return failure.description
        case .deleteFailed(let error): return "The session could not be removed completely (\(error))"
        case .keyDerivationFailed(let detail): return "The passphrase could not be turned into a key (\(detail))"
        case .encryptionFailed(let detail): return "The session could not be encrypted (\(detail))"
        case .closed: return "This session has been closed"
        }
    }
}

/// A save that did not complete, in words the interviewer can act on (free space, plug the stick
/// back in, save elsewhere), plus the exact system error for whoever investigates.
public struct SaveFailure: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case diskFull, folderMissing, readOnly, permissionDenied, deviceError, other
    }

    public let kind: Kind
    public let error: SystemCallError

    public init(_ error: SystemCallError) {
        self.error = error
        switch error.code {
        case ENOSPC, EDQUOT: kind = .diskFull
        case ENOENT, ENOTDIR: kind = .folderMissing
        case EROFS: kind = .readOnly
        case EACCES, EPERM: kind = .permissionDenied
        case EIO, ENXIO, ENODEV: kind = .deviceError
        default: kind = .other
        }
    }

    /// What went wrong, as a phrase ("the disk is full").
    public var reason: String {
        let what: String
        switch kind {
        case .diskFull: what = "the disk is full"
        case .folderMissing: what = "the sessions folder is gone (was a USB stick removed?)"
        case .readOnly: what = "the disk is read-only"
        case .permissionDenied: what = "permission was refused"
        case .deviceError: what = "the disk reported an error (was a USB stick removed?)"
        case .other: what = "the system refused"
        }
        return what
    }

    public var description: String {
        "The session could not be saved: \(reason). The file on disk still holds the previous save. (\(error))"
    }
}
