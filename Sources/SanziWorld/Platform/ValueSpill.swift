import SanziOutput

/// Where the world's stores that only grow set aside what they rarely read again
/// (`ValuesByID`: the value of every listing and contract ever made, read when a lead or a
/// petition names an old one), so that a run's memory does not grow with its horizon by them.
///
/// A run that writes its outputs sets them aside in `ScratchFile`s in its staged folder; other
/// runs keep them in memory. The first error creating, writing or reading a file is kept (a
/// value the world read may then be wrong) and `check()` throws it.
public final class ValueSpill {
    /// Where the files go, or nil to keep everything in memory.
    private let folder: String?
    /// Values a store keeps in memory at least, and sets aside as a block once it holds twice
    /// as many.
    private let blockSize: Int
    @exclusivity(unchecked) private var failure: OutputError?

    /// Keeps every value in memory.
    public init() {
        (folder, blockSize) = (nil, 0)
    }

    /// Sets values aside in `folder`, which exists, `blockSize` at a time (65,536 values, 256
    /// KiB, unless a test wants smaller).
    public init(in folder: String, blockSize: Int = 1 << 16) {
        (self.folder, self.blockSize) = (folder, max(1, blockSize))
    }

    /// A file for one store's blocks, or nil when values stay in memory (or the file could not
    /// be made: the error is kept and the store keeps its values in memory).
    func file(named name: String) -> File? {
        guard let folder, failure == nil else { return nil }
        do throws(OutputError) {
            return File(try ScratchFile(in: folder, name: name), spill: self)
        } catch {
            failure = error
            return nil
        }
    }

    /// Throws the first error creating, writing or reading a file, if there was one.
    public func check() throws(OutputError) {
        if let failure { throw failure }
    }

    /// One store's blocks, one after another, read back a value at a time. Used by the world's
    /// thread alone.
    final class File: @unchecked Sendable {
        private var file: ScratchFile
        private let spill: ValueSpill
        /// The spill's `blockSize`.
        var blockSize: Int { spill.blockSize }

        fileprivate init(_ file: consuming ScratchFile, spill: ValueSpill) {
            self.file = file
            self.spill = spill
        }

        /// Writes `values` after those written.
        func append(_ values: [UInt32]) {
            let written = values.withUnsafeBytes { bytes in
                Result { () throws(OutputError) in try file.append(bytes) }
            }
            if case .failure(let error) = written { spill.keep(error) }
        }

        /// The value at `position` among those written (0 after an error, which is kept).
        func value(at position: Int) -> UInt32 {
            let size = MemoryLayout<UInt32>.size
            do throws(OutputError) {
                return try file.read(count: size, at: position * size).withUnsafeBytes {
                    $0.loadUnaligned(as: UInt32.self)
                }
            } catch {
                spill.keep(error)
                return 0
            }
        }
    }

    private func keep(_ error: OutputError) {
        if failure == nil { failure = error }
    }
}
