/// What tuning maximises on the training seeds.
public enum Objective: Sendable, Hashable, CustomStringConvertible {
    /// The F1 score of all alerts against all cases.
    case f1
    /// The F-beta score (beta > 1 weighs recall more).
    case fbeta(Double)
    /// The highest recall whose precision is at least the bound.
    case recallAtPrecision(Double)
    /// The most loss caught with at most this many alerts per month across the scenario
    /// (the investigators' capacity).
    case lossAtBudget(Double)
    /// The most loss, net of recoveries, that the warning system prevents with the scenario's
    /// investigators: every candidate deployed and the closed loop simulated, against the same
    /// seeds with the warning system off. Settings that drown investigators in false leads
    /// prevent less, because the leads that matter wait or are shelved.
    case preventedLoss

    /// Parses `f1`, `fbeta:2`, `recall-at-precision:0.5`, `loss-at-budget:40` or
    /// `prevented-loss`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let value = parts.count == 2 ? Double(parts[1]) : nil
        switch (parts[0], value) {
        case ("f1", nil) where parts.count == 1: self = .f1
        case ("prevented-loss", nil) where parts.count == 1: self = .preventedLoss
        case ("fbeta", let beta?) where beta > 0: self = .fbeta(beta)
        case ("recall-at-precision", let bound?) where (0...1).contains(bound): self = .recallAtPrecision(bound)
        case ("loss-at-budget", let budget?) where budget > 0: self = .lossAtBudget(budget)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .f1: "f1"
        case .fbeta(let beta): "fbeta:\(Self.format(beta))"
        case .recallAtPrecision(let bound): "recall-at-precision:\(Self.format(bound))"
        case .lossAtBudget(let budget): "loss-at-budget:\(Self.format(budget))"
        case .preventedLoss: "prevented-loss"
        }
    }

    /// The objective the search works to: under a budget, the budget less a safety margin (a
    /// share of it), so that settings which just fit on the training seeds still fit on others.
    public func searched(margin: Double) -> Objective {
        guard case .lossAtBudget(let budget) = self else { return self }
        return .lossAtBudget(budget * (1 - margin))
    }

    /// The measures the objective optimises or constrains; a fall in another on the held-out
    /// seeds is worth a warning.
    public var measures: Set<Measure> {
        switch self {
        case .f1: [.f1]
        case .fbeta: []
        case .recallAtPrecision: [.recall, .precision]
        case .lossAtBudget: [.lossCaught]
        case .preventedLoss: [.netLossPrevented]
        }
    }

    /// What a tuning reports of a setting, beside its objective.
    public enum Measure: String, CaseIterable, Sendable, Hashable {
        case precision, recall, f1
        case lossCaught = "loss caught"
        case netLossPrevented = "net loss prevented"

        /// The measure's value, in yuan for money; `nil` when it is undefined or not measured.
        public func value(_ metrics: Metrics) -> Double? {
            switch self {
            case .precision: metrics.precision
            case .recall: metrics.recall
            case .f1: metrics.fScore(beta: 1)
            case .lossCaught: Double(metrics.lossDetectedFen) / 100
            case .netLossPrevented: metrics.netLossPreventedFen.map { Double($0) / 100 }
            }
        }
    }

    /// Whether candidates are scored by simulating the world they make (else by replaying the
    /// rules over logs kept once).
    public var simulates: Bool { self == .preventedLoss }

    /// The objective's value for some metrics. Below a constraint, the value is far below any
    /// feasible one and grows as the violation shrinks, so a search moves towards feasibility.
    public func score(_ metrics: Metrics) -> Double {
        switch self {
        case .f1: return metrics.fScore(beta: 1)
        case .fbeta(let beta): return metrics.fScore(beta: beta)
        case .recallAtPrecision(let bound):
            let precision = metrics.precision ?? 0
            return precision >= bound ? metrics.recall ?? 0 : Self.infeasible - (bound - precision)
        case .lossAtBudget(let budget):
            return metrics.alertsPerMonth <= budget
                ? Double(metrics.lossDetectedFen) / 100 : Self.infeasible - (metrics.alertsPerMonth - budget)
        case .preventedLoss:
            return metrics.netLossPreventedFen.map { Double($0) / 100 } ?? Self.infeasible
        }
    }

    /// Whether `candidate` is better than `current`: a higher score; for `prevented-loss`,
    /// also a mean of the per-seed gains above two standard errors of that mean, so that the
    /// search does not chase the noise of single runs (one large case can move a seed's
    /// prevented loss by a million yuan).
    public func improves(_ candidate: Metrics, on current: Metrics) -> Bool {
        guard score(candidate) > score(current) + 1e-12 else { return false }
        guard self == .preventedLoss else { return true }
        let gains = zip(candidate.netLossPreventedBySeedFen, current.netLossPreventedBySeedFen).map {
            Double($0 - $1)
        }
        guard gains.count > 1 else { return true }
        let mean = gains.reduce(0, +) / Double(gains.count)
        let variance = gains.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gains.count - 1)
        return mean > 2 * (variance / Double(gains.count)).squareRoot()
    }

    /// Whether the metrics meet the objective's constraint.
    public func isFeasible(_ metrics: Metrics) -> Bool { score(metrics) > Self.infeasible / 2 }

    static let infeasible = -1e12

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
