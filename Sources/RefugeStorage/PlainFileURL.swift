#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension URL {
    /// The path of a plain absolute file URL (what `path` gives), read from the URL's own text;
    /// nil when the URL is anything else (relative to a base, with percent escapes, with `.`,
    /// `..` or empty components), for which `path` decides.
    ///
    /// Why: FoundationEssentials decodes `path` (and builds `appendingPathComponent`) with a
    /// `Set<UInt8>` that it names by its mangled name, and the Swift runtime finds that type's
    /// `Hashable` conformance by searching all of the program's 4,900 conformance records, once
    /// per process: 0.15-0.2 ms of every resume before its first frame (perf). The text of a
    /// file URL made from a path (`URL(fileURLWithPath:)`) is `file://` and the path, with
    /// anything unusual escaped as `%..`; without escapes and odd components, that text is the path.
    public var plainPath: String? {
        guard baseURL == nil else { return nil }
        let text = absoluteString.utf8
        let scheme = "file://".utf8
        guard text.starts(with: scheme) else { return nil }
        var path = Array(text.dropFirst(scheme.count))
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: "."), percent = UInt8(ascii: "%")
        guard path.first == slash else { return nil }
        if path.count > 1 && path.last == slash { path.removeLast() }
        // Every component after the leading slash: not empty, not "." or "..", no escapes.
        var componentStart = 1
        for index in 1...path.count {
            if index == path.count || path[index] == slash {
                let component = path[componentStart..<index]
                if path.count > 1 {
                    if component.isEmpty || component.elementsEqual([dot]) || component.elementsEqual([dot, dot]) { return nil }
                }
                componentStart = index + 1
            } else if path[index] == percent {
                return nil
            }
        }
        return String(decoding: path, as: UTF8.self)
    }

    /// `plainPath` split at its last slash: the folder (`/` for a top-level name) and the name;
    /// nil for the root, and wherever `plainPath` is nil.
    public var plainFolderAndName: (folder: String, name: String)? {
        guard let path = plainPath, path.utf8.count > 1, let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        return (slash == path.utf8.startIndex ? "/" : String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
    }
}
