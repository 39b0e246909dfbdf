import Dispatch

/// Where logged events go while a run streams them: a file writer, or memory in tests.
public protocol EventSink: AnyObject {
    func accept(_ event: LoggedEvent)
    /// Takes several events in order, as `accept(_:)` would one by one (which is what it does
    /// unless a sink does better, as a tee does, passing the batch to each of its sinks in
    /// turn so that each keeps its own working set in the cache while it reads).
    func accept(_ events: [LoggedEvent])
    /// Offered, before the first event, to a sink that takes the log on the world's thread
    /// while the rules run on a second core: `queue` runs blocks in order on that core, between
    /// the rules' batches, and the sink may hand it work that need not be done on the world's
    /// thread (the log's writer hands it its lines to format and write). No block may wait for
    /// the world. By default a sink keeps all its work.
    func offload(to queue: DispatchQueue)
    /// Asked on the world's thread, after `offload(to:)`, when it would otherwise wait for the
    /// rules' core: a sink may do there a piece of the work it handed that core and not yet
    /// started. Returns whether it did any. By default a sink has none.
    func workWhileWaiting() -> Bool
}

extension EventSink {
    // Inlinable, so that each sink's own module makes it a loop over its own `accept(_:)`: a
    // generic loop calling it through the protocol was 2% of the rules' thread.
    @inlinable
    public func accept(_ events: [LoggedEvent]) {
        for event in events { accept(event) }
    }

    public func offload(to queue: DispatchQueue) {}

    public func workWhileWaiting() -> Bool { false }
}

/// Keeps every event in memory (for tests and small runs).
public final class EventCollector: EventSink {
    public private(set) var events: [LoggedEvent] = []

    public init() {}

    public func accept(_ event: LoggedEvent) { events.append(event) }
}
