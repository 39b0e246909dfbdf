import SanziAlerts
import SanziEvents
import SanziOutput
import SanziRun
import SanziScenario
import SanziTruth

/// One seed's simulated run, kept for tuning: its log (on disk: `TuningLog`), its ground
/// truth, its size and the alerts of the settings it was simulated with. Candidate settings
/// are evaluated by replaying the rules over this log (or, for objectives that simulate, by
/// deploying them: `ClosedLoop`).
public struct TuningRun: Sendable {
    public var seed: UInt64
    public var log: TuningLog
    public var truth: GroundTruth
    public var villages: Int
    public var days: Int
    /// The alerts the deployed rules raised, which acted on the world.
    public var alerts: RaisedAlerts

    public init(
        seed: UInt64, log: TuningLog, truth: GroundTruth, villages: Int, days: Int,
        alerts: RaisedAlerts = RaisedAlerts()
    ) {
        self.seed = seed
        self.log = log
        self.truth = truth
        self.villages = villages
        self.days = days
        self.alerts = alerts
    }
}

extension TuningRun {
    /// Simulates `scenario` once with `seed` through the run pipeline, `rules` deployed (their
    /// alerts act on the world, as in `sanzi run`), and keeps the log in a scratch file in
    /// `folder` (which exists); the pipeline uses up to `jobs` cores. Creating or writing the
    /// file throws.
    public static func simulate(
        _ scenario: Scenario, seed: UInt64, rules: AlertEngine, keepingLogIn folder: String,
        jobs: Int = RunPipeline.cores
    ) throws(OutputError) -> TuningRun {
        let writer = try TuningLog.Writer(in: folder)
        let result = RunPipeline.simulate(scenario, seed: seed, rules: rules, consumers: [writer], jobs: jobs)
        return TuningRun(
            seed: seed, log: try writer.finish(), truth: result.summary.truth,
            villages: scenario.geography.villages.count, days: result.summary.days, alerts: result.alerts)
    }

    /// Simulates `scenario` once with each of `seeds`, up to `cores` seeds at once (cores left
    /// over go to each run's pipeline), the runs in the seeds' order: the same runs whatever
    /// `cores` is. The logs are kept in `folder`; the first seed's error creating or writing
    /// its log throws.
    public static func simulate(
        _ scenario: Scenario, seeds: [UInt64], rules: AlertEngine, keepingLogsIn folder: String, cores: Int
    ) throws(OutputError) -> [TuningRun] {
        let (atOnce, each) = RunPipeline.sharing(cores, among: seeds.count)
        let runs = Concurrently.map(seeds, cores: atOnce) { seed in
            Result(catching: { () throws(OutputError) -> TuningRun in
                try simulate(scenario, seed: seed, rules: rules, keepingLogIn: folder, jobs: each)
            })
        }
        return try runs.map { result throws(OutputError) in try result.get() }
    }

    /// Throws the first error reading any of `runs`' logs back.
    public static func check(_ runs: [TuningRun]) throws(OutputError) {
        for run in runs { try run.log.check() }
    }
}
