/// Why one stored file (the main file or its backup) could not be used. Shown to the user when
/// Refuge falls back to the backup, so every case reads as a plain sentence.
public enum DamageReason: Error, Equatable, Sendable, CustomStringConvertible {
    /// There is no file at all.
    case missing
    /// The file is there but the system would not let us read it (permissions, I/O error).
    case unreadable(SystemCallError)
    case empty
    /// A symbolic link, FIFO, device or folder where the file should be: never followed or read.
    case notARegularFile
    /// Larger than the limit for a session file (`Limits.sessionFileBytes`): never read.
    case tooLarge(limit: Int)
    /// Not a complete JSON object: typically a file cut short.
    case truncatedOrNotJSON(String)
    /// JSON, but not laid out as a Refuge file (a field missing or of the wrong kind).
    case malformed(String)
    /// Written by a newer version of Refuge.
    case unsupportedFormat(Int)
    /// An unprotected file whose contents no longer match the checksum written with them.
    case checksumMismatch
    /// A protected file whose header or contents were altered or cut short: the cipher's
    /// authentication failed although the passphrase is right.
    case authenticationFailed
    /// A protected file made with a different key (another salt or passphrase) than the one this
    /// session was opened with, so it cannot be checked before being replaced.
    case differentKey

    public var description: String {
        switch self {
        case .missing: return "the file is missing"
        case .unreadable(let error): return "the file cannot be read (\(error))"
        case .empty: return "the file is empty"
        case .notARegularFile: return "it is not a regular file (a link, a FIFO or a device), so Refuge does not read it"
        case .tooLarge(let limit): return "the file is larger than \(limit / (1024 * 1024)) MB, the most a session file may be"
        case .truncatedOrNotJSON(let detail): return "the file is cut short or is not a Refuge file (\(detail))"
        case .malformed(let detail): return "the file is not laid out as a Refuge file (\(detail))"
        case .unsupportedFormat(let version):
            return "the file has format \(version), which this version of Refuge cannot read"
        case .checksumMismatch: return "the file's contents do not match their checksum (damaged or altered)"
        case .authenticationFailed: return "the file has been altered or cut short (authentication failed)"
        case .differentKey: return "the file is protected with a different key"
        }
    }
}
