import SanziEngine
import SanziEvents
import SanziScenario

/// C01: a competitive listing with one bidder.
public struct SingleBidder: AlertRule {
    public static let documentation = RuleDocumentation(
        id: "C01", name: "Single bidder", group: .competition,
        detects:
            "An award with exactly one registered bidder, or a negotiated deal after failed listings: no competition. Remote villages with one honest bidder look the same.",
        severity: "yellow",
        source: "Cardinal R018; OCP red flag i007; Fazekas CRI",
        state: .event,
        parameters: [], targets: [.bidRigging, .offPlatformDeal])
    public static let reads: [EventType] = [.award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "a single bidder"
    }

    public init(parameters: RuleParameters) {}

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.count <= 1 || r.method == .negotiated else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: .yellow, day: event.day, village: r.village, subject: .listing(r.subject),
                score: Double(r.count), threshold: 1, evidence: [event.id]))
    }
}

/// C02: the two best bids almost equal.
public struct CloseTopBids: AlertRule {
    static let epsilon = RuleDocumentation.Parameter(
        "epsilon", default: 0.01, range: 0...0.2, "relative gap counted as too close")
    public static let documentation = RuleDocumentation(
        id: "C02", name: "Top two bids too close", group: .competition,
        detects:
            "In a tender, the best and second-best bids differ by at most ε (relative to the second): cover bidding places a loser just beside the winner. Ascending auctions are left out: there the winner always pays one step over the runner-up.",
        severity: "yellow",
        source: "Cardinal R024; World Bank red flags",
        state: .deal,
        parameters: [epsilon], targets: [.bidRigging])
    public static let reads: [EventType] = [.award]
    public static let readsBids = true

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "the top two bids only \(Wording.percent(alert.score)) apart"
    }

    let epsilon: Double

    public init(parameters: RuleParameters) { epsilon = parameters[Self.epsilon] }

    public mutating func observe(_ event: LoggedEvent, _ declarations: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        let bids = declarations.bids(on: r.subject)
        guard r.method == .lowestPriceTender else { return }
        let ranked = bids.sorted { $0.amount < $1.amount }
        guard ranked.count >= 2, ranked[1].amount > 0 else { return }
        let gap = abs(Double(ranked[0].amount - ranked[1].amount)) / Double(ranked[1].amount)
        guard gap <= epsilon else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: .yellow, day: event.day, village: r.village, subject: .listing(r.subject),
                score: gap, threshold: epsilon, evidence: [ranked[0].id, ranked[1].id, event.id]))
    }
}

/// C03: identical bids, or bids a whole percent apart.
public struct PatternedBids: AlertRule {
    public static let documentation = RuleDocumentation(
        id: "C03", name: "Identical or whole-percent bids", group: .competition,
        detects:
            "Two bidders bid exactly the same, or one bid is an exact whole percentage (1–20%) of another: bids written by one hand.",
        severity: "orange for identical bids, yellow for whole-percent gaps",
        source: "Cardinal R028; OCP red flag i085",
        state: .deal,
        parameters: [], targets: [.bidRigging, .bidRotation])
    public static let reads: [EventType] = [.award]
    public static let readsBids = true

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "identical or whole-percent bids"
    }

    public init(parameters: RuleParameters) {}

    public mutating func observe(_ event: LoggedEvent, _ declarations: Declarations, _ output: inout AlertOutput) {
        let bids = declarations.bids(on: event.record.subject)
        for (i, a) in bids.enumerated() {
            for b in bids[(i + 1)...] where a.amount > 0 && b.amount > 0 {
                let (low, high) = (min(a.amount, b.amount), max(a.amount, b.amount))
                let identical = low == high
                let (hundredfold, overflow) = high.multipliedReportingOverflow(by: 100)
                let wholePercent =
                    !identical && !overflow && hundredfold % low == 0 && (1...20).contains(hundredfold / low - 100)
                guard identical || wholePercent else { continue }
                output.raise(
                    Alert(
                        rule: Self.id, severity: identical ? .orange : .yellow, day: event.day,
                        village: event.record.village,
                        subject: .listing(event.record.subject), score: Double(high) / Double(low), threshold: 1,
                        evidence: [a.id, b.id]))
                return
            }
        }
    }
}

/// C04: losing bids in round sums.
public struct RoundLosingBids: AlertRule {
    static let roundYuan = RuleDocumentation.Parameter(
        "round-yuan", default: 1_000, range: 1...1_000_000, "the round sum")
    public static let documentation = RuleDocumentation(
        id: "C04", name: "Round losing bids", group: .competition,
        detects:
            "Every losing bid of an auction with at least two losers is a multiple of a round sum: cover bids are often round. Auctions whose increments are round produce them honestly too.",
        severity: "yellow",
        source: "World Bank red flags",
        state: .deal,
        parameters: [roundYuan], targets: [.bidRigging, .bidRotation])
    public static let reads: [EventType] = [.award]
    public static let readsBids = true

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Int(alert.score)) losing bids in round sums"
    }

    let round: Int64

    public init(parameters: RuleParameters) { round = Int64(parameters[Self.roundYuan] * 100) }

    public mutating func observe(_ event: LoggedEvent, _ declarations: Declarations, _ output: inout AlertOutput) {
        let losers = declarations.bids(on: event.record.subject).filter { $0.bidder != event.record.party }
        guard losers.count >= 2, losers.allSatisfy({ $0.amount % round == 0 }) else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: .yellow, day: event.day, village: event.record.village,
                subject: .listing(event.record.subject), score: Double(losers.count), threshold: 2,
                evidence: losers.map(\.id) + [event.id]))
    }
}

/// Offers turned away at the review of each listing, gathered until its award (or its failure).
struct TurnedAway {
    /// What the review of one listing turned away.
    struct Review {
        /// Whether the listing's deal is works, where the lower offer is the better one.
        var works = false
        var offers: [(amount: Int64, id: UInt64)] = []
    }

    var reviews: [Int64: Review] = [:]

    /// Gathers a `disqualification`; a failed listing's review is dropped. Returns the
    /// listing's review (empty when it turned nobody away) when `event` is its award.
    mutating func observe(_ event: LoggedEvent) -> Review? {
        let r = event.record
        switch r.type {
        case .disqualification:
            reviews[r.subject, default: Review()].works = r.deal == .works
            reviews[r.subject, default: Review()].offers.append((r.amount, event.id))
            return nil
        case .listingFailed:
            reviews.removeValue(forKey: r.subject)
            return nil
        default:
            return reviews.removeValue(forKey: r.subject) ?? Review()
        }
    }
}

/// C05: an offer better than the winner's turned away at the review.
public struct BestBidDisqualified: AlertRule {
    static let margin = RuleDocumentation.Parameter(
        "margin", default: 0, range: 0...0.5, "how much better than the winning price a turned-away offer must be")
    public static let documentation = RuleDocumentation(
        id: "C05", name: "Best bid disqualified", group: .competition,
        detects:
            "The review turned away an offer better for the collective than the winning price by more than the margin (higher rent, lower works price): a cadre paid to steer the award disqualifies the bids that would beat the payer's (受贿). Honest reviews turn a best bid away too, for missing papers or deposits.",
        severity: "orange; red when two or more better offers were turned away",
        source: "Cardinal R036; OCP red flag i182",
        state: .deal,
        parameters: [margin], targets: [.bribedAward])
    public static let reads: [EventType] = [.disqualification, .listingFailed, .award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "an offer \(Wording.percent(alert.score)) better than the winning price was disqualified"
    }

    let margin: Double
    var turnedAway = TurnedAway()

    public init(parameters: RuleParameters) { margin = parameters[Self.margin] }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard let review = turnedAway.observe(event), r.amount > 0 else { return }
        // How much better than the winning price each offer was, as a share of that price.
        let better = review.offers.map { offer in
            (
                advantage: Double(review.works ? r.amount - offer.amount : offer.amount - r.amount) / Double(r.amount),
                id: offer.id
            )
        }.filter { $0.advantage > margin }
        guard let best = better.map(\.advantage).max() else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: better.count >= 2 ? .red : .orange, day: event.day, village: r.village,
                subject: .listing(r.subject), score: best, threshold: margin,
                evidence: better.map(\.id) + [event.id]))
    }
}

/// C06: most of a listing's registrations turned away at the review.
public struct RivalsDisqualified: AlertRule {
    static let share = RuleDocumentation.Parameter(
        "share", default: 0.5, range: 0.1...1, "the share of registrations turned away")
    static let minimum = RuleDocumentation.Parameter(
        "minimum", default: 2, range: 1...20, "the fewest registrations turned away that count")
    public static let documentation = RuleDocumentation(
        id: "C06", name: "Rivals disqualified", group: .competition,
        detects:
            "At least the minimum number, and at least the share, of an awarded listing's registrations were turned away at the review: a bribed award clears the field of rivals that would win. A run of honest failures (papers, deposits) looks the same.",
        severity: "orange; red when every registration but the winner's was turned away",
        source: "Cardinal R035; OCP red flag i003 (all but the winner disqualified), widened to most",
        state: .deal,
        parameters: [share, minimum], targets: [.bribedAward])
    public static let reads: [EventType] = [.disqualification, .listingFailed, .award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Wording.percent(alert.score)) of the registrations were disqualified"
    }

    let share: Double
    let minimum: Int
    var turnedAway = TurnedAway()

    public init(parameters: RuleParameters) {
        share = parameters[Self.share]
        minimum = Int(parameters[Self.minimum])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        guard let offers = turnedAway.observe(event)?.offers else { return }
        let r = event.record
        let registered = Int(r.count)
        guard registered > 0, offers.count >= minimum else { return }
        let turned = Double(offers.count) / Double(registered)
        guard turned >= share else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: offers.count >= registered - 1 ? .red : .orange, day: event.day,
                village: r.village, subject: .listing(r.subject), score: turned, threshold: share,
                evidence: offers.map(\.id) + [event.id]))
    }
}

/// C07: the same ring of bidders meeting again with the same winner.
public struct BidderRing: AlertRule {
    static let meetings = RuleDocumentation.Parameter(
        "meetings", default: 2, range: 2...20, "meetings of the same set with the same winner")
    static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 730, range: 30...3_650, "how far back meetings count")
    public static let documentation = RuleDocumentation(
        id: "C07", name: "Bidder ring", group: .competition,
        detects:
            "The same set of bidders meets again with the same winner within a window: a ring sharing out deals, with habitual losers.",
        severity: "orange; red from the third meeting",
        source: "OCP red flag i083; Cardinal R025",
        state: .party,
        parameters: [meetings, windowDays], targets: [.bidRotation])
    public static let reads: [EventType] = [.award]
    public static let readsBids = true

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "the same bidders met \(Int(alert.score)) times with the same winner"
    }

    let meetings: Int
    let window: Int32
    /// The meetings of each set of bidders with its winner within the window.
    var sets = WindowedLists<BidderSet, DayAndID>()

    public init(parameters: RuleParameters) {
        meetings = Int(parameters[Self.meetings])
        window = Int32(parameters[Self.windowDays])
    }

    public mutating func observe(_ event: LoggedEvent, _ declarations: Declarations, _ output: inout AlertOutput) {
        let bidders = declarations.bids(on: event.record.subject).map(\.bidder)
        sets.forget(window: window, on: event.day) { $0.day }
        guard bidders.count >= 2 else { return }
        let earliest = event.day - window
        let seen = sets.update(BidderSet(bidders: bidders.sorted(), winner: event.record.party)) { meetings in
            meetings.removeAll { $0.day < earliest }
            meetings.append(DayAndID(event))
            return meetings
        }
        guard seen.count >= meetings else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: seen.count >= 3 ? .red : .orange, day: event.day,
                village: event.record.village,
                subject: .bidder(event.record.party), score: Double(seen.count), threshold: Double(meetings),
                evidence: seen.map(\.id)))
    }
}

/// A set of bidders (sorted) with its winner, as C07 tells sets apart: by a 128-bit digest of
/// the ids in order, two chains of SplitMix64's finaliser (`RandomStream.mix`) over differently
/// transformed ids, stable across runs and platforms. Two different sets would share one with
/// odds of about n²/2¹²⁹ for n sets in a window: below 10⁻²⁶ for the ~400,000 of 12,000 villages.
struct BidderSet: Hashable {
    private var high: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var low: UInt64 = 0xD1B5_4A32_D192_ED03

    init(bidders: [Int64], winner: Int64) {
        for id in bidders { mix(id) }
        mix(winner)
    }

    private mutating func mix(_ id: Int64) {
        let value = UInt64(bitPattern: id)
        high = RandomStream.mix(high ^ value)
        low = RandomStream.mix(low &+ value &* 0xA24B_AED4_963E_E407)
    }
}

/// C08: one party winning again and again in one village.
public struct RepeatWinner: AlertRule {
    static let wins = RuleDocumentation.Parameter(
        "wins", default: 4, range: 2...100, "wins in a year that raise the alert")
    /// Also the window of the datasets' `counterparty_wins_365` feature.
    public static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 365, range: 30...1_825, "the window")
    public static let documentation = RuleDocumentation(
        id: "C08", name: "Repeat winner", group: .competition,
        detects: "One party wins at least N deals from one village within a year.",
        severity: "yellow; orange at twice N",
        source: "OCP red flag i077; Digiwhist winner share",
        state: .village,
        parameters: [wins, windowDays], targets: [.bidRotation, .relativeAward])
    public static let reads: [EventType] = [.award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Int(alert.score)) wins by one bidder within the window"
    }

    let wins: Int
    let window: Int32
    /// The wins of each party in each village within the window.
    var history = WindowedLists<Int64, DayAndID>()

    public init(parameters: RuleParameters) {
        wins = Int(parameters[Self.wins])
        window = Int32(parameters[Self.windowDays])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        history.forget(window: window, on: event.day) { $0.day }
        let key = Int64(event.record.village) << 40 ^ event.record.party
        let seen = history.update(key) { list -> [DayAndID]? in
            list.removeAll { event.day - $0.day > window }
            list.append(DayAndID(event))
            guard list.count >= wins else { return nil }
            defer { list = [] }
            return list
        }
        guard let seen else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: seen.count >= 2 * wins ? .orange : .yellow, day: event.day,
                village: event.record.village, subject: .bidder(event.record.party), score: Double(seen.count),
                threshold: Double(wins), evidence: seen.map(\.id)))
    }
}

/// C09: a winner founded shortly before the award.
public struct NewCompanyWins: AlertRule {
    static let minimumAgeDays = RuleDocumentation.Parameter(
        "minimum-age-days", default: 365, range: 1...3_650, "youngest age not flagged")
    public static let documentation = RuleDocumentation(
        id: "C09", name: "New company wins", group: .competition,
        detects:
            "The winning firm was founded less than F days before the award: shell companies are set up for one deal.",
        severity: "yellow; orange under F/4 days",
        source: "Digiwhist new-company indicator",
        state: .party,
        parameters: [minimumAgeDays], targets: [.bidRigging])
    public static let reads: [EventType] = [.registration, .award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "won by a company founded \(Wording.days(alert.score)) before"
    }

    let minimumAge: Int32
    /// Each bidder's registration: 16 bytes and a bit (24 bytes as an optional, in an `IDTable`;
    /// the fields widest first, or 24 again).
    var founded = CompactIDTable<(id: UInt64, day: Int32, firm: Bool)>()

    public init(parameters: RuleParameters) { minimumAge = Int32(parameters[Self.minimumAgeDays]) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .registration {
            founded[r.party] = (event.id, r.count, r.bidderKind == .firm)
            return
        }
        guard let winner = founded[r.party], winner.firm else { return }
        let age = event.day - winner.day
        guard age < minimumAge else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: age * 4 < minimumAge ? .orange : .yellow, day: event.day, village: r.village,
                subject: .bidder(r.party), score: Double(age), threshold: Double(minimumAge),
                evidence: [winner.id, event.id]))
    }
}
