import SanziOutput
import Testing

@Suite("Bytes of text built for a file")
struct ByteBufferTests {
    /// Strings (small, long, not ASCII), bytes and numbers at their edges, past the first
    /// room many times over, read back as the text Swift itself would make.
    @Test func whatIsAppendedReadsBackExactly() {
        var buffer = ByteBuffer(capacity: 8)
        var expected = ""
        let numbers: [Int64] = [0, 9, 10, 99, 100, 12_345, -1, -10, .max, .min]
        for round in 0..<200 {
            let text = round % 3 == 0 ? "村\(round)" : String(repeating: "x", count: round % 40)
            buffer.append(text, ",")
            buffer.appendDigits(numbers[round % numbers.count])
            buffer.append(UInt8(ascii: ";"))
            buffer.appendDigits([UInt32(round), 7], separator: " ")
            buffer.append(Array("|".utf8))
            expected += "\(text),\(numbers[round % numbers.count]);\(round) 7|"
        }
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
        #expect(buffer.count == expected.utf8.count)
        buffer.removeAll()
        buffer.append("after")
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "after")
    }
}
