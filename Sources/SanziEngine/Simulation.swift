/// A model and its future events: the discrete-event engine.
///
/// ```swift
/// var simulation = Simulation(model: Pond())
/// simulation.scheduler.schedule(.rentDue(year: 1), at: 0)
/// let outcome = simulation.run(until: 5 * 365)
/// ```
///
/// Runs are deterministic: the same model, events and random streams give the same sequence
/// of dispatched events, whatever else happens on the machine.
public struct Simulation<M: Model>: ~Copyable {
    public var model: M
    public var scheduler: Scheduler<M.Event>

    @inlinable
    public init(model: M, startingAt start: Tick = 0) {
        self.model = model
        self.scheduler = Scheduler(startingAt: start)
    }

    /// Why a run returned.
    public enum StopReason: Hashable, Sendable {
        /// Every event before the horizon ran and later ones wait; the clock stands at the horizon.
        case horizonReached
        /// The model called `stop()` or the stop condition held.
        case stopped
        /// No event is left to run (with a finite horizon the clock still moves to it).
        case queueEmpty
    }

    /// How a run ended.
    public struct Outcome: Hashable, Sendable {
        public var reason: StopReason
        /// Events dispatched in this run.
        public var events: Int
        /// The clock when the run returned.
        public var time: Tick

        @usableFromInline init(reason: StopReason, events: Int, time: Tick) {
            self.reason = reason
            self.events = events
            self.time = time
        }
    }

    /// Runs until the horizon (exclusive: events at `horizon` stay pending and the clock ends
    /// at `horizon`), until the model stops, or until no event is left.
    @inlinable @discardableResult
    public mutating func run(until horizon: Tick = .max) -> Outcome {
        var observer = NoObserver<M.Event>()
        return run(until: horizon, observer: &observer, stoppingWhen: { _ in false })
    }

    /// Runs as `run(until:)`, showing each event to `observer` before the model handles it.
    @inlinable @discardableResult
    public mutating func run<Observer: EventObserver>(until horizon: Tick = .max, observer: inout Observer) -> Outcome
    where Observer.Event == M.Event {
        run(until: horizon, observer: &observer, stoppingWhen: { _ in false })
    }

    /// Runs as `run(until:observer:)`, and also stops after an event once `condition` holds
    /// for the model.
    @inlinable @discardableResult
    public mutating func run<Observer: EventObserver>(
        until horizon: Tick = .max, observer: inout Observer, stoppingWhen condition: (M) -> Bool
    ) -> Outcome where Observer.Event == M.Event {
        scheduler.stopRequested = false
        var dispatched = 0
        while let event = scheduler.nextEvent(before: horizon) {
            if let upcoming = scheduler.upcoming { model.prefetch(upcoming) }
            observer.observe(event, at: scheduler.now)
            model.handle(event, in: &scheduler)
            dispatched += 1
            if scheduler.stopRequested || condition(model) {
                return Outcome(reason: .stopped, events: dispatched, time: scheduler.now)
            }
        }
        if horizon != .max { scheduler.clock = max(scheduler.clock, horizon) }
        let reason: StopReason = scheduler.pendingCount == 0 ? .queueEmpty : .horizonReached
        return Outcome(reason: reason, events: dispatched, time: scheduler.now)
    }
}
