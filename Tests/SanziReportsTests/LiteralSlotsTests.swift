import SanziOutput
import Testing

@Suite("Strings in slots of a cache line")
struct LiteralSlotsTests {
    /// Every string reads back whole at each edge of each slot size (16, 32 and 64 bytes, the
    /// last byte the length) and past the largest, beside an empty one and one not ASCII; no
    /// slot straddles a cache line; the spare bytes after the storage are readable.
    @Test func everyStringReadsBackAtEverySlotsEdge() {
        for longest in [15, 16, 31, 32, 63, 64, 65, 1_200] {
            let lengths = [0, 1, 14, 15, 30, 31, 62, 63].filter { $0 < longest } + [longest]
            let strings = lengths.map { String(repeating: "v", count: $0) } + ["村村"]
            let slots = LiteralSlots(strings, spare: 16)
            #expect(slots.count == strings.count)
            #expect(
                (0..<slots.count).map { String(decoding: slots[$0], as: UTF8.self) } == strings,
                "longest \(longest) bytes")
            let size = longest < 16 ? 16 : longest < 32 ? 32 : 64
            for index in 0..<slots.count {
                let address = Int(bitPattern: slots.slot(index))
                #expect(address / 64 == (address + size - 1) / 64, "slot \(index) within one line")
            }
        }
    }

    @Test func noStringsMakeNoSlots() {
        #expect(LiteralSlots([]).count == 0)
    }
}
