import Testing

@testable import SanziEngine

@Suite("Chunked arrays")
struct ChunkedArrayTests {
    /// Across chunk boundaries, a chunked array holds what an array holds: appended one by one
    /// and by sequence, changed in place, read by position and by range.
    @Test func itHoldsWhatAnArrayHolds() {
        var chunked = ChunkedArray<Int>()
        var array: [Int] = []
        for value in 0..<10_000 {
            chunked.append(value * 3)
            array.append(value * 3)
        }
        chunked.append(contentsOf: [7, 8, 9])
        array.append(contentsOf: [7, 8, 9])
        for position in stride(from: 0, to: array.count, by: 97) {
            chunked[position] += 1
            array[position] += 1
        }
        #expect(chunked.count == 10_003)
        #expect((0..<chunked.count).allSatisfy { chunked[$0] == array[$0] })
        #expect(chunked[4_090..<4_100] == Array(array[4_090..<4_100]), "a range across a chunk's end")
        #expect(chunked[10_000..<10_003] == [7, 8, 9])
        var copy = chunked
        copy[5] = -1
        #expect(chunked[5] == array[5] && copy != chunked, "a copy is a value of its own")
    }
}
