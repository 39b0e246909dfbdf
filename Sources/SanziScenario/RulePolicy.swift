/// The scenario's own rules that alert rules judge against: the listing threshold, the
/// announcement period, the cash cap, the banking delay and the approval limits. A rule
/// parameter tied to one of them takes its value from here unless the alert settings set it,
/// so a scenario with approval tiers at 2,000/20,000 yuan is checked against those tiers, not
/// the catalogue's 1,000/10,000.
public struct RulePolicy: Hashable, Sendable, Codable {
    /// One value of the policy, named as in a thresholds file's `<policy>` element.
    public enum Item: String, CaseIterable, Sendable {
        case listingThresholdYuan = "listing-threshold-yuan"
        case announcementDays = "announcement-days"
        case cashCapYuan = "cash-cap-yuan"
        case bankingDays = "banking-days"
        case financeHeadLimitYuan = "finance-head-limit-yuan"
        case twoCommitteesLimitYuan = "two-committees-limit-yuan"

        /// What the value is, in words that follow "the scenario's".
        public var meaning: String {
            switch self {
            case .listingThresholdYuan: "listing threshold"
            case .announcementDays: "announcement period"
            case .cashCapYuan: "cash cap"
            case .bankingDays: "banking delay"
            case .financeHeadLimitYuan: "finance head's approval limit"
            case .twoCommitteesLimitYuan: "two committees' approval limit"
            }
        }

        /// Where a scenario sets it.
        public var source: String {
            switch self {
            case .listingThresholdYuan, .announcementDays: "<platform \(rawValue)>"
            case .cashCapYuan, .bankingDays: "<finance \(rawValue)>"
            case .financeHeadLimitYuan: "the up-to-yuan of its finance-head <approval-tier>"
            case .twoCommitteesLimitYuan: "the up-to-yuan of its two-committees <approval-tier>"
            }
        }
    }

    public var listingThreshold: Money
    public var announcementDays: Int
    public var cashCap: Money
    public var bankingDays: Int
    /// The most the finance head alone may sign off (0 when every amount needs more); `nil`
    /// when the finance head may sign off any amount.
    public var financeHeadLimit: Money?
    /// The most the finance head or the two committees may sign off; `nil` for any amount.
    public var twoCommitteesLimit: Money?

    /// The policy of the scenario language's defaults.
    public init() { self.init(platform: PlatformRules(), finance: FinanceRules()) }

    /// The policy of a scenario's platform and finance rules.
    public init(platform: PlatformRules, finance: FinanceRules) {
        listingThreshold = platform.listingThreshold
        announcementDays = platform.announcementDays
        cashCap = finance.cashCap
        bankingDays = finance.bankingDays
        financeHeadLimit = finance.limit(ofRank: Approver.financeHead.rank)
        twoCommitteesLimit = finance.limit(ofRank: Approver.twoCommittees.rank)
    }

    /// A value in yuan or days; `nil` for an approval limit that covers every amount.
    public subscript(item: Item) -> Double? {
        get {
            switch item {
            case .listingThresholdYuan: listingThreshold.yuan
            case .announcementDays: Double(announcementDays)
            case .cashCapYuan: cashCap.yuan
            case .bankingDays: Double(bankingDays)
            case .financeHeadLimitYuan: financeHeadLimit?.yuan
            case .twoCommitteesLimitYuan: twoCommitteesLimit?.yuan
            }
        }
    }
}

extension FinanceRules {
    /// The largest amount an approver of at most `rank` may sign off: the limit of the last
    /// of the leading tiers whose approvers rank at most `rank` (0 when the first tier's
    /// approver ranks higher), or `nil` when those tiers cover every amount.
    func limit(ofRank rank: UInt8) -> Money? {
        var limit = Money.zero
        for tier in approvalTiers {
            guard tier.approver.rank <= rank else { break }
            guard let upTo = tier.upTo else { return nil }
            limit = upTo
        }
        return limit
    }
}

extension Money {
    /// The amount in yuan, for settings and reports (never for arithmetic on money).
    var yuan: Double { Double(fen) / 100 }
}
