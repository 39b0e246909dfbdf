import Testing

@testable import SanziEvents

/// `WordBits`, the bits behind `CompactIDTable`, the renumbering's replicas and `CaseIndex`.
@Suite("Word bits")
struct WordBitsTests {
    /// Members at each edge of a word, checked against a `Set` after inserts and removes; a
    /// negative number and numbers past the words are never members.
    @Test func membersAreThoseInsertedAndNotRemoved() {
        var bits = WordBits()
        var oracle: Set<Int> = []
        for member in [0, 1, 63, 64, 65, 127, 128, 1_000, 4_095] {
            bits.insert(member)
            oracle.insert(member)
        }
        for member in [1, 64, 1_000, 5_000] {
            bits.remove(member)
            oracle.remove(member)
        }
        #expect((-70..<4_200).filter(bits.contains) == oracle.sorted())
        #expect(!bits.contains(Int.max) && !bits.contains(Int.min))
        #expect(bits.words.count == 64, "grown to the word of 4,095, no further")
        var roomy = WordBits(roomFor: 130)
        #expect(roomy.words.count == 3 && !(0..<192).contains(where: roomy.contains))
        roomy.insert(129)
        #expect(roomy.contains(129) && roomy.words.count == 3)
    }
}
