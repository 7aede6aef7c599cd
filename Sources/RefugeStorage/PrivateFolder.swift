#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics

/// Folders that hold sessions are readable by their owner only (0700): other accounts on a shared
/// laptop must not even see the session names.
///
/// Only folders Refuge creates itself are given that mode, when it creates them. A folder that is
/// already there (one the user pointed at with `REFUGE_HOME`, or made by hand) is used as it is
/// and never chmodded: changing the mode of someone else's folder is not ours to do.
enum PrivateFolder {
    static let permissions: UInt32 = 0o700
    static let filePermissions: UInt32 = 0o600

    /// Creates `path` (and any missing parents) as private folders; an existing one is used as
    /// it is.
    static func prepare(_ path: String, fileSystem: any FileSystem) throws {
        do {
            try create(path, fileSystem: fileSystem)
        } catch let error as SystemCallError {
            throw StorageError.folderProblem(path: path, error)
        }
    }

    /// Whether there is a folder at `path` (false when nothing is there; an error when something
    /// else is).
    static func exists(_ path: String, fileSystem: any FileSystem) throws -> Bool {
        do {
            guard let status = try fileSystem.status(of: path) else { return false }
            guard status.kind == .folder else {
                throw StorageError.folderProblem(path: path, SystemCallError(operation: "open", path: path, code: ENOTDIR))
            }
            return true
        } catch let error as SystemCallError {
            throw StorageError.folderProblem(path: path, error)
        }
    }

    private static func create(_ path: String, fileSystem: any FileSystem) throws {
        if try exists(path, fileSystem: fileSystem) { return }
        let parent = PathText.deletingLastComponent(path)
        if parent != path, !parent.isEmpty, try fileSystem.status(of: parent) == nil {
            try create(parent, fileSystem: fileSystem)
        }
        do {
            // mkdir applies the umask, which can only take bits away from 0700.
            try fileSystem.makeFolder(at: path, permissions: permissions)
            // The new folder's own name must reach the disk too, or a power cut could take the
            // folder and everything saved in it.
            try fileSystem.syncFolder(at: parent)
        } catch let error as SystemCallError where error.code == EEXIST {
            // Made by someone else in the meantime; used like any existing folder.
        }
        _ = try exists(path, fileSystem: fileSystem)
    }
}
