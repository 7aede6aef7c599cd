#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Removes every piece of a stored file (see `StorageLocation`), the lock file last.
struct StorageRemoval {
    let fileSystem: any FileSystem
    let location: StorageLocation

    func removeAll() throws {
        do {
            let pieces = [location.mainPath, location.journalPath, location.backupPath, location.backupJournalPath] + (try damagedPaths()) + (try temporaryPaths())
            for path in pieces {
                try removeIfPresent(path)
            }
            try removeIfPresent(location.lockPath)
            try fileSystem.syncFolder(at: location.folder)
        } catch let error as SystemCallError {
            throw StorageError.deleteFailed(error)
        }
    }

    /// Whether anything but the lock file is there.
    func hasContents() throws -> Bool {
        for path in [location.mainPath, location.journalPath, location.backupPath] where try fileSystem.status(of: path) != nil {
            return true
        }
        return try !damagedPaths().isEmpty
    }

    func damagedPaths() throws -> [String] {
        try paths(withPrefix: location.damagedPrefix)
    }

    func temporaryPaths() throws -> [String] {
        try paths(withPrefix: location.temporaryPrefix)
    }

    private func paths(withPrefix prefix: String) throws -> [String] {
        try fileSystem.namesInFolder(at: location.folder)
            .filter { $0.hasPrefix(prefix) }
            .sorted()
            .map(location.path)
    }

    private func removeIfPresent(_ path: String) throws {
        do {
            try fileSystem.removeItem(at: path)
        } catch let error as SystemCallError where error.code == ENOENT {
            return
        }
    }
}
