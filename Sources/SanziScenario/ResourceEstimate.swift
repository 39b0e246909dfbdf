import Foundation
import SanziOutput

/// What a scenario asks of a run, estimated before it starts from the counts and amounts it
/// writes: the events it will log, the memory a run needs, and the most money it can move.
///
/// Events and memory are upper estimates: on the shipped scenarios and the scaling benchmark's
/// (12,000 villages over 5 and 15 years, whole and split by district) a run logs 0.4–0.6 of the
/// events and peaks at 0.6–0.85 of the memory estimated, with `--jobs 1` or `2`, with or without
/// `--counterfactual` (docs/performance.md, "The memory estimate"). Commands refuse a scenario
/// whose memory estimate is above the budget the user gives (`--max-memory`). Money is a
/// bound, not an estimate: every amount a run draws is at most the largest the scenario
/// allows. What one village can hold and move must stay under `villageMoneyLimitFen` (every
/// amount and balance in the log then fits the reader's 10^15), and the whole run under
/// `runMoneyLimitFen` (sums over villages cannot overflow).
public struct ResourceEstimate: Sendable, CustomStringConvertible {
    /// Events the run logs.
    public var events: Int
    /// Peak memory of one run, in bytes.
    public var memoryBytes: Int
    /// The most money, in fen, all villages together can hold and move over the horizon.
    public var moneyFen: Double
    /// The profile whose villages can each move the most money, and that amount in fen.
    public var richestVillage: (profile: String, moneyFen: Double)?

    /// 10^15 fen (ten trillion yuan) for one village: more than every village collective in
    /// China moves in a decade, and the largest integer the event log's reader accepts.
    public static let villageMoneyLimitFen = 1e15
    /// 10^17 fen for a whole run: sums over all villages stay far from Int64's 9.2 × 10^18.
    public static let runMoneyLimitFen = 1e17

    /// Memory a run needs besides what grows with the world: the binary, the compiled schema,
    /// buffers of the writers (a ten-village run peaks at 29–32 MiB).
    static let baseBytes = 40 << 20
    /// Bytes per logged event kept during a run. The log, the alerts, the events each case
    /// touched and old deals' values go to disk as the run goes, so what grows with the horizon
    /// is small: 12,000 villages peak at 228 MiB over five years and 244 MiB over fifteen
    /// (`--jobs 2`), some 0.3 bytes for each event estimated.
    static let bytesPerEvent = 1
    /// Bytes per item, person or bidder of the world: its records in the world, the rules'
    /// state kept per deal, party and village, and the report's context (some 110 measured at
    /// 12,000 villages split by district and in `sanzi dataset`, the largest).
    static let bytesPerEntity = 128

    public init(_ scenario: Scenario) {
        let days = scenario.horizon.dayCount(from: scenario.start)
        let years = Double(max(days, 1)) / 365.25
        // Rents drift up a few percent a year as appraisals follow the market.
        let drift = pow(1.03, years.rounded(.up))
        var profileCounts: [String: Int] = [:]
        for village in scenario.geography.villages { profileCounts[village.profileID, default: 0] += 1 }
        var events = 0.0
        var entities = 0.0
        var money = 0.0
        for profile in scenario.profiles {
            let villages = Double(profileCounts[profile.id] ?? 0)
            let items = Double(profile.itemsAtMost)
            let lines = profile.funds.incomes.count + profile.funds.spending.count
            events += villages * years * (40 + 12 * Double(lines) + 8 * items)
            let people =
                Double(4 + profile.people.committeeMembers + profile.people.supervisors)
                + Double(profile.localBidders.individuals.upperBound + profile.localBidders.firms.upperBound)
            entities += villages * (items + people * (1 + profile.people.tiesPerPerson))
            let villageMoney = Self.moneyFen(of: profile, years: years, drift: drift)
            money += villages * villageMoney
            if villages > 0, villageMoney > (richestVillage?.moneyFen ?? -1) {
                richestVillage = (profile.id, villageMoney)
            }
        }
        for pool in scenario.bidders.pools {
            entities += Double(pool.firms) + Double(pool.newFirmsPerYear) * years
            events += Double(pool.newFirmsPerYear) * years
        }
        // Disputes, where offices answer them: at most one new a village a month, each
        // petitioning up to give-up-after times, each petition with its lead.
        if Self.answersDisputes(scenario) {
            let petitions = Double(scenario.oversight.petitions.giveUpAfter)
            events += Double(scenario.geography.villages.count) * years * 12 * 2 * petitions
        }
        self.events = Int(min(events.rounded(.up), Double(Int.max / 2)))
        let bytes =
            Double(Self.baseBytes) + Double(Self.bytesPerEvent) * events
            + Double(Self.bytesPerEntity) * entities
        memoryBytes = Int(min(bytes, Double(Int.max / 2)))
        moneyFen = money
    }

    /// Whether offices answer disputes anywhere (`dispute-answers`, or a task that sets it), so
    /// that disputes come back until answered.
    static func answersDisputes(_ scenario: Scenario) -> Bool {
        scenario.oversight.petitions.disputeAnswers != nil
            || scenario.rectification.tasks.contains { _, task in
                task.effects.contains { if case .disputeAnswers = $0 { true } else { false } }
            }
    }

    /// The most money, in fen, one village of `profile` holds and moves over `years`: its
    /// opening balances, and each year every item at the highest rent its spread can draw
    /// (and its sale, ten years' rent), every income and spending line at its maximum, and a
    /// compensation payment.
    static func moneyFen(of profile: VillageProfile, years: Double, drift: Double) -> Double {
        let openings = profile.funds.accounts.reduce(0) { $0 + Double($1.opening.upperBound.fen) }
        let items = profile.registers.reduce(0.0) { sum, register in
            // The largest lognormal draw a uniform double can give is exp(8.6 sigma).
            let rent = Double(register.rentMedian.fen) * register.size.upperBound * exp(8.6 * register.rentSpread)
            return sum + Double(register.count.upperBound) * rent * 11
        }
        let lines = (profile.funds.incomes.map(\.perYear) + profile.funds.spending.map(\.perYear))
            .reduce(0) { $0 + Double($1.upperBound.fen) }
        let compensation = profile.funds.compensation.map { Double($0.amount.upperBound.fen) } ?? 0
        return openings + years.rounded(.up) * drift * (items + lines + compensation)
    }

    /// The estimate in words: "about 8,351 events and 60 MiB".
    public var description: String {
        "about \(NumberText.grouped(Int64(events))) events and \(NumberText.grouped(Int64(memoryBytes >> 20))) MiB"
    }
}
