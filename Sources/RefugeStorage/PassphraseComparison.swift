extension Passphrase {
    /// True when both are the same passphrase (for "type it again"); compares every byte so the
    /// time taken does not depend on where they differ.
    public func matches(_ other: Passphrase) -> Bool {
        guard bytes.count == other.bytes.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(bytes, other.bytes) { difference |= a ^ b }
        return difference == 0
    }
}
