#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a file looks like to the storage layer: enough to tell files from folders and to check
/// that nobody but the owner can read it.
public struct FileStatus: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case file, folder, other }
    public let kind: Kind
    /// Permission bits only (e.g. 0o600).
    public let permissions: UInt32
    public let size: Int
    /// Which file this is and when it last changed, where the file system can tell (nil
    /// otherwise): a save compares it with what it wrote last time to know the file is still
    /// its own, without reading it back.
    public let identity: FileIdentity?

    public init(kind: Kind, permissions: UInt32, size: Int, identity: FileIdentity? = nil) {
        self.kind = kind
        self.permissions = permissions
        self.size = size
        self.identity = identity
    }
}

/// A file's device and inode with its size and change times (nanoseconds). Any write, truncation,
/// replacement or change of mode gives a different value.
public struct FileIdentity: Equatable, Sendable {
    public let device: UInt64
    public let inode: UInt64
    public let size: Int64
    public let modified: Int64
    public let changed: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }
}

/// Every file-system operation the storage layer performs, one step at a time, so that tests can
/// make any single step fail (disk full, folder removed, read-only medium) and check that the files
/// on disk are still good afterwards. `POSIXFileSystem` is the real one.
///
/// Paths are absolute strings. Every method throws `SystemCallError` on failure.
public protocol FileSystem: Sendable {
    /// The status of the item at `path`, or nil when nothing is there.
    func status(of path: String) throws -> FileStatus?
    func readWholeFile(at path: String) throws -> Data
    /// Creates a file that must not exist yet, with exactly `permissions`, open for writing.
    func createNewFile(at path: String, permissions: UInt32) throws -> Int32
    func writeAll(_ data: Data, to descriptor: Int32, path: String) throws
    /// Flushes the file's data to the storage device (fsync).
    func syncFile(_ descriptor: Int32, path: String) throws
    func closeFile(_ descriptor: Int32, path: String) throws
    /// Gives the file at `source` a second name (a hard link).
    func linkItem(from source: String, to destination: String) throws
    /// Atomically renames `source` over `destination`.
    func renameItem(from source: String, to destination: String) throws
    func removeItem(at path: String) throws
    /// Flushes a folder's entries (new names, renames) to the storage device.
    func syncFolder(at path: String) throws
    func makeFolder(at path: String, permissions: UInt32) throws
    func setPermissions(_ permissions: UInt32, at path: String) throws
    func namesInFolder(at path: String) throws -> [String]
}
