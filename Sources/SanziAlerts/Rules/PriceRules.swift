import SanziEvents
import SanziScenario

/// V01: a reserve price set well below the appraisal or the previous rent.
public struct ReserveBelowAppraisal: AlertRule {
    static let delta = RuleDocumentation.Parameter(
        "delta", default: 0.10, range: 0...0.9, "tolerated shortfall of the reserve", monotone: .scoreBelowOneMinus)
    public static let documentation = RuleDocumentation(
        id: "V01", name: "Reserve below appraisal or previous rent", group: .price,
        detects:
            "A listing whose reserve is more than δ below the larger of its appraisal and the asset's previous contract value over the same term: the classic below-market lease (低价发包). Relistings after a failed auction lower the reserve lawfully and look the same.",
        severity: "yellow; red when the reserve is under 80% of the reference",
        source: "Local practice (低价发包)",
        state: .deal,
        parameters: [delta], targets: [.belowMarketDeal])
    public static let reads: [EventType] = [.listing, .contract]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        let reference = alert.value("reference_fen").map { " against \(Wording.yuan(fen: Int64($0)))" } ?? ""
        return "reserve \(Wording.percent(1 - alert.score)) under the appraisal or previous rent\(reference)"
    }

    let delta: Double
    var previousAnnual = CompactIDTable<Int64>()

    public init(parameters: RuleParameters) { delta = parameters[Self.delta] }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .contract {
            if r.count2 >= 0, r.deal == .lease { previousAnnual[Int64(r.count2)] = r.amount }
            return
        }
        let (product, overflow) = (previousAnnual[r.other] ?? 0).multipliedReportingOverflow(by: Int64(max(r.count, 1)))
        let previous = overflow ? Int64.max : product
        let reference = max(r.amount, r.deal == .lease ? previous : 0)
        guard reference > 0 else { return }
        let ratio = Double(r.amount2) / Double(reference)
        guard ratio < 1 - delta else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: ratio < 0.8 ? .red : .yellow, day: event.day, village: r.village,
                subject: .listing(r.subject), score: ratio, threshold: 1 - delta, evidence: [event.id],
                values: [.init("reserve_fen", Double(r.amount2)), .init("reference_fen", Double(reference))]))
    }
}

/// V02: an auction won at the reserve, with no premium.
public struct NoPremium: AlertRule {
    static let epsilon = RuleDocumentation.Parameter(
        "epsilon", default: 0.01, range: 0...0.5, "premium counted as none", monotone: .scoreAtMost)
    public static let documentation = RuleDocumentation(
        id: "V02", name: "No premium over reserve", group: .price,
        detects:
            "An ascending auction won at (or within ε of) the reserve: real competition usually lifts the price; platform deals fetch 20–30% over reserve.",
        severity: "yellow; orange with a single bidder",
        source: "OCP red flag i171",
        state: .event,
        parameters: [epsilon], targets: [.belowMarketDeal, .bidRigging, .bidRotation, .relativeAward]
    )
    public static let reads: [EventType] = [.award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "won at a premium of only \(Wording.percent(alert.score)) over the reserve"
    }

    let epsilon: Double

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {
        knowledge.noPremiumMargin = parameters[epsilon]
    }

    public init(parameters: RuleParameters) { epsilon = parameters[Self.epsilon] }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.method == .ascendingAuction, r.amount2 > 0 else { return }
        // The difference first, so a premium of exactly ε (1,000 on 100,000) compares as ε.
        let premium = Double(r.amount - r.amount2) / Double(r.amount2)
        guard premium <= epsilon else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: r.count <= 1 ? .orange : .yellow, day: event.day, village: r.village,
                subject: .listing(r.subject), score: premium, threshold: epsilon, evidence: [event.id]))
    }
}

/// V03: a premium far below what peers fetch.
public struct LowPremiumOutlier: AlertRule {
    static let k = RuleDocumentation.Parameter("k", default: 1.5, range: 0.5...5, "fence multiplier of the IQR")
    static let peers = RuleDocumentation.Parameter(
        "peers", default: 200, range: 20...5_000, "how many recent auctions form the peer group")
    static let minimumPeers = RuleDocumentation.Parameter(
        "minimum-peers", default: 20, range: 4...1_000, "smallest usable peer group")
    public static let documentation = RuleDocumentation(
        id: "V03", name: "Premium is a low outlier", group: .price,
        detects:
            "An auction's premium over reserve below the lower Tukey fence of the premiums of the last peer auctions of the same deal kind in the same district (the village declarations at the start of the log say which; a log without them is one district). Skipped while the peer group is too small or its IQR is zero; the fences used are recorded.",
        severity: "orange",
        source: "Cardinal R024 method (Tukey fences over a peer group)",
        state: .district,
        parameters: [k, peers, minimumPeers], targets: [.belowMarketDeal, .bidRigging, .bidRotation],
        orderings: [
            .init(
                minimumPeers, below: peers, orEqual: true,
                "the peers a price is judged against are drawn from those kept")
        ])
    public static let reads: [EventType] = [.village, .listing, .listingFailed, .award]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "premium of \(Wording.percent(alert.score)), below the peer group's lower fence \(Wording.percent(alert.threshold))"
    }

    let k: Double
    let peers: Int
    let minimumPeers: Int
    /// The deal kind of each listing not yet awarded (an award of a listing the log never
    /// announced counts as a lease's).
    var dealOfListing: [Int64: LogRecord.Deal] = [:]
    /// Each declared village's district (-1 before its declaration, or in a log without them).
    var districtOfVillage = VillageTable<Int64>(empty: -1)
    /// Per district and deal kind, the peer window in arrival order, and the same values kept
    /// sorted.
    var windows: [PeerGroup: PeerWindow] = [:]

    /// The auctions a premium is judged against: one district's, of one deal kind.
    struct PeerGroup: Hashable {
        var district: Int64
        var deal: LogRecord.Deal
    }

    /// The premiums of a peer group's last auctions, in arrival order and sorted.
    struct PeerWindow {
        var history: [Double] = []
        var sorted: [Double] = []

        /// Adds a premium, dropping the oldest beyond `peers`.
        mutating func add(_ premium: Double, keeping peers: Int) {
            history.append(premium)
            sorted.insert(premium, at: LowPremiumOutlier.position(of: premium, in: sorted))
            while history.count > peers {
                let oldest = history.removeFirst()
                sorted.remove(at: LowPremiumOutlier.position(of: oldest, in: sorted))
            }
        }
    }

    public init(parameters: RuleParameters) {
        k = parameters[Self.k]
        peers = Int(parameters[Self.peers])
        minimumPeers = Int(parameters[Self.minimumPeers])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        switch r.type {
        case .village:
            districtOfVillage[r.village] = r.party
            return
        case .listing:
            dealOfListing[r.subject] = r.deal
            return
        case .listingFailed:
            dealOfListing[r.subject] = nil
            return
        default: break
        }
        let deal = dealOfListing.removeValue(forKey: r.subject) ?? .lease
        guard r.method == .ascendingAuction, r.amount2 > 0 else { return }
        let premium = Double(r.amount) / Double(r.amount2) - 1
        let group = PeerGroup(district: districtOfVillage[r.village], deal: deal)
        if let fences = windows[group].flatMap({ PeerFences(sorted: $0.sorted, k: k, minimumPeers: minimumPeers) }),
            premium < fences.lower
        {
            output.raise(
                Alert(
                    rule: Self.id, severity: .orange, day: event.day, village: r.village,
                    subject: .listing(r.subject),
                    score: premium, threshold: fences.lower, evidence: [event.id],
                    values: [
                        .init("q1", fences.q1), .init("q3", fences.q3), .init("lower_fence", fences.lower),
                        .init("upper_fence", fences.upper), .init("peers", Double(fences.peers)),
                    ]))
        }
        windows[group, default: PeerWindow()].add(premium, keeping: peers)
    }

    /// The first index whose value is not below `value` (binary search).
    static func position(of value: Double, in sorted: [Double]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
