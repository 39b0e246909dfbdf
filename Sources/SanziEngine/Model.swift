/// A simulated system: the state of its entities and what happens to them when an event comes.
///
/// Events are plain values (usually an enum with one case per kind of happening, carrying the
/// ids it concerns); `handle` switches on the kind, so a model reads as its domain:
///
/// ```swift
/// struct Pond: Model {
///     enum Event { case leaseEnds, rentDue(year: Int) }
///     var rentPaid: Int64 = 0
///
///     mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
///         switch event {
///         case .rentDue(let year):
///             rentPaid += 185_000
///             if year < 5 { scheduler.schedule(.rentDue(year: year + 1), after: 365) }
///         case .leaseEnds:
///             scheduler.stop()
///         }
///     }
/// }
/// ```
///
/// Larger models hold sub-models (one per process or entity kind) and delegate to them from
/// their `switch`; the engine never allocates per event.
public protocol Model {
    associatedtype Event

    /// Reacts to one event at `scheduler.now`: change state, schedule or cancel events, stop.
    mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>)

    /// A hint, before the model handles an event, of the event likely to come after it (the
    /// first in the queue then; the event being handled may still schedule one before it, or
    /// cancel it): the model may ask the processor to start loading the state that event will
    /// touch, so that the load overlaps the work between. It must change nothing. The default
    /// does nothing.
    func prefetch(_ event: Event)
}

extension Model {
    @inlinable public func prefetch(_ event: Event) {}
}

/// Sees every event as it is dispatched, before the model handles it: the hook through which a
/// world streams what happens to its event log.
public protocol EventObserver {
    associatedtype Event

    mutating func observe(_ event: Event, at time: Tick)
}

/// An observer that does nothing (the default).
public struct NoObserver<Event>: EventObserver {
    /// One byte, so that the observer has a real address: ThreadSanitizer instruments the
    /// generic `run`'s `inout` access to its observer with that address, and the address of a
    /// value of an empty type is meaningless (under `--sanitize=thread` the engine's tests
    /// crashed in `__tsan::ExternalAccess` about one run in two; see swiftlang/swift#35579).
    @usableFromInline var storage: UInt8 = 0

    @inlinable public init() {}
    @inlinable public func observe(_ event: Event, at time: Tick) {}
}
