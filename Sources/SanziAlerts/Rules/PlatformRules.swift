import SanziEvents
import SanziScenario

/// P01: a contract worth at least the listing threshold that never went through the platform.
public struct OffPlatformDeal: AlertRule {
    static let thresholdYuan = RuleDocumentation.Parameter(
        "threshold-yuan", default: 50_000, range: 0...100_000_000, "listing threshold until an intervention changes it",
        policy: .listingThresholdYuan)
    public static let documentation = RuleDocumentation(
        id: "P01", name: "Deal kept off the platform", group: .platform,
        detects:
            "A contract whose total value reaches the listing threshold but that has no platform listing (a small deal). Deals over the threshold must be listed (应招未招、应进未进). The rule follows threshold changes announced by interventions, in the villages where they apply.",
        severity: "orange; red when the value is at least twice the threshold",
        source: "Local three-capital platform rules; Digiwhist 'no call for tender'",
        state: .village,
        parameters: [thresholdYuan], targets: [.offPlatformDeal])
    public static let reads: [EventType] = [.contract, .intervention]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "worth \(Wording.yuan(alert.score)), yet kept off the platform (threshold \(Wording.yuan(alert.threshold)))"
    }

    var thresholds: ValueInForce<Int64>

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {
        knowledge.offPlatformThreshold = Int64(parameters[thresholdYuan] * 100)
    }

    public init(parameters: RuleParameters) { thresholds = ValueInForce(Int64(parameters[Self.thresholdYuan] * 100)) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .intervention { return thresholds.follow(r, .listingThreshold) { $0 } }
        let threshold = thresholds[r.village]
        guard r.other == -1, r.amount2 >= threshold, threshold > 0 else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: r.amount2 >= 2 * threshold ? .red : .orange, day: event.day,
                village: r.village,
                subject: .contract(r.subject), score: Double(r.amount2) / 100, threshold: Double(threshold) / 100,
                evidence: [event.id]))
    }
}

/// P02: several small deals with one counterparty that together pass the threshold.
public struct SplitDeals: AlertRule {
    static let thresholdYuan = RuleDocumentation.Parameter(
        "threshold-yuan", default: 50_000, range: 0...100_000_000, "listing threshold until an intervention changes it",
        policy: .listingThresholdYuan)
    static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 90, range: 1...730, "how far back deals are combined")
    public static let documentation = RuleDocumentation(
        id: "P02", name: "Split under the threshold", group: .platform,
        detects:
            "Two or more small deals (no listing) with the same counterparty within a window, each under the listing threshold and together over it: a deal split to avoid the platform (化整为零). Follows threshold changes where they apply.",
        severity: "orange; red with three deals or more",
        source: "OCP red flag i016; World Bank; AML structuring",
        state: .party,
        parameters: [thresholdYuan, windowDays], targets: [.dealSplitting])
    public static let reads: [EventType] = [.contract, .intervention]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "deals worth \(Wording.yuan(alert.score)) together with one party, each under the \(Wording.yuan(alert.threshold)) threshold"
    }

    var thresholds: ValueInForce<Int64>
    let window: Int32
    var recent: [Int64: [(day: Int32, id: UInt64, total: Int64)]] = [:]
    var sweep = WindowSweep()

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {
        knowledge.splitWindowDays = Int(parameters[windowDays])
    }

    public init(parameters: RuleParameters) {
        thresholds = ValueInForce(Int64(parameters[Self.thresholdYuan] * 100))
        window = Int32(parameters[Self.windowDays])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .intervention { return thresholds.follow(r, .listingThreshold) { $0 } }
        let threshold = thresholds[r.village]
        sweep.forget(in: &recent, window: window, on: event.day) { $0.last?.day }
        guard r.other == -1, r.amount2 < threshold else { return }
        var deals = (recent[r.party] ?? []).filter { event.day - $0.day <= window }
        deals.append((event.day, event.id, r.amount2))
        let total = deals.reduce(0) { $0 + $1.total }
        guard deals.count >= 2, total >= threshold else {
            recent[r.party] = deals
            return
        }
        output.raise(
            Alert(
                rule: Self.id, severity: deals.count >= 3 ? .red : .orange, day: event.day, village: r.village,
                subject: .bidder(r.party), score: Double(total) / 100, threshold: Double(threshold) / 100,
                evidence: deals.map(\.id), values: [.init("deals", Double(deals.count))]))
        recent[r.party] = nil
    }
}

/// P03: an announcement period shorter than the rules require.
public struct ShortAnnouncement: AlertRule {
    static let minimumDays = RuleDocumentation.Parameter(
        "minimum-days", default: 10, range: 1...90, "the minimum announcement period until an intervention changes it",
        policy: .announcementDays)
    public static let documentation = RuleDocumentation(
        id: "P03", name: "Short announcement period", group: .platform,
        detects:
            "A listing announced for fewer days than the minimum: too short for outside bidders to learn of it and prepare. Follows announcement-period changes where they apply.",
        severity: "yellow; red below half the minimum",
        source: "Cardinal R003; OCP red flag i038; Digiwhist advertisement period",
        state: .village,
        parameters: [minimumDays], targets: [.belowMarketDeal])
    public static let reads: [EventType] = [.listing, .intervention]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "announced for \(Wording.days(alert.score)) (minimum \(Wording.days(alert.threshold)))"
    }

    var minimums: ValueInForce<Int32>

    public init(parameters: RuleParameters) { minimums = ValueInForce(Int32(parameters[Self.minimumDays])) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        if event.record.type == .intervention {
            return minimums.follow(event.record, .announcementDays) { Int32(clamping: $0) }
        }
        let minimum = minimums[event.record.village]
        let days = event.record.count2
        guard days < minimum else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: days * 2 < minimum ? .red : .yellow, day: event.day,
                village: event.record.village,
                subject: .listing(event.record.subject), score: Double(days), threshold: Double(minimum),
                evidence: [event.id]))
    }
}

/// P04: a long delay between award and contract.
public struct SigningDelay: AlertRule {
    static let maximumDays = RuleDocumentation.Parameter(
        "maximum-days", default: 60, range: 1...365, "days allowed between award and contract", monotone: .scoreAbove)
    public static let documentation = RuleDocumentation(
        id: "P04", name: "Signing delay", group: .platform,
        detects:
            "The contract was signed long after the award: room to renegotiate terms away from the platform's view.",
        severity: "yellow; orange beyond twice the limit",
        source: "OCP red flag i019",
        state: .deal,
        parameters: [maximumDays], targets: [.postAwardAmendment])
    public static let reads: [EventType] = [.award, .contract]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "signed \(Wording.days(alert.score)) after the award (limit \(Wording.days(alert.threshold)))"
    }

    let maximum: Int32
    var awards: [Int64: DayAndID] = [:]

    public init(parameters: RuleParameters) { maximum = Int32(parameters[Self.maximumDays]) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .award {
            awards[r.subject] = DayAndID(event)
            return
        }
        guard r.other >= 0, let award = awards.removeValue(forKey: r.other) else { return }
        let delay = event.day - award.day
        guard delay > maximum else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: delay > 2 * maximum ? .orange : .yellow, day: event.day, village: r.village,
                subject: .contract(r.subject), score: Double(delay), threshold: Double(maximum),
                evidence: [award.id, event.id]))
    }
}

/// P05: a deal made without the representatives' vote.
public struct MissingDecision: AlertRule {
    /// Also the window of the datasets' `decision_share` feature.
    public static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 180, range: 1...730, "how long a vote stays valid")
    static let majority = RuleDocumentation.Parameter(
        "majority", default: 0.66, range: 0.5...1, "share of votes required (two-thirds, rounded down)")
    public static let documentation = RuleDocumentation(
        id: "P05", name: "Missing democratic decision", group: .platform,
        detects:
            "A listing or a small deal for an asset with no vote of the villagers' representatives on that asset shortly before: disposals and leases need a recorded decision (two-thirds of representatives).",
        severity: "orange; red when the vote on record lacks a two-thirds majority",
        source: "Local rules on collective decisions (民主决策)",
        state: .deal,
        parameters: [windowDays, majority], targets: [.offPlatformDeal, .postAwardAmendment])
    public static let reads: [EventType] = [.decision, .listing, .contract]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        alert.score == 0
            ? "no vote of the representatives on record"
            : "the vote carried only \(Wording.percent(alert.score)) (\(Wording.percent(alert.threshold)) needed)"
    }

    let window: Int32
    let majority: Double
    /// The last decision on each asset: 16 bytes and a bit an asset (24 as an optional triple).
    var decisions = CompactIDTable<(event: DayAndID, share: Double)>()

    public init(parameters: RuleParameters) {
        window = Int32(parameters[Self.windowDays])
        majority = parameters[Self.majority]
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        switch r.type {
        case .decision where r.subject >= 0:
            let votes = Double(r.count + r.count2)
            decisions[r.subject] = (DayAndID(event), votes > 0 ? Double(r.count) / votes : 0)
        case .listing where r.other >= 0 && r.party == 0:
            check(asset: r.other, event: event, subject: .listing(r.subject), &output)
        case .contract where r.other == -1 && r.count2 >= 0:
            check(asset: Int64(r.count2), event: event, subject: .contract(r.subject), &output)
        default:
            break
        }
    }

    private func check(asset: Int64, event: LoggedEvent, subject: AlertSubject, _ output: inout AlertOutput) {
        if let decision = decisions[asset], event.day - decision.event.day <= window {
            guard decision.share < majority else { return }
            output.raise(
                Alert(
                    rule: Self.id, severity: .red, day: event.day, village: event.record.village, subject: subject,
                    score: decision.share, threshold: majority, evidence: [decision.event.id, event.id]))
        } else {
            output.raise(
                Alert(
                    rule: Self.id, severity: .orange, day: event.day, village: event.record.village, subject: subject,
                    score: 0, threshold: majority, evidence: [event.id]))
        }
    }
}
