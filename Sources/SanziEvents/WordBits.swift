/// A set of non-negative integers kept as bits in words of 64, read inline: `contains` and
/// `insert` compile to loads and stores where they are called. (swift-collections' `BitSet`
/// kept `contains` a call, and the compiler copied the value holding the set out of its array
/// to make it, retaining every buffer in it: docs/districts.md.) For dense sets of ids: which
/// places of a table are filled (`CompactIDTable`), which of a shard's things are replicas
/// (`IDRenumbering`), which events a case touched (`CaseIndex`).
public struct WordBits: Sendable, Equatable {
    @usableFromInline var words: [UInt64] = []

    /// No members.
    @inlinable public init() {}

    /// No members, with room for those below `count` (an insert beyond grows the words).
    @inlinable public init(roomFor count: Int) { words = Array(repeating: 0, count: (count + 63) >> 6) }

    /// Whether `member` is in the set; a negative number or one past the words never is.
    @inlinable @inline(__always)
    public func contains(_ member: Int) -> Bool {
        let word = member >> 6
        return words.indices.contains(word) && words[word] & (1 &<< UInt64(member & 63)) != 0
    }

    /// Adds `member` (not negative), growing the words to hold it.
    @inlinable @inline(__always)
    public mutating func insert(_ member: Int) {
        let word = member >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        words[word] |= 1 &<< UInt64(member & 63)
    }

    /// Removes `member`, if it is in the set.
    @inlinable @inline(__always)
    public mutating func remove(_ member: Int) {
        let word = member >> 6
        if words.indices.contains(word) { words[word] &= ~(1 &<< UInt64(member & 63)) }
    }
}
