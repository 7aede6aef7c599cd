#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeBasics

/// A moment as file systems stamp files: seconds and nanoseconds since 1970 (UTC).
public struct FileTime: Comparable, Hashable, Sendable {
    public var seconds: Int
    public var nanoseconds: Int

    public init(seconds: Int, nanoseconds: Int) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (a: FileTime, b: FileTime) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// The system's real-time clock, the one the kernel stamps local files from.
    @Sendable public static func now() -> FileTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return FileTime(time)
    }

    init(_ time: timespec) {
        self.init(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec))
    }
}

/// What `stat` says of one of a questionnaire's source files (links followed, as the loader
/// reads them): a compiled cache entry records it for every file, so that a later load can see
/// that nothing changed without reading and hashing the files (issue 19: on every resume that
/// was 349 KB read and about 0.25 ms of SHA-256 only to learn that nothing had changed).
///
/// Any write to a file changes its ctime, which no program can set back (`touch -d` sets the
/// mtime only); replacing a file (an editor's save by rename, a package upgrade) changes its
/// inode. Equal records therefore mean the same bytes, with one exception a clock makes: a file
/// changed again within the tick of the clock that stamped it keeps its times (and perhaps its
/// size). See `trusted(_:now:)`.
public struct SourceFileStatus: Hashable, Sendable {
    /// The name the loader gives the file: `questionnaire.yaml`, a translation's file name, or
    /// the single file's name.
    public var name: String
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var modified: FileTime
    public var changed: FileTime

    public init(name: String, device: UInt64, inode: UInt64, size: Int, modified: FileTime, changed: FileTime) {
        self.name = name
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    /// How much older than the moment an entry is written a file's times must be for its record
    /// to be trusted. The coarsest clock a questionnaire's files are likely stamped by is FAT's
    /// (a USB stick): 2 s for the mtime; ext3 and HFS+ stamp whole seconds, ext4, btrfs, XFS and
    /// tmpfs the kernel's coarse clock (one tick, 1–10 ms, behind the real time). A file stamped
    /// T by a clock of granularity g last changed before T + g; when it is checked at a moment
    /// after T + 2 s ≥ T + g, any later change is stamped at least one tick after T, so it shows.
    /// (Git's "racily clean" index entries are the same problem, solved the same way.)
    public static let trustMargin = 2

    /// `status` when every file's mtime and ctime are older than `now` by more than
    /// `trustMargin` seconds; otherwise none (an entry without records is always checked by
    /// reading and hashing the files). Times in the future (a clock set back, a file system
    /// stamped elsewhere) are not trusted either.
    public static func trusted(_ status: [SourceFileStatus], now: FileTime) -> [SourceFileStatus] {
        let limit = FileTime(seconds: now.seconds - trustMargin, nanoseconds: now.nanoseconds)
        return status.allSatisfy { $0.modified < limit && $0.changed < limit } ? status : []
    }
}

extension QuestionnaireLoader {
    /// What `stat` says of each file the questionnaire at `path` is read from: the same files
    /// `read(path:)` reads (the folder listed the same way, so an added or removed translation
    /// shows), in the same order. nil when any of them is missing or not a regular file, or the
    /// folder cannot be listed: `read(path:)` then says what is wrong.
    public static func status(path: String) -> [SourceFileStatus]? {
        var top = stat()
        guard stat(path, &top) == 0 else { return nil }
        guard (top.st_mode & S_IFMT) == S_IFDIR else {
            return status(of: path, name: singleFileName(path)).map { [$0] }
        }
        guard let translations = translationNames(in: path),
              let main = status(of: PathText.join(path, mainFileName), name: mainFileName) else { return nil }
        var all = [main]
        all.reserveCapacity(translations.count + 1)
        for name in translations {
            guard let file = status(of: PathText.join(path, name), name: name) else { return nil }
            all.append(file)
        }
        return all
    }

    private static func status(of path: String, name: String) -> SourceFileStatus? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return SourceFileStatus(name: name, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size),
                                modified: FileTime(StatTimes.modified(info)), changed: FileTime(StatTimes.changed(info)))
    }
}
