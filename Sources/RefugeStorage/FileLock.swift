#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// One writer per file: an exclusive `flock` on `<name>.lock`, held for as long as the file is
/// open. The kernel drops it when the process ends however it ends (even SIGKILL or power loss),
/// so a crash never leaves a session locked. The lock file itself is empty and harmless to leave.
///
/// flock locks belong to the open file description, so a second `FileLock` on the same file is
/// refused even within the same process.
final class FileLock: @unchecked Sendable {
    // Only `release`, guarded by the caller's mutex, changes this.
    private var descriptor: Int32?

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock or throws `StorageError.locked` at once (never waits). A lock file that is
    /// a symbolic link, FIFO or anything but a regular file is refused, and an existing lock file
    /// is never chmodded: only one this call creates gets its mode.
    static func acquire(at path: String) throws -> FileLock {
        let descriptor = try openLockFile(at: path)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            _ = close(descriptor)
            if code == EWOULDBLOCK || code == EAGAIN { throw StorageError.locked(path: path) }
            throw StorageError.lockFailed(SystemCallError(operation: "flock", path: path, code: code))
        }
        return FileLock(descriptor: descriptor)
    }

    private static func openLockFile(at path: String) throws -> Int32 {
        let mode = mode_t(PrivateFolder.filePermissions)
        while true {
            let created = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if created >= 0 { return created }
            var code = errno
            if code == EINTR { continue }
            guard code == EEXIST else {
                throw StorageError.lockFailed(SystemCallError(operation: "open", path: path, code: code))
            }
            // There already: open it as it is, refusing links and never blocking on a FIFO.
            let existing = open(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if existing < 0 {
                code = errno
                if code == EINTR || code == ENOENT { continue }  // removed in between: create it
                throw StorageError.lockFailed(SystemCallError(operation: "open", path: path, code: code))
            }
            var info = stat()
            guard fstat(existing, &info) == 0, UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG) else {
                _ = close(existing)
                throw StorageError.lockFailed(SystemCallError(operation: "open", path: path, code: ELOOP))
            }
            return existing
        }
    }

    var isHeld: Bool { descriptor != nil }

    func release() {
        guard let descriptor else { return }
        // Closing the descriptor releases the flock.
        _ = close(descriptor)
        self.descriptor = nil
    }

    deinit { release() }
}
