import Dispatch
import SanziOutput

/// Streams the event log to `events.jsonl`, one JSON object per line, in a fixed field order
/// (so two runs of the same scenario and seed give byte-identical files):
///
/// `{"id":1,"day":0,"date":"2013-01-01","type":"listing","village":"v001",…fields…}`
///
/// Writing goes through a 1 MiB buffer and formats numbers by hand: no allocation per event.
/// `village` is null for scenario-wide events (interventions). The file is an `OutputFile`:
/// it appears at its path only when `finish()` succeeds. Offered a second core
/// (`offload(to:)`), it writes a full buffer there while it formats the next.
public final class EventLogWriter: EventSink {
    private var file: OutputFile?
    /// The file once its writes are offloaded.
    private var behind: BackgroundWriter?
    public let path: String
    // A writer is used by one thread at a time (a pipeline's), so its state needs no dynamic
    // exclusivity check per event.
    /// Everything the formatting touches, in one value.
    @exclusivity(unchecked) private var encoder: JSONLineEncoder
    /// Events written so far.
    @exclusivity(unchecked) public private(set) var count: UInt64 = 0
    /// The first write error, if any; later events are dropped once writing has failed.
    @exclusivity(unchecked) public private(set) var failure: OutputError?

    /// Starts the file. `dateOfDay` gives the ISO date of a day number.
    public init(path: String, villageIDs: [String], dateOfDay: @escaping (Int32) -> String) throws(OutputError) {
        self.path = path
        file = try OutputFile(path: path)
        encoder = JSONLineEncoder(villageIDs: villageIDs, dateOfDay: dateOfDay)
    }

    deinit { encoder.deallocate() }

    public func offload(to queue: DispatchQueue) {
        guard let file = file.take() else { return }
        behind = BackgroundWriter(file, capacity: JSONLineEncoder.capacity, queue: queue)
    }

    public func accept(_ event: LoggedEvent) {
        guard failure == nil else { return }
        do throws(OutputError) {
            try write(event)
        } catch {
            failure = error
        }
    }

    /// Appends one event.
    public func write(_ event: LoggedEvent) throws(OutputError) {
        encoder.encode(event)
        count += 1
        if encoder.count >= JSONLineEncoder.flushSize { try flush() }
    }

    /// Writes what is buffered to the file (or hands it to the queue that does).
    public func flush() throws(OutputError) {
        if let behind {
            encoder.use(try behind.write(encoder.bytes, count: encoder.count))
        } else {
            try file?.write(UnsafeRawBufferPointer(start: encoder.bytes, count: encoder.count))
            encoder.reset()
        }
    }

    /// Writes the rest and moves the file into place; the first error of the whole log, if any.
    public func finish() throws(OutputError) {
        if let failure { throw failure }
        if let behind {
            try behind.finish(encoder.bytes, count: encoder.count)
            encoder.reset()
        } else {
            try flush()
            try file.take()?.commit()
        }
    }
}
