import SanziScenario
import Testing

@testable import SanziTruth

/// The index of which cases touched each event, against the ground truth's own
/// table (a dictionary built case by case): the same cases, in the same order, for every
/// event, shared or not, listed twice or not at all.
@Suite("The case index")
struct CaseIndexTests {
    @Test func theIndexFindsWhatTheTruthsTableHolds() {
        var seeded = SplitMix(seed: 19)
        let cases = (0..<300).map { id in
            CaseListTests.entry(
                id + 1, id % 4 == 0 ? .lookAlike : .misconduct,
                events: (0..<Int(seeded.next() % 6)).map { _ in seeded.next() % 500 })
        }
        let truth = GroundTruth(cases: cases)
        let index = CaseIndex(truth)
        let table = truth.caseIndices
        for event in UInt64(0)...501 {
            var found: [Int] = []
            index.forEachCase(touching: event) { found.append($0) }
            #expect(found == table[event] ?? [], "event \(event)")
        }
    }

    /// Ids far apart (a ground truth read from a file may name any): blocks grow wide and their
    /// offsets take more than a byte, and the look-ups still find exactly what the table holds.
    @Test func sparseIdsAreFoundToo() {
        let ids: [UInt64] = [0, 1, 255, 256, 1 << 20, (1 << 40) + 7, UInt64.max - 1, UInt64.max]
        let cases = ids.indices.map { id in
            CaseListTests.entry(
                id + 1, .misconduct,
                events: [ids[id], ids[(id * 3) % ids.count], ids[id]])
        }
        let truth = GroundTruth(cases: cases)
        let index = CaseIndex(truth)
        let table = truth.caseIndices
        for event in ids + [2, 254, 257, 1 << 40, UInt64.max - 2] {
            var found: [Int] = []
            index.forEachCase(touching: event) { found.append($0) }
            #expect(found == table[event] ?? [], "event \(event)")
        }
        var none: [Int] = []
        CaseIndex(GroundTruth(cases: [])).forEachCase(touching: 0) { none.append($0) }
        #expect(none.isEmpty)
    }

    /// SplitMix64, for a fixed sequence.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
