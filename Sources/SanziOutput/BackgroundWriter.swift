import Dispatch

/// An `OutputFile` written on a serial queue, a buffer at a time, while its producer fills the
/// next: the producer hands over a full buffer and gets the one written before it back. At
/// most one write is in flight; every write is checked, and the first error comes back from
/// the next hand-over or from `finish`. The queue may run other work between the writes, but
/// none that waits for the producer.
///
/// ```swift
/// let file = BackgroundWriter(try OutputFile(path: "out/events.jsonl"), capacity: 1 << 20, queue: queue)
/// var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
/// // … fill `count` bytes …
/// buffer = try file.write(buffer, count: count)  // returns at once with the other buffer
/// try file.finish(buffer, count: rest)
/// ```
public final class BackgroundWriter: @unchecked Sendable {
    // `file`, `spare`, `inFlight` and `failure` are touched by one thread at a time: the
    // producer while it holds `idle`, the queue while a write it was handed runs.
    private var file: OutputFile?
    private let queue: DispatchQueue
    /// Taken while a write is in flight.
    private let idle = DispatchSemaphore(value: 1)
    /// The buffer not being filled: written, or being written.
    private var spare: UnsafeMutablePointer<UInt8>
    private var inFlight = (start: UnsafeMutablePointer<UInt8>?.none, count: 0)
    private var failure: OutputError?

    /// Takes over `file`, written on `queue`, with a spare buffer of `capacity` bytes (the size
    /// of the producer's own).
    public init(_ file: consuming OutputFile, capacity: Int, queue: DispatchQueue) {
        self.file = .some(file)
        self.queue = queue
        spare = .allocate(capacity: capacity)
    }

    deinit { spare.deallocate() }

    /// Waits for the write before, starts writing the first `count` bytes of `buffer`, and
    /// returns the other buffer to fill next. Throws the error of an earlier write.
    public func write(_ buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(OutputError)
        -> UnsafeMutablePointer<UInt8>
    {
        idle.wait()
        if let failure {
            idle.signal()
            throw failure
        }
        let next = spare
        spare = buffer
        inFlight = (buffer, count)
        queue.async { [self] in
            do throws(OutputError) {
                try file?.write(UnsafeRawBufferPointer(start: inFlight.start, count: inFlight.count))
            } catch {
                failure = error
            }
            idle.signal()
        }
        return next
    }

    /// Waits for the last write, writes the first `count` bytes of `buffer` and moves the
    /// file into place; the first error of any write, if there was one.
    public func finish(_ buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(OutputError) {
        idle.wait()
        defer { idle.signal() }
        if let failure { throw failure }
        try file?.write(UnsafeRawBufferPointer(start: buffer, count: count))
        try file.take()?.commit()
    }
}
