import SanziAlerts
import SanziScenario
import SanziTruth

/// The cases (and look-alikes) that touched each event, built once per run and reused by
/// every evaluation of it.
///
/// The (event, case) pairs are counted into blocks of consecutive event ids (a counting sort:
/// no copy of the pairs is made to sort them), and a pair keeps only its case and the event's
/// offset in its block. Blocks are sized to hold eight to sixteen pairs on average, so a
/// look-up reads one short block. About 6 bytes a pair where the log's ids run 1, 2, 3, … (a
/// case, a one-byte offset, and a block's start shared by eight or more); sorted (event,
/// case) pairs took 16, and 8 more while sorting (12,000 villages over five years: 724,201
/// pairs, 11.3 MB resident and 16.6 at the peak of the sort), the largest thing the
/// evaluation built.
public struct CaseIndex: Sendable {
    /// The smallest event id a case touched: block 0 starts there.
    private let base: UInt64
    /// A block is `1 << shift` event ids wide.
    private let shift: UInt64
    /// Bytes of an offset in its block (little-endian): 1 unless the ids are sparse.
    private let width: Int
    /// Block `b`'s pairs are `starts[b] ..< starts[b + 1]`; empty when no case touched an event.
    private let starts: [Int]
    /// Each pair's case (its position in `truth.cases`), block after block, in case order.
    private let cases: [Int32]
    /// Each pair's event, as its offset in its block, `width` bytes a pair.
    private let offsets: [UInt8]

    public init(_ truth: GroundTruth) {
        var (count, smallest, largest) = (0, UInt64.max, UInt64.min)
        for position in truth.cases.indices {
            let events = truth.cases.events(at: position)
            count += events.count
            for event in events { (smallest, largest) = (min(smallest, event), max(largest, event)) }
        }
        guard count > 0 else {
            (base, shift, width, starts, cases, offsets) = (0, 0, 1, [], [], [])
            return
        }
        var shift: UInt64 = 0
        while (largest - smallest) >> shift > UInt64(count / 8) { shift += 1 }
        let width = max(1, (Int(shift) + 7) / 8)
        var next = [Int](repeating: 0, count: Int((largest - smallest) >> shift) + 2)
        for position in truth.cases.indices {
            for event in truth.cases.events(at: position) { next[Int((event - smallest) >> shift) + 1] += 1 }
        }
        for block in next.indices.dropFirst() { next[block] += next[block - 1] }
        let starts = next
        var cases = [Int32](repeating: 0, count: count)
        var offsets = [UInt8](repeating: 0, count: count * width)
        let mask: UInt64 = (1 << shift) &- 1
        for index in truth.cases.indices {
            for event in truth.cases.events(at: index) {
                let relative = event - smallest
                let block = Int(relative >> shift)
                let pair = next[block]
                next[block] += 1
                cases[pair] = Int32(index)
                for byte in 0..<width {
                    offsets[pair * width + byte] = UInt8(truncatingIfNeeded: (relative & mask) >> (8 * byte))
                }
            }
        }
        (self.base, self.shift, self.width, self.starts, self.cases, self.offsets) =
            (smallest, shift, width, starts, cases, offsets)
    }

    /// Calls `body` with the index of each case that touched `event`, in case order.
    func forEachCase(touching event: UInt64, _ body: (Int) -> Void) {
        guard event >= base else { return }
        let relative = event - base
        let block = relative >> shift
        guard block < UInt64(max(starts.count - 1, 0)) else { return }
        let offset = relative & ((1 << shift) &- 1)
        for pair in starts[Int(block)]..<starts[Int(block) + 1] where self.offset(of: pair) == offset {
            body(Int(cases[pair]))
        }
    }

    /// The offset in its block of the event of `pair`.
    private func offset(of pair: Int) -> UInt64 {
        var offset: UInt64 = 0
        for byte in 0..<width { offset |= UInt64(offsets[pair * width + byte]) << (8 * byte) }
        return offset
    }
}

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
    var firstDay: [Int: Int32] = [:]
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
        alertedLookAlikes = Array(repeating: false, count: truth.cases.count)
    }

    /// Counts the alert at `position` of `alerts`.
    mutating func add(_ position: Int, of alerts: RaisedAlerts) {
        let (rule, day) = (alerts.ruleNumber(at: position), alerts.day(at: position))
        // Most alerts touch no case and most of the rest one: arrays, not sets.
        var cases: [Int] = []
        var lookAlikes: [Int] = []
        for id in alerts.events(of: position) {
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
            lossDetectedFen: detected.reduce(0) { $0 + truth.cases[$1].loss })
    }

    /// The result for a typology, given the positions in `truth.cases` of its cases and
    /// look-alikes.
    func result(for typology: Typology, indices: [Int]) -> Evaluation.TypologyResult {
        let cases = indices.filter { truth.cases.kind(at: $0) == .misconduct }
        let lookAlikes = indices.filter { truth.cases.kind(at: $0) == .lookAlike }
        let detected = cases.filter { firstDay[$0] != nil }
        let delays = detected.compactMap { index in firstDay[index].map { max(0, $0 - truth.cases[index].startDay) } }
            .sorted()
        return Evaluation.TypologyResult(
            typology: typology.rawValue, cases: cases.count, detected: detected.count,
            recall: Evaluation.ratio(detected.count, cases.count),
            lossFen: cases.reduce(0) { $0 + truth.cases[$1].loss },
            lossDetectedFen: detected.reduce(0) { $0 + truth.cases[$1].loss },
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
