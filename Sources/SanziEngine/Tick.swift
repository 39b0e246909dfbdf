/// Simulation time: a whole number of ticks since the start of a run.
///
/// The engine gives ticks no unit; a model decides what one tick is (a day, a second) and maps
/// ticks to calendar dates itself. Integer time makes ties exact: events at "the same time" are
/// at the same tick, and their order is decided by priority and then by scheduling order.
public typealias Tick = Int64

/// Orders events scheduled for the same tick: a lower value runs first.
///
/// Events of equal time and priority run in the order they were scheduled (FIFO).
public struct Priority: Hashable, Comparable, Sendable {
    public let rawValue: Int8

    @inlinable public init(_ rawValue: Int8) { self.rawValue = rawValue }

    /// Before ordinary events of the same tick (e.g. policy changes that take effect that day).
    @inlinable public static var early: Priority { Priority(-64) }
    /// The default.
    @inlinable public static var normal: Priority { Priority(0) }
    /// After ordinary events of the same tick (e.g. end-of-day bookkeeping).
    @inlinable public static var late: Priority { Priority(64) }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Identifies a scheduled event so that it can be cancelled (see `Scheduler.cancel`).
public struct EventHandle: Hashable, Sendable {
    @usableFromInline let slot: UInt32
    @usableFromInline let generation: UInt32

    @inlinable init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// A place in the first-in, first-out order of the events of one time and priority, taken by
/// `Scheduler.reserveOrder()` for an event scheduled later.
public struct EventOrder: Hashable, Sendable {
    @usableFromInline let sequence: UInt64

    @inlinable init(sequence: UInt64) { self.sequence = sequence }
}
