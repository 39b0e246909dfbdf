import SanziAlerts
import SanziEvaluation
import SanziScenario

/// What `tuning.json` holds (docs/tuning.md): the objective, the seeds, what changed, and the
/// starting and the chosen settings on the training and on the held-out test seeds.
public struct TuningSummary: Sendable, Encodable {
    public struct Change: Sendable, Encodable {
        public var rule: String
        /// The parameter changed, or `enabled` when the rule was switched on or off.
        public var parameter: String
        public var from: Double
        public var to: Double
    }

    public struct Comparison: Sendable, Encodable {
        public var start: Metrics
        public var chosen: Metrics
        public var startObjective: Double?
        public var chosenObjective: Double?
    }

    public var scenario: String
    public var objective: String
    public var trainSeeds: [UInt64]
    public var testSeeds: [UInt64]
    public var rounds: Int
    public var ruleReplays: Int
    /// Candidates deployed and simulated on every training seed, and those that would have
    /// made the same world as the current settings, scored by replay (`prevented-loss`).
    public var simulations: Int
    public var simulationsAvoided: Int
    public var changes: [Change]
    public var training: Comparison
    public var test: Comparison
    /// The objective the search worked to: the budget less the safety margin, if any.
    public var searchedObjective: String
    /// Measures the objective does not optimise that fell on the held-out seeds by more than
    /// the share `sanzi tune --warn-drop` allows, in words.
    public var warnings: [String]

    public init(
        scenario: String, objective: Objective, searched: Objective, trainSeeds: [UInt64], testSeeds: [UInt64],
        outcome: Tuner.Outcome, start: AlertSettings, test: (start: Metrics, chosen: Metrics), warnDrop: Double
    ) {
        self.scenario = scenario
        self.objective = objective.description
        searchedObjective = searched.description
        warnings = Self.falls(from: test.start, to: test.chosen, outside: objective, beyond: warnDrop)
        self.trainSeeds = trainSeeds
        self.testSeeds = testSeeds
        rounds = outcome.rounds
        ruleReplays = outcome.replays
        simulations = outcome.simulations
        simulationsAvoided = outcome.simulationsAvoided
        changes = Self.changes(from: start, to: outcome.settings)
        func value(_ metrics: Metrics) -> Double? {
            objective.isFeasible(metrics) ? Evaluation.rounded(objective.score(metrics)) : nil
        }
        training = Comparison(
            start: outcome.start, chosen: outcome.chosen, startObjective: value(outcome.start),
            chosenObjective: value(outcome.chosen))
        self.test = Comparison(
            start: test.start, chosen: test.chosen, startObjective: value(test.start),
            chosenObjective: value(test.chosen))
    }

    /// The measures outside the objective that fell from `start` to `chosen` by more than
    /// `share`, as sentences.
    static func falls(from start: Metrics, to chosen: Metrics, outside objective: Objective, beyond share: Double)
        -> [String]
    {
        Objective.Measure.allCases.filter { !objective.measures.contains($0) }.compactMap { measure in
            guard let before = measure.value(start), let after = measure.value(chosen), before > 0,
                after < before * (1 - share)
            else { return nil }
            let money = measure == .lossCaught || measure == .netLossPrevented
            let shown = { (value: Double) in
                money ? "\(Money(fen: Int64((value * 100).rounded()))) yuan" : "\(Evaluation.rounded(value))"
            }
            let fall = Int(((before - after) / before * 100).rounded())
            return
                "on the held-out seeds, \(measure.rawValue) fell \(fall)% (\(shown(before)) → \(shown(after))), which `\(objective)` does not weigh"
        }
    }

    static func changes(from start: AlertSettings, to chosen: AlertSettings) -> [Change] {
        RuleCatalogue.documentation.flatMap { rule -> [Change] in
            let before = RuleSetting(rule, in: start)
            let after = RuleSetting(rule, in: chosen)
            var changes: [Change] = []
            if before.enabled != after.enabled {
                changes.append(
                    Change(rule: rule.id, parameter: "enabled", from: before.enabled ? 1 : 0, to: after.enabled ? 1 : 0)
                )
            }
            for (old, new) in zip(before.parameters, after.parameters) where old.value != new.value {
                changes.append(Change(rule: rule.id, parameter: old.name, from: old.value, to: new.value))
            }
            return changes
        }
    }
}
