import Dispatch
import SanziOutput

/// The log's lines formatted and written by whichever of two threads comes to them first.
///
/// The world's thread gathers the events into chunks and hands each to the rules' queue, which
/// formats it between the rules' batches; when the world's thread would otherwise wait for the
/// rules, it formats the oldest chunk the queue has not started (`work(.world)`). Each chunk is
/// formatted into buffers of its own and written when every chunk before it has been, by the
/// thread that finished the one due, so the file is the bytes one thread would write.
///
/// Which thread has room changes from one stretch of days to the next: the world's thread,
/// waiting for the rules' warnings (bench-large, 1,200 villages) or for room in their full
/// pipeline (12,000), formats about a third of the chunks (506 of 1,564 over ten years; 722 of
/// 2,155 over a year).
final class SharedLogLines: @unchecked Sendable {
    /// The two threads that format: each has an encoder of its own.
    enum Hand { case world, queue }

    /// Events gathered before a chunk is handed over: some 0.15 ms of formatting, shorter
    /// than the world's thread usually waits for the rules.
    static let chunkSize = 2_048

    private struct Chunk {
        var number: Int
        var events: [[LoggedEvent]]
    }

    /// A formatted buffer's bytes.
    private struct Piece {
        var buffer: UnsafeMutablePointer<UInt8>
        var count: Int
    }

    private struct State {
        /// Chunks handed over and not started, oldest first.
        var waiting: [Chunk] = []
        /// Chunks formatted and not written yet, by number.
        var formatted: [Int: [Piece]] = [:]
        var nextToWrite = 0
        /// Whether a thread is writing (the file is its alone until it clears this).
        var writing = false
        /// Every buffer made, and those not in use.
        var buffers: [UnsafeMutablePointer<UInt8>] = []
        var spare: [UnsafeMutablePointer<UInt8>] = []
        var failure: OutputError?

        /// The pieces now due, in order; sets `writing` when there are any.
        mutating func takeDue() -> [Piece] {
            var due: [Piece] = []
            while let pieces = formatted.removeValue(forKey: nextToWrite) {
                due += pieces
                nextToWrite += 1
            }
            writing = !due.isEmpty
            return due
        }
    }

    private let state = Locked(State())
    private let queue: DispatchQueue
    /// Written only by the thread that set `writing`, and by `finish` once no thread works.
    @exclusivity(unchecked) private var file: OutputFile?
    // Each encoder is used by its hand alone (one chunk at a time), the gathering by the
    // world's thread alone.
    @exclusivity(unchecked) private var worldEncoder: JSONLineEncoder
    @exclusivity(unchecked) private var queueEncoder: JSONLineEncoder
    @exclusivity(unchecked) private var gathering: [[LoggedEvent]] = []
    /// Events taken one at a time, gathered into an array of their own.
    @exclusivity(unchecked) private var loose: [LoggedEvent] = []
    @exclusivity(unchecked) private var gathered = 0
    @exclusivity(unchecked) private var chunks = 0

    /// Takes over `file`, formatting with copies of `encoder` (whose own buffer it leaves
    /// alone), a chunk at a time on `queue` or on the world's thread.
    init(_ file: consuming OutputFile, encoder: JSONLineEncoder, queue: DispatchQueue) {
        self.file = .some(file)
        self.queue = queue
        worldEncoder = encoder
        queueEncoder = encoder
    }

    deinit {
        for buffer in state.withLock({ $0.buffers }) { buffer.deallocate() }
    }

    /// On the world's thread: takes events, in order (the array itself, shared, not copied).
    /// Returns the first write error, once one has happened (later events are not written).
    func add(_ events: [LoggedEvent]) -> OutputError? {
        gatherLoose()
        gathering.append(events)
        gathered += events.count
        return gathered >= Self.chunkSize ? handOver() : nil
    }

    /// On the world's thread: takes one event, as `add(_:)` an array.
    func add(_ event: LoggedEvent) -> OutputError? {
        loose.append(event)
        gathered += 1
        return gathered >= Self.chunkSize ? handOver() : nil
    }

    private func gatherLoose() {
        guard !loose.isEmpty else { return }
        gathering.append(loose)
        loose = []
    }

    /// On the world's thread: hands what is gathered to the queue.
    private func handOver() -> OutputError? {
        gatherLoose()
        guard gathered > 0 else { return nil }
        let chunk = Chunk(number: chunks, events: gathering)
        chunks += 1
        gathering = []
        gathered = 0
        let failure = state.withLock { state in
            state.waiting.append(chunk)
            return state.failure
        }
        queue.async { self.work(.queue) }
        return failure
    }

    /// Formats and, when it is due, writes the oldest chunk not started, if there is one;
    /// whether there was.
    @discardableResult
    func work(_ hand: Hand) -> Bool {
        guard let chunk = state.withLock({ $0.waiting.isEmpty ? nil : $0.waiting.removeFirst() }) else { return false }
        let pieces =
            switch hand {
            case .world: format(chunk, with: &worldEncoder)
            case .queue: format(chunk, with: &queueEncoder)
            }
        var due = state.withLock { state in
            state.formatted[chunk.number] = pieces
            return state.writing ? [] : state.takeDue()
        }
        while !due.isEmpty {
            let failure = write(due)
            due = state.withLock { state in
                state.spare += due.map(\.buffer)
                state.failure = state.failure ?? failure
                return state.takeDue()
            }
        }
        return true
    }

    private func format(_ chunk: Chunk, with encoder: inout JSONLineEncoder) -> [Piece] {
        var pieces: [Piece] = []
        encoder.use(buffer())
        for events in chunk.events {
            for index in events.indices {
                encoder.encode(events, at: index)
                if encoder.count >= JSONLineEncoder.flushSize {
                    pieces.append(Piece(buffer: encoder.bytes, count: encoder.count))
                    encoder.use(buffer())
                }
            }
        }
        pieces.append(Piece(buffer: encoder.bytes, count: encoder.count))
        return pieces
    }

    /// A buffer of `JSONLineEncoder.capacity` bytes: a spare one, or a new one.
    private func buffer() -> UnsafeMutablePointer<UInt8> {
        state.withLock { state in
            if let spare = state.spare.popLast() { return spare }
            let made = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONLineEncoder.capacity)
            state.buffers.append(made)
            return made
        }
    }

    /// Writes `pieces` unless an earlier write failed; this write's error, if any.
    private func write(_ pieces: [Piece]) -> OutputError? {
        guard state.withLock({ $0.failure == nil }) else { return nil }
        do throws(OutputError) {
            for piece in pieces { try file?.write(UnsafeRawBufferPointer(start: piece.buffer, count: piece.count)) }
        } catch {
            return error
        }
        return nil
    }

    /// On the world's thread, after the last event: formats what is left, waits for the
    /// queue's chunk if it has one, and moves the file into place; the first error of any
    /// write, if there was one.
    func finish() throws(OutputError) {
        _ = handOver()
        while work(.world) {}
        queue.sync {}
        if let failure = state.withLock({ $0.failure }) { throw failure }
        try file.take()?.commit()
    }
}
