import SanziAlerts
import SanziEvents
import SanziRun
import SanziScenario
import SanziTruth

/// One seed's simulated run, kept for tuning: its log, its ground truth, its size and the
/// alerts of the settings it was simulated with. Candidate settings are evaluated by replaying
/// the rules over this log (or, for objectives that simulate, by deploying them: `ClosedLoop`).
public struct TuningRun: Sendable {
    public var seed: UInt64
    public var events: [LoggedEvent]
    public var truth: GroundTruth
    public var villages: Int
    public var days: Int
    /// The alerts the deployed rules raised, which acted on the world.
    public var alerts: [Alert]

    public init(
        seed: UInt64, events: [LoggedEvent], truth: GroundTruth, villages: Int, days: Int, alerts: [Alert] = []
    ) {
        self.seed = seed
        self.events = events
        self.truth = truth
        self.villages = villages
        self.days = days
        self.alerts = alerts
    }
}

extension TuningRun {
    /// Simulates `scenario` once with `seed` through the run pipeline, `rules` deployed (their
    /// alerts act on the world, as in `sanzi run`), and keeps the log in memory.
    public static func simulate(_ scenario: Scenario, seed: UInt64, rules: AlertEngine) -> TuningRun {
        let collector = EventCollector()
        let result = RunPipeline.simulate(scenario, seed: seed, rules: rules, consumers: [collector])
        return TuningRun(
            seed: seed, events: collector.events, truth: result.summary.truth,
            villages: scenario.geography.villages.count, days: result.summary.days, alerts: Array(result.alerts))
    }
}
