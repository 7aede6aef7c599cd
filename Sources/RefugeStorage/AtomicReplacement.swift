#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a stored file with new bytes so that, at every instant (a crash, a kill, a pulled
/// plug), the main file or its backup holds a complete good save:
///
/// 1. the new bytes go to a hidden temporary file in the same folder (0600), which is fsynced;
/// 2. the current main file, when it is good, becomes the backup: a hard link under a temporary
///    name renamed over `<name>.bak` (or a copy, where links are not supported), so the main file
///    never disappears; when it is damaged it is instead renamed aside to
///    `<name>.damaged-<time>`, never destroyed, and the older good backup stays;
/// 3. the folder is fsynced, so the backup is on disk before the main file changes;
/// 4. the temporary file is renamed over the main file (atomic), and the folder fsynced again.
///
/// A failure at any step throws, removes the temporary file and leaves the main file as it was.
///
/// Step 2 needs to know whether the current main file is good. Reading and checking it again on
/// every save cost as much as writing it, so a handle that saved before passes what it wrote
/// (`WrittenFile`): when the main file on disk still has the identity it had right after that
/// save (same inode, size and change times), it is those bytes, known good, and is not read.
/// Anything else (no earlier save, a file changed or replaced behind the handle's back, a file
/// system that cannot tell) falls back to reading and checking it.
struct AtomicReplacement {
    let fileSystem: any FileSystem
    let location: StorageLocation
    let now: @Sendable () -> Date

    /// `isGood` says whether the current main file's bytes are a complete save worth keeping as
    /// the backup; `previous` is what this handle's last save wrote, if it knows. Returns what
    /// this save wrote, for the next one (nil when the file system cannot tell its identity).
    func replace(with bytes: Data, previous: WrittenFile?, isGood: (Data) -> Bool) throws(SystemCallError) -> WrittenFile? {
        let temporary = location.temporaryPath()
        try writeDurably(bytes, to: temporary)
        do {
            switch try currentMain(previous: previous, isGood: isGood) {
            case .missing:
                break
            case .good(let current):
                try keepAsBackup(current)
                try fileSystem.syncFolder(at: location.folder)
            case .damaged:
                let aside = try location.unusedDamagedPath(at: now(), fileSystem: fileSystem)
                try fileSystem.renameItem(from: location.mainPath, to: aside)
                try fileSystem.syncFolder(at: location.folder)
            }
            try fileSystem.renameItem(from: temporary, to: location.mainPath)
            try fileSystem.syncFolder(at: location.folder)
        } catch {
            // After the final rename the temporary name is gone and this does nothing.
            try? fileSystem.removeItem(at: temporary)
            throw Self.systemError(error, path: location.mainPath)
        }
        // The save is complete; not knowing the new file's identity only means the next save
        // reads it back.
        guard let identity = (try? fileSystem.status(of: location.mainPath))?.identity else { return nil }
        return WrittenFile(identity: identity, bytes: bytes)
    }

    private enum MainFile {
        case missing
        case good(Data)
        case damaged
    }

    private func currentMain(previous: WrittenFile?, isGood: (Data) -> Bool) throws -> MainFile {
        if let previous, let identity = (try? fileSystem.status(of: location.mainPath))?.identity,
           identity == previous.identity {
            return .good(previous.bytes)
        }
        let bytes: Data
        do {
            bytes = try fileSystem.readWholeFile(at: location.mainPath)
        } catch let error as SystemCallError where error.code == ENOENT {
            return .missing
        } catch {
            // Unreadable: it cannot be checked, so it is set aside like a damaged one.
            return .damaged
        }
        return isGood(bytes) ? .good(bytes) : .damaged
    }

    private func keepAsBackup(_ current: Data) throws {
        let staging = location.temporaryPath()
        do {
            try fileSystem.linkItem(from: location.mainPath, to: staging)
        } catch let error as SystemCallError where Self.linksUnsupported(error.code) {
            // FAT and exFAT USB sticks have no hard links: copy instead.
            try writeDurably(current, to: staging)
        }
        do {
            try fileSystem.renameItem(from: staging, to: location.backupPath)
        } catch {
            try? fileSystem.removeItem(at: staging)
            throw error
        }
    }

    /// Writes a new file with 0600 and flushes it to the device; removes it again on failure.
    private func writeDurably(_ bytes: Data, to path: String) throws(SystemCallError) {
        let descriptor: Int32
        do {
            descriptor = try fileSystem.createNewFile(at: path, permissions: PrivateFolder.filePermissions)
        } catch {
            throw Self.systemError(error, path: path)
        }
        do {
            try fileSystem.writeAll(bytes, to: descriptor, path: path)
            try fileSystem.syncFile(descriptor, path: path)
        } catch {
            try? fileSystem.closeFile(descriptor, path: path)
            try? fileSystem.removeItem(at: path)
            throw Self.systemError(error, path: path)
        }
        do {
            try fileSystem.closeFile(descriptor, path: path)
        } catch {
            try? fileSystem.removeItem(at: path)
            throw Self.systemError(error, path: path)
        }
    }

    private static func linksUnsupported(_ code: Int32) -> Bool {
        [EPERM, ENOTSUP, EOPNOTSUPP, EXDEV, EMLINK, ENOSYS].contains(code)
    }

    private static func systemError(_ error: any Error, path: String) -> SystemCallError {
        (error as? SystemCallError) ?? SystemCallError(operation: "save", path: path, code: EIO)
    }
}

/// The bytes a save wrote as the main file, and the identity the file had right after.
struct WrittenFile {
    let identity: FileIdentity
    let bytes: Data
}
