import SanziEvents
import SanziScenario

/// K01: a lease longer than the law or local rules allow.
public struct OverlongLease: AlertRule {
    static let legalCapYears = RuleDocumentation.Parameter(
        "legal-cap-years", default: 20, range: 1...70, "the legal cap")
    static let localCapYears = RuleDocumentation.Parameter(
        "local-cap-years", default: 15, range: 1...70, "the local cap")
    public static let documentation = RuleDocumentation(
        id: "K01", name: "Over-long lease", group: .lifecycle,
        detects:
            "A lease whose term exceeds the legal cap (20 years, Civil Code art. 705) or the local cap: long terms lock in a price for a generation.",
        severity: "yellow over the local cap; red over the legal cap",
        source: "Civil Code art. 705; local caps",
        state: .event,
        parameters: [legalCapYears, localCapYears], targets: [.postAwardAmendment],
        orderings: [
            .init(localCapYears, below: legalCapYears, orEqual: true, "a local rule can only be stricter than the law")
        ])
    public static let reads: [EventType] = [.contract, .amendment]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "a lease of \(Int(alert.score)) years (cap \(Int(alert.threshold)))"
    }

    let legal: Int32
    let local: Int32

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {
        knowledge.leaseCapYears = Int(parameters[localCapYears])
    }

    public init(parameters: RuleParameters) {
        legal = Int32(parameters[Self.legalCapYears])
        local = Int32(parameters[Self.localCapYears])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        let term = r.type == .contract ? r.count : r.count2
        guard r.type == .amendment || r.deal == .lease, term > local else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: term > legal ? .red : .yellow, day: event.day, village: r.village,
                subject: .contract(r.subject), score: Double(term), threshold: Double(term > legal ? legal : local),
                evidence: [event.id]))
    }
}

/// K02: a contract changed after the award, off the platform.
public struct OffPlatformAmendment: AlertRule {
    static let limit = RuleDocumentation.Parameter(
        "limit", default: 0.30, range: 0...1, "relative change of the contract value that turns it red")
    public static let documentation = RuleDocumentation(
        id: "K02", name: "Amendment off the platform", group: .lifecycle,
        detects:
            "A rent cut, term extension or extra works agreed after the award without a new platform deal. Lawful cuts after a drought look the same; large changes rarely are.",
        severity: "orange; red when the value changes by more than the limit",
        source: "OCP red flag i184; Fazekas CRI",
        state: .event,
        parameters: [limit], targets: [.postAwardAmendment])
    public static let reads: [EventType] = [.amendment]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "amended by \(Wording.percent(alert.score)) of its value after the award"
    }

    let limit: Double

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {
        knowledge.amendmentLimit = parameters[limit]
    }

    public init(parameters: RuleParameters) { limit = parameters[Self.limit] }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        let before = Double(r.amount) * Double(max(r.count, 1))
        guard before > 0 else { return }
        let change = abs(Double(r.amount2) * Double(max(r.count2, 1)) - before) / before
        output.raise(
            Alert(
                rule: Self.id, severity: change > limit ? .red : .orange, day: event.day, village: r.village,
                subject: .contract(r.subject), score: change, threshold: limit, evidence: [event.id]))
    }
}

/// K03: rent overdue and not collected.
public struct ReceivableNotCollected: AlertRule {
    static let overdueDays = RuleDocumentation.Parameter(
        "overdue-days", default: 90, range: 1...365, "days overdue that raise the alert")
    static let redDays = RuleDocumentation.Parameter(
        "red-days", default: 180, range: 1...730, "days overdue that make it red")
    public static let documentation = RuleDocumentation(
        id: "K03", name: "Receivable not collected", group: .lifecycle,
        detects: "Rent overdue by more than A days (应收未收), from the platform's arrears records and late payments.",
        severity: "orange; red beyond the red limit",
        source: "Local practice (应收未收)",
        state: .event,
        parameters: [overdueDays, redDays], targets: [.toleratedArrears],
        orderings: [.init(overdueDays, below: redDays, "an arrear turns red later than it is first raised")])
    public static let reads: [EventType] = [.arrears, .payment]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "rent \(Wording.days(alert.score)) overdue"
    }

    let overdue: Int32
    let red: Int32

    public init(parameters: RuleParameters) {
        overdue = Int32(parameters[Self.overdueDays])
        red = Int32(parameters[Self.redDays])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.count2 >= overdue else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: r.count2 >= red ? .red : .orange, day: event.day, village: r.village,
                subject: .contract(r.subject), score: Double(r.count2), threshold: Double(overdue),
                evidence: [event.id]))
    }
}

/// K04: a lease ended early, then let again for less.
public struct TerminatedThenRelistedLow: AlertRule {
    static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 180, range: 1...730, "days between the end and the new lease")
    public static let documentation = RuleDocumentation(
        id: "K04", name: "Early termination then relisting low", group: .lifecycle,
        detects:
            "A lease ends early (or in default) and the asset is let again within the window for a lower yearly rent; red when the same party takes it back.",
        severity: "orange; red for the same party",
        source: "Local practice",
        state: .deal,
        parameters: [windowDays], targets: [.belowMarketDeal])
    public static let reads: [EventType] = [.contract, .termination]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "ended early and relet at \(Wording.percent(alert.score)) of the old rent"
    }

    let window: Int32
    /// The running leases, by contract: the party comes with their end. (Some 390,000 run at once
    /// at 12,000 villages: 24 bytes an entry, not 32 with the party and the asset as 64 bits.)
    var leases: [Int64: (annual: Int64, asset: Int32)] = [:]
    var ended: [Int64: (day: Int32, annual: Int64, party: Int64, id: UInt64)] = [:]

    public init(parameters: RuleParameters) { window = Int32(parameters[Self.windowDays]) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .termination {
            guard let lease = leases.removeValue(forKey: r.subject), [.early, .default].contains(r.terminationReason)
            else { return }
            ended[Int64(lease.asset)] = (event.day, lease.annual, r.party, event.id)
            return
        }
        guard r.deal == .lease, r.count2 >= 0 else { return }
        leases[r.subject] = (r.amount, r.count2)
        guard let previous = ended.removeValue(forKey: Int64(r.count2)), event.day - previous.day <= window,
            r.amount < previous.annual
        else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: r.party == previous.party ? .red : .orange, day: event.day, village: r.village,
                subject: .contract(r.subject), score: Double(r.amount) / Double(previous.annual), threshold: 1,
                evidence: [previous.id, event.id]))
    }
}
