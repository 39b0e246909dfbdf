#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file a command writes for itself and reads back later, such as what a run sets aside
/// while its world is largest (`AlertSpool`). It is created in a folder of the command's own
/// (a staged output folder) and unlinked at once, so it is never seen there and a failed or
/// killed command leaves nothing behind. Every write and read is checked.
///
/// ```swift
/// var file = try ScratchFile(in: staged.path, name: "alerts.spool")
/// try file.append(bytes)
/// let back = try file.read(count: bytes.count, at: 0)
/// ```
public struct ScratchFile: ~Copyable {
    /// Where the file was created, for errors: nothing is at this path once it is open.
    public let path: String
    private let descriptor: Int32
    /// The bytes appended so far.
    public private(set) var size = 0

    /// Creates `FOLDER/.NAME.XXXXXX` (a fresh name) and unlinks it.
    public init(in folder: String, name: String) throws(OutputError) {
        var template = Array(OutputFiles.path(".\(name).XXXXXX", in: folder).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { name in name.baseAddress.map { mkstemp($0) } ?? -1 }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: OutputError.systemReason) }
        guard unlink(path) == 0 else {
            let reason = OutputError.systemReason
            close(descriptor)
            throw .cannotCreate(path: path, reason: reason)
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `bytes`; a short or failed write throws.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        try OutputFile.write(bytes, to: descriptor, path: path)
        size += bytes.count
    }

    /// The `count` bytes at `offset`; reading fewer (past the end) throws.
    public func read(count: Int, at offset: Int) throws(OutputError) -> [UInt8] {
        guard count >= 0 else { throw .cannotRead(path: path, reason: "no \(count) bytes at \(offset)") }
        var bytes = [UInt8](repeating: 0, count: count)
        // Array's `withUnsafeMutableBytes` rethrows untyped errors: the typed one goes through a `Result`.
        try bytes.withUnsafeMutableBytes { buffer in
            Result(catching: { () throws(OutputError) in try read(into: buffer, at: offset) })
        }.get()
        return bytes
    }

    /// Fills `buffer` with the bytes at `offset`; reading fewer (past the end) throws. Several
    /// threads may read one file at once (`pread`).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(OutputError) {
        guard offset >= 0 else { throw .cannotRead(path: path, reason: "no \(buffer.count) bytes at \(offset)") }
        guard let start = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, start + done, buffer.count - done, off_t(offset + done))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                let reason = got == 0 ? "the file ends before byte \(offset + buffer.count)" : OutputError.systemReason
                throw .cannotRead(path: path, reason: reason)
            }
            done += got
        }
    }
}

extension ScratchFile: Sendable {}
