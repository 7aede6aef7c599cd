#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// The names of a stored file's pieces, all in the same folder:
///
/// - `<name>`: the file itself;
/// - `<name>.journal`: the changes saved since the last full save (see `JournalFormat`);
/// - `<name>.bak`: the full save before the last one, rotated on every full save;
/// - `<name>.bak.journal`: the journal that continued it (rotated with it), so that the backup
///   and its journal hold everything the last full save held;
/// - `<name>.lock`: held locked while the file is open for writing;
/// - `<name>.damaged-<UTC time>`: a damaged file set aside instead of being replaced;
/// - `.<name>.tmp-<random>`: a save or backup in progress (hidden; left only by a crash, and
///   cleared the next time the file is opened).
public struct StorageLocation: Equatable, Sendable {
    public let folder: String
    public let name: String

    public init(fileURL: URL) {
        // A plain path is split where it lies (see `URL.plainPath` for why).
        if let (folder, name) = fileURL.plainFolderAndName {
            self.folder = folder
            self.name = name
            return
        }
        let standardized = fileURL.standardizedFileURL
        folder = standardized.deletingLastPathComponent().path
        name = standardized.lastPathComponent
    }

    public var mainPath: String { path(name) }
    public var backupPath: String { path(name + ".bak") }
    public var lockPath: String { path(name + ".lock") }
    public var journalPath: String { path(name + ".journal") }
    public var backupJournalPath: String { path(name + ".bak.journal") }

    var damagedPrefix: String { name + ".damaged-" }
    var temporaryPrefix: String { "." + name + ".tmp-" }

    func temporaryPath() -> String {
        var generator = SystemRandomNumberGenerator()
        let suffix = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16)
        return path(temporaryPrefix + suffix)
    }

    /// A name for setting a damaged file aside, not used yet: the time, then `-2`, `-3`... when
    /// several are set aside in the same second.
    func unusedDamagedPath(at date: Date, fileSystem: any FileSystem) throws -> String {
        let base = path(damagedPrefix + UTCTime(date).compactStamp)
        var candidate = base
        var counter = 1
        while try fileSystem.status(of: candidate) != nil {
            counter += 1
            candidate = base + "-\(counter)"
        }
        return candidate
    }

    func path(_ entry: String) -> String {
        PathText.join(folder, entry)
    }
}
