import SanziAlerts
import SanziOutput
import SanziScenario
import SanziTruth

/// Alerts scored against the ground truth (`evaluation.json`, documented in
/// docs/evaluation.md).
///
/// An alert is a true positive when its evidence touches an event of a misconduct case (an
/// escalation's evidence is that of the alerts it combines); otherwise it is a false alarm,
/// counted against a look-alike when its evidence touches one. A case is detected when at
/// least one alert is a true positive for it; its time to detection runs from the case's first
/// event to the first such alert.
public struct Evaluation: Sendable, Hashable, Encodable {
    /// One rule's alerts against the truth.
    public struct RuleResult: Sendable, Hashable, Encodable {
        public var rule: String
        public var name: String
        public var alerts: Int
        public var truePositives: Int
        public var falsePositives: Int
        /// False alarms whose evidence touches a look-alike.
        public var lookAlikeFalseAlarms: Int
        /// True positives over alerts; nil without alerts.
        @NullWhenAbsent public var precision: Double?
        /// Misconduct cases the rule's alerts touched.
        public var casesDetected: Int
        /// Loss, in fen, of the cases the rule detected.
        public var lossDetectedFen: Int64
    }

    /// One typology's cases against the alerts.
    public struct TypologyResult: Sendable, Hashable, Encodable {
        public var typology: String
        public var cases: Int
        public var detected: Int
        @NullWhenAbsent public var recall: Double?
        public var lossFen: Int64
        public var lossDetectedFen: Int64
        @NullWhenAbsent public var medianDaysToDetection: Double?
        @NullWhenAbsent public var p90DaysToDetection: Double?
        public var lookAlikes: Int
        /// Look-alikes that drew at least one alert.
        public var lookAlikesAlerted: Int
    }

    /// Which rules catch which typologies: `casesDetected[t][r]` is how many cases of
    /// `typologies[t]` an alert of `rules[r]` touched.
    public struct Coverage: Sendable, Hashable, Encodable {
        public var typologies: [String]
        public var rules: [String]
        public var casesDetected: [[Int]]

        /// Counts, per typology and rule, the misconduct cases the rule detected
        /// (`detectedByRule`: positions in `truth.cases` by rule id).
        init(truth: GroundTruth, detectedByRule: [String: [Int]]) {
            typologies = Typology.allCases.map(\.rawValue)
            rules = Evaluation.ruleNames.map(\.id)
            let rows = Dictionary(uniqueKeysWithValues: Typology.allCases.enumerated().map { ($1, $0) })
            var counts = Array(repeating: Array(repeating: 0, count: rules.count), count: typologies.count)
            for (column, rule) in rules.enumerated() {
                for index in detectedByRule[rule] ?? [] {
                    counts[rows[truth.cases.typology(at: index)] ?? 0][column] += 1
                }
            }
            casesDetected = counts
        }
    }

    /// What the evaluation knows of each misconduct case, for reports (not encoded).
    public struct Detection: Sendable, Hashable {
        public var caseID: Int
        /// Day of the first true-positive alert, or nil.
        public var firstAlertDay: Int32?
    }

    public var alerts: Int
    public var truePositives: Int
    public var falsePositives: Int
    public var lookAlikeFalseAlarms: Int
    @NullWhenAbsent public var precision: Double?
    public var cases: Int
    public var detected: Int
    @NullWhenAbsent public var recall: Double?
    @NullWhenAbsent public var f1: Double?
    public var lossFen: Int64
    public var lossDetectedFen: Int64
    /// Money that changed hands privately in the misconduct cases (kickbacks, votes bought):
    /// in no ledger and no part of the loss.
    public var privateMoneyFen: Int64
    /// Misconduct cases acted by several people together (collective cases), and their share.
    public var groupCases: Int
    @NullWhenAbsent public var groupShare: Double?
    public var villages: Int
    public var months: Double
    /// Investigator workload: alerts per village per month of the run.
    public var alertsPerVillageMonth: Double
    public var rules: [RuleResult]
    public var typologies: [TypologyResult]
    public var coverage: Coverage
    public var detections: [Detection] = []
    /// What the discipline-inspection bodies did (a run's, not a replay's).
    public var oversight: Oversight?
    /// The run against its pair with the warning system off (`sanzi run --counterfactual`).
    public var warningSystemEffect: WarningEffect?

    private enum CodingKeys: String, CodingKey {
        case alerts, truePositives, falsePositives, lookAlikeFalseAlarms, precision, cases, detected, recall, f1
        case lossFen, lossDetectedFen, privateMoneyFen, groupCases, groupShare
        case villages, months, alertsPerVillageMonth, rules, typologies, coverage
        case oversight, warningSystemEffect
    }

    /// The rules an evaluation reports on, in catalogue order, then the escalations.
    public static let ruleNames: [(id: String, name: String)] =
        RuleCatalogue.documentation.map { ($0.id, $0.name) } + [
            ("E01", "Escalation: yellows make an orange"), ("E02", "Escalation: oranges make a red"),
        ]

    /// Scores `alerts` against `truth` for a run of `villages` villages over `days` days;
    /// `index` (built from `truth`) saves rebuilding it when one run is scored many times.
    public init(alerts: RaisedAlerts, truth: GroundTruth, index: CaseIndex? = nil, villages: Int, days: Int) {
        var tally = Tally(truth: truth, index: index ?? CaseIndex(truth), ruleIDs: alerts.ruleIDs)
        for position in alerts.indices { tally.add(position, of: alerts) }
        let precision = Self.ratio(tally.truePositives, alerts.count)
        let misconduct = truth.cases.indices.filter { truth.cases.kind(at: $0) == .misconduct }
        let detectedCases = misconduct.filter { tally.firstDay[$0] != nil }
        let recall = Self.ratio(detectedCases.count, misconduct.count)
        self.alerts = alerts.count
        truePositives = tally.truePositives
        falsePositives = alerts.count - tally.truePositives
        lookAlikeFalseAlarms = tally.lookAlikeAlarms
        self.precision = precision
        cases = misconduct.count
        detected = detectedCases.count
        self.recall = recall
        if let precision, let recall {
            f1 = precision + recall > 0 ? Self.rounded(2 * precision * recall / (precision + recall)) : 0
        } else {
            f1 = nil
        }
        lossFen = misconduct.reduce(0) { $0 + truth.cases.loss(at: $1) }
        lossDetectedFen = detectedCases.reduce(0) { $0 + truth.cases.loss(at: $1) }
        privateMoneyFen = misconduct.reduce(0) { $0 + truth.cases.privateMoney(at: $1) }
        groupCases = misconduct.count { truth.cases.perpetratorCount(at: $0) > 1 }
        groupShare = Self.ratio(groupCases, misconduct.count)
        self.villages = villages
        months = Double(days) * 12 / 365.25
        alertsPerVillageMonth = Self.rounded(Double(alerts.count) / max(Double(villages) * months, 1e-9))
        months = Self.rounded(months)
        let detectedByRule = tally.casesDetectedByRule()
        rules = Self.ruleNames.map { tally.result(for: $0.id, name: $0.name, detected: detectedByRule[$0.id] ?? []) }
        // By typology in `allCases`' order (a dictionary hashed every entry, look-alikes
        // included, at each of tuning's thousands of scorings).
        var byTypology = [[Int]](repeating: [], count: Typology.allCases.count)
        for position in truth.cases.indices {
            byTypology[Typology.allCases.firstIndex(of: truth.cases.typology(at: position)) ?? 0].append(position)
        }
        typologies = zip(Typology.allCases, byTypology).map { tally.result(for: $0, indices: $1) }
        coverage = Coverage(truth: truth, detectedByRule: detectedByRule)
        detections = misconduct.map {
            Detection(caseID: truth.cases.id(at: $0), firstAlertDay: tally.firstDay[$0])
        }
    }

    /// Scores alerts held one by one (tuning's replays, tests): the same as for them raised.
    public init(alerts: [Alert], truth: GroundTruth, index: CaseIndex? = nil, villages: Int, days: Int) {
        self.init(alerts: RaisedAlerts(alerts), truth: truth, index: index, villages: villages, days: days)
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole > 0 ? rounded(Double(part) / Double(whole)) : nil
    }

    /// A ratio rounded to four decimals, as every output shows it.
    public static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
