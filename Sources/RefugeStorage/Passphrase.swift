#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// A passphrase, kept as bytes and never shown: printing, interpolating or dumping one yields a
/// placeholder, so a stray `print` or log line cannot leak it.
public struct Passphrase: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let bytes: [UInt8]

    /// Nil for an empty passphrase: "no passphrase" is a separate, explicit choice, never an
    /// accidental empty Enter. The text is normalised (NFC) first, so the same passphrase typed on
    /// keyboards that compose accents differently opens the same session.
    public init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        bytes = Array(text.composedCanonically.utf8)
    }

    public var description: String { "<passphrase>" }
    public var debugDescription: String { "<passphrase>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
