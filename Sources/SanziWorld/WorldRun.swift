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
        /// Events the engine dispatched: the world's own (records reach the log without it).
        public var engineEvents: Int
        /// Log events by type, indexed by `EventType.rawValue`.
        public var counts: [Int]
        public var days: Int
        public var wallSeconds: Double
        /// The misconduct cases and look-alikes of the run (ground truth, never in the log).
        public var truth: GroundTruth

        public var eventsPerSecond: Double { wallSeconds > 0 ? Double(events) / wallSeconds : 0 }
    }

    /// Records the world emits before they are written to the log.
    static let batch = 512

    /// Runs the world and returns the summary and the world as it stands at the horizon.
    /// Adaptive offenders (the scenario's `adaptation`) know the thresholds in `knowledge`.
    ///
    /// With `warnings`, the early-warning system acts on the world: at the end of each day the
    /// world takes the warnings raised over the log up to the day whose leads arrive next
    /// (`lead-delay-days` back), so a run with the same scenario and seed is the same whatever
    /// the threads do. Without, no alert ever becomes a lead.
    ///
    /// `logEnded` is called once the last record is handed to `sink`, before the ground truth
    /// is built: the log's readers may finish there and let their state go, so that the truth
    /// does not come on top of it. The events each case touched wait in `touches` until then
    /// (check it before using the truth when it spools).
    public static func run(
        _ scenario: Scenario, seed: UInt64, knowledge: OffenderKnowledge = OffenderKnowledge(), sink: any EventSink,
        warnings: (any WarningSource)? = nil, touches: CaseTouches = CaseTouches(), spill: ValueSpill = ValueSpill(),
        logEnded: () -> Void = {}
    ) -> (Summary, World) {
        let start = WallClock.seconds()
        // A tick is a day: a day's events join the heap together (most wait a year, as rents).
        var scheduler = Scheduler<World.Event>(bucketWidth: 1)
        var log = WorldLog(sink: sink, touches: touches)
        let world = World(
            scenario: scenario, seed: seed, knowledge: knowledge, scheduler: &scheduler, log: &log, spill: spill)
        // Moved, not copied: a copy left here would keep the world's first arrays alive beside
        // the simulation's, each copied at its first change (a world holds files, whose closing
        // keeps a binding alive to the end of its scope).
        var simulation = Simulation(model: consume world)
        simulation.scheduler = consume scheduler
        let days = scenario.horizon.dayCount(from: scenario.start)
        let delay = Tick(scenario.oversight.discipline.leadDelayDays)
        var dispatched = 0
        for day in 0..<Tick(days) {
            dispatched += simulation.run(until: day + 1, flushingTo: &log)
            // Warnings raised by the end of `through` become leads on day `through + delay`,
            // the next day to run at the latest.
            let through = day + 1 - delay
            guard let warnings, through >= 0, day + 1 < Tick(days), simulation.model.warningSystemRuns else {
                continue
            }
            simulation.model.receive(warnings.warnings(through: Int32(through)), &simulation.scheduler)
        }
        logEnded()
        let summary = Summary(
            events: log.logged, engineEvents: dispatched, counts: log.counts, days: days,
            wallSeconds: WallClock.seconds() - start, truth: simulation.model.groundTruth(from: log))
        return (summary, simulation.model)
    }
}

extension Simulation where M == World {
    /// Runs the world until `end`, its records handed to `log` a batch at a time
    /// (`WorldRun.batch`), so that the log's readers on other threads work while the world
    /// goes on; returns the events dispatched.
    mutating func run(until end: Tick, flushingTo log: inout WorldLog) -> Int {
        var none = NoObserver<World.Event>()
        var dispatched = 0
        var outcome: Outcome
        repeat {
            outcome = run(until: end, observer: &none) { $0.hasFullBatch }
            dispatched += outcome.events
            model.flush(to: &log)
        } while outcome.reason == .stopped
        return dispatched
    }
}
