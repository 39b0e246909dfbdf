import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziOutput
import SanziRun
import SanziScenario

/// Scores alert settings by deploying them: the world simulated on some seeds with the
/// settings' alerts acting on it through the scenario's investigators (the closed loop), set
/// against the same seeds with the warning system off.
///
/// The world takes only two things from the rules: the warnings that `DisciplineRules.forwards`
/// passes, and what adaptive offenders know of the settings. A candidate that forwards exactly
/// the warnings the reference settings forward over the reference's logs, and tells offenders
/// the same, therefore makes exactly the reference's world, day by day; it is scored by
/// replaying its rules over those logs instead of simulating (`shortcuts`). The reference is
/// the last deployment that `Objective.preventedLoss` found an improvement, which is the
/// coordinate ascent's current point. Seeds are simulated and replayed up to `cores` at once,
/// with the same results whatever `cores` is.
struct ClosedLoop {
    /// Settings deployed on every seed: their runs, what they did to the world, and their
    /// rules replayed over the runs' logs.
    private struct Deployment {
        var settings: [RuleSetting]
        var runs: [TuningRun]
        var sides: [WarningEffect.Side]
        var replay: RuleReplay
        var forwarded: [[Warning]]
        var knowledge: OffenderKnowledge
        var metrics: Metrics
    }

    let scenario: Scenario
    let base: AlertSettings
    /// Where the candidates' logs and the deployments' replays are kept (`TuningLog`,
    /// `ReplayStore`).
    let folder: String
    let cores: Int
    /// Each seed with the warning system off.
    private let off: [WarningEffect.Side]
    private var reference: Deployment
    /// Candidates simulated on every seed, and those scored over the reference's logs.
    private(set) var simulations = 0
    private(set) var shortcuts = 0

    /// `runs` are the seeds simulated with the `start` settings deployed in `scenario`
    /// through `rules`; their pairs with the warning system off are simulated here, once. The
    /// logs of the runs simulated here and the replays over them are kept in `folder`; an error
    /// keeping or reading them throws.
    init(
        scenario: Scenario, base: AlertSettings, start: [RuleSetting], runs: [TuningRun], rules: AlertEngine,
        keepingIn folder: String, cores: Int = RunPipeline.cores
    ) throws(OutputError) {
        let off = try TuningRun.simulate(
            scenario.withoutWarningSystem, seeds: runs.map(\.seed), rules: rules.switchedOff, keepingLogsIn: folder,
            cores: cores)
        self.scenario = scenario
        self.base = base
        self.folder = folder
        self.cores = cores
        self.off = Concurrently.map(off, cores: cores, Self.side)
        reference = try Self.deployment(
            start, runs: runs, base: base, scenario: scenario, off: self.off, keepingIn: folder, cores: cores)
        try TuningRun.check(off + runs)
    }

    /// The metrics of `settings` deployed on every seed, with what they did to the world;
    /// without those (infeasible) when the settings cannot be deployed. An error keeping or
    /// reading a log throws.
    mutating func metrics(_ settings: [RuleSetting]) throws(OutputError) -> Metrics {
        if settings == reference.settings { return reference.metrics }
        let alertSettings = base.with(settings)
        if RuleCatalogue.offenderKnowledge(alertSettings) == reference.knowledge {
            let alerts = reference.replay.alerts(settings)
            try reference.replay.check()
            if alerts.map({ Self.forwarded($0, in: scenario) }) == reference.forwarded {
                shortcuts += 1
                return Self.metrics(alerts, runs: reference.runs, sides: reference.sides, off: off)
            }
        }
        guard let rules = try? AlertEngine(settings: alertSettings) else { return Metrics() }
        simulations += 1
        let runs = try TuningRun.simulate(
            scenario, seeds: reference.runs.map(\.seed), rules: rules, keepingLogsIn: folder, cores: cores)
        let candidate = try Self.deployment(
            settings, runs: runs, base: base, scenario: scenario, off: off, keepingIn: folder, cores: cores)
        try TuningRun.check(runs)
        if Objective.preventedLoss.improves(candidate.metrics, on: reference.metrics) { reference = candidate }
        return candidate.metrics
    }

    private static func deployment(
        _ settings: [RuleSetting], runs: [TuningRun], base: AlertSettings, scenario: Scenario,
        off: [WarningEffect.Side], keepingIn folder: String, cores: Int
    ) throws(OutputError) -> Deployment {
        let sides = Concurrently.map(runs, cores: cores, side)
        let alerts = runs.map(\.alerts)
        return Deployment(
            settings: settings, runs: runs, sides: sides,
            replay: try RuleReplay(
                runs: runs, warningSystem: base.warningSystem, escalation: base.escalation, keepingIn: folder,
                cores: cores),
            forwarded: alerts.map { forwarded($0, in: scenario) },
            knowledge: RuleCatalogue.offenderKnowledge(base.with(settings)),
            metrics: metrics(alerts, runs: runs, sides: sides, off: off))
    }

    private static func metrics(
        _ alerts: [RaisedAlerts], runs: [TuningRun], sides: [WarningEffect.Side], off: [WarningEffect.Side]
    ) -> Metrics {
        var metrics = Metrics()
        for (number, run) in runs.enumerated() {
            metrics.add(Evaluation(alerts: alerts[number], truth: run.truth, villages: run.villages, days: run.days))
            metrics.add(on: sides[number], off: off[number])
        }
        return metrics
    }

    /// What of a run's alerts the world may take up, without the alerts' numbers (which other
    /// alerts shift and the world never reads).
    private static func forwarded(_ alerts: RaisedAlerts, in scenario: Scenario) -> [Warning] {
        alerts.map(Warning.init).filter(scenario.oversight.discipline.forwards).map { warning in
            var kept = warning
            kept.alert = 0
            return kept
        }
    }

    private static func side(of run: TuningRun) -> WarningEffect.Side {
        let log = OversightLog()
        run.log.forEach(log.accept)
        return WarningEffect.Side(truth: run.truth, log: log)
    }
}

extension AlertSettings {
    /// These settings with every rule as `rules` (in catalogue order) sets it.
    func with(_ rules: [RuleSetting]) -> AlertSettings {
        var settings = self
        settings.rules = zip(RuleCatalogue.documentation, rules).map { $1.rule($0.id) }
        return settings
    }
}
