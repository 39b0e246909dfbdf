import Testing

@testable import SanziEngine

@Suite("Random streams")
struct RandomStreamTests {
    func draws(_ stream: RandomStream, _ count: Int = 8) -> [UInt64] {
        var copy = stream
        return (0..<count).map { _ in copy.next() }
    }

    @Test func sameSeedAndKeyGiveTheSameDraws() {
        #expect(
            draws(RandomStream(seed: 7).derived("village", "v001"))
                == draws(RandomStream(seed: 7).derived("village", "v001")))
    }

    @Test func differentSeedsKeysAndIndicesGiveDifferentDraws() {
        let root = RandomStream(seed: 7)
        let streams = [
            RandomStream(seed: 8).derived("village", "v001"), root.derived("village", "v001"),
            root.derived("village", "v002"), root.derived("village"), root.derived("villagev001"),
            root.derived("bidder", 1), root.derived("bidder", 2), root,
        ]
        #expect(Set(streams.map { draws($0) }).count == streams.count)
    }

    @Test func aChildDoesNotDependOnItsParentsDrawsOrItsSiblings() {
        var parent = RandomStream(seed: 11)
        let before = draws(parent.derived("rents"))
        _ = draws(parent.derived("a new behaviour"), 1000)
        for _ in 0..<1000 { _ = parent.next() }
        #expect(draws(parent.derived("rents")) == before)
    }

    @Test func keyedDrawsDependOnlyOnTheKeyAndTheIndex() {
        var stream = RandomStream(seed: 5).derived("noise")
        let before = (0..<1000).map { stream.unit(at: UInt64($0)) }
        for _ in 0..<100 { _ = stream.next() }
        #expect((0..<1000).reversed().map { stream.unit(at: UInt64($0)) } == before.reversed())
        #expect(before.allSatisfy { (0..<1).contains($0) } && Set(before).count == 1000)
        #expect(abs(before.reduce(0, +) / 1000 - 0.5) < 0.05)
        #expect(RandomStream(seed: 6).derived("noise").unit(at: 0) != before[0])
    }

    @Test func knownFirstDrawsPinTheAlgorithm() {
        // Changing the generator or the key derivation changes every run's output; this test
        // makes such a change deliberate. The values come from an independent Python
        // implementation of SplitMix64 + FNV-1a key derivation + xoshiro256**.
        var stream = RandomStream(seed: 42).derived("test")
        #expect(
            (0..<3).map { _ in stream.next() } == [0xA773_3E3F_FE54_6E4D, 0xB0FC_E586_B80C_0662, 0xE177_DC11_72BF_C4C9])
    }

    @Test func integersStayInRangeAndCoverIt() {
        var stream = RandomStream(seed: 1)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let value = stream.integer(in: -3...3)
            counts[value + 3] += 1
        }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        #expect(stream.integer(in: 5...5) == 5)
        _ = stream.integer(in: Int.min...Int.max)
    }
}
