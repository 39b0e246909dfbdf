import CSanziMalloc
import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziOutput
import SanziReports
import SanziScenario
import SanziTruth
import SanziWorld

/// What `sanzi run` writes into its folder: the event log, the alerts, the ground truth, the
/// evaluation and the report, the thresholds used and the run record, all through
/// `RunPipeline`. Each file appears only once it is complete (`OutputFile`).
public struct RunFolder {
    /// What the run did and wrote.
    public struct Outcome {
        /// Events, counts, days, wall time and the ground truth.
        public var summary: WorldRun.Summary
        /// The alerts the rules raised, in order.
        public var alerts: RaisedAlerts
        /// What the world generated (the world itself is let go before the reports are made).
        public var census: Census
        /// The alerts scored against the ground truth, when the report was written.
        public var evaluation: Evaluation?
        /// Every file written, in order.
        public var paths: [String]
        /// What the oversight bodies did, read from the log.
        public var oversight: OversightLog
    }

    public let scenario: Scenario
    /// The file the scenario came from (or a name for the built-in one), for run.json.
    public let source: String
    public let seed: UInt64
    /// The rules deployed, with their settings.
    public let rules: AlertEngine
    public let folder: String
    /// The cores the run may use (`RunPipeline.simulate`'s `jobs`); the outputs do not depend on it.
    public let jobs: Int
    /// Where a scenario with news windows keeps its districts' worlds; the outputs do not
    /// depend on it.
    public let hosting: ShardHosting

    public init(
        scenario: Scenario, source: String, seed: UInt64, rules: AlertEngine, folder: String,
        jobs: Int = RunPipeline.cores, hosting: ShardHosting = .threads
    ) {
        self.scenario = scenario
        self.source = source
        self.seed = seed
        self.rules = rules
        self.folder = folder
        self.jobs = jobs
        self.hosting = hosting
    }

    private func path(_ name: String) -> String { OutputFiles.path(name, in: folder) }

    /// Runs the scenario and writes every output the scenario's `<output>` asks for. With
    /// `counterfactual`, first runs its pair with the warning system off into
    /// `FOLDER/counterfactual`, and the evaluation and report say what the warning system
    /// changed.
    ///
    /// The folder is built beside `folder` and moved into place whole (`StagedFolder`): a run
    /// that fails or is killed leaves the previous run's folder as it was. `force` lets it
    /// replace a folder that is not an earlier run's.
    public func run(
        progress: (any EventSink)? = nil, counterfactual: Bool = false, force: Bool = false
    ) throws(OutputError) -> Outcome {
        let staged = try StagedFolder(target: folder, command: "run", force: force)
        var outcome: Outcome
        do throws(OutputError) {
            var pair: Outcome?
            if counterfactual {
                let off = RunFolder(
                    scenario: scenario.withoutWarningSystem, source: source, seed: seed, rules: rules.switchedOff,
                    folder: OutputFiles.path("counterfactual", in: staged.path), jobs: jobs, hosting: hosting)
                pair = try off.write(progress: nil, pair: nil)
            }
            let staging = RunFolder(
                scenario: scenario, source: source, seed: seed, rules: rules, folder: staged.path, jobs: jobs,
                hosting: hosting)
            outcome = try staging.write(progress: progress, pair: pair)
        } catch {
            throw staged.finalError(error)
        }
        outcome.paths = staged.finalPaths(outcome.paths)
        try staged.commit()
        return outcome
    }

    /// Writes every output into `folder`, which exists.
    private func write(progress: (any EventSink)?, pair: Outcome?) throws(OutputError) -> Outcome {
        let output = scenario.output
        let reports = output.report && output.alerts
        let villageIDs = scenario.geography.villages.map(\.id)
        let start = scenario.start
        let dateOfDay = { (day: Int32) in start.adding(days: Int(day)).description }
        try OutputFolder.create(folder)
        let log =
            output.events
            ? try EventLogWriter(path: path("events.jsonl"), villageIDs: villageIDs, dateOfDay: dateOfDay) : nil
        let alertFiles =
            output.alerts ? try AlertWriter(folder: folder, villageIDs: villageIDs, dateOfDay: dateOfDay) : nil
        // What the run gathers for later waits in files while the world runs (`SetAside`), and
        // so do the report's deals: of the 1.3 million listings and contracts at 12,000 villages
        // over five years, only those the report tells come back (`DealContext`).
        let setAside = try SetAside(in: folder)
        let context = reports ? try DealContext(spoolingIn: folder) : DealContext()
        let oversight = OversightLog()
        let run = RunPipeline.simulate(
            scenario, seed: seed, rules: rules, runsRules: output.alerts, alertWriter: alertFiles, setAside: setAside,
            consumers: log.map { [$0] } ?? [], besideRules: reports ? [context, oversight] : [oversight],
            progress: progress, jobs: jobs, hosting: hosting)
        if let failure = run.world.failure {
            throw OutputError.cannotWrite(path: folder, reason: "the run stopped: the world of \(failure)")
        }
        // The world is let go before the reports are made, which would otherwise come on top
        // of it (at 12,000 villages, about 300 MiB), and what malloc keeps of it given back (with
        // `--jobs 2`, 12,000 villages over fifteen years then hold 242,444 KiB instead of 253,732
        // once the alerts are read back).
        let (summary, census) = (run.summary, run.world.census)
        _ = consume run
        sanzi_release_free_memory()
        try log?.finish()
        try alertFiles?.finish()
        try setAside.check()
        let alerts = output.alerts ? try setAside.alerts.readBack() : RaisedAlerts()
        var paths = (log.map { [$0.path] } ?? []) + (alertFiles?.paths ?? [])
        func write(_ name: String, _ text: String) throws(OutputError) {
            try OutputFile.write(text, to: path(name))
            paths.append(path(name))
        }
        // What the report sees of the alerts, the evaluation and the ground-truth table depend
        // on none of the others: with more than one core, the first is made beside the other
        // two (bench-large over ten years: 60 ms against 45 and 26).
        let truth = summary.truth
        let facts = RunFacts(scenario: scenario, seed: seed, events: summary.events)
        let (observed, (evaluation, cases)) = Concurrently.both(cores: reports ? jobs : 1) {
            reports ? Report.Observed(facts: facts, alerts: alerts, truth: truth, context: context) : nil
        } _: {
            (
                reports ? evaluate(alerts, truth: truth, facts: facts, oversight: oversight, pair: pair) : nil,
                Result { () throws(OutputError) in
                    try CaseTable.write(truth, villageIDs: villageIDs, dateOfDay: dateOfDay, to: path("cases.csv"))
                }
            )
        }
        try cases.get()
        paths.append(path("cases.csv"))
        if !scenario.surveys.surveys.isEmpty {
            try write("surveys.csv", SurveyResult.table(SurveyResult.results(oversight, scenario: scenario)))
        }
        try context.check()
        if let observed, let evaluation {
            let report = Report(facts: facts, observed: observed, truth: truth, evaluation: evaluation)
            paths += try ReportFiles.write(report, evaluation: evaluation, to: folder, cores: jobs)
        }
        if output.alerts { try write("thresholds.xml", rules.settings.thresholdsDocument) }
        try write("run.json", OutputFiles.json(RunRecord(self, world: summary, alerts: alerts.count)))
        return Outcome(
            summary: summary, alerts: alerts, census: census, evaluation: evaluation,
            paths: (pair?.paths ?? []) + paths, oversight: oversight)
    }

    /// The run's alerts scored against its ground truth, with what the oversight bodies did
    /// and, beside a counterfactual `pair`, what the warning system changed.
    private func evaluate(
        _ alerts: RaisedAlerts, truth: GroundTruth, facts: RunFacts, oversight: OversightLog, pair: Outcome?
    ) -> Evaluation {
        var scored = Evaluation(alerts: alerts, truth: truth, villages: facts.villages.count, days: facts.days)
        scored.oversight = Oversight(oversight, scenario: scenario, truth: truth, days: facts.days)
        if let pair {
            scored.warningSystemEffect = WarningEffect(
                on: (truth, oversight), off: (pair.summary.truth, pair.oversight), start: scenario.start,
                days: facts.days)
        }
        return scored
    }
}
