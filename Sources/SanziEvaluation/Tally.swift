import SanziAlerts
import SanziScenario
import SanziTruth

/// Counts alerts against the cases their evidence touches, one alert at a time, by the
/// alerts' rule numbers (`RaisedAlerts.ruleNumber(at:)`, positions in `ruleIDs`).
struct Tally {
    typealias Counts = (alerts: Int, hits: Int, lookAlikes: Int)

    let truth: GroundTruth
    let index: CaseIndex
    /// The ids of the rules, by number: the alerts' `ruleIDs`.
    let ruleIDs: [String]
    var truePositives = 0
    var lookAlikeAlarms = 0
    /// Counts by rule number.
    var byRuleNumber: [Counts] = []
    /// The day of the first alert that touched each misconduct case, by position in
    /// `truth.cases` (nil for none), looked up at every case an alert touches.
    var firstDay: [Int32?]
    /// The rule numbers that detected each case.
    var ruleNumbersByCase: [Int: Set<Int>] = [:]
    /// Whether an alert touched each look-alike, by position in `truth.cases`: a byte a case,
    /// where a set of them grew by doubling (most of the 332,850 entries of 12,000 villages over
    /// fifteen years are look-alikes).
    var alertedLookAlikes: [Bool]

    init(truth: GroundTruth, index: CaseIndex, ruleIDs: [String]) {
        self.truth = truth
        self.index = index
        self.ruleIDs = ruleIDs
        firstDay = Array(repeating: nil, count: truth.cases.count)
        alertedLookAlikes = Array(repeating: false, count: truth.cases.count)
    }

    /// Counts the alert at `position` of `alerts`.
    mutating func add(_ position: Int, of alerts: RaisedAlerts) {
        let (rule, day) = (alerts.ruleNumber(at: position), alerts.day(at: position))
        // Most alerts touch no case and most of the rest one: arrays, not sets.
        var cases: [Int] = []
        var lookAlikes: [Int] = []
        alerts.forEachEvent(of: position) { id in
            index.forEachCase(touching: id) { touched in
                if truth.cases.kind(at: touched) == .misconduct {
                    if !cases.contains(touched) { cases.append(touched) }
                } else if !lookAlikes.contains(touched) {
                    lookAlikes.append(touched)
                }
            }
        }
        while byRuleNumber.count <= rule { byRuleNumber.append((0, 0, 0)) }
        byRuleNumber[rule].alerts += 1
        if !cases.isEmpty {
            truePositives += 1
            byRuleNumber[rule].hits += 1
            for index in cases {
                firstDay[index] = min(firstDay[index] ?? day, day)
                ruleNumbersByCase[index, default: []].insert(rule)
            }
        } else if !lookAlikes.isEmpty {
            lookAlikeAlarms += 1
            byRuleNumber[rule].lookAlikes += 1
        }
        for index in lookAlikes { alertedLookAlikes[index] = true }
    }

    /// The misconduct cases each rule detected, by rule id.
    func casesDetectedByRule() -> [String: [Int]] {
        var detected: [String: [Int]] = [:]
        for (index, rules) in ruleNumbersByCase {
            for rule in rules { detected[ruleIDs[rule], default: []].append(index) }
        }
        return detected
    }

    func result(for rule: String, name: String, detected: [Int]) -> Evaluation.RuleResult {
        let number = ruleIDs.firstIndex(of: rule).flatMap { $0 < byRuleNumber.count ? $0 : nil }
        let counts: Counts = number.map { byRuleNumber[$0] } ?? (0, 0, 0)
        return Evaluation.RuleResult(
            rule: rule, name: name, alerts: counts.alerts, truePositives: counts.hits,
            falsePositives: counts.alerts - counts.hits, lookAlikeFalseAlarms: counts.lookAlikes,
            precision: Evaluation.ratio(counts.hits, counts.alerts), casesDetected: detected.count,
            lossDetectedFen: detected.reduce(0) { $0 + truth.cases.loss(at: $1) })
    }

    /// The result for a typology, given the positions in `truth.cases` of its cases and
    /// look-alikes.
    func result(for typology: Typology, indices: [Int]) -> Evaluation.TypologyResult {
        let cases = indices.filter { truth.cases.kind(at: $0) == .misconduct }
        let lookAlikes = indices.filter { truth.cases.kind(at: $0) == .lookAlike }
        let detected = cases.filter { firstDay[$0] != nil }
        let delays = detected.compactMap { index in
            firstDay[index].map { max(0, $0 - truth.cases.startDay(at: index)) }
        }.sorted()
        return Evaluation.TypologyResult(
            typology: typology.rawValue, cases: cases.count, detected: detected.count,
            recall: Evaluation.ratio(detected.count, cases.count),
            lossFen: cases.reduce(0) { $0 + truth.cases.loss(at: $1) },
            lossDetectedFen: detected.reduce(0) { $0 + truth.cases.loss(at: $1) },
            medianDaysToDetection: Self.median(delays), p90DaysToDetection: Self.percentile(delays, 0.9),
            lookAlikes: lookAlikes.count, lookAlikesAlerted: lookAlikes.filter { alertedLookAlikes[$0] }.count)
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
