import Foundation

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

    /// Takes the lock or throws `StorageError.locked` at once (never waits).
    static func acquire(at path: String) throws -> FileLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode_t(PrivateFolder.filePermissions))
        guard descriptor >= 0 else {
            throw StorageError.lockFailed(SystemCallError(operation: "open", path: path, code: errno))
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            _ = close(descriptor)
            if code == EWOULDBLOCK || code == EAGAIN { throw StorageError.locked(path: path) }
            throw StorageError.lockFailed(SystemCallError(operation: "flock", path: path, code: code))
        }
        // An existing lock file made with looser permissions is tightened; it holds nothing, so
        // failing to is not worth refusing the session.
        _ = fchmod(descriptor, mode_t(PrivateFolder.filePermissions))
        return FileLock(descriptor: descriptor)
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
