#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What loading a stored file gives back.
public struct LoadedContents: Equatable, Sendable {
    /// The header exactly as it was saved (a JSON object): the last change's when the journal
    /// holds changes, else the full save's.
    public let header: Data
    /// The body of the last full save exactly as it was saved (JSON).
    public let body: Data
    /// The changes saved since (`StoredFile.append`), oldest first, each exactly as given: the
    /// caller applies them to `body`.
    public var changes: [Data] = []
    public let isProtected: Bool
    /// Set when the main file could not be used and these contents come from the backup (the
    /// previous save). The damaged main file is left where it is; the next save sets it aside.
    public let recovery: Recovery?
}

/// Why the backup was used instead of the main file.
public struct Recovery: Equatable, Sendable, CustomStringConvertible {
    public let mainFileProblem: DamageReason

    public var description: String {
        if mainFileProblem == .missing {
            return "The session file was missing, so Refuge opened its backup, the save before."
        }
        return "The session file could not be used (\(mainFileProblem)), so Refuge opened its backup, the save before. The damaged file is kept."
    }
}

/// The readable header of a stored file, for listing and finding sessions without a passphrase.
public struct HeaderPeek: Equatable, Sendable {
    /// The header of the last change saved (full save or journal).
    public let header: Data
    public let isProtected: Bool
    /// Set when the header comes from the backup.
    public let recovery: Recovery?
}
