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
        let descriptor: Int32, size: Int
        switch openRegularFile(path, limit: limit, followingLinks: followingLinks) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let opened): (descriptor, size) = opened
        }
        defer { _ = close(descriptor) }
        // Read straight into the Data's own storage (no buffer in between, no copy), with room
        // for one byte more than the file had, so that a file that grew is seen to have.
        var result = Data(count: size + 1)
        let filled = result.withUnsafeMutableBytes { readFully(descriptor, into: $0) }
        switch filled {
        case .failure(let refusal): return .failure(refusal)
        case .success(let count) where count <= size:
            result.count = count
            return .success(result)
        case .success:
            // It grew while it was read: the rest as pieces.
            if let refusal = readRest(of: descriptor, limit: limit, had: result.count, into: { result.append(contentsOf: $0) }) {
                return .failure(refusal)
            }
            return .success(result)
        }
    }

    /// `read`, into an array of the file's size, read straight into it (no buffer in between,
    /// no `Data` to copy into an array afterwards): for questionnaire files and compiled
    /// entries, which are kept as bytes (issue 19: a fifth of a cache hit went to those copies).
    public static func readBytes(_ path: String, limit: Int, followingLinks: Bool = false) -> Result<[UInt8], Refusal> {
        let descriptor: Int32, size: Int
        switch openRegularFile(path, limit: limit, followingLinks: followingLinks) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let opened): (descriptor, size) = opened
        }
        defer { _ = close(descriptor) }
        var failure: Refusal?
        // Room for one byte more than the file had, so that a file that grew is seen to have.
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            switch readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer)) {
            case .success(let count): initialized = count
            case .failure(let refusal): failure = refusal; initialized = 0
            }
        }
        if let failure { return .failure(failure) }
        guard bytes.count > size else { return .success(bytes) }
        // It grew while it was read: the rest as `read` reads it.
        if let refusal = readRest(of: descriptor, limit: limit, had: bytes.count, into: { bytes.append(contentsOf: $0) }) {
            return .failure(refusal)
        }
        return .success(bytes)
    }

    /// Reads until `buffer` is full or the file ends: how many bytes it holds now.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Refusal> {
        var filled = 0
        while filled < buffer.count {
            let count = systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(operation: "read", code: errno))
            }
            if count == 0 { break }
            filled += count
        }
        return .success(filled)
    }

    /// The file opened for reading, with its size, when it is a regular file within the limit.
    private static func openRegularFile(_ path: String, limit: Int, followingLinks: Bool) -> Result<(Int32, Int), Refusal> {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            let code = errno
            // O_NOFOLLOW on a symbolic link fails with ELOOP.
            return .failure(code == ELOOP ? .notARegularFile : .system(operation: "open", code: code))
        }
        var info = stat()
        let refusal: Refusal?
        if fstat(descriptor, &info) != 0 {
            refusal = .system(operation: "fstat", code: errno)
        } else if UInt32(info.st_mode) & UInt32(S_IFMT) != UInt32(S_IFREG) {
            refusal = .notARegularFile
        } else if Int(info.st_size) > limit {
            refusal = .tooLarge(Int(info.st_size))
        } else {
            refusal = nil
        }
        if let refusal {
            _ = close(descriptor)
            return .failure(refusal)
        }
        // A regular file ignores O_NONBLOCK, but clear it so reads behave as usual everywhere.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return .success((descriptor, Int(info.st_size)))
    }

    /// Reads to the end of the file in pieces (`had` bytes read before), never more than the
    /// limit in all; nil when it got to the end.
    private static func readRest(of descriptor: Int32, limit: Int, had: Int, into append: (ArraySlice<UInt8>) -> Void) -> Refusal? {
        guard had <= limit else { return .tooLarge(had) }
        var total = had
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .system(operation: "read", code: errno)
            }
            if count == 0 { return nil }
            // The file may grow while it is read; never hold more than the limit.
            guard total + count <= limit else { return .tooLarge(total + count) }
            total += count
            append(buffer[0..<count])
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
