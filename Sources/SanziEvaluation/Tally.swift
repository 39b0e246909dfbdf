import SanziAlerts
import SanziScenario
import SanziTruth

/// The cases (and look-alikes) that touched each event, built once per run and reused by
/// every evaluation of it.
public struct CaseIndex: Sendable {
    /// Event id → indices into `truth.cases`.
    let labels: [UInt64: [Int]]

    public init(_ truth: GroundTruth) { labels = truth.caseIndices }
}

/// Counts alerts against the cases their evidence touches, one alert at a time.
struct Tally {
    let truth: GroundTruth
    /// Event id → indices of the cases (and look-alikes) that touched it.
    let labels: [UInt64: [Int]]
    var truePositives = 0
    var lookAlikeAlarms = 0
    var byRule: [String: (alerts: Int, hits: Int, lookAlikes: Int)] = [:]
    var firstDay: [Int: Int32] = [:]
    var rulesByCase: [Int: Set<String>] = [:]
    var alertedLookAlikes: Set<Int> = []

    init(truth: GroundTruth, index: CaseIndex) {
        self.truth = truth
        labels = index.labels
    }

    /// Counts the alert at `position` of `alerts`.
    mutating func add(_ position: Int, of alerts: RaisedAlerts) {
        let (rule, day) = (alerts.rule(at: position), alerts.day(at: position))
        var cases = Set<Int>()
        var lookAlikes = Set<Int>()
        for id in alerts.events(of: position) {
            for index in labels[id] ?? [] {
                if truth.cases[index].kind == .misconduct { cases.insert(index) } else { lookAlikes.insert(index) }
            }
        }
        var counts = byRule[rule] ?? (0, 0, 0)
        counts.alerts += 1
        if !cases.isEmpty {
            truePositives += 1
            counts.hits += 1
            for index in cases {
                firstDay[index] = min(firstDay[index] ?? day, day)
                rulesByCase[index, default: []].insert(rule)
            }
        } else if !lookAlikes.isEmpty {
            lookAlikeAlarms += 1
            counts.lookAlikes += 1
        }
        alertedLookAlikes.formUnion(lookAlikes)
        byRule[rule] = counts
    }

    /// The misconduct cases each rule detected, by rule id.
    func casesDetectedByRule() -> [String: [Int]] {
        var detected: [String: [Int]] = [:]
        for (index, rules) in rulesByCase {
            for rule in rules { detected[rule, default: []].append(index) }
        }
        return detected
    }

    func result(for rule: String, name: String, detected: [Int]) -> Evaluation.RuleResult {
        let counts = byRule[rule] ?? (0, 0, 0)
        return Evaluation.RuleResult(
            rule: rule, name: name, alerts: counts.alerts, truePositives: counts.hits,
            falsePositives: counts.alerts - counts.hits, lookAlikeFalseAlarms: counts.lookAlikes,
            precision: Evaluation.ratio(counts.hits, counts.alerts), casesDetected: detected.count,
            lossDetectedFen: detected.reduce(0) { $0 + truth.cases[$1].loss })
    }

    /// The result for a typology, given the positions in `truth.cases` of its cases and
    /// look-alikes.
    func result(for typology: Typology, indices: [Int]) -> Evaluation.TypologyResult {
        let cases = indices.filter { truth.cases[$0].kind == .misconduct }
        let lookAlikes = indices.filter { truth.cases[$0].kind == .lookAlike }
        let detected = cases.filter { firstDay[$0] != nil }
        let delays = detected.compactMap { index in firstDay[index].map { max(0, $0 - truth.cases[index].startDay) } }
            .sorted()
        return Evaluation.TypologyResult(
            typology: typology.rawValue, cases: cases.count, detected: detected.count,
            recall: Evaluation.ratio(detected.count, cases.count),
            lossFen: cases.reduce(0) { $0 + truth.cases[$1].loss },
            lossDetectedFen: detected.reduce(0) { $0 + truth.cases[$1].loss },
            medianDaysToDetection: Self.median(delays), p90DaysToDetection: Self.percentile(delays, 0.9),
            lookAlikes: lookAlikes.count, lookAlikesAlerted: lookAlikes.filter { alertedLookAlikes.contains($0) }.count)
    }

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ sorted: [Int32]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1
            ? Double(sorted[middle]) : Double(Int(sorted[middle - 1]) + Int(sorted[middle])) / 2
    }

    /// The nearest-rank percentile: the smallest value with at least `share` of them at or below.
    static func percentile(_ sorted: [Int32], _ share: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((share * Double(sorted.count)).rounded(.up))
        return Double(sorted[max(0, min(sorted.count, rank) - 1)])
    }
}
