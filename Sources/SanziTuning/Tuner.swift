import SanziAlerts
import SanziEvaluation
import SanziOutput
import SanziRun
import SanziScenario

/// Chooses alert thresholds against known truth on training seeds.
///
/// 1. **Curves**: each rule's parameters are swept over a grid within their declared ranges
///    (the default scaled by ¼ to 4, or nine even steps when the default is 0), the rule alone,
///    by replay over the training logs.
/// 2. **Joint choice**: coordinate ascent from the starting settings: rule after rule, the
///    value of one parameter (or switching the rule off) that most improves the objective of
///    all rules together, escalation included, until a round changes nothing (five rounds at
///    most). Objectives scored on the alerts are scored by replay over every grid value; an
///    objective that simulates (`prevented-loss`) deploys each candidate (`ClosedLoop`) and
///    moves one grid step either side of the current value.
///
/// Every step is deterministic: rules in catalogue order, values in ascending order, ties kept.
public struct Tuner {
    /// One point of a rule's curve: the rule alone with one parameter at one value.
    public struct CurvePoint: Sendable, Hashable {
        public var rule: String
        public var parameter: String
        public var value: Double
        public var metrics: Metrics
        public var isStart: Bool
    }

    /// What tuning found.
    public struct Outcome: Sendable {
        public var settings: AlertSettings
        public var curves: [CurvePoint]
        /// The starting and the chosen settings on the training seeds.
        public var start: Metrics
        public var chosen: Metrics
        public var rounds: Int
        public var replays: Int
        /// Candidates deployed and simulated on every training seed, and those found to make
        /// the same world as the current settings and scored by replay instead.
        public var simulations: Int
        public var simulationsAvoided: Int
    }

    let base: AlertSettings
    let objective: Objective
    /// Rules the search may not switch off (`sanzi tune --keep`).
    public var kept: Set<String> = []
    var replay: RuleReplay
    /// Deploys the candidates, when the objective simulates.
    var closedLoop: ClosedLoop?

    /// A tuner from `base` over `training`, runs simulated with `base` deployed in `scenario`.
    /// Objectives that simulate (`prevented-loss`) deploy candidates in `scenario`: without
    /// it, they find every candidate infeasible. The replays, and the logs of the candidates
    /// deployed, are kept in `folder` (which exists). Up to `cores` (default: the machine's) runs
    /// are replayed, scored or simulated at once; the outcome is the same whatever `cores` is.
    /// An error keeping or reading what is kept throws.
    public init(
        base: AlertSettings, training: [TuningRun], objective: Objective, scenario: Scenario? = nil,
        keepingIn folder: String, cores: Int = RunPipeline.cores
    ) throws(OutputError) {
        self.base = base
        self.objective = objective
        replay = try RuleReplay(
            runs: training, warningSystem: base.warningSystem, escalation: base.escalation, keepingIn: folder,
            cores: cores)
        if objective.simulates, let scenario, let rules = try? AlertEngine(settings: base) {
            closedLoop = try ClosedLoop(
                scenario: scenario, base: base, start: Self.settings(of: base), runs: training, rules: rules,
                keepingIn: folder, cores: cores)
        }
    }

    /// Every rule's setting under some alert settings, in catalogue order.
    static func settings(of settings: AlertSettings) -> [RuleSetting] {
        RuleCatalogue.documentation.map { RuleSetting($0, in: settings) }
    }

    /// The values tried for a parameter: its default (under the scenario's `policy`) scaled
    /// by ¼…4 within the range (whole numbers for whole-number parameters), or nine even steps
    /// across the range.
    public static func grid(
        for parameter: RuleDocumentation.Parameter, under policy: RulePolicy = RulePolicy()
    ) -> [Double] {
        let range = parameter.range
        let center = parameter.defaultValue(under: policy)
        // Whole numbers only when the default and both bounds are whole (a count, days): a
        // default of 0 in 0…0.5 is a share.
        let whole = [center, range.lowerBound, range.upperBound].allSatisfy { $0 == $0.rounded() }
        var values: [Double]
        if center == 0 {
            values = (0...8).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 8 }
        } else {
            values = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4].map { center * $0 }
        }
        values = values.map { min(max($0, range.lowerBound), range.upperBound) }
            .map { whole ? $0.rounded() : ($0 * 1_000_000).rounded() / 1_000_000 }
        return Array(Set(values)).sorted()
    }

    /// Sweeps the curves, then searches jointly; `progress` hears what is being done. An error
    /// keeping or reading a log throws.
    public mutating func tune(progress: (String) -> Void = { _ in }) throws(OutputError) -> Outcome {
        let catalogue = RuleCatalogue.documentation
        var current = Self.settings(of: base)
        var curves: [CurvePoint] = []
        for (index, rule) in catalogue.enumerated() {
            progress("curves        \(rule.id) (\(index + 1) of \(catalogue.count))")
            for parameter in rule.parameters {
                let values = Self.grid(for: parameter, under: base.policy)
                let points = replay.curve(index, current[index], parameter: parameter, values: values)
                for (value, metrics) in zip(values, points) {
                    curves.append(
                        CurvePoint(
                            rule: rule.id, parameter: parameter.name, value: value, metrics: metrics,
                            isStart: value == current[index].value(parameter.name)))
                }
            }
        }
        let start = try metrics(current)
        var best = start
        var rounds = 0
        var improved = true
        while improved, rounds < 5 {
            improved = false
            rounds += 1
            progress("joint search  round \(rounds), objective \(objective.score(best))")
            for (index, rule) in catalogue.enumerated() {
                if objective.simulates { progress("deploying     round \(rounds), \(rule.id)") }
                let tried = options(rule, from: current[index])
                // Each option replaces the rule's whole setting, and an improvement changes
                // only this rule's, so an option's trial is the same whichever options before
                // it the search took.
                let trials = tried.map { option in
                    var trial = current
                    trial[index] = option
                    return trial
                }
                let replayed = replayedScores(of: trials, current: current, currentScore: best)
                for (number, option) in tried.enumerated() where option != current[index] {
                    let trial = trials[number]
                    let scored = if let replayed { replayed[number] } else { try metrics(trial) }
                    if objective.improves(scored, on: best) {
                        (best, current, improved) = (scored, trial, true)
                    }
                }
            }
        }
        try replay.check()
        return Outcome(
            settings: base.with(current), curves: curves, start: start, chosen: best, rounds: rounds,
            replays: replay.replays, simulations: closedLoop?.simulations ?? 0,
            simulationsAvoided: closedLoop?.shortcuts ?? 0)
    }

    /// The settings tried for a rule in the joint search: each parameter at every value of its
    /// grid (one grid step either side of the current value when candidates are deployed), and
    /// the rule switched the other way (never off for a kept rule). A value that breaks one of
    /// the rule's orderings (K03's overdue days below its red days) is never tried.
    func options(_ rule: RuleDocumentation, from setting: RuleSetting) -> [RuleSetting] {
        var options = [RuleSetting]()
        for parameter in rule.parameters {
            var values = Self.grid(for: parameter, under: base.policy)
            if objective.simulates, let value = setting.value(parameter.name) {
                values = [values.last { $0 < value }, values.first { $0 > value }].compactMap { $0 }
            }
            options += values.map { setting.with(parameter.name, $0) }.filter { option in
                rule.orderings.allSatisfy { $0.holds(option.value) }
            }
        }
        var switched = setting
        switched.enabled = !switched.enabled
        return switched.enabled || !kept.contains(rule.id) ? options + [switched] : options
    }

    /// The metrics of each of `trials`, scored by replay all at once (the runs' cores shared
    /// among them), or nil when the objective deploys them: each deployment may move the closed
    /// loop's reference, so those go one at a time. A trial that is `current` scores
    /// `currentScore`.
    private mutating func replayedScores(
        of trials: [[RuleSetting]], current: [RuleSetting], currentScore: Metrics
    ) -> [Metrics]? {
        guard !objective.simulates else { return nil }
        var scores = replay.metrics(of: trials.filter { $0 != current }).makeIterator()
        return trials.map { $0 == current ? currentScore : scores.next() ?? Metrics() }
    }

    /// The metrics of all rules together: replayed, or deployed when the objective simulates.
    mutating func metrics(_ settings: [RuleSetting]) throws(OutputError) -> Metrics {
        guard objective.simulates else { return replay.metrics(settings) }
        return try closedLoop?.metrics(settings) ?? Metrics()
    }

    /// One rule's curve over values of one parameter on some runs, the rule alone at its
    /// defaults otherwise: one replay and a sorted pass when the rule is monotone in the
    /// parameter (unless `sorted` is false), else one replay per value.
    public static func curve(
        rule id: String, parameter name: String, values: [Double], on runs: [TuningRun], keepingIn folder: String,
        sorted: Bool = true
    ) throws(OutputError) -> [Metrics] {
        guard let index = RuleCatalogue.documentation.firstIndex(where: { $0.id == id }),
            var parameter = RuleCatalogue.documentation[index].parameters.first(where: { $0.name == name })
        else { return [] }
        if !sorted { parameter.monotone = nil }
        var replay = try RuleReplay(runs: runs, warningSystem: true, escalation: .init(), keepingIn: folder)
        let setting = RuleSetting(RuleCatalogue.documentation[index], in: AlertSettings())
        let points = replay.curve(index, setting, parameter: parameter, values: values)
        try replay.check()
        return points
    }

    /// The exact metrics of settings on some runs: the full engine replayed, up to `cores`
    /// runs at once. An error reading a log throws.
    public static func evaluate(_ settings: AlertSettings, on runs: [TuningRun], cores: Int = RunPipeline.cores)
        throws(OutputError) -> Metrics
    {
        let metrics = RuleReplay.replayed(settings, on: runs, cores: cores)
        try TuningRun.check(runs)
        return metrics
    }

    /// The metrics of each of `candidates` deployed in `scenario` on the seeds of `runs` (runs
    /// simulated with `start` deployed), the closed loop simulated, with what they did to the
    /// world against the same seeds with the warning system off; up to `cores` seeds at once.
    /// The logs simulated are kept in `folder`; an error keeping or reading one throws.
    public static func deploy(
        _ candidates: [AlertSettings], on runs: [TuningRun], simulatedWith start: AlertSettings, in scenario: Scenario,
        keepingIn folder: String, cores: Int = RunPipeline.cores
    ) throws(OutputError) -> [Metrics] {
        guard let rules = try? AlertEngine(settings: start) else { return candidates.map { _ in Metrics() } }
        var loop = try ClosedLoop(
            scenario: scenario, base: start, start: settings(of: start), runs: runs, rules: rules,
            keepingIn: folder, cores: cores)
        return try candidates.map { candidate throws(OutputError) in try loop.metrics(settings(of: candidate)) }
    }
}
