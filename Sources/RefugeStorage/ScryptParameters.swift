/// The cost of turning a passphrase into a key. Recorded in every protected file so that a file
/// keeps opening if the defaults are raised later.
public struct ScryptParameters: Equatable, Hashable, Sendable {
    /// CPU/memory cost N (a power of two), block size r, parallelism p.
    public let n: Int
    public let r: Int
    public let p: Int

    /// N = 2^15, r = 8, p = 1: about 32 MiB and a tenth of a second per derivation.
    public static let standard = ScryptParameters(uncheckedN: 1 << 15, r: 8, p: 1)

    /// The weakest cost Refuge writes or accepts; a file that claims less is refused rather than
    /// opened with a cheap key.
    public static let minimumN = 1 << 15
    /// The greatest cost a file may ask for: without a bound, a crafted file could make opening it
    /// take all memory.
    static let maximumMemory = 1 << 30

    /// Nil when the parameters are weaker than the minimum or would need more memory than allowed.
    public init?(n: Int, r: Int, p: Int) {
        guard n >= Self.minimumN, n <= 1 << 24, n & (n - 1) == 0,
              (1...32).contains(r), (1...16).contains(p),
              128 * r * n * p <= Self.maximumMemory
        else { return nil }
        self.init(uncheckedN: n, r: r, p: p)
    }

    private init(uncheckedN n: Int, r: Int, p: Int) {
        self.n = n
        self.r = r
        self.p = p
    }

    /// Memory scrypt needs (128 * r * N * p) plus room for its small buffers.
    var memoryLimit: Int { 128 * r * n * p + 1 << 20 }
}
