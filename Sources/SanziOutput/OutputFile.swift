#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output that could not be written: which file, and the system's reason.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be created.
    case cannotCreate(path: String, reason: String)
    /// The output folder could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// Writing, closing or moving the file into place failed.
    case cannotWrite(path: String, reason: String)
    /// A file the command wrote for itself could not be read back (`ScratchFile`).
    case cannotRead(path: String, reason: String)
    /// What is at the output's path may not be replaced.
    case refused(path: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .cannotCreate(let path, _), .cannotCreateFolder(let path, _), .cannotWrite(let path, _),
            .cannotRead(let path, _), .refused(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "\(path): error: cannot create: \(reason)"
        case .cannotCreateFolder(let path, let reason): "\(path): error: cannot create the output folder: \(reason)"
        case .cannotWrite(let path, let reason): "\(path): error: cannot write: \(reason)"
        case .cannotRead(let path, let reason): "\(path): error: cannot read back: \(reason)"
        case .refused(let path, let reason): "\(path): error: \(reason)"
        }
    }

    /// The current `errno` in words.
    static var systemReason: String { String(cString: strerror(errno)) }
}

/// A file being written: its bytes go to `PATH.partial` beside the target, every write is
/// checked, and `commit()` moves it into place whole. A file dropped without `commit()` leaves
/// nothing at its path, so a failed or killed command never leaves a file that looks finished.
///
/// A file's bytes are sent to the disk a stretch of 8 MiB at a time as it grows and leave the
/// page cache once written (`dropBehind()`); past its first 256 MiB (an event log's, past its
/// first stretch) they go to the disk past the page cache (on Linux, where the file system
/// allows it: `DirectWrites`), written on a thread of their own. A file shorter than a stretch
/// is left to the system as any file.
///
/// ```swift
/// var file = try OutputFile(path: "out/alerts.csv")
/// try file.write("alert_id,rule\n")
/// try file.commit()
/// ```
public struct OutputFile: ~Copyable {
    /// Where the file ends up.
    public let path: String
    private let partialPath: String
    private let descriptor: Int32
    private var committed = false
    /// Bytes written so far; those to `sent` are on their way to the disk, and those to
    /// `dropped` have left the page cache (`dropBehind()`).
    private var length = 0
    private(set) var sent = 0
    private(set) var dropped = 0
    #if os(Linux)
        /// The bytes past `directFrom`, once they go past the page cache.
        private(set) var direct: DirectWrites?
        /// Where they may start, if they may: nil where the file system refused.
        private var directFrom: Int?
    #endif

    /// Creates (or truncates) `PATH.partial`.
    public init(path: String) throws(OutputError) {
        try self.init(path: path, pastThePageCacheAfter: Self.directAfter)
    }

    /// Creates (or truncates) `PATH.partial` for an event log, a file that grows long and that
    /// nothing reads while it is written: its bytes past the first stretch go past the page
    /// cache. Through the page cache, bench-large's first 256 MiB of log cost some 0.1 s in the
    /// kernel (its copy 4.7% of the samples with `--jobs 2`, 1.3% since), most of it on the
    /// rules' thread, the busier of the two, which writes most of the log's chunks.
    public init(eventLogAt path: String) throws(OutputError) {
        try self.init(path: path, pastThePageCacheAfter: Self.stretch)
    }

    /// Creates (or truncates) `PATH.partial`, whose bytes past `directAfter` go past the page
    /// cache (none if nil; a test's choice).
    init(path: String, pastThePageCacheAfter directAfter: Int?) throws(OutputError) {
        self.path = path
        #if os(Linux)
            directFrom = directAfter
        #endif
        partialPath = path + ".partial"
        descriptor = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: OutputError.systemReason) }
    }

    deinit {
        guard !committed else { return }
        #if os(Linux)
            direct?.waitForWrites()
        #endif
        close(descriptor)
        unlink(partialPath)
    }

    /// Appends bytes; a short or failed write throws (once the file goes past the page cache, a
    /// failed write is thrown by the next `write` or by `commit()`).
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        var bytes = bytes
        #if os(Linux)
            if direct == nil, let directFrom, length + bytes.count >= directFrom { bytes = try goDirect(with: bytes) }
            if let direct {
                try direct.append(bytes)
                length += bytes.count
                return
            }
        #endif
        try writeThroughPageCache(bytes)
    }

    #if os(Linux)
        /// Writes through the page cache the head of `bytes` that takes the file to the next
        /// offset direct writes may start at and, once there, turns direct (unless the file
        /// system refuses: then never); the rest of `bytes`.
        private mutating func goDirect(with bytes: UnsafeRawBufferPointer) throws(OutputError)
            -> UnsafeRawBufferPointer
        {
            let alignment = DirectWrites.alignment
            let head = min(bytes.count, (alignment - length % alignment) % alignment)
            try writeThroughPageCache(UnsafeRawBufferPointer(rebasing: bytes.prefix(head)))
            if length % alignment == 0 {
                direct = DirectWrites(descriptor: descriptor, path: path, offset: length)
                if direct == nil { directFrom = nil }
            }
            return UnsafeRawBufferPointer(rebasing: bytes.dropFirst(head))
        }
    #endif

    private mutating func writeThroughPageCache(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        try Self.write(bytes, to: descriptor, path: path)
        length += bytes.count
        if length - sent >= Self.stretch { dropBehind() }
    }

    /// The bytes sent to the disk at a time.
    static let stretch = 8 << 20

    /// The bytes after which a file other than an event log goes past the page cache. Each
    /// such file holds 2 MiB of buffers, so the alert files (some 170 MB at 12,000 villages
    /// over five years, whose cost in the kernel is some 0.1 s) do not, which keeps a run split
    /// by district within 256 MiB.
    static let directAfter = 256 << 20

    /// Sends the bytes written since the last call to the disk, and drops from the page cache
    /// those sent four stretches before, written out by then, so that the file's pages in the
    /// cache are reused. On this virtual machine a page new to the guest costs the host a fault
    /// too: a file kept in the cache as it was written (its first GiB, before this) cost
    /// bench-large's ten-year run (a 620 MB log) 0.99–2.20 s in the kernel with `--jobs 1`, each
    /// run after deleting the last one's output, and 0.42–0.72 s sent a stretch at a time
    /// (0.72–1.35 and 0.58–0.74 s with `--jobs 2`; docs/districts.md); a 3.1 GB log left in the
    /// cache slowed the next run by seconds. A log read right after its run comes from the disk.
    /// Advice only: nothing is done where no disk is behind the file (tmpfs).
    private mutating func dropBehind() {
        #if os(Linux)
            // DONTNEED starts writing back dirty pages and leaves them; written pages, it drops.
            _ = posix_fadvise(descriptor, sent, length - sent, POSIX_FADV_DONTNEED)
            sent = length
            let written = sent - 4 * Self.stretch
            guard written > dropped else { return }
            _ = posix_fadvise(descriptor, dropped, written - dropped, POSIX_FADV_DONTNEED)
            dropped = written
        #endif
    }

    /// Writes all of `bytes` to `descriptor`; a short or failed write throws, naming `path`.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(OutputError) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            #if canImport(Glibc)
                let written = Glibc.write(descriptor, next, left)
            #else
                let written = Darwin.write(descriptor, next, left)
            #endif
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw .cannotWrite(path: path, reason: OutputError.systemReason) }
            next += written
            left -= written
        }
    }

    /// Appends the UTF-8 bytes of `text` (from the string's own storage).
    public mutating func write(_ text: String) throws(OutputError) {
        var text = text
        var failure: OutputError?
        text.withUTF8 { utf8 in
            do throws(OutputError) { try write(UnsafeRawBufferPointer(utf8)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends `bytes`.
    public mutating func write(_ bytes: [UInt8]) throws(OutputError) {
        // `withUnsafeBytes` rethrows untyped errors, so the typed one is carried out by hand.
        var failure: OutputError?
        bytes.withUnsafeBytes { raw in
            do throws(OutputError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Closes the file and moves it to its path, replacing what was there.
    public consuming func commit() throws(OutputError) {
        committed = true
        #if os(Linux)
            do throws(OutputError) {
                try direct?.finish()
            } catch {
                close(descriptor)
                unlink(partialPath)
                throw error
            }
        #endif
        guard close(descriptor) == 0 else {
            let reason = OutputError.systemReason
            unlink(partialPath)
            throw .cannotWrite(path: path, reason: reason)
        }
        guard rename(partialPath, path) == 0 else {
            let reason = OutputError.systemReason
            unlink(partialPath)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// Writes `text` to `path` whole: nothing is at the path until every byte is written.
    public static func write(_ text: String, to path: String) throws(OutputError) {
        var file = try OutputFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// Writes `bytes` to `path` whole: nothing is at the path until every byte is written.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        var file = try OutputFile(path: path)
        try file.write(bytes)
        try file.commit()
    }
}
