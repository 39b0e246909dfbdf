import Foundation
import Testing

@testable import SanziOutput

@Suite("Writing a long file")
struct OutputFileTests {
    /// A file written in pieces of every size (a byte, a page less one, a stretch and more at
    /// once) holds every byte in order and is at its path whole, its tail (not a whole block)
    /// included. Past its first stretch (here) it goes to the disk past the page cache; asked not
    /// to (as where the file system refuses), it is sent to the disk to within a stretch of its end
    /// and dropped from the page cache to four stretches behind that. (Whether the kernel drops
    /// a page depends on the disk having written it first; the test checks what was asked of it.)
    @Test(arguments: [true, false]) func aLongFileHoldsEveryByteInOrder(pastThePageCache: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let total = (100 << 20) + 12_345
        let sizes = [1, 4_095, (1 << 20) + 3, 2 * OutputFile.stretch + 1]
        // Byte i of the file is i mod 251: a piece from `start` is this block from start mod 251.
        let longest = sizes.max() ?? 0
        let block = (0..<(longest + 251)).map { UInt8($0 % 251) }
        var file = try OutputFile(path: path, pastThePageCacheAfter: pastThePageCache ? OutputFile.stretch : nil)
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
        var wentDirect = false
        #if os(Linux)
            wentDirect = file.direct != nil
            let allowed = try Self.fileSystemAllowsDirectWrites(besides: path)
            #expect(wentDirect == (pastThePageCache && allowed))
            if pastThePageCache, !allowed {
                print("warning: \(path)'s file system refuses direct writes: the direct path was not tested")
            }
        #endif
        if wentDirect {
            #expect(file.dropped == 0)
        } else {
            #expect(total - file.sent < OutputFile.stretch)
            #expect(file.dropped == file.sent - 4 * OutputFile.stretch)
        }
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

    #if os(Linux)
        /// Whether a file beside `path` may be written past the page cache.
        static func fileSystemAllowsDirectWrites(besides path: String) throws -> Bool {
            let probe = path + ".probe"
            let descriptor = open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(descriptor >= 0)
            defer {
                close(descriptor)
                unlink(probe)
            }
            return DirectWrites(descriptor: descriptor, path: probe, offset: 0) != nil
        }

        /// An event log goes past the page cache after its first stretch; any other file only
        /// after its first 256 MiB (the alert files keep to the page cache, holding no buffers).
        @Test func anEventLogGoesPastThePageCacheAfterItsFirstStretch() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).bin").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let piece = [UInt8](repeating: 1, count: OutputFile.stretch + 4_096)
            var log = try OutputFile(eventLogAt: path)
            var other = try OutputFile(path: path + ".other")
            try piece.withUnsafeBytes { bytes in
                try log.write(bytes)
                try other.write(bytes)
            }
            if try Self.fileSystemAllowsDirectWrites(besides: path) {
                #expect(log.direct != nil)
            } else {
                print("warning: \(path)'s file system refuses direct writes: the event log's threshold was not tested")
            }
            #expect(other.direct == nil)
        }

        /// A file that cannot take direct writes (a device) is refused them, and the caller goes
        /// on through the page cache.
        @Test func aDeviceIsRefusedDirectWrites() throws {
            let descriptor = open("/dev/null", O_WRONLY)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            #expect(DirectWrites(descriptor: descriptor, path: "/dev/null", offset: 0) == nil)
        }

        /// Writes let go with a write still on their thread (no `finish()`, as when a run stops
        /// on an error elsewhere) wait for it on the thread that lets them go: were the write
        /// the last to hold them, they would end on the writes' own thread and wait for it there,
        /// which traps — the test process then crashes (it did in three runs of three so).
        @Test func writesLetGoWithAWriteUnderwayEndCleanly() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).bin").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            let bytes = [UInt8](repeating: 3, count: DirectWrites.bufferSize + 1)
            for _ in 0..<20 {
                guard let writes = DirectWrites(descriptor: descriptor, path: path, offset: 0) else {
                    print("warning: \(path)'s file system refuses direct writes: letting go of them was not tested")
                    return
                }
                let thrown = bytes.withUnsafeBytes { bytes -> OutputError? in
                    do throws(OutputError) {
                        try writes.append(bytes)
                        return nil
                    } catch {
                        return error
                    }
                }
                #expect(thrown == nil)
            }
        }

        /// A direct write that fails on the writes' thread is thrown on the writing one, by a
        /// later `append` or by `finish()`, naming the file.
        @Test func aFailedDirectWriteIsThrown() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).bin").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data().write(to: URL(fileURLWithPath: path))
            let descriptor = open(path, O_RDONLY)  // every write to it fails
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            let writes = try #require(DirectWrites(descriptor: descriptor, path: path, offset: 0))
            let bytes = [UInt8](repeating: 7, count: 3 * DirectWrites.bufferSize + 5)
            let thrown = bytes.withUnsafeBytes { bytes -> OutputError? in
                do throws(OutputError) {
                    try writes.append(bytes)
                    try writes.finish()
                    return nil
                } catch {
                    return error
                }
            }
            #expect(thrown == .cannotWrite(path: path, reason: String(cString: strerror(EBADF))))
        }
    #endif
}
