import SanziAlerts
import SanziEvents
import SanziOutput
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
    /// alerts act on the world, as in `sanzi run`), and keeps the log in memory; the pipeline
    /// uses up to `jobs` cores.
    public static func simulate(
        _ scenario: Scenario, seed: UInt64, rules: AlertEngine, jobs: Int = RunPipeline.cores
    ) -> TuningRun {
        let collector = EventCollector()
        let result = RunPipeline.simulate(scenario, seed: seed, rules: rules, consumers: [collector], jobs: jobs)
        return TuningRun(
            seed: seed, events: collector.events, truth: result.summary.truth,
            villages: scenario.geography.villages.count, days: result.summary.days, alerts: Array(result.alerts))
    }

    /// Simulates `scenario` once with each of `seeds`, up to `cores` seeds at once (cores left
    /// over go to each run's pipeline), the runs in the seeds' order: the same runs whatever
    /// `cores` is.
    public static func simulate(_ scenario: Scenario, seeds: [UInt64], rules: AlertEngine, cores: Int) -> [TuningRun] {
        let (atOnce, each) = RunPipeline.sharing(cores, among: seeds.count)
        return Concurrently.map(seeds, cores: atOnce) { seed in
            simulate(scenario, seed: seed, rules: rules, jobs: each)
        }
    }
}
