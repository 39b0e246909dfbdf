import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziOutput
import SanziRun
import SanziScenario
import SanziTruth

/// Replays rules one at a time over the kept logs and merges their alerts as the engine would
/// have raised them, so that any combination of rule settings is scored without replaying the
/// rules that did not change. The runs are replayed and scored up to `cores` at once, and
/// summed in their order: the same metrics whatever `cores` is.
struct RuleReplay {
    /// One rule's alerts on one run under one setting, kept compactly (`RaisedAlerts`: about
    /// 70 bytes an alert, where an `Alert` with its own arrays took some 250), each with the
    /// event being read when it was raised. A rule raises its alerts in log order, so the events
    /// never decrease.
    struct Replayed: Sendable {
        var alerts = RaisedAlerts()
        var events: [UInt64] = []
    }

    let runs: [TuningRun]
    /// Each run's case index, built once.
    let indexes: [CaseIndex]
    let warningSystem: Bool
    let escalation: AlertSettings.Escalation
    let cores: Int
    /// The replays made, kept for when they are asked for again.
    private let store: ReplayStore
    /// Rule replays made so far (each over every run).
    private(set) var replays = 0

    /// Replays over `runs`, kept in a scratch file in `folder` (which exists), up to `budget`
    /// bytes of them in memory (`ReplayStore`).
    init(
        runs: [TuningRun], warningSystem: Bool, escalation: AlertSettings.Escalation, keepingIn folder: String,
        budget: Int = ReplayStore.defaultBudget, cores: Int = RunPipeline.cores
    ) throws(OutputError) {
        store = try ReplayStore(in: folder, budget: budget)
        self.runs = runs
        indexes = Concurrently.map(runs, cores: cores) { CaseIndex($0.truth) }
        self.warningSystem = warningSystem
        self.escalation = escalation
        self.cores = cores
    }

    /// A rule's alerts on each run under a setting (none when it is off), kept for the next
    /// time they are asked for unless `kept` is false.
    mutating func alerts(_ rule: Int, _ setting: RuleSetting, kept: Bool = true) -> [Replayed] {
        guard setting.enabled else { return runs.map { _ in Replayed() } }
        let id = RuleCatalogue.documentation[rule].id
        let key = ReplayStore.Key(rule: id, setting: setting)
        if let replayed = store.replays(key) { return replayed }
        var settings = AlertSettings(
            warningSystem: warningSystem,
            rules: RuleCatalogue.documentation.map { AlertSettings.Rule(id: $0.id, enabled: $0.id == id) },
            escalation: AlertSettings.Escalation(yellowToOrange: .max, orangeToRed: .max, windowDays: 1))
        settings.rules[rule] = setting.rule(id)
        let engine = try? AlertEngine(settings: settings)
        let raised: [Replayed] = Concurrently.map(runs, cores: cores) { run in
            var replayed = Replayed()
            guard var engine else { return replayed }
            run.log.forEach(reading: engine.reads) { event in
                for var alert in engine.observe(event) {
                    // The named values behind a decision are for reports; scoring never reads them.
                    alert.values = []
                    replayed.alerts.append(alert)
                    replayed.events.append(event.id)
                }
            }
            return replayed
        }
        replays += 1
        if kept { store.keep(raised, under: key) }
        return raised
    }

    /// Throws the first error reading the runs' logs, keeping the replays or reading one back,
    /// if there was one.
    func check() throws(OutputError) {
        try TuningRun.check(runs)
        try store.check()
    }

    /// The alerts of every rule under `settings` (indexed like the catalogue), merged and
    /// escalated as the engine does, scored on each run and summed.
    mutating func metrics(_ settings: [RuleSetting]) -> Metrics {
        scored(eachRule(settings), cores: cores)
    }

    /// The metrics of each of `trials`, as `metrics(_:)` gives them one by one: the rules are
    /// replayed first (each over every run, the runs at once), then the trials are scored up to
    /// `cores` at once.
    mutating func metrics(of trials: [[RuleSetting]]) -> [Metrics] {
        let replayed = trials.map { eachRule($0) }
        let scoring = self
        return Concurrently.map(replayed, cores: cores) { scoring.scored($0, cores: 1) }
    }

    /// The alerts of every rule under `settings` on each run, merged and escalated as the
    /// engine raises them.
    mutating func alerts(_ settings: [RuleSetting]) -> [RaisedAlerts] {
        merged(eachRule(settings), cores: cores)
    }

    /// Each rule's alerts on each run under its setting in `settings`, replayed unless they
    /// have been.
    private mutating func eachRule(_ settings: [RuleSetting]) -> [[Replayed]] {
        settings.enumerated().map { alerts($0.offset, $0.element) }
    }

    /// The metrics of the rules' alerts `replayed`.
    private func scored(_ replayed: [[Replayed]], cores: Int) -> Metrics {
        sum(merged(replayed, cores: cores), cores: cores) { evaluate($0, run: $1) }
    }

    /// The rules' alerts `replayed` (by rule, then run) merged and escalated on each run, the
    /// runs up to `cores` at once.
    private func merged(_ replayed: [[Replayed]], cores: Int) -> [RaisedAlerts] {
        let escalation = escalation
        return Concurrently.map(Array(runs.indices), cores: cores) { run in
            Self.merge(replayed.map { $0[run] }, escalating: escalation)
        }
    }

    /// The alerts of several rules on one run (in catalogue order), numbered and escalated in
    /// the order the engine raises them: by the event being read, then by rule, then in each
    /// rule's order.
    private static func merge(_ rules: [Replayed], escalating settings: AlertSettings.Escalation) -> RaisedAlerts {
        let raising = rules.filter { !$0.events.isEmpty }
        var next = [Int](repeating: 0, count: raising.count)
        var merged = EscalatedAlerts(settings)
        while true {
            var first: Int?
            for rule in raising.indices where next[rule] < raising[rule].events.count {
                if let first, raising[first].events[next[first]] <= raising[rule].events[next[rule]] { continue }
                first = rule
            }
            guard let first else { return merged.alerts }
            merged.add(next[first], of: raising[first].alerts)
            next[first] += 1
        }
    }

    /// One rule alone (no escalation) under a setting, for its curve.
    mutating func metrics(ofRule rule: Int, _ setting: RuleSetting) -> Metrics {
        sum(alerts(rule, setting), cores: cores) { evaluate($0.alerts, run: $1) }
    }

    /// A rule's curve over some values of one parameter, the rule alone. When the rule's
    /// decision is monotone in the parameter, one replay at the most permissive value holds
    /// every point's alerts: sorted by score once, each point keeps a prefix or a suffix; those
    /// alerts, the most a rule raises, are not kept unless the most permissive value is one of
    /// `values` (the joint search tries the grid's values alone). Otherwise the rule is
    /// replayed once per value.
    mutating func curve(
        _ rule: Int, _ setting: RuleSetting, parameter: RuleDocumentation.Parameter, values: [Double]
    ) -> [Metrics] {
        guard let monotone = parameter.monotone else {
            return values.map { metrics(ofRule: rule, setting.with(parameter.name, $0)) }
        }
        let mostPermissive = monotone.mostPermissive(in: parameter.range)
        let permissive = setting.with(parameter.name, mostPermissive)
        let sorted = alerts(rule, permissive, kept: values.contains(mostPermissive)).map {
            $0.alerts.sorted { $0.score < $1.score }
        }
        return Concurrently.map(values, cores: cores) { value in
            var metrics = Metrics()
            for (number, alerts) in sorted.enumerated() {
                // Raised alerts form a prefix (score below) or a suffix (score above) of the sorted list.
                let kept =
                    monotone == .scoreAbove
                    ? Array(alerts[alerts.partitioningIndex { monotone.raises($0.score, at: value) }...])
                    : Array(alerts[..<alerts.partitioningIndex { !monotone.raises($0.score, at: value) }])
                metrics.add(evaluate(RaisedAlerts(kept), run: number))
            }
            return metrics
        }
    }

    /// The metrics of each run's `scored` part, scored up to `cores` runs at once and summed in
    /// the runs' order.
    private func sum<Part>(_ parts: [Part], cores: Int, _ scored: (Part, Int) -> Evaluation) -> Metrics {
        var metrics = Metrics()
        let numbered = Array(parts.enumerated())
        for evaluation in Concurrently.map(numbered, cores: cores, { scored($0.element, $0.offset) }) {
            metrics.add(evaluation)
        }
        return metrics
    }

    private func evaluate(_ alerts: RaisedAlerts, run number: Int) -> Evaluation {
        let run = runs[number]
        return Evaluation(
            alerts: alerts, truth: run.truth, index: indexes[number], villages: run.villages, days: run.days)
    }

    /// The exact metrics of settings: the full engine replayed over every run, up to `cores`
    /// runs at once.
    static func replayed(_ settings: AlertSettings, on runs: [TuningRun], cores: Int = RunPipeline.cores) -> Metrics {
        var metrics = Metrics()
        let evaluations = Concurrently.map(runs, cores: cores) { run -> Evaluation? in
            guard var engine = try? AlertEngine(settings: settings) else { return nil }
            var alerts: [Alert] = []
            run.log.forEach(reading: engine.reads) { alerts += engine.observe($0) }
            return Evaluation(alerts: alerts, truth: run.truth, villages: run.villages, days: run.days)
        }
        for evaluation in evaluations.compactMap({ $0 }) { metrics.add(evaluation) }
        return metrics
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate that is false then
    /// true along the array (binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
