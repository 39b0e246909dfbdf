import SanziEvents

/// The misconduct typologies Sanzi can act out.
public enum Typology: String, Hashable, Sendable, CaseIterable, Codable {
    case belowMarketDeal = "below-market-deal"
    case bidRigging = "bid-rigging"
    case bidRotation = "bid-rotation"
    case relativeAward = "relative-award"
    case offPlatformDeal = "off-platform-deal"
    case dealSplitting = "deal-splitting"
    case postAwardAmendment = "post-award-amendment"
    case toleratedArrears = "tolerated-arrears"
    case embezzledReceipts = "embezzled-receipts"
    case fakeDisbursement = "fake-disbursement"
    case misappropriation
    case excessiveSpending = "excessive-spending"
    case divertedCompensation = "diverted-compensation"
    case voteBuying = "vote-buying"
    case electionBribery = "election-bribery"
    case bribedAward = "bribed-award"
}

extension Typology {
    /// The typology's stable number: its index in arrays by typology and its class in
    /// datasets. Declared here once and never reused: a new typology takes the next number,
    /// wherever its case stands in the declaration, so earlier labels keep their meaning.
    public var index: Int {
        switch self {
        case .belowMarketDeal: 0
        case .bidRigging: 1
        case .bidRotation: 2
        case .relativeAward: 3
        case .offPlatformDeal: 4
        case .dealSplitting: 5
        case .postAwardAmendment: 6
        case .toleratedArrears: 7
        case .embezzledReceipts: 8
        case .fakeDisbursement: 9
        case .misappropriation: 10
        case .excessiveSpending: 11
        case .divertedCompensation: 12
        case .voteBuying: 13
        case .electionBribery: 14
        case .bribedAward: 15
        }
    }

    /// The charge a proven case brings (docs/cases.md gives the articles): taking the
    /// collective's money is occupational embezzlement (职务侵占), or embezzlement (贪污) when
    /// the cadre handled it for the government (land compensation); lending it out is
    /// misappropriation (挪用资金); rigged or rotated bids are collusive bidding (串通投标);
    /// the rest break the collective's rules on decisions, the platform, finance and elections,
    /// a breach of discipline: buying votes in a village committee election among them, since
    /// the crime of disrupting elections (破坏选举罪, Criminal Law art. 256) covers elections of
    /// people's congresses and state organs, not of villagers' committees.
    public var charge: SanziEvents.LogRecord.Charge {
        switch self {
        case .embezzledReceipts, .fakeDisbursement: .occupationalEmbezzlement
        case .divertedCompensation: .embezzlement
        case .misappropriation: .misappropriation
        case .bidRigging, .bidRotation: .collusiveBidding
        case .belowMarketDeal, .relativeAward, .offPlatformDeal, .dealSplitting, .postAwardAmendment,
            .toleratedArrears, .excessiveSpending, .voteBuying, .electionBribery, .bribedAward:
            .discipline
        }
    }

    /// The share of the favour's worth its beneficiary pays the cadres when the scenario
    /// gives no `kickback`: a bribed award is bought (the bribe is the offence), any other
    /// favour is paid back only when the scenario says so.
    public var defaultKickback: ClosedRange<Double>? {
        self == .bribedAward ? 0.3...0.6 : nil
    }

    /// Whether the typology favours a bidder, who may pay the cadres back privately.
    public var favoursABidder: Bool {
        switch self {
        case .belowMarketDeal, .bidRigging, .bidRotation, .relativeAward, .offPlatformDeal, .dealSplitting,
            .postAwardAmendment, .toleratedArrears, .fakeDisbursement, .misappropriation, .divertedCompensation,
            .bribedAward:
            true
        case .embezzledReceipts, .excessiveSpending, .voteBuying, .electionBribery: false
        }
    }

    /// The typologies in the order of their numbers: `byIndex[t.index] == t`.
    public static let byIndex: [Typology] = allCases.sorted { $0.index < $1.index }
}

/// A role in the village's committees.
public enum CadreRole: String, Hashable, Sendable, Codable, CaseIterable {
    case secretary, director, accountant, cashier
    case committeeMember = "committee-member"
    case supervisor
}

/// How corrupt actors respond to the alert rules.
public enum Adaptation: String, Hashable, Sendable, Codable {
    /// They ignore the rules.
    case none
    /// They know the deployed thresholds and stay under them.
    case knowThresholds = "know-thresholds"
    /// They learn a threshold after a colleague is caught by it.
    case learnAfterCatch = "learn-after-catch"
}

/// Which misconduct to inject, and how often.
public struct MisconductSettings: Hashable, Sendable, Codable {
    public struct Setting: Hashable, Sendable, Codable {
        public var typology: Typology
        /// Chance per opportunity that a corrupt actor acts.
        public var rate: Double
        public var perpetrators: [CadreRole]
        public var concealment: Double
        /// Share of the deal's value taken, when the typology takes a share.
        public var lossShare: ClosedRange<Double>?
        /// Share of what the favour is worth to its beneficiary that he pays the cadres back
        /// privately (a kickback, 回扣), for typologies that favour a bidder; nil for none.
        public var kickback: ClosedRange<Double>?
        /// Chance that each other holder of the perpetrators' roles is brought into an act
        /// (a collective case).
        public var collusion = 0.0
        public var location: SourceLocation
    }
    public struct LookAlike: Hashable, Sendable, Codable {
        public var typology: Typology
        public var rate: Double
        public var location: SourceLocation
    }

    public var enabled = false
    /// Share of cadres willing to act corruptly.
    public var corruptCadreShare = 0.0
    /// The chance each year that an honest office holder turns corrupt.
    public var onsetPerYear = 0.0
    public var adaptation = Adaptation.none
    public var typologies: [Setting] = []
    public var lookAlikes: [LookAlike] = []
}
