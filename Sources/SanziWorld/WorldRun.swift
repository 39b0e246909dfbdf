import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

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
        /// The misconduct cases and look-alikes of the run (ground truth, never in the log).
        public var truth: GroundTruth

        public var eventsPerSecond: Double { wallSeconds > 0 ? Double(events) / wallSeconds : 0 }
    }

    /// Runs the world and returns the summary and the world as it stands at the horizon.
    /// Adaptive offenders (the scenario's `adaptation`) know the thresholds in `knowledge`.
    public static func run(
        _ scenario: Scenario, seed: UInt64, knowledge: OffenderKnowledge = OffenderKnowledge(), sink: any EventSink
    ) -> (Summary, World) {
        let start = WallClock.seconds()
        var scheduler = Scheduler<World.Event>()
        let world = World(scenario: scenario, seed: seed, knowledge: knowledge, scheduler: &scheduler)
        var simulation = Simulation(model: world)
        simulation.scheduler = scheduler
        var observer = LogObserver(sink: sink)
        let days = scenario.horizon.dayCount(from: scenario.start)
        let outcome = simulation.run(until: Tick(days), observer: &observer)
        let summary = Summary(
            events: observer.logged, engineEvents: outcome.events, counts: observer.counts, days: days,
            wallSeconds: WallClock.seconds() - start, truth: simulation.model.groundTruth(from: observer))
        return (summary, simulation.model)
    }
}
