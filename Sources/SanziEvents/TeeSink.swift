/// Passes every event to several sinks in turn: the log writer and the inline alert engine.
public final class TeeSink: EventSink {
    private let sinks: [any EventSink]

    public init(_ sinks: [any EventSink]) { self.sinks = sinks }

    public func accept(_ event: LoggedEvent) {
        for sink in sinks { sink.accept(event) }
    }

    public func accept(_ events: [LoggedEvent]) {
        for sink in sinks { sink.accept(events) }
    }
}
