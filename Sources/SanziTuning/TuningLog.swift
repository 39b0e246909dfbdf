import SanziEvents
import SanziOutput

/// One seed's log, kept for tuning in a scratch file (`ScratchFile`: created in the command's
/// staged folder and unlinked at once) and read back from it for every replay, only the event
/// types the replay reads.
///
/// Tuning replays each rule over every seed's log hundreds of times. Held in memory, the logs
/// grew with the seeds and the horizon (80 bytes an event: 82 MB a seed for bench-large's three
/// years). On disk, each event type's events are written in blocks of their own, so that a rule
/// reading awards reads the awards' blocks alone (3% of the log), merged in log order with those
/// of the other types it reads; the kernel's page cache serves the blocks read again.
///
/// ```swift
/// let writer = try TuningLog.Writer(in: staged.path)
/// // … the run streams its events into `writer` …
/// let log = try writer.finish()
/// log.forEach(reading: engine.reads) { event in engine.observe(event) }
/// try log.check()
/// ```
public final class TuningLog: Sendable {
    /// Events in the log.
    public let count: Int
    private let file: ScratchFile
    /// Each event type's blocks, in log order, by the type's raw value.
    private let blocks: [[Block]]
    /// The first error reading the file back: the replays that met it saw part of the log.
    private let failure = Locked<OutputError?>(nil)

    /// Events of one type, one after another in the file.
    struct Block {
        var offset: Int
        var count: Int
    }

    /// Events a block holds at most: 160 KiB.
    static let blockEvents = 2_048

    /// The log `writer` wrote, its last blocks written; the first write that failed throws. A
    /// writer finishes once.
    init(finishing writer: Writer) throws(OutputError) {
        for type in writer.pending.indices { writer.write(type) }
        if let failure = writer.failure { throw failure }
        guard let file = writer.file.take() else {
            throw .cannotWrite(path: writer.path, reason: "the log was finished before")
        }
        self.file = file
        blocks = writer.blocks
        count = writer.count
    }

    /// A log of `events` (in log order: ids increasing), written to a scratch file in `folder`
    /// (which exists).
    public convenience init(_ events: [LoggedEvent], in folder: String) throws(OutputError) {
        let writer = try Writer(in: folder)
        writer.accept(events)
        try self.init(finishing: writer)
    }

    /// Calls `body` with every event of the `types` given (of all types when nil), in log
    /// order. Several threads may read one log at once. A read that fails ends the pass early
    /// and is kept for `check()`.
    public func forEach(reading types: Set<EventType>? = nil, _ body: (LoggedEvent) -> Void) {
        let read = EventType.allCases.filter { types?.contains($0) ?? true }.map { blocks[Int($0.rawValue)] }
        do throws(OutputError) {
            var merge = TypeMerge(read.filter { !$0.isEmpty })
            try merge.forEach(in: file, body)
        } catch {
            failure.withLock { kept in kept = kept ?? error }
        }
    }

    /// Every event, read into memory (for small logs and tests); a failed read is kept for
    /// `check()`.
    public var events: [LoggedEvent] {
        var events: [LoggedEvent] = []
        events.reserveCapacity(count)
        forEach { events.append($0) }
        return events
    }

    /// Throws the first error reading the log back, if there was one.
    public func check() throws(OutputError) {
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Takes a run's events as it streams them and writes them to a scratch file, each event
    /// type's in blocks of its own.
    public final class Writer: EventSink {
        fileprivate let path: String
        fileprivate var file: ScratchFile?
        /// Each type's events not yet written, by the type's raw value.
        fileprivate var pending: [[LoggedEvent]]
        fileprivate var blocks: [[Block]]
        fileprivate var count = 0
        fileprivate var failure: OutputError?

        /// A writer whose file is in `folder`, which exists.
        public init(in folder: String) throws(OutputError) {
            let file = try ScratchFile(in: folder, name: "tuning-log")
            path = file.path
            self.file = consume file
            pending = EventType.allCases.map { _ in [] }
            blocks = EventType.allCases.map { _ in [] }
        }

        public func accept(_ event: LoggedEvent) {
            let type = Int(event.record.type.rawValue)
            pending[type].append(event)
            count += 1
            if pending[type].count == TuningLog.blockEvents { write(type) }
        }

        /// The log written; the first write that failed throws. A writer finishes once.
        public func finish() throws(OutputError) -> TuningLog {
            try TuningLog(finishing: self)
        }

        /// Writes the events of one type not yet written as a block; a failure is kept and
        /// what follows is dropped.
        fileprivate func write(_ type: Int) {
            defer { pending[type].removeAll(keepingCapacity: true) }
            guard failure == nil, !pending[type].isEmpty else { return }
            let offset = file?.size ?? 0
            do throws(OutputError) {
                try pending[type].withUnsafeBytes { bytes in
                    Result(catching: { () throws(OutputError) in try file?.append(bytes) })
                }.get()
                blocks[type].append(Block(offset: offset, count: pending[type].count))
            } catch {
                failure = error
            }
        }
    }
}
