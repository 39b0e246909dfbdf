import Testing

@testable import SanziEngine

@Suite("Compact streams")
struct CompactStreamTests {
    /// Kept compactly, a stream gives the numbers it gives kept whole, through many draws of
    /// different lengths, rejection loops included (integers in awkward ranges, exponentials,
    /// Poisson counts), and counts every number drawn.
    @Test func theNumbersAreThoseOfTheStreamKeptWhole() {
        var whole = RandomStream(seed: 3).derived("contract", 17)
        var compact = RandomStream(seed: 3).derived("contract", 17).compact
        var drawnWhole: [Double] = []
        var drawnCompact: [Double] = []
        for use in 0..<200 {
            func draws(_ random: inout RandomStream) -> [Double] {
                (0..<(use % 7)).map { index in
                    switch index % 4 {
                    case 0: random.uniform()
                    case 1: Double(random.integer(in: 0...(use * 1_000 + 2)))
                    case 2: random.exponential(rate: 0.04)
                    default: Double(random.poisson(mean: Double(use % 30)))
                    }
                }
            }
            drawnWhole += draws(&whole)
            drawnCompact += compact.draw { draws(&$0) }
        }
        #expect(drawnCompact == drawnWhole)
        var resumed = compact.stream
        #expect(resumed.next() == whole.next())
        #expect(compact.drawn > UInt32(drawnWhole.count) / 2)
        #expect(MemoryLayout<CompactStream>.size == 12)
    }

    /// A draw that takes no number leaves the count as it was.
    @Test func drawingNothingCountsNothing() {
        var compact = RandomStream(seed: 1).compact
        _ = compact.draw { _ in 0 }
        #expect(compact.drawn == 0)
        _ = compact.draw { $0.next() }
        #expect(compact.drawn == 1)
    }

    /// Only a stream nothing was drawn from can be kept compactly: its numbers so far would
    /// be drawn again.
    @Test func aStreamAlreadyDrawnFromCannotBeKeptCompactly() async {
        await #expect(processExitsWith: .failure) {
            var random = RandomStream(seed: 1)
            _ = random.next()
            _ = random.compact
        }
    }
}
