import SanziEvents

/// F03: payments to one payee structured just under an approval tier.
public struct StructuredPayments: AlertRule {
    static let k = RuleDocumentation.Parameter("k", default: 3, range: 2...50, "payments that make a pattern")
    static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 7, range: 1...90, "days the payments fall within")
    static let tier1Yuan = RuleDocumentation.Parameter(
        "tier1-yuan", default: 1_000, range: 0...1_000_000, "the finance head's limit")
    static let tier2Yuan = RuleDocumentation.Parameter(
        "tier2-yuan", default: 10_000, range: 0...10_000_000, "the two committees' limit")
    public static let documentation = RuleDocumentation(
        id: "F03", name: "Structured payments", group: .funds,
        detects:
            "At least k payments to one payee within W days, each between 80% of an approval tier and the tier: a sum cut into pieces that each stay under the sign-off it would need whole.",
        severity: "yellow; orange with twice k payments",
        source: "AML structuring typology; PBoC large-transaction rules",
        state: .party,
        parameters: [k, windowDays, tier1Yuan, tier2Yuan], targets: [.fakeDisbursement, .dealSplitting],
        orderings: [
            .init(tier1Yuan, below: tier2Yuan, "the two committees approve what is above the finance head's limit")
        ])
    public static let reads: [EventType] = [.disbursement]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Int(alert.score)) payments to one payee, each just under an approval tier"
    }

    let k: Int
    let window: Int32
    let tiers: [Int64]
    /// Recent payments just under a tier, by payee.
    var recent: [Int64: [DayAndID]] = [:]
    var sweep = WindowSweep()

    public init(parameters: RuleParameters) {
        k = Int(parameters[Self.k])
        window = Int32(parameters[Self.windowDays])
        tiers = [parameters[Self.tier1Yuan], parameters[Self.tier2Yuan]].map { Int64(($0 * 100).rounded()) }
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        sweep.forget(in: &recent, window: window, on: event.day) { $0.last?.day }
        guard r.party >= 0, tiers.contains(where: { r.amount * 5 >= $0 * 4 && r.amount < $0 }) else { return }
        var payments = (recent[r.party] ?? []).filter { event.day - $0.day <= window }
        payments.append(DayAndID(event))
        recent[r.party] = payments
        guard payments.count >= k, payments.count == k || payments.count == 2 * k else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: payments.count >= 2 * k ? .orange : .yellow, day: event.day,
                village: r.village,
                subject: .bidder(r.party), score: Double(payments.count), threshold: Double(k),
                evidence: payments.map(\.id)))
    }
}

/// F04: an inflow that leaves again at once to a few payees.
public struct RapidPassThrough: AlertRule {
    static let share = RuleDocumentation.Parameter(
        "share", default: 0.8, range: 0.1...1, "share of the inflow that leaves")
    static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 5, range: 1...60, "days after the inflow")
    public static let documentation = RuleDocumentation(
        id: "F04", name: "Rapid pass-through", group: .funds,
        detects:
            "At least a share p of money received into the compensation account leaves it within W days to three payees or fewer: compensation passed straight on instead of reaching households.",
        severity: "red",
        source: "AML rapid movement of funds",
        state: .village,
        parameters: [share, windowDays], targets: [.divertedCompensation])
    public static let reads: [EventType] = [.receipt, .disbursement]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Wording.percent(alert.score)) of the compensation received passed on within days to three payees or fewer"
    }

    let share: Double
    let window: Int32
    /// The latest inflow into each village's compensation account and what left it since.
    var inflows = VillageTable<(day: Int32, amount: Int64, left: Int64, payees: Set<Int64>, ids: [UInt64])?>(empty: nil)

    public init(parameters: RuleParameters) {
        share = parameters[Self.share]
        window = Int32(parameters[Self.windowDays])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.account == .compensation else { return }
        if r.type == .receipt {
            inflows[r.village] = (event.day, r.amount, 0, [], [event.id])
            return
        }
        // Taken out of the table, not copied, so that its set and list are changed in place.
        guard let day = inflows[r.village]?.day, event.day - day <= window, r.party >= 0,
            var inflow = inflows[r.village].take()
        else { return }
        inflow.left += r.amount
        inflow.payees.insert(r.party)
        inflow.ids.append(event.id)
        let moved = Double(inflow.left) / Double(max(inflow.amount, 1))
        if moved >= share, inflow.payees.count <= 3 {
            output.raise(
                Alert(
                    rule: Self.id, severity: .red, day: event.day, village: r.village, subject: .village, score: moved,
                    threshold: share, evidence: inflow.ids))
            inflows[r.village] = nil
        } else {
            inflows[r.village] = inflow
        }
    }
}

/// F10: compensation owed to households paid to a bidder.
public struct CompensationToBidder: AlertRule {
    public static let documentation = RuleDocumentation(
        id: "F10", name: "Compensation paid to a bidder", group: .funds,
        detects:
            "Money leaves the compensation account for a bidder (a firm or a villager who bids): land-requisition compensation is due to households, paid out in distributions, and never to a named party.",
        severity: "red",
        source: "Rules on land-requisition compensation (征地补偿款专款专用); the seed article",
        state: .event,
        parameters: [], targets: [.divertedCompensation])
    public static let reads: [EventType] = [.disbursement]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Wording.yuan(alert.score)) of compensation paid to a bidder instead of households"
    }

    public init(parameters: RuleParameters) {}

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.account == .compensation, r.party >= 0 else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: .red, day: event.day, village: r.village, subject: .bidder(r.party),
                score: Double(r.amount) / 100, threshold: 0, evidence: [event.id]))
    }
}
