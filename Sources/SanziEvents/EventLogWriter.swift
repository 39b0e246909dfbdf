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
/// (`offload(to:)`), it formats and writes the lines there, a chunk at a time, and on the
/// world's thread while that waits for the rules (`workWhileWaiting()`, `SharedLogLines`).
public final class EventLogWriter: EventSink {
    private var file: OutputFile?
    /// The lines' formatting and writing once offloaded.
    private var shared: SharedLogLines?
    public let path: String
    // A writer is used by one thread at a time (a pipeline's), so its state needs no dynamic
    // exclusivity check per event.
    /// Everything the formatting touches, in one value.
    @exclusivity(unchecked) private var encoder: JSONLineEncoder
    /// Events taken so far (all written once `finish()` returns).
    @exclusivity(unchecked) public private(set) var count: UInt64 = 0
    /// The first write error, if any; later events are dropped once writing has failed.
    @exclusivity(unchecked) public private(set) var failure: OutputError?

    /// Starts the file. `dateOfDay` gives the ISO date of a day number.
    public init(path: String, villageIDs: [String], dateOfDay: @escaping (Int32) -> String) throws(OutputError) {
        self.path = path
        file = try OutputFile(eventLogAt: path)
        encoder = JSONLineEncoder(villageIDs: villageIDs, dateOfDay: dateOfDay)
    }

    deinit { encoder.deallocate() }

    public func offload(to queue: DispatchQueue) {
        guard count == 0, let file = file.take() else { return }  // offered late, it keeps its work
        shared = SharedLogLines(file, encoder: encoder, queue: queue)
    }

    public func workWhileWaiting() -> Bool { shared?.work(.world) ?? false }

    public func accept(_ events: [LoggedEvent]) {
        guard let shared else {
            for index in events.indices { accept(events, at: index) }
            return
        }
        guard failure == nil else { return }
        failure = shared.add(events)
        count += UInt64(events.count)
    }

    public func accept(_ event: LoggedEvent) {
        guard failure == nil else { return }
        if let shared {
            failure = shared.add(event)
            count += 1
            return
        }
        encoder.encode(event)
        afterLine()
    }

    /// Formats `events[index]` (`JSONLineEncoder.encode(_:at:)`) when nothing is offloaded.
    private func accept(_ events: [LoggedEvent], at index: Int) {
        guard failure == nil else { return }
        encoder.encode(events, at: index)
        afterLine()
    }

    /// Counts the line just formatted and writes the buffer once it is full.
    private func afterLine() {
        count += 1
        guard encoder.count >= JSONLineEncoder.flushSize else { return }
        do throws(OutputError) {
            try flush()
        } catch {
            failure = error
        }
    }

    /// Writes what is buffered to the file.
    private func flush() throws(OutputError) {
        try file?.write(UnsafeRawBufferPointer(start: encoder.bytes, count: encoder.count))
        encoder.reset()
    }

    /// Writes the rest and moves the file into place; the first error of the whole log, if any.
    public func finish() throws(OutputError) {
        if let failure { throw failure }
        if let shared {
            try shared.finish()
        } else {
            try flush()
            try file.take()?.commit()
        }
    }
}
