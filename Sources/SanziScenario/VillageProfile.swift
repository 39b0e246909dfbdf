/// What a kind of village looks like: each village of the profile draws its own numbers from
/// these ranges.
public struct VillageProfile: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String?
    public var households: ClosedRange<Int>
    public var remoteness: ClosedRange<Double>
    public var people: PeopleProfile
    /// Classes of resources (资源) and assets (资产) in the village's register.
    public var registers: [RegisterClass]
    public var funds: FundsProfile
    public var localBidders: LocalBidders
    public var location: SourceLocation

    /// The most register items a village of the profile can have (each class at its largest
    /// count).
    public var itemsAtMost: Int { registers.reduce(0) { $0 + $1.count.upperBound } }
}

/// Cadres, supervision committee and kinship of a village.
public struct PeopleProfile: Hashable, Sendable, Codable {
    /// Committee members besides the four key roles (secretary, director, accountant, cashier).
    public var committeeMembers: Int
    /// Chance that the secretary is also the director (一肩挑).
    public var concurrentSecretaryDirector: Double
    public var supervisors: Int
    /// Chance that a supervisor reports what a review finds.
    public var supervisorIndependence: Double
    public var clans: ClosedRange<Int>
    public var tiesPerPerson: Double
    /// Share of kinship ties that are declared; the rest are ground truth only.
    public var registeredTieShare: Double
}

/// Whether an item is a resource (land, water) or an asset (buildings, equipment).
public enum Capital: String, Hashable, Sendable, Codable {
    case resource, asset
}

/// The kinds of items in a village's register.
public enum RegisterKind: String, Hashable, Sendable, Codable, CaseIterable {
    case farmland
    case constructionLand = "construction-land"
    case fishPond = "fish-pond"
    case forest, orchard
    case tidalFlat = "tidal-flat"
    case shop
    case factoryBuilding = "factory-building"
    case warehouse, office
    case marketStall = "market-stall"
    case equipment

    public var capital: Capital {
        switch self {
        case .farmland, .constructionLand, .fishPond, .forest, .orchard, .tidalFlat: return .resource
        default: return .asset
        }
    }
}

/// A unit of size for register items.
public enum SizeUnit: String, Hashable, Sendable, Codable {
    case mu
    case squareMetre = "m2"
    case item
}

/// One class of items in a profile's register (e.g. "2-6 fish ponds of 5-60 mu").
public struct RegisterClass: Hashable, Sendable, Codable {
    public var kind: RegisterKind
    public var count: ClosedRange<Int>
    public var size: ClosedRange<Double>
    public var unit: SizeUnit
    /// Median market rent per unit and year.
    public var rentMedian: Money
    /// Lognormal sigma of appraisals across items.
    public var rentSpread: Double
    public var termYears: ClosedRange<Int>
    /// Share of items under lease when the run starts.
    public var leasedShare: Double
    /// Chance per item and year of a sale instead of a lease (assets only).
    public var disposalPerYear: Double
    public var location: SourceLocation
}

/// Accounts, income and spending of a village.
public struct FundsProfile: Hashable, Sendable, Codable {
    public enum AccountKind: String, Hashable, Sendable, Codable { case basic, compensation, cash }
    public enum IncomeKind: String, Hashable, Sendable, Codable {
        case subsidy
        case investmentReturn = "investment-return"
        case other
    }
    public enum SpendingKind: String, Hashable, Sendable, Codable {
        case wages, works, maintenance, welfare, hospitality, travel, office

        /// Non-productive spending (非生产性开支), which approval tiers and alerts watch.
        public var isNonProductive: Bool { self == .hospitality || self == .travel || self == .office }
    }

    public struct Account: Hashable, Sendable, Codable {
        public var kind: AccountKind
        public var opening: ClosedRange<Money>
    }
    public struct Income: Hashable, Sendable, Codable {
        public var kind: IncomeKind
        public var perYear: ClosedRange<Money>
    }
    public struct Spending: Hashable, Sendable, Codable {
        public var kind: SpendingKind
        public var perYear: ClosedRange<Money>
        /// How strongly spending bunches around the Spring Festival, in [0, 1].
        public var seasonality: Double
    }
    /// Land-requisition compensation received now and then and shared out to households.
    public struct Compensation: Hashable, Sendable, Codable {
        public var perYear: Double
        public var amount: ClosedRange<Money>
        public var householdShare: Double
    }

    public var accounts: [Account]
    public var incomes: [Income]
    public var spending: [Spending]
    public var compensation: Compensation?
}

/// Villagers and local firms that bid on a village's deals.
public struct LocalBidders: Hashable, Sendable, Codable {
    public var individuals: ClosedRange<Int>
    public var firms: ClosedRange<Int>
    /// Share of local firms owned by a cadre or a cadre's relative.
    public var cadreOwnedShare: Double

    public static let none = LocalBidders(individuals: 0...0, firms: 0...0, cadreOwnedShare: 0)
}
