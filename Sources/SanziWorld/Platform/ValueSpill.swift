import SanziOutput
import Synchronization

/// Where the world's stores that only grow set aside what they rarely read again
/// (`ValuesByID`: the value of every listing and contract ever made, read when a lead or a
/// petition names an old one), so that a run's memory does not grow with its horizon by them.
///
/// A run that writes its outputs sets them aside in a `ScratchFile` in its staged folder; other
/// runs keep them in memory. The first error creating, writing or reading the file is kept (a
/// value the world read may then be wrong) and `check()` throws it.
public final class ValueSpill: Sendable {
    /// Where the file goes, or nil to keep everything in memory.
    private let folder: String?
    /// Values a store keeps in memory at least, and sets aside as a block once it holds twice
    /// as many.
    private let blockSize: Int
    /// One file for every store's blocks, made when the first store asks for it: the stores of
    /// a run split by district (two in each of forty worlds, on several threads) share it, as
    /// the whole world's two do, each knowing where its own blocks went. nil until then, or
    /// after an error making it.
    private let file = Mutex<ScratchFile?>(nil)
    private let failure = Mutex<OutputError?>(nil)

    /// Keeps every value in memory.
    public init() {
        (folder, blockSize) = (nil, 0)
    }

    /// Sets values aside in a file in `folder`, which exists, `blockSize` at a time (65,536
    /// values, 256 KiB, unless a split run or a test wants smaller).
    public init(in folder: String, blockSize: Int = 1 << 16) {
        (self.folder, self.blockSize) = (folder, max(1, blockSize))
    }

    /// A store's view of the file, or nil when values stay in memory (or the file could not be
    /// made: the error is kept and the store keeps its values in memory).
    func store() -> Store? {
        guard let folder, failure.withLock({ $0 }) == nil else { return nil }
        let ready = file.withLock { file -> Bool in
            if file != nil { return true }
            do throws(OutputError) {
                file = try ScratchFile(in: folder, name: "values")
                return true
            } catch {
                keep(error)
                return false
            }
        }
        return ready ? Store(spill: self) : nil
    }

    /// Throws the first error creating, writing or reading the file, if there was one.
    public func check() throws(OutputError) {
        if let failure = failure.withLock({ $0 }) { throw failure }
    }

    /// One store's blocks in the file, read back a value at a time. Used by its world's thread
    /// alone.
    final class Store: @unchecked Sendable {
        private let spill: ValueSpill
        /// Where each of the store's blocks begins in the file, in order.
        private var blocks: [Int] = []
        /// The spill's `blockSize`.
        var blockSize: Int { spill.blockSize }

        fileprivate init(spill: ValueSpill) { self.spill = spill }

        /// Writes `values`, a block, after the store's others.
        func append(_ values: [UInt32]) {
            let written = values.withUnsafeBytes { bytes in
                spill.file.withLock { file -> Result<Int, OutputError> in
                    let offset = file?.size ?? 0
                    return Result { () throws(OutputError) in
                        try file?.append(bytes)
                        return offset
                    }
                }
            }
            switch written {
            case .success(let offset): blocks.append(offset)
            case .failure(let error): spill.keep(error)
            }
        }

        /// The value at `position` among those written (0 after an error, which is kept).
        func value(at position: Int) -> UInt32 {
            let size = MemoryLayout<UInt32>.size
            let (block, within) = position.quotientAndRemainder(dividingBy: blockSize)
            guard block < blocks.count else { return 0 }
            let read = spill.file.withLock { file in
                Result { () throws(OutputError) in try file?.read(count: size, at: blocks[block] + within * size) }
            }
            switch read {
            case .success(let bytes?): return bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            case .success(nil): return 0
            case .failure(let error):
                spill.keep(error)
                return 0
            }
        }
    }

    private func keep(_ error: OutputError) {
        failure.withLock { if $0 == nil { $0 = error } }
    }
}
