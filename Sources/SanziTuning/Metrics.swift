import SanziEvaluation

/// How a setting did over a set of seeds: the counts summed over the seeds.
public struct Metrics: Sendable, Hashable, Encodable {
    public var alerts = 0
    public var truePositives = 0
    public var cases = 0
    public var detected = 0
    public var lossFen: Int64 = 0
    public var lossDetectedFen: Int64 = 0
    /// Months summed over the seeds' runs.
    public var months = 0.0

    public init() {}

    /// Adds one seed's evaluation.
    public mutating func add(_ evaluation: Evaluation) {
        alerts += evaluation.alerts
        truePositives += evaluation.truePositives
        cases += evaluation.cases
        detected += evaluation.detected
        lossFen += evaluation.lossFen
        lossDetectedFen += evaluation.lossDetectedFen
        months += evaluation.months
    }

    public var precision: Double? { alerts > 0 ? Double(truePositives) / Double(alerts) : nil }
    public var recall: Double? { cases > 0 ? Double(detected) / Double(cases) : nil }
    /// Alerts per month across the scenario (all villages), averaged over the seeds.
    public var alertsPerMonth: Double { months > 0 ? Double(alerts) / months : 0 }

    public func fScore(beta: Double) -> Double {
        let p = precision ?? 0
        let r = recall ?? 0
        let b2 = beta * beta
        return p + r > 0 ? (1 + b2) * p * r / (b2 * p + r) : 0
    }

    private enum CodingKeys: String, CodingKey {
        case alerts, truePositives, cases, detected, lossFen, lossDetectedFen, months, precision, recall, f1
        case alertsPerMonth
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(truePositives, forKey: .truePositives)
        try container.encode(cases, forKey: .cases)
        try container.encode(detected, forKey: .detected)
        try container.encode(lossFen, forKey: .lossFen)
        try container.encode(lossDetectedFen, forKey: .lossDetectedFen)
        try container.encode(Evaluation.rounded(months), forKey: .months)
        try container.encode(precision.map(Evaluation.rounded), forKey: .precision)
        try container.encode(recall.map(Evaluation.rounded), forKey: .recall)
        try container.encode(Evaluation.rounded(fScore(beta: 1)), forKey: .f1)
        try container.encode(Evaluation.rounded(alertsPerMonth), forKey: .alertsPerMonth)
    }
}
