#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the storage layer takes from the outside world, so tests can replace it: the file system
/// (to make any step fail) and the clock (to name damaged copies).
public struct StorageEnvironment: Sendable {
    public var fileSystem: any FileSystem
    public var now: @Sendable () -> Date

    public init(fileSystem: any FileSystem = POSIXFileSystem(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.fileSystem = fileSystem
        self.now = now
    }

    public static var live: StorageEnvironment { StorageEnvironment() }
}
