import SanziEvents
import SanziScenario

/// F01: cash on hand over the cap, or cash banked late.
public struct CashAndBanking: AlertRule {
    static let cashCapYuan = RuleDocumentation.Parameter(
        "cash-cap-yuan", default: 5_000, range: 0...1_000_000, "cash cap until an intervention changes it",
        policy: .cashCapYuan)
    static let bankingDays = RuleDocumentation.Parameter(
        "banking-days", default: 3, range: 0...60, "days allowed before cash is banked", policy: .bankingDays)
    public static let documentation = RuleDocumentation(
        id: "F01", name: "Cash over the cap / late banking", group: .funds,
        detects:
            "Cash on hand above the cap, or cash received and banked after more than the allowed days: cash outside the bank is where receipts go missing. Follows cash-cap changes where they apply.",
        severity: "yellow; orange when cash exceeds twice the cap or banking is more than twice late",
        source: "Local finance norms (现金限额, 及时存入)",
        state: .village,
        parameters: [cashCapYuan, bankingDays], targets: [.embezzledReceipts])
    public static let reads: [EventType] = [.receipt, .disbursement, .banking, .intervention]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "cash kept over the cap or banked late (\(Wording.number(alert.score)) against \(Wording.number(alert.threshold)))"
    }

    var caps: ValueInForce<Int64>
    let bankingDays: Int32
    /// Per village: estimated cash, oldest unbanked cash receipt, and whether the cap was passed.
    var cash = VillageTable<(amount: Int64, since: Int32?, since_id: UInt64, over: Bool)>(empty: (0, nil, 0, false))

    public init(parameters: RuleParameters) {
        caps = ValueInForce(Int64(parameters[Self.cashCapYuan] * 100))
        bankingDays = Int32(parameters[Self.bankingDays])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .intervention { return caps.follow(r, .cashCap) { $0 } }
        // Entries in the bank's accounts leave the cash as it was: its state is not read for them.
        guard r.type == .banking || r.account == .cash else { return }
        let cap = caps[r.village]
        var state = cash[r.village]
        switch r.type {
        case .receipt:
            state.amount += r.amount
            if state.since == nil { (state.since, state.since_id) = (event.day, event.id) }
        case .disbursement:
            state.amount -= r.amount
        case .banking:
            state.amount = r.amount2
            if r.bankingKind == .cashBanked, let since = state.since {
                let late = event.day - since
                if late > bankingDays {
                    output.raise(
                        Alert(
                            rule: Self.id, severity: late > 2 * bankingDays ? .orange : .yellow, day: event.day,
                            village: r.village, subject: .village, score: Double(late), threshold: Double(bankingDays),
                            evidence: [state.since_id, event.id], values: [.init("days_unbanked", Double(late))]))
                }
                state.since = nil
            }
        default:
            return
        }
        if state.amount > cap, !state.over {
            output.raise(
                Alert(
                    rule: Self.id, severity: state.amount > 2 * cap ? .orange : .yellow, day: event.day,
                    village: r.village,
                    subject: .village, score: Double(state.amount) / 100, threshold: Double(cap) / 100,
                    evidence: [event.id]))
        }
        state.over = state.amount > cap
        cash[r.village] = state
    }
}

/// F02: spending signed off below the tier its amount needs.
public struct MissingApproval: AlertRule {
    static let tier1Yuan = RuleDocumentation.Parameter(
        "tier1-yuan", default: 1_000, range: 0...1_000_000, "the finance head's limit", policy: .financeHeadLimitYuan)
    static let tier2Yuan = RuleDocumentation.Parameter(
        "tier2-yuan", default: 10_000, range: 0...10_000_000, "the two committees' limit",
        policy: .twoCommitteesLimitYuan)
    public static let documentation = RuleDocumentation(
        id: "F02", name: "Spending without the required approval", group: .funds,
        detects:
            "A disbursement approved by a lower tier than its amount requires (finance head ≤ tier 1, two committees ≤ tier 2, the representatives' meeting above).",
        severity: "red",
        source: "Local approval tiers for non-productive spending",
        state: .event,
        parameters: [tier1Yuan, tier2Yuan], targets: [.fakeDisbursement],
        orderings: [
            .init(
                tier1Yuan, below: tier2Yuan, orEqual: true,
                "the two committees approve what is above the finance head's limit (equal limits: none is theirs)")
        ])
    public static let reads: [EventType] = [.disbursement]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Wording.yuan(alert.score)) paid without the required approval"
    }

    let tier1: Int64
    let tier2: Int64

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {
        knowledge.secondApprovalTier = Int64(parameters[tier2Yuan] * 100)
    }

    public init(parameters: RuleParameters) {
        tier1 = Int64(parameters[Self.tier1Yuan] * 100)
        tier2 = Int64(parameters[Self.tier2Yuan] * 100)
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        let required: Int32 = r.amount <= tier1 ? 0 : r.amount <= tier2 ? 1 : 2
        guard r.count2 < required else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: .red, day: event.day, village: r.village, subject: .village,
                score: Double(r.amount) / 100, threshold: Double(required == 1 ? tier1 : tier2) / 100,
                evidence: [event.id],
                values: [.init("approver_tier", Double(r.count2)), .init("required_tier", Double(required))]))
    }
}

/// F05: a payee's payments in round sums.
public struct RoundAmountPayments: AlertRule {
    static let share = RuleDocumentation.Parameter("share", default: 0.5, range: 0...1, "share of round payments")
    static let minimumPayments = RuleDocumentation.Parameter(
        "minimum-payments", default: 3, range: 2...100, "payments before the rule judges")
    public static let documentation = RuleDocumentation(
        id: "F05", name: "Round-amount payments", group: .funds,
        detects:
            "At least a share r of the payments to one payee (three payments or more) are whole multiples of 1,000 yuan: invented invoices come in round sums.",
        severity: "yellow",
        source: "AML round-amount typology",
        state: .party,
        parameters: [share, minimumPayments], targets: [.fakeDisbursement, .voteBuying])
    public static let reads: [EventType] = [.disbursement]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Wording.percent(alert.score)) of the payments to one payee in round sums"
    }

    let share: Double
    let minimum: Int
    /// Each payee's payments, round ones, their first 20 events, and whether it was judged; by
    /// party id in a table (`IDTable`): a dictionary of them grew to some 15 MB at 12,000
    /// villages over ten years, three times its size at five.
    var payees = IDTable<(total: Int, round: Int, ids: [UInt64], raised: Bool)>()

    public init(parameters: RuleParameters) {
        share = parameters[Self.share]
        minimum = Int(parameters[Self.minimumPayments])
    }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        guard r.party >= 0 else { return }
        // Taken out of the table, not copied, so that its list is changed in place.
        var payee = payees[r.party].take() ?? (0, 0, [], false)
        payee.total += 1
        if r.amount % 100_000 == 0 {
            payee.round += 1
            if payee.ids.count < 20 { payee.ids.append(event.id) }
        }
        let observed = Double(payee.round) / Double(payee.total)
        if payee.total >= minimum, observed >= share, !payee.raised {
            payee.raised = true
            output.raise(
                Alert(
                    rule: Self.id, severity: .yellow, day: event.day, village: r.village, subject: .bidder(r.party),
                    score: observed, threshold: share, evidence: payee.ids))
        }
        payees[r.party] = payee
    }
}

/// F06: non-productive spending far above the village's own past.
public struct SpendingSpike: AlertRule {
    static let z = RuleDocumentation.Parameter(
        "z", default: 3, range: 1...10, "standard deviations above the village's own mean")
    public static let documentation = RuleDocumentation(
        id: "F06", name: "Spending spike", group: .funds,
        detects:
            "A village's non-productive spending (hospitality, travel, office) in a 30-day period more than z standard deviations above its own last 12 periods. Festival seasons spike honestly.",
        severity: "yellow; orange above twice z",
        source: "Cardinal fences; z-score against own history",
        state: .village,
        parameters: [z], targets: [.excessiveSpending])
    public static let reads: [EventType] = [.disbursement]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "spending \(Wording.number(alert.score)) standard deviations above the village's normal"
    }

    let z: Double
    var villages = VillageTable<(period: Int32, total: Double, ids: [UInt64], history: [Double])?>(empty: nil)

    public init(parameters: RuleParameters) { z = parameters[Self.z] }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        switch r.disbursementPurpose {
        case .hospitality, .travel, .office: break
        default: return
        }
        let period = event.day / 30
        // Taken out of the table, not copied, so that its lists are changed in place.
        var state = villages[r.village].take() ?? (period, 0, [], [])
        if period != state.period {
            judge(state, village: r.village, day: event.day, &output)
            state.history.append(state.total)
            if state.history.count > 12 { state.history.removeFirst() }
            state = (period, 0, [], state.history)
        }
        state.total += Double(r.amount)
        if state.ids.count < 20 { state.ids.append(event.id) }
        villages[r.village] = state
    }

    private func judge(
        _ state: (period: Int32, total: Double, ids: [UInt64], history: [Double]), village: Int32, day: Int32,
        _ output: inout AlertOutput
    ) {
        guard state.history.count >= 6 else { return }
        let mean = state.history.reduce(0, +) / Double(state.history.count)
        let variance = state.history.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(state.history.count)
        guard variance > 0 else { return }
        let score = (state.total - mean) / variance.squareRoot()
        guard score > z else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: score > 2 * z ? .orange : .yellow, day: day, village: village,
                subject: .village,
                score: score, threshold: z, evidence: state.ids,
                values: [.init("period_total_fen", state.total), .init("mean_fen", mean)]))
    }
}

/// F07: money paid to households shortly before an election.
public struct PreElectionPayments: AlertRule {
    static let days = RuleDocumentation.Parameter("days", default: 60, range: 1...365, "days before the election")
    public static let documentation = RuleDocumentation(
        id: "F07", name: "Pre-election payments", group: .funds,
        detects:
            "Payments to households (compensation distributions and welfare payments) within D days before a committee election: vote-buying dresses as distributions. Lawful distributions and festival welfare fall there too.",
        severity: "yellow",
        source: "The seed article (贿选 in the 两委换届)",
        state: .village,
        parameters: [days], targets: [.voteBuying])
    public static let reads: [EventType] = [.compensationDistributed, .disbursement, .election]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "payments to households \(Wording.days(alert.score)) before an election"
    }

    let days: Int32
    var recent = VillageTable<[DayAndID]>(empty: [])

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {
        knowledge.electionWindowDays = Int(parameters[days])
    }

    public init(parameters: RuleParameters) { days = Int32(parameters[Self.days]) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .disbursement, r.disbursementPurpose != .welfare { return }
        if r.type != .election {
            // In place: a new array for every payment took F07 471 M instructions at 1,200
            // villages x 5 years, 163 M this way (callgrind). The payments come in order of
            // days, so those out of the window are the list's front.
            recent[r.village].removeFirst(recent[r.village].prefix { event.day - $0.day > days }.count)
            recent[r.village].append(DayAndID(event))
            return
        }
        let kept = recent[r.village].filter { event.day - $0.day <= days }
        recent[r.village] = []
        guard !kept.isEmpty else { return }
        output.raise(
            Alert(
                rule: Self.id, severity: .yellow, day: event.day, village: r.village, subject: .village,
                score: Double(event.day - kept[0].day), threshold: Double(days), evidence: kept.map(\.id) + [event.id]))
    }
}

/// F08: rent the platform saw paid but the ledger never booked.
public struct ReceiptsMissing: AlertRule {
    static let graceDays = RuleDocumentation.Parameter(
        "grace-days", default: 30, range: 0...365, "days for the receipt to appear")
    public static let documentation = RuleDocumentation(
        id: "F08", name: "Receipts missing", group: .funds,
        detects:
            "A payment on a contract, recorded by the platform, with no matching receipt in the ledger within the grace period: income never booked (embezzled receipts). Receipts are matched village by village, so the rule means the same in a world of any size.",
        severity: "red",
        source: "Local practice (账外收入)",
        state: .village,
        parameters: [graceDays], targets: [.embezzledReceipts])
    /// Payments and receipts are frequent enough to notice one missing within days.
    public static let reads: [EventType] = [.payment, .receipt]
    /// A payment's alert comes at the first payment or receipt of any village past its grace.
    public static let raisesOnItsVillagesEvents = false

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "a payment the ledger had not booked after \(Wording.days(alert.score))"
    }

    let grace: Int32

    /// Payments waiting for their receipt, oldest first (the order they expire in); a booked
    /// one has its contract set to -1. `first` is the position, counted from the run's first
    /// payment, of `pending[0]`. Each payment names the position of its village's payment
    /// before it (`previous`, -1 for none), so that a village's waiting payments are a chain
    /// from its latest (`latest`) through the payments still in the window: a receipt is
    /// matched within its own village, from the latest back (receipts follow their payments
    /// closely), so that how many other villages pay meanwhile never hides the match. (An
    /// array a village, kept apart, cost a cache miss or two a payment at 12,000 villages; the
    /// chain stays in the window's recent payments.)
    var pending: [(contract: Int64, amount: Int64, id: UInt64, previous: Int, day: Int32, village: Int32)] = []
    var head = 0
    var first = 0
    var latest = VillageTable<Int>(empty: -1)

    public init(parameters: RuleParameters) { grace = Int32(parameters[Self.graceDays]) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        while head < pending.count, event.day - pending[head].day > grace {
            let oldest = pending[head]
            head += 1
            guard oldest.contract >= 0 else { continue }
            output.raise(
                Alert(
                    rule: Self.id, severity: .red, day: event.day, village: oldest.village,
                    subject: .contract(oldest.contract), score: Double(event.day - oldest.day),
                    threshold: Double(grace), evidence: [oldest.id]))
        }
        if head > 1_024, head * 2 > pending.count {
            pending.removeFirst(head)
            first += head
            head = 0
        }
        let r = event.record
        if r.type == .payment {
            pending.append((r.subject, r.amount, event.id, latest[r.village], event.day, r.village))
            latest[r.village] = first + pending.count - 1
        } else if r.subject >= 0, let match = latestWaiting(in: r.village, contract: r.subject, amount: r.amount) {
            pending[match].contract = -1
        }
    }

    /// The index in `pending` of the village's latest payment of `amount` on `contract` still
    /// in the window and not yet booked.
    private func latestWaiting(in village: Int32, contract: Int64, amount: Int64) -> Int? {
        var position = latest[village]
        while position >= first + head {
            let payment = pending[position - first]
            if payment.contract == contract, payment.amount == amount { return position - first }
            position = payment.previous
        }
        return nil
    }
}

/// F09: collective money lent out.
public struct MoneyLentOut: AlertRule {
    static let windowDays = RuleDocumentation.Parameter(
        "window-days", default: 30, range: 0...365, "days a loan decision stays valid")
    public static let documentation = RuleDocumentation(
        id: "F09", name: "Money lent out", group: .funds,
        detects:
            "Collective money lent to a person or firm: lawful only with a recorded decision, and the cover of misappropriation (挪用) when it is not.",
        severity: "yellow with a loan decision on record in the window; red without",
        source: "Local practice (挪用集体资金)",
        state: .village,
        parameters: [windowDays], targets: [.misappropriation])
    public static let reads: [EventType] = [.decision, .loan]

    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        "\(Wording.yuan(alert.score)) of collective money lent out"
    }

    let window: Int32
    var decisions = VillageTable<Int32?>(empty: nil)

    public init(parameters: RuleParameters) { window = Int32(parameters[Self.windowDays]) }

    public mutating func observe(_ event: LoggedEvent, _: Declarations, _ output: inout AlertOutput) {
        let r = event.record
        if r.type == .decision {
            if r.deal == .loan { decisions[r.village] = event.day }
            return
        }
        guard r.loanKind == .lent else { return }
        let approved = decisions[r.village].map { event.day - $0 <= window } ?? false
        output.raise(
            Alert(
                rule: Self.id, severity: approved ? .yellow : .red, day: event.day, village: r.village,
                subject: .bidder(r.party), score: Double(r.amount) / 100, threshold: 0, evidence: [event.id]))
    }
}
