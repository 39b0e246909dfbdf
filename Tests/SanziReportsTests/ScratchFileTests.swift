import Foundation
import SanziOutput
import Testing

@Suite("A file a command reads back")
struct ScratchFileTests {
    /// What is appended reads back at any offset; the file has no name in its folder; reading
    /// past its end, or creating it where there is no folder, is an error naming the file.
    @Test func whatIsAppendedReadsBackAndNothingIsLeftInTheFolder() throws {
        let folder = try temporaryFolder("scratch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var file = try ScratchFile(in: folder, name: "test")
        #expect(file.path.hasPrefix(folder + "/.test."))
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try bytes.withUnsafeBytes { try file.append($0) }
        try [1, 2, 3].withUnsafeBytes { try file.append($0) }
        #expect(file.size == 100_000 + 3 * MemoryLayout<Int>.size)
        #expect(try file.read(count: 100_000, at: 0) == bytes)
        #expect(try file.read(count: 5, at: 99_998) == [bytes[99_998], bytes[99_999], 1, 0, 0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(throws: OutputError.cannotRead(path: file.path, reason: "the file ends before byte 100025")) {
            try file.read(count: 2, at: 100_023)
        }
        #expect(throws: OutputError.cannotRead(path: file.path, reason: "no -1 bytes at 0")) {
            try file.read(count: -1, at: 0)
        }
        #expect(throws: OutputError.self) { _ = try ScratchFile(in: folder + "/missing", name: "test") }
    }
}
