/// What a model sees while it handles an event: the current time, and the means to schedule,
/// cancel and stop.
///
/// ```swift
/// mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
///     switch event {
///     case .announcementEnds(let listing):
///         scheduler.schedule(.bidsOpen(listing), after: 1)
///     ...
///     }
/// }
/// ```
public struct Scheduler<Event>: ~Copyable {
    /// The time of the event being handled (after a run: where the run stopped).
    @inlinable public var now: Tick { clock }
    @usableFromInline var clock: Tick
    @usableFromInline var queue: FutureEventList<Event>
    @usableFromInline var cancelledPending = 0
    @usableFromInline var stopRequested = false

    /// A scheduler whose clock starts at `start`.
    ///
    /// With `bucketWidth` (ticks, a power of two), the event list keeps the events of later
    /// buckets of that many ticks in a calendar and takes them into its heap a bucket at a
    /// time: the order is the same, and a model with many events scheduled far ahead (a day as
    /// the bucket, rents a year ahead) keeps its heap small and in the cache. Without, every
    /// pending event is in the heap, which suits times spread thin (microsecond ticks, events
    /// a few hundred thousand ticks apart).
    @inlinable
    public init(startingAt start: Tick = 0, bucketWidth: Tick? = nil) {
        clock = start
        queue = FutureEventList(origin: start, bucketWidth: bucketWidth)
    }

    /// Events scheduled and neither run nor cancelled yet.
    @inlinable public var pendingCount: Int { queue.count - cancelledPending }

    /// The time of the next event in the queue, if any (it may be a cancelled one).
    @inlinable public var nextTime: Tick? { queue.firstTime }

    /// The next event in the queue, if any (it may be a cancelled one): for `Model.prefetch`.
    @inlinable var upcoming: Event? { queue.firstPayload }

    /// Schedules `event` at an absolute time, which must not be in the past (nor 2^48 ticks or
    /// more after the start). The handle it returns can cancel the event; most callers ignore it.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: Tick, priority: Priority = .normal) -> EventHandle {
        schedule(event, at: time, priority: priority, order: reserveOrder())
    }

    /// Takes the place an event scheduled now would have among the events of its time and
    /// priority, for an event scheduled later with `schedule(_:at:priority:order:)`: an event
    /// known long before it runs (a lease's end, years ahead) need not wait in the queue, at 40
    /// bytes, to keep its place.
    @inlinable
    public mutating func reserveOrder() -> EventOrder { EventOrder(sequence: queue.nextSequence()) }

    /// Schedules `event` as `schedule(_:at:priority:)`, in the place among the events of its time
    /// and priority that `order` reserved (use each reservation once).
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: Tick, priority: Priority = .normal, order: EventOrder)
        -> EventHandle
    {
        precondition(time >= now, "cannot schedule an event in the past (at \(time), now \(now))")
        return queue.insert(event, at: time, priority: priority, sequence: order.sequence)
    }

    /// Schedules `event` `delay` ticks from now; `delay` must not be negative.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, after delay: Tick, priority: Priority = .normal) -> EventHandle {
        schedule(event, at: now + delay, priority: priority)
    }

    /// Cancels a scheduled event without searching for it. Returns `false` when the event has
    /// already run or was already cancelled, so cancelling twice is harmless.
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard queue.cancel(handle) else { return false }
        cancelledPending += 1
        return true
    }

    /// Ends the run after the event being handled.
    @inlinable
    public mutating func stop() { stopRequested = true }

    /// Removes the next live event with a time before `horizon`, advancing the clock to it.
    @inlinable
    mutating func nextEvent(before horizon: Tick) -> Event? {
        let countBefore = queue.count
        guard let (time, event) = queue.removeFirst(before: horizon) else {
            cancelledPending -= countBefore - queue.count
            return nil
        }
        cancelledPending -= countBefore - queue.count - 1
        clock = time
        return event
    }
}
