/// Where logged events go while a run streams them: a file writer, or memory in tests.
public protocol EventSink: AnyObject {
    func accept(_ event: LoggedEvent)
}

/// Keeps every event in memory (for tests and small runs).
public final class EventCollector: EventSink {
    public private(set) var events: [LoggedEvent] = []

    public init() {}

    public func accept(_ event: LoggedEvent) { events.append(event) }
}
