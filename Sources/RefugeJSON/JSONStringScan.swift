/// The inner loop of reading a JSON string, shared by the reader here and by the storage layer's
/// scan of a stored file's top-level members (RefugeStorage's `TopLevelJSONMembers`), which
/// passes over a whole session file before its body is read.
public enum JSONStringScan {
    /// Moves `k` up to the next `"`, `\\` or control character (or the end), ORing the bytes
    /// passed into `ascii`: eight bytes at a time while none of them is one of those (the
    /// bit tricks of "Bit Twiddling Hacks", "determine if a word has a byte less than n"),
    /// then byte by byte. Strings are most of a session's bytes.
    @inlinable @inline(__always)
    public static func skipText(_ p: UnsafeBufferPointer<UInt8>, _ k: inout Int, _ ascii: inout UInt8) {
        if let base = p.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            var seen: UInt64 = 0
            while k + 8 <= p.count {
                let x = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
                let stop = ((x &- ones &* 0x20) & ~x) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                if stop & highs != 0 { break }
                seen |= x
                k += 8
            }
            if seen & highs != 0 { ascii |= 0x80 }
        }
        while k < p.count {
            let c = p[k]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { return }
            ascii |= c
            k += 1
        }
    }
}
