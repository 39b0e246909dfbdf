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
    /// An alert with the place the engine raises it: the event being read, then the rule's
    /// position in the catalogue, then the order within the rule.
    struct Raised {
        var event: UInt64
        var rule: Int
        var order: Int
        var alert: Alert
    }

    let runs: [TuningRun]
    /// Each run's case index, built once.
    let indexes: [CaseIndex]
    let warningSystem: Bool
    let escalation: AlertSettings.Escalation
    let cores: Int
    private var cache: [String: [RuleSetting: [[Raised]]]] = [:]
    /// Rule replays made so far (each over every run).
    private(set) var replays = 0

    init(runs: [TuningRun], warningSystem: Bool, escalation: AlertSettings.Escalation, cores: Int = RunPipeline.cores) {
        self.runs = runs
        indexes = Concurrently.map(runs, cores: cores) { CaseIndex($0.truth) }
        self.warningSystem = warningSystem
        self.escalation = escalation
        self.cores = cores
    }

    /// A rule's alerts on each run under a setting (none when it is off).
    mutating func alerts(_ rule: Int, _ setting: RuleSetting) -> [[Raised]] {
        guard setting.enabled else { return runs.map { _ in [] } }
        let id = RuleCatalogue.documentation[rule].id
        if let cached = cache[id]?[setting] { return cached }
        var settings = AlertSettings(
            warningSystem: warningSystem,
            rules: RuleCatalogue.documentation.map { AlertSettings.Rule(id: $0.id, enabled: $0.id == id) },
            escalation: AlertSettings.Escalation(yellowToOrange: .max, orangeToRed: .max, windowDays: 1))
        settings.rules[rule] = setting.rule(id)
        let engine = try? AlertEngine(settings: settings)
        let raised: [[Raised]] = Concurrently.map(runs, cores: cores) { run in
            guard var engine else { return [] }
            var alerts: [Raised] = []
            for event in run.events {
                for (order, alert) in engine.observe(event).enumerated() {
                    alerts.append(Raised(event: event.id, rule: rule, order: order, alert: alert))
                }
            }
            return alerts
        }
        replays += 1
        cache[id, default: [:]][setting] = raised
        return raised
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
    mutating func alerts(_ settings: [RuleSetting]) -> [[Alert]] {
        merged(eachRule(settings), cores: cores)
    }

    /// Each rule's alerts on each run under its setting in `settings`, replayed unless they
    /// have been.
    private mutating func eachRule(_ settings: [RuleSetting]) -> [[[Raised]]] {
        settings.enumerated().map { alerts($0.offset, $0.element) }
    }

    /// The metrics of the rules' alerts `replayed`.
    private func scored(_ replayed: [[[Raised]]], cores: Int) -> Metrics {
        sum(merged(replayed, cores: cores), cores: cores) { evaluate($0, run: $1) }
    }

    /// The rules' alerts `replayed` merged and escalated on each run, the runs up to `cores` at
    /// once.
    private func merged(_ replayed: [[[Raised]]], cores: Int) -> [[Alert]] {
        var perRun = runs.map { _ in [Raised]() }
        for rule in replayed {
            for (run, alerts) in rule.enumerated() { perRun[run] += alerts }
        }
        let escalation = escalation
        return Concurrently.map(perRun, cores: cores) { raised in
            let ordered = raised.sorted { ($0.event, $0.rule, $0.order) < ($1.event, $1.rule, $1.order) }
            return AlertEngine.escalate(ordered.map(\.alert), with: escalation)
        }
    }

    /// One rule alone (no escalation) under a setting, for its curve.
    mutating func metrics(ofRule rule: Int, _ setting: RuleSetting) -> Metrics {
        sum(alerts(rule, setting), cores: cores) { evaluate($0.map(\.alert), run: $1) }
    }

    /// A rule's curve over some values of one parameter, the rule alone. When the rule's
    /// decision is monotone in the parameter, one replay at the most permissive value holds
    /// every point's alerts: sorted by score once, each point keeps a prefix or a suffix.
    /// Otherwise the rule is replayed once per value.
    mutating func curve(
        _ rule: Int, _ setting: RuleSetting, parameter: RuleDocumentation.Parameter, values: [Double]
    ) -> [Metrics] {
        guard let monotone = parameter.monotone else {
            return values.map { metrics(ofRule: rule, setting.with(parameter.name, $0)) }
        }
        let permissive = setting.with(parameter.name, monotone.mostPermissive(in: parameter.range))
        let sorted = alerts(rule, permissive).map { $0.map(\.alert).sorted { $0.score < $1.score } }
        return Concurrently.map(values, cores: cores) { value in
            var metrics = Metrics()
            for (number, alerts) in sorted.enumerated() {
                // Raised alerts form a prefix (score below) or a suffix (score above) of the sorted list.
                let kept =
                    monotone == .scoreAbove
                    ? Array(alerts[alerts.partitioningIndex { monotone.raises($0.score, at: value) }...])
                    : Array(alerts[..<alerts.partitioningIndex { !monotone.raises($0.score, at: value) }])
                metrics.add(evaluate(kept, run: number))
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

    private func evaluate(_ alerts: [Alert], run number: Int) -> Evaluation {
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
            for event in run.events { alerts += engine.observe(event) }
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
