/// A seeded random number generator for one entity and purpose, derived from a run's seed and
/// a stable key, so that streams are independent of each other: adding a village, or a new
/// behaviour that draws numbers, never changes the draws of any other stream.
///
/// ```swift
/// let root = RandomStream(seed: 42)
/// var rents = root.derived("village", "v001", "rents")
/// let rent = rents.lognormal(median: 1850, sigma: 0.3)
/// ```
///
/// The generator is xoshiro256** (Blackman and Vigna), seeded through SplitMix64 from a 64-bit
/// hash of the seed and the key path. It never touches the system generator.
public struct RandomStream: RandomNumberGenerator, Sendable {
    /// Identifies the stream: the seed mixed with every key component on its path.
    public let key: UInt64
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    /// The root stream of a run.
    public init(seed: UInt64) {
        self.init(key: Self.mix(seed ^ 0x5341_4E5A_4953_4545))  // "SANZISEE"
    }

    init(key: UInt64) {
        self.key = key
        var splitmix = key
        state = (Self.splitMix(&splitmix), Self.splitMix(&splitmix), Self.splitMix(&splitmix), Self.splitMix(&splitmix))
    }

    /// A child stream for a key path such as `("village", "v001", "rents")`.
    ///
    /// The child depends only on this stream's key and the path, never on how many numbers
    /// this stream has drawn.
    public func derived(_ path: String...) -> RandomStream { derived(path) }

    /// A child stream for a key path of one component: the same stream as `derived(label)`
    /// with the path's array, without making the array.
    public func derived(_ label: String) -> RandomStream { RandomStream(key: Self.mix(key ^ Self.hash(label))) }

    /// A child stream for a key path given as an array.
    public func derived(_ path: [String]) -> RandomStream {
        var key = self.key
        for component in path { key = Self.mix(key ^ Self.hash(component)) }
        return RandomStream(key: key)
    }

    /// A child stream for a numbered entity, e.g. the 17th bidder.
    public func derived(_ label: String, _ index: Int) -> RandomStream {
        RandomStream(key: Self.mix(Self.mix(key ^ Self.hash(label)) ^ UInt64(bitPattern: Int64(index))))
    }

    /// A uniform draw in [0, 1) for item `index` that depends only on this stream's key and
    /// the index, never on other draws: for choices that must not depend on the order in which
    /// items are met (label noise per row, for example).
    public func unit(at index: UInt64) -> Double {
        Double(Self.mix(key ^ Self.mix(index)) &>> 11) * 0x1.0p-53
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 &<< 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, by: 45)
        return result
    }

    @inlinable @inline(__always)
    func rotate(_ value: UInt64, by count: UInt64) -> UInt64 { (value &<< count) | (value &>> (64 &- count)) }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    /// SplitMix64's finaliser: a bijective mix of 64 bits, the same on every run and platform
    /// (streams' keys; C07's digests of bidder sets).
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs, platforms and Swift versions (unlike
    /// `Hasher`, which is seeded per process).
    /// Reads the string's own UTF-8 storage (its `utf8` view's iterator cost several times
    /// more a byte).
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            return hash
        }
    }
}
