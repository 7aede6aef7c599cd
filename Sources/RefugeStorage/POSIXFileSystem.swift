#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics
import RefugeLimits

/// The real file system, through the POSIX calls themselves: Foundation's higher-level file APIs do
/// not offer fsync of a folder, exclusive creation with a mode, or hard links with clear errors.
public struct POSIXFileSystem: FileSystem {
    public init() {}

    public func status(of path: String) throws -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw SystemCallError(operation: "stat", path: path, code: code)
        }
        let type = UInt32(info.st_mode) & UInt32(S_IFMT)
        let kind: FileStatus.Kind =
            type == UInt32(S_IFREG) ? .file : type == UInt32(S_IFDIR) ? .folder : .other
        let identity = FileIdentity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: Self.nanoseconds(StatTimes.modified(info)), changed: Self.nanoseconds(StatTimes.changed(info)))
        return FileStatus(kind: kind, permissions: UInt32(info.st_mode) & 0o7777, size: Int(info.st_size), identity: identity)
    }

    private static func nanoseconds(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }

    /// Reads a session file, its backup or a questionnaire copy without trusting it (see
    /// `BoundedFile`): a link, FIFO or device throws ELOOP, a file over
    /// `Limits.sessionFileBytes` throws EFBIG.
    public func readWholeFile(at path: String) throws -> Data {
        switch BoundedFile.read(path, limit: Limits.sessionFileBytes) {
        case .success(let data): return data
        case .failure(.notARegularFile): throw SystemCallError(operation: "open", path: path, code: ELOOP)
        case .failure(.tooLarge): throw SystemCallError(operation: "read", path: path, code: EFBIG)
        case .failure(.system(let operation, let code)): throw SystemCallError(operation: operation, path: path, code: code)
        }
    }

    public func createNewFile(at path: String, permissions: UInt32) throws -> Int32 {
        let descriptor = try retrying("create", path) {
            open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(permissions))
        }
        // The process umask may have taken bits away; set exactly what was asked for (on the
        // descriptor of the file just created, never on a path that could have changed).
        if fchmod(descriptor, mode_t(permissions)) != 0 {
            let code = errno
            _ = close(descriptor)
            _ = unlink(path)
            throw SystemCallError(operation: "chmod", path: path, code: code)
        }
        return descriptor
    }

    public func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = try retrying("write", path) {
                    write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                }
                // A write that makes no progress and reports no error would loop forever.
                if written == 0 { throw SystemCallError(operation: "write", path: path, code: EIO) }
                offset += written
            }
        }
    }

    public func syncFile(_ descriptor: Int32, path: String) throws {
        #if canImport(Darwin)
        // On macOS fsync does not reach the disk's own cache; F_FULLFSYNC does.
        if fcntl(descriptor, F_FULLFSYNC) == 0 { return }
        #endif
        _ = try retrying("fsync", path) { fsync(descriptor) }
    }

    public func closeFile(_ descriptor: Int32, path: String) throws {
        // close is not retried on EINTR: on Linux the descriptor is gone either way.
        if close(descriptor) != 0 {
            throw SystemCallError(operation: "close", path: path, code: errno)
        }
    }

    public func linkItem(from source: String, to destination: String) throws {
        _ = try retrying("link", destination) { link(source, destination) }
    }

    public func renameItem(from source: String, to destination: String) throws {
        _ = try retrying("rename", destination) { rename(source, destination) }
    }

    public func removeItem(at path: String) throws {
        _ = try retrying("unlink", path) { unlink(path) }
    }

    public func syncFolder(at path: String) throws {
        let descriptor = try retrying("open", path) { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = close(descriptor) }
        if fsync(descriptor) != 0 {
            let code = errno
            // Some file systems cannot sync a folder at all; their renames are as durable as
            // they will ever be, so that is not a failed save.
            if code == EINVAL || code == ENOTSUP { return }
            throw SystemCallError(operation: "fsync", path: path, code: code)
        }
    }

    public func makeFolder(at path: String, permissions: UInt32) throws {
        _ = try retrying("mkdir", path) { mkdir(path, mode_t(permissions)) }
    }

    public func setPermissions(_ permissions: UInt32, at path: String) throws {
        _ = try retrying("chmod", path) { chmod(path, mode_t(permissions)) }
    }

    public func namesInFolder(at path: String) throws -> [String] {
        switch FolderNames.list(path) {
        case .success(let names): return names
        case .failure(let failure): throw SystemCallError(operation: "opendir", path: path, code: failure.code)
        }
    }

    /// Runs a system call, repeating it when a signal interrupted it, and turns -1 into a
    /// `SystemCallError`.
    private func retrying<Result: BinaryInteger>(
        _ operation: String, _ path: String, _ call: () -> Result
    ) throws -> Result {
        while true {
            let result = call()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(operation: operation, path: path, code: code)
        }
    }
}
