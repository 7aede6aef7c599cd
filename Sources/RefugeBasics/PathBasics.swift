#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path strings as NSString's path methods treated them (`appendingPathComponent`,
/// `lastPathComponent`, …), without Foundation.
public enum PathText {
    /// `base/name`, with one slash between them.
    /// Looks at bytes first and takes the general (Character) path only when a slash is there:
    /// the general path's generic Substring code cost every start about 0.1 ms of run-time type
    /// set-up, for paths that almost never have a slash to trim.
    public static func join(_ base: String, _ name: String) -> String {
        if base.isEmpty { return name }
        if name.isEmpty { return base }
        let slash = UInt8(ascii: "/")
        let trimmedName = name.utf8.first == slash ? String(name.drop { $0 == "/" }) : name
        return base.utf8.last == slash && base.hasSuffix("/") ? base + trimmedName : base + "/" + trimmedName
    }

    /// The last component, without trailing slashes ("/" stays "/").
    public static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }

    /// The path without its last component ("" for a bare name, "/" for a top-level one).
    public static func deletingLastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var head = p[..<slash]
        while head.count > 1 && head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }

    /// The extension of the last component without its dot ("" when none).
    public static func pathExtension(_ path: String) -> String {
        let last = lastComponent(path)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return String(last[last.index(after: dot)...])
    }

    /// The path without the extension of its last component.
    public static func deletingPathExtension(_ path: String) -> String {
        let ext = pathExtension(path)
        guard !ext.isEmpty else { return path }
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return String(p.dropLast(ext.count + 1))
    }

    /// A leading `~` or `~/` replaced by `home`.
    public static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }
}

/// What is at a path, by `stat` (links followed).
public enum FileKind {
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}

/// A `stat` result's modification and change times: glibc names them `st_mtim`/`st_ctim`,
/// Darwin `st_mtimespec`/`st_ctimespec`.
public enum StatTimes {
    public static func modified(_ info: stat) -> timespec {
        #if canImport(Darwin)
        info.st_mtimespec
        #else
        info.st_mtim
        #endif
    }

    public static func changed(_ info: stat) -> timespec {
        #if canImport(Darwin)
        info.st_ctimespec
        #else
        info.st_ctim
        #endif
    }
}

/// The names in a folder, by `readdir` (without `.` and `..`, in no order), or the `errno` of
/// `opendir`: what FileManager's `contentsOfDirectory` gave, without its conformance lookups
/// and bridging (issue 19: a tenth of reading a questionnaire folder in a fresh process).
public enum FolderNames {
    public static func list(_ path: String) -> Result<[String], SystemError> {
        guard let folder = opendir(path) else { return .failure(SystemError(code: errno)) }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }

    /// An `errno`, as an error.
    public struct SystemError: Error, Sendable {
        public let code: Int32
    }
}
