import SanziAlerts
import SanziEvaluation
import SanziScenario

/// Chooses alert thresholds against known truth on training seeds, by replay only.
///
/// 1. **Curves**: each rule's parameters are swept over a grid within their declared ranges
///    (the default scaled by ¼ to 4, or nine even steps when the default is 0), the rule alone.
/// 2. **Joint choice**: coordinate ascent from the starting settings: rule after rule, the
///    value of one parameter (or switching the rule off) that most improves the objective of
///    all rules together, escalation included, until a round changes nothing.
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
    }

    let base: AlertSettings
    let objective: Objective
    var replay: RuleReplay

    public init(base: AlertSettings, training: [TuningRun], objective: Objective) {
        self.base = base
        self.objective = objective
        replay = RuleReplay(runs: training, warningSystem: base.warningSystem, escalation: base.escalation)
    }

    /// The values tried for a parameter: the default scaled by ¼…4 within the range (whole
    /// numbers for whole-number parameters), or nine even steps across the range.
    public static func grid(for parameter: RuleDocumentation.Parameter) -> [Double] {
        let range = parameter.range
        let whole =
            parameter.defaultValue == parameter.defaultValue.rounded() && range.lowerBound.rounded() == range.lowerBound
        var values: [Double]
        if parameter.defaultValue == 0 {
            values = (0...8).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 8 }
        } else {
            values = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4].map { parameter.defaultValue * $0 }
        }
        values = values.map { min(max($0, range.lowerBound), range.upperBound) }
            .map { whole ? $0.rounded() : ($0 * 1_000_000).rounded() / 1_000_000 }
        return Array(Set(values)).sorted()
    }

    /// Sweeps the curves, then searches jointly; `progress` hears what is being done.
    public mutating func tune(progress: (String) -> Void = { _ in }) -> Outcome {
        let catalogue = RuleCatalogue.documentation
        var current = catalogue.map { RuleSetting($0, in: base) }
        var curves: [CurvePoint] = []
        for (index, rule) in catalogue.enumerated() {
            progress("curves        \(rule.id) (\(index + 1) of \(catalogue.count))")
            for parameter in rule.parameters {
                let values = Self.grid(for: parameter)
                let points = replay.curve(index, current[index], parameter: parameter, values: values)
                for (value, metrics) in zip(values, points) {
                    curves.append(
                        CurvePoint(
                            rule: rule.id, parameter: parameter.name, value: value, metrics: metrics,
                            isStart: value == current[index].value(parameter.name)))
                }
            }
        }
        let start = replay.metrics(current)
        var best = objective.score(start)
        var rounds = 0
        var improved = true
        while improved, rounds < 5 {
            improved = false
            rounds += 1
            progress("joint search  round \(rounds), objective \(best)")
            for (index, rule) in catalogue.enumerated() {
                var options = [RuleSetting]()
                for parameter in rule.parameters {
                    options += Self.grid(for: parameter).map { current[index].with(parameter.name, $0) }
                }
                var off = current[index]
                off.enabled = !off.enabled
                options.append(off)
                for option in options where option != current[index] {
                    var trial = current
                    trial[index] = option
                    let score = objective.score(replay.metrics(trial))
                    if score > best + 1e-12 {
                        (best, current, improved) = (score, trial, true)
                    }
                }
            }
        }
        var settings = base
        settings.rules = zip(catalogue, current).map { $1.rule($0.id) }
        return Outcome(
            settings: settings, curves: curves, start: start, chosen: replay.metrics(current), rounds: rounds,
            replays: replay.replays)
    }

    /// One rule's curve over values of one parameter on some runs, the rule alone at its
    /// defaults otherwise: one replay and a sorted pass when the rule is monotone in the
    /// parameter (unless `sorted` is false), else one replay per value.
    public static func curve(
        rule id: String, parameter name: String, values: [Double], on runs: [TuningRun], sorted: Bool = true
    ) -> [Metrics] {
        guard let index = RuleCatalogue.documentation.firstIndex(where: { $0.id == id }),
            var parameter = RuleCatalogue.documentation[index].parameters.first(where: { $0.name == name })
        else { return [] }
        if !sorted { parameter.monotone = nil }
        var replay = RuleReplay(runs: runs, warningSystem: true, escalation: .init())
        let setting = RuleSetting(RuleCatalogue.documentation[index], in: AlertSettings())
        return replay.curve(index, setting, parameter: parameter, values: values)
    }

    /// The exact metrics of settings on some runs: the full engine replayed.
    public static func evaluate(_ settings: AlertSettings, on runs: [TuningRun]) -> Metrics {
        RuleReplay.replayed(settings, on: runs)
    }
}
