#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A stored file's main file as read and checked before its lock was taken (to find a session
/// by the id in its header), handed on to `StoredFile.open` so that opening does not lay out and
/// checksum the same bytes a second time.
///
/// It is never trusted on its own word: once the lock is held, opening reads the main file again
/// (a read costs little next to the checks) and uses what was worked out here only when the bytes
/// are exactly the same; a file replaced, written or cut short in between is checked as if there
/// had been no earlier read. No file times are involved, so a change within the file system's
/// clock tick is seen too. An unprotected file's checksum was checked here; a protected file's
/// cipher is still opened after the lock.
public struct ReadBeforeLock: Sendable {
    /// The header of the main file itself (a journal's later headers are not read here).
    public let header: Data
    public let isProtected: Bool
    /// The main file's path, its bytes and their layout.
    let path: String
    let bytes: Data
    let envelope: StoredFileFormat.Envelope
}
