#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole regular file without trusting it: a symbolic link is not followed
/// (`O_NOFOLLOW`), a FIFO or device is refused without blocking (`O_NONBLOCK` on the first open,
/// then `fstat`), and a file larger than `limit` is refused before any of it is read, so a
/// sparse file of gigabytes costs nothing.
public enum BoundedFile {
    /// Why a file was refused before it was read.
    public enum Refusal: Error, Equatable, Sendable {
        /// A symbolic link, FIFO, socket, device or folder where a file should be.
        case notARegularFile
        /// Larger than the limit (its size in bytes).
        case tooLarge(Int)
        /// The system refused: `open`, `fstat` or `read` and its errno (ENOENT when missing).
        case system(operation: String, code: Int32)
    }

    /// `followingLinks`: a link is followed to a regular file (a questionnaire the user linked
    /// into their folder, only ever read); session files never are.
    public static func read(_ path: String, limit: Int, followingLinks: Bool = false) -> Result<Data, Refusal> {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            let code = errno
            // O_NOFOLLOW on a symbolic link fails with ELOOP.
            return .failure(code == ELOOP ? .notARegularFile : .system(operation: "open", code: code))
        }
        defer { _ = close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.system(operation: "fstat", code: errno)) }
        guard UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG) else { return .failure(.notARegularFile) }
        let size = Int(info.st_size)
        guard size <= limit else { return .failure(.tooLarge(size)) }
        // A regular file ignores O_NONBLOCK, but clear it so reads behave as usual everywhere.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var result = Data()
        result.reserveCapacity(size)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(operation: "read", code: errno))
            }
            if count == 0 { return .success(result) }
            // The file may grow while it is read; never hold more than the limit.
            guard result.count + count <= limit else { return .failure(.tooLarge(result.count + count)) }
            result.append(contentsOf: buffer[0..<count])
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
