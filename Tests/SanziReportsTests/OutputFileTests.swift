import Foundation
import Testing

@testable import SanziOutput

@Suite("Writing a long file")
struct OutputFileTests {
    /// A file written in pieces of every size (a byte, a page less one, a stretch and more at
    /// once) is sent to the disk to within a stretch of its end and dropped from the page cache
    /// to four stretches behind that, holds every byte in order, and is at its path whole.
    /// (Whether the kernel drops a page depends on the disk having written it first; the test
    /// checks what was asked of it.)
    @Test func aLongFileHoldsEveryByteInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let total = 100 << 20
        let sizes = [1, 4_095, (1 << 20) + 3, 2 * OutputFile.stretch + 1]
        // Byte i of the file is i mod 251: a piece from `start` is this block from start mod 251.
        let longest = sizes.max() ?? 0
        let block = (0..<(longest + 251)).map { UInt8($0 % 251) }
        var file = try OutputFile(path: path)
        var written = 0
        var piece = 0
        while written < total {
            let count = min(sizes[piece % sizes.count], total - written)
            try block.withUnsafeBytes { bytes in
                try file.write(UnsafeRawBufferPointer(rebasing: bytes[written % 251..<written % 251 + count]))
            }
            written += count
            piece += 1
        }
        #expect(total - file.sent < OutputFile.stretch)
        #expect(file.dropped == file.sent - 4 * OutputFile.stretch)
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.commit()
        let read = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(read.count == total)
        let wrong = read.withUnsafeBytes { file in
            block.withUnsafeBytes { block in
                stride(from: 0, to: file.count, by: longest).first { start in
                    let count = min(longest, file.count - start)
                    return memcmp(file.baseAddress! + start, block.baseAddress! + start % 251, count) != 0
                }
            }
        }
        #expect(wrong == nil, "the first stretch with a wrong byte")
    }
}
