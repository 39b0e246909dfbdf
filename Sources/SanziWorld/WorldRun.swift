import SanziEngine
import SanziEvents
import SanziScenario

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a scenario's world from its first day to its horizon, streaming the log to a sink.
public enum WorldRun {
    /// What a run did.
    public struct Summary: Sendable {
        /// Observable events written to the log.
        public var events: UInt64
        /// Events the engine dispatched (log records and internal events).
        public var engineEvents: Int
        /// Log events by type, indexed by `EventType.rawValue`.
        public var counts: [Int]
        public var days: Int
        public var wallSeconds: Double

        public var eventsPerSecond: Double { wallSeconds > 0 ? Double(events) / wallSeconds : 0 }
    }

    /// Runs the world and returns the summary and the world as it stands at the horizon.
    public static func run(_ scenario: Scenario, seed: UInt64, sink: any EventSink) -> (Summary, World) {
        let start = monotonicSeconds()
        var scheduler = Scheduler<World.Event>()
        let world = World(scenario: scenario, seed: seed, scheduler: &scheduler)
        var simulation = Simulation(model: world)
        simulation.scheduler = scheduler
        var observer = LogObserver(sink: sink)
        let days = scenario.horizon.dayCount(from: scenario.start)
        let outcome = simulation.run(until: Tick(days), observer: &observer)
        let summary = Summary(
            events: observer.logged, engineEvents: outcome.events, counts: observer.counts, days: days,
            wallSeconds: monotonicSeconds() - start)
        return (summary, simulation.model)
    }

    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
