import Foundation

/// Folders that hold sessions are readable by their owner only (0700): other accounts on a shared
/// laptop must not even see the session names.
enum PrivateFolder {
    static let permissions: UInt32 = 0o700
    static let filePermissions: UInt32 = 0o600

    /// Creates `path` (and any missing parents) as private folders, or tightens an existing one
    /// that lets others in.
    static func prepare(_ path: String, fileSystem: any FileSystem) throws {
        do {
            try create(path, fileSystem: fileSystem)
        } catch let error as SystemCallError {
            throw StorageError.folderProblem(path: path, error)
        }
    }

    /// Tightens an existing folder; false when there is no folder at `path`.
    static func tighten(_ path: String, fileSystem: any FileSystem) throws -> Bool {
        do {
            guard let status = try fileSystem.status(of: path) else { return false }
            guard status.kind == .folder else {
                throw StorageError.folderProblem(path: path, SystemCallError(operation: "open", path: path, code: ENOTDIR))
            }
            if status.permissions & 0o077 != 0 {
                try fileSystem.setPermissions(permissions, at: path)
            }
            return true
        } catch let error as SystemCallError {
            throw StorageError.folderProblem(path: path, error)
        }
    }

    private static func create(_ path: String, fileSystem: any FileSystem) throws {
        if try tighten(path, fileSystem: fileSystem) { return }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path, !parent.isEmpty, try fileSystem.status(of: parent) == nil {
            try create(parent, fileSystem: fileSystem)
        }
        do {
            try fileSystem.makeFolder(at: path, permissions: permissions)
            // The new folder's own name must reach the disk too, or a power cut could take the
            // folder and everything saved in it.
            try fileSystem.syncFolder(at: parent)
        } catch let error as SystemCallError where error.code == EEXIST {
            // Made by someone else in the meantime; tighten it like any existing folder.
        }
        _ = try tighten(path, fileSystem: fileSystem)
    }

    /// Tightens a file that lets others read it (copied in, or made by an older version).
    static func tightenFile(_ path: String, fileSystem: any FileSystem) throws {
        guard let status = try fileSystem.status(of: path), status.kind == .file,
              status.permissions & 0o077 != 0 else { return }
        try fileSystem.setPermissions(filePermissions, at: path)
    }
}
