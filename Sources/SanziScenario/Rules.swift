/// Pools of firms bidding across villages, and the rings that may form in them.
public struct BidderPools: Hashable, Sendable, Codable {
    public enum Scope: Hashable, Sendable, Codable {
        /// Serves the villages of one district.
        case district(String)
        /// Serves every village of the scenario.
        case shared
    }
    public struct Pool: Hashable, Sendable, Codable, Identifiable {
        public var id: String
        public var scope: Scope
        public var firms: Int
        /// How many contracts a firm can hold at once.
        public var capacity: ClosedRange<Int>
        public var newFirmsPerYear: Int
        public var location: SourceLocation
    }
    public struct Ring: Hashable, Sendable, Codable, Identifiable {
        public var id: String
        public var poolID: String
        public var members: Int
        public var location: SourceLocation
    }

    public var pools: [Pool] = []
    public var rings: [Ring] = []
}

/// What a deal on the platform is.
public enum DealKind: String, Hashable, Sendable, Codable, CaseIterable {
    case lease, sale, works
}

/// How bids are taken.
public enum BiddingMethod: String, Hashable, Sendable, Codable {
    case ascendingAuction = "ascending-auction"
    case sealedTender = "sealed-tender"
    case lowestPriceTender = "lowest-price-tender"
    case negotiated
}

/// Rules of the public trading platform (三资交易平台).
public struct PlatformRules: Hashable, Sendable, Codable {
    public struct Mode: Hashable, Sendable, Codable {
        public var method: BiddingMethod
        /// The minimum raise in an auction.
        public var increment: Money?
    }

    /// Deals at or above this total value must be listed.
    public var listingThreshold = Money(yuan: 50_000)
    public var announcementDays = 10
    /// Bidder deposit as a share of the deal's total value.
    public var depositRatio = 0.02
    /// Fewer registered bidders than this turn a listing into a relisting or a negotiated deal.
    public var minBidders = 2
    public var maxRelistings = 2
    /// Reserve price as a share of the appraisal.
    public var reserveRatio = 1.0
    /// Chance that an honest registration fails the qualification review at the bid opening.
    public var disqualification = 0.0
    public var modes: [DealKind: Mode] = [
        .lease: Mode(method: .ascendingAuction, increment: Money(yuan: 500)),
        .sale: Mode(method: .ascendingAuction, increment: Money(yuan: 1000)),
        .works: Mode(method: .lowestPriceTender, increment: nil),
    ]
    /// How deals under the listing threshold are made.
    public var smallDealMethod = BiddingMethod.negotiated
    /// Whether small deals are posted publicly.
    public var smallDealPublicity = true

    /// The scenario language's defaults.
    public init() {}
}

/// Who signs off a disbursement.
public enum Approver: String, Hashable, Sendable, Codable {
    case financeHead = "finance-head"
    case twoCommittees = "two-committees"
    case representativesMeeting = "representatives-meeting"

    /// Authority, lowest first: the finance head 0, the two committees 1, the
    /// representatives' meeting 2 (the log's approver codes).
    public var rank: UInt8 {
        switch self {
        case .financeHead: 0
        case .twoCommittees: 1
        case .representativesMeeting: 2
        }
    }
}

/// Village finance norms.
public struct FinanceRules: Hashable, Sendable, Codable {
    public struct ApprovalTier: Hashable, Sendable, Codable {
        /// The largest amount this tier may approve; `nil` for the last, unbounded tier.
        public var upTo: Money?
        public var approver: Approver

        public init(upTo: Money?, approver: Approver) {
            self.upTo = upTo
            self.approver = approver
        }
    }

    /// The most cash a cashier may hold.
    public var cashCap = Money(yuan: 5_000)
    /// Days within which cash received must be banked.
    public var bankingDays = 3
    public var approvalTiers = [
        ApprovalTier(upTo: Money(yuan: 1_000), approver: .financeHead),
        ApprovalTier(upTo: Money(yuan: 10_000), approver: .twoCommittees),
        ApprovalTier(upTo: nil, approver: .representativesMeeting),
    ]

    /// The scenario language's defaults.
    public init() {}

    /// Who must sign off `amount` (fen): the approver of the first tier whose limit covers it.
    public func approver(for amount: Int64) -> Approver {
        (approvalTiers.first { $0.upTo.map { amount <= $0.fen } ?? true } ?? approvalTiers.last)?.approver
            ?? .representativesMeeting
    }
}

/// How often something happens.
public enum Frequency: String, Hashable, Sendable, Codable {
    case monthly, quarterly, yearly, never

    /// Months between two occurrences, or `nil` for never.
    public var months: Int? {
        switch self {
        case .monthly: return 1
        case .quarterly: return 3
        case .yearly: return 12
        case .never: return nil
        }
    }
}

/// Openness and oversight: publicity, reviews, audits, elections, petitions.
public struct OversightRules: Hashable, Sendable, Codable {
    public var publicity = Frequency.monthly
    public var supervisionReviews = Frequency.quarterly
    public var auditEveryYears = 3
    public var electionEveryYears = 3
    public var firstElection: CalendarDate?
    /// Chance that a household with a grievance petitions, when openness is full.
    public var petitionPropensity = 0.02
    /// How villagers petition about the misconduct they see.
    public var petitions = PetitionRules()
    /// The bodies that take up leads, and what they do with them.
    public var discipline = DisciplineRules()
    /// How sanctions seen deter corrupt cadres.
    public var deterrence = DeterrenceRules()
}
