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
    /// What the settings did to the world when deployed, and the same seeds with the warning
    /// system off: only when the closed loop was simulated (objective `prevented-loss`).
    public var warningSystemOn: WarningEffect.Side?
    public var warningSystemOff: WarningEffect.Side?
    /// Loss net of recoveries the warning system prevented on each seed, in order.
    public var netLossPreventedBySeedFen: [Int64] = []

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

    /// Adds one seed's closed loop: the run with the settings deployed, and its pair without
    /// the warning system.
    public mutating func add(on: WarningEffect.Side, off: WarningEffect.Side) {
        if warningSystemOn == nil { warningSystemOn = on } else { warningSystemOn?.add(on) }
        if warningSystemOff == nil { warningSystemOff = off } else { warningSystemOff?.add(off) }
        netLossPreventedBySeedFen.append(off.netLossFen - on.netLossFen)
    }

    /// Loss net of recoveries that the warning system prevented: off − on, when simulated.
    public var netLossPreventedFen: Int64? {
        guard let on = warningSystemOn, let off = warningSystemOff else { return nil }
        return off.netLossFen - on.netLossFen
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
        case alertsPerMonth, warningSystemOn, warningSystemOff, netLossPreventedFen, netLossPreventedBySeedFen
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
        try container.encodeIfPresent(warningSystemOn, forKey: .warningSystemOn)
        try container.encodeIfPresent(warningSystemOff, forKey: .warningSystemOff)
        try container.encodeIfPresent(netLossPreventedFen, forKey: .netLossPreventedFen)
        if !netLossPreventedBySeedFen.isEmpty {
            try container.encode(netLossPreventedBySeedFen, forKey: .netLossPreventedBySeedFen)
        }
    }
}
