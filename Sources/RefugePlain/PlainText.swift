#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeText

/// Text for a line-by-line reader: no escape sequences or other control characters (a typed
/// answer can never move a cursor), and Markdown marks a screen reader would read aloud removed.
enum PlainText {
    static func clean(_ text: String) -> String { TerminalText.sanitized(text) }

    /// Removes `**` and `*` emphasis marks; keeps `-` bullets.
    static func unmark(_ text: String) -> String {
        var s = text.replacingEvery("**", with: "")
        s = s.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = String(line)
            let isBullet = l.trimmingSpaces.hasPrefix("* ")
            if isBullet, let r = l.firstRange(of: "* ") { l.replaceSubrange(r, with: "- ") }
            return l.replacingEvery("*", with: "")
        }.joined(separator: "\n")
        return s
    }

    static func lines(_ text: String) -> [String] {
        clean(unmark(text)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
