import Dispatch

/// Passes events to another sink on a second thread, in batches, in the order they came: the
/// simulation produces the log while the writer and the alert rules consume it on another
/// core. The sink behind it sees exactly the events, in exactly the order, it would see
/// directly, so its outputs are the same bytes.
///
/// At most `depth` batches are in flight; a producer that runs ahead waits. Call `finish()`
/// after the last event: it hands over the last batch and waits until the sink behind has
/// taken every event. Only then may the caller read that sink's results.
public final class PipelineSink: EventSink {
    /// The sink behind, used only on the pipeline's queue until `finish()` returns.
    private struct Consumer: @unchecked Sendable {
        let sink: any EventSink
    }

    private let consumer: Consumer
    private let queue = DispatchQueue(label: "sanzi.pipeline")
    private let slots: DispatchSemaphore
    private let batchSize: Int
    private var batch: [LoggedEvent] = []

    public init(_ sink: any EventSink, batchSize: Int = 4_096, depth: Int = 8) {
        consumer = Consumer(sink: sink)
        self.batchSize = batchSize
        slots = DispatchSemaphore(value: depth)
        batch.reserveCapacity(batchSize)
    }

    public func accept(_ event: LoggedEvent) {
        batch.append(event)
        if batch.count >= batchSize { send() }
    }

    private func send() {
        guard !batch.isEmpty else { return }
        let events = batch
        batch = []
        batch.reserveCapacity(batchSize)
        slots.wait()
        let consumer = consumer
        let slots = slots
        queue.async {
            for event in events { consumer.sink.accept(event) }
            slots.signal()
        }
    }

    /// Hands over what is left and waits until the sink behind has taken every event.
    public func finish() {
        send()
        queue.sync {}
    }
}
