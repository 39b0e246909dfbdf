/// Where logged events go while a run streams them: a file writer, or memory in tests.
public protocol EventSink: AnyObject {
    func accept(_ event: LoggedEvent)
    /// Takes several events in order, as `accept(_:)` would one by one (which is what it does
    /// unless a sink does better, as a tee does, passing the batch to each of its sinks in
    /// turn so that each keeps its own working set in the cache while it reads).
    func accept(_ events: [LoggedEvent])
}

extension EventSink {
    public func accept(_ events: [LoggedEvent]) {
        for event in events { accept(event) }
    }
}

/// Keeps every event in memory (for tests and small runs).
public final class EventCollector: EventSink {
    public private(set) var events: [LoggedEvent] = []

    public init() {}

    public func accept(_ event: LoggedEvent) { events.append(event) }
}
