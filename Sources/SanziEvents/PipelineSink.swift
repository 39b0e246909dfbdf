import Dispatch
import Synchronization

/// Passes events to another sink on a second thread, in batches, in the order they came: the
/// simulation produces the log while the writer and the alert rules consume it on another
/// core. The sink behind it sees exactly the events, in exactly the order, it would see
/// directly, so its outputs are the same bytes.
///
/// At most `depth` batches are in flight; a producer that runs ahead waits, doing meanwhile
/// the other work it was given. Call `finish()` after the last event: it hands over
/// the last batch and waits until the sink behind has taken every event. Only then may the
/// caller read that sink's results.
public final class PipelineSink: EventSink {
    /// The sink behind, used only on the pipeline's queue until `finish()` returns.
    private struct Consumer: @unchecked Sendable {
        let sink: any EventSink
    }

    private let consumer: Consumer
    private let queue: DispatchQueue
    private let slots: DispatchSemaphore
    private let batchSize: Int
    /// Events accepted and not handed over yet: arrays as they came, not copied into one (a
    /// tee hands every pipeline the same array, which they then share).
    private var batch: [[LoggedEvent]] = []
    /// Events accepted one at a time, gathered into an array of their own.
    private var loose: [LoggedEvent] = []
    private var batchCount = 0
    /// Events the sink behind has taken (written by the pipeline's thread).
    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
        /// Signalled after each batch, for a producer waiting for the count to reach a mark.
        let progress = DispatchSemaphore(value: 0)
    }
    private let taken = Counter()
    /// Events handed over so far (the producer's thread only).
    private var sent = 0
    /// Work the producer may do instead of waiting; whether there was any.
    private let otherWork: () -> Bool

    /// Passes the log to `sink` on `queue` (a serial queue: by default one of its own). When
    /// the producer would wait for the sink behind, it calls `workWhileWaiting` until that
    /// returns false (there is nothing left to do) and only then waits; what it does may not
    /// wait for the queue, and must be work the producer made (none then comes while it waits).
    public init(
        _ sink: any EventSink, batchSize: Int = 4_096, depth: Int = 8,
        queue: DispatchQueue = DispatchQueue(label: "sanzi.pipeline"),
        workWhileWaiting: @escaping () -> Bool = { false }
    ) {
        consumer = Consumer(sink: sink)
        self.queue = queue
        self.batchSize = batchSize
        slots = DispatchSemaphore(value: depth)
        otherWork = workWhileWaiting
    }

    public func accept(_ event: LoggedEvent) {
        loose.append(event)
        batchCount += 1
        if batchCount >= batchSize { send() }
    }

    public func accept(_ events: [LoggedEvent]) {
        guard !events.isEmpty else { return }
        gatherLoose()
        batch.append(events)
        batchCount += events.count
        if batchCount >= batchSize { send() }
    }

    private func gatherLoose() {
        guard !loose.isEmpty else { return }
        batch.append(loose)
        loose = []
    }

    private func send() {
        gatherLoose()
        guard !batch.isEmpty else { return }
        let batches = batch
        let count = batchCount
        batch = []
        batchCount = 0
        while slots.wait(timeout: .now()) == .timedOut {
            guard otherWork() else {
                slots.wait()
                break
            }
        }
        sent += count
        let consumer = consumer
        let slots = slots
        let taken = taken
        queue.async {
            for events in batches { consumer.sink.accept(events) }
            taken.value.add(count, ordering: .releasing)
            taken.progress.signal()
            slots.signal()
        }
    }

    /// Waits until the sink behind has taken the first `count` events accepted (handing over
    /// the batch that holds them if it is still being filled). What the sink did with them is
    /// then visible to the caller.
    public func wait(untilTaken count: Int) {
        if count > sent { send() }
        while taken.value.load(ordering: .acquiring) < count {
            if !otherWork() { taken.progress.wait() }
        }
    }

    /// Hands over what is left and waits until the sink behind has taken every event.
    public func finish() {
        send()
        queue.sync {}
    }
}
