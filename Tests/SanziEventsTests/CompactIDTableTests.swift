import Testing

@testable import SanziEvents

@Suite("Compact id tables")
struct CompactIDTableTests {
    @Test func denseAndSparseIdsHoldTheirValues() {
        var table = CompactIDTable<Int64>()
        table[3] = 30
        table[200] = 2_000  // grows the bitset by several words at once
        table[-5] = -50
        table[1 << 40] = 8
        table[10] = nil  // removing what is not there stores nothing
        #expect(table[3] == 30 && table[200] == 2_000 && table[-5] == -50 && table[1 << 40] == 8)
        #expect(table[0] == nil && table[10] == nil && table[199] == nil && table[201] == nil)
        table[3]? += 1
        #expect(table.removeValue(forKey: 3) == 31 && table[3] == nil)
        #expect(table.removeValue(forKey: 99) == nil && table.removeValue(forKey: 3) == nil)
        table[3] = 0  // a value equal to the filler is there all the same
        #expect(table[3] == 0)
    }

    /// A dictionary is the oracle: 20,000 random sets, removals and changes over dense ids
    /// (crossing many bitset words) and ids beyond the dense limit.
    @Test func agreesWithADictionary() {
        var table = CompactIDTable<(first: Int32, last: Int32)>()
        var oracle: [Int64: (first: Int32, last: Int32)] = [:]
        var seed: UInt64 = 0x5EED
        func next(_ bound: UInt64) -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (seed >> 33) % bound
        }
        for step in 0..<20_000 {
            let id = next(10) == 0 ? Int64(1 << 23) + Int64(next(50)) : Int64(next(3_000))
            switch next(3) {
            case 0:
                table[id] = (Int32(step), Int32(id))
                oracle[id] = (Int32(step), Int32(id))
            case 1:
                let removed = table.removeValue(forKey: id)
                #expect(
                    removed.map { [$0.first, $0.last] } == oracle.removeValue(forKey: id).map { [$0.first, $0.last] })
            default:
                table[id]?.last += 1
                oracle[id]?.last += 1
            }
        }
        for id in Array(0..<Int64(3_000)) + (0..<50).map({ Int64(1 << 23) + $0 }) {
            #expect(table[id].map { [$0.first, $0.last] } == oracle[id].map { [$0.first, $0.last] })
        }
    }
}
