import Dispatch
import Foundation
import SanziOutput
import Testing

@Suite("Writing a file on another queue")
struct BackgroundWriterTests {
    /// Each hand-over returns the other buffer, the file holds every buffer's bytes in order
    /// (with other work on the queue between the writes), and nothing is at the path until
    /// `finish`.
    @Test func buffersAlternateAndTheFileHoldsThemInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let queue = DispatchQueue(label: "test")
        let writer = BackgroundWriter(try OutputFile(path: path), capacity: 64, queue: queue)
        let first = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        var buffer = first  // the producer's: the writer holds the other, and frees it
        var handedBack: [UnsafeMutablePointer<UInt8>] = []
        for round in 0..<5 {
            buffer.initialize(repeating: UInt8(round), count: 64)
            buffer = try writer.write(buffer, count: 10 + round)
            handedBack.append(buffer)
            queue.async {}
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        buffer.initialize(repeating: 9, count: 64)
        try writer.finish(buffer, count: 3)
        buffer.deallocate()
        #expect(handedBack[0] != first && handedBack[1] == first && handedBack[2] == handedBack[0])
        let expected: [UInt8] = (0..<5).flatMap { Array(repeating: UInt8($0), count: 10 + $0) } + [9, 9, 9]
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }
}
