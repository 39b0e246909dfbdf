import SanziAlerts
import SanziEvents
import SanziRun
import SanziScenario
import SanziTruth

/// One seed's simulated run, kept for tuning: its log, its ground truth and its size. Every
/// candidate setting is evaluated by replaying the rules over this log, never by simulating
/// again.
public struct TuningRun: Sendable {
    public var seed: UInt64
    public var events: [LoggedEvent]
    public var truth: GroundTruth
    public var villages: Int
    public var days: Int

    public init(seed: UInt64, events: [LoggedEvent], truth: GroundTruth, villages: Int, days: Int) {
        self.seed = seed
        self.events = events
        self.truth = truth
        self.villages = villages
        self.days = days
    }
}

extension TuningRun {
    /// Simulates `scenario` once with `seed` through the run pipeline, offenders knowing what
    /// `rules` deploy, and keeps the log in memory.
    public static func simulate(_ scenario: Scenario, seed: UInt64, rules: AlertEngine) -> TuningRun {
        let collector = EventCollector()
        let result = RunPipeline.simulate(scenario, seed: seed, rules: rules, runsRules: false, consumers: [collector])
        return TuningRun(
            seed: seed, events: collector.events, truth: result.summary.truth,
            villages: scenario.geography.villages.count, days: result.summary.days)
    }
}
