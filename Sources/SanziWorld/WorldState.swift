import SanziEngine
import SanziScenario

/// The policies in force in one district; interventions change them on their dates.
struct Policy: Sendable {
    var listingThreshold: Int64
    var announcementDays: Int
    var publicity: Frequency
    var cashCap: Int64
    var warningSystem: Bool
    /// Factor on each typology's rate, indexed by `Typology.index`.
    var misconductScale: [Double]
}

/// One village collective while the run goes on. Money is in fen.
struct VillageState: Sendable {
    var id: String
    var profile: Int
    var district: Int
    var households: Int
    var remoteness: Double
    /// Balances of the basic (bank) account, the compensation account and cash on hand.
    var balances: [Int64] = [0, 0, 0]
    var secretary: Int32 = -1
    var director: Int32 = -1
    var accountant: Int32 = -1
    var cashier: Int32 = -1
    var committee: [Int32] = []
    var supervisors: [Int32] = []
    /// The roles (`CadreRole.bit`) held by a corrupt person now: a quick "nobody here acts".
    var corruptRoles: UInt8 = 0
    /// Misconduct cases not yet uncovered by an audit.
    var openCases: [Int32] = []
    var localBidders: [Int32] = []
    /// The village's register items: a contiguous range of the world's items.
    var items: Range<Int32> = 0..<0
    var representatives: Int
    /// Yearly amounts drawn for this village from its profile's ranges.
    var spendingPerYear: [(kind: FundsProfile.SpendingKind, amount: Int64, seasonality: Double)] = []
    var incomePerYear: [(kind: FundsProfile.IncomeKind, amount: Int64)] = []
    /// Ledger entries since the last publicity posting.
    var entriesSincePublicity = 0
    /// The latest case with an entry since the last posting: the posting shows it (-1: none).
    var caseSincePublicity: Int32 = -1
    var monthsSincePublicity = 0
    /// Grievances (late money, failed deals) that may turn into petitions.
    var grievances = 0
    /// The village's stream; every process draws from a child keyed by what it is about (a
    /// month, a deal on an item, a contract), so a change in one never shifts the draws of
    /// another (paired runs compare worlds that differ in a few places).
    var root: RandomStream
    /// This month's streams for the yearly plan and works, the ledger and oversight.
    var platform: RandomStream
    var ledger: RandomStream
    var oversight: RandomStream
    /// Misconduct and look-alikes draw from streams of their own, so switching misconduct off
    /// leaves every honest draw as it was (paired runs).
    var misconduct: RandomStream
    var lookAlikes: RandomStream
    /// Two district firms that keep meeting in this village's listings (a ring look-alike).
    var specialists: (Int32, Int32)?

    static let basic = 0
    static let compensation = 1
    static let cash = 2
}

/// An item of a village's register: a resource or an asset.
struct Item: Sendable {
    var village: Int32
    var kind: RegisterKind
    var size: Double
    /// Appraised market rent of the whole item per year, in fen.
    var annualAppraisal: Int64
    var termYears: ClosedRange<Int>
    var disposalPerYear: Double
    /// The slot of the running contract, or -1.
    var contract: Int32 = -1
    /// The id of the latest contract on the item, or -1.
    var lastContract: Int64 = -1
    var sold = false
    /// Deals started on the item so far: each draws from its own stream.
    var deals = 0
}

/// A bidder: a villager or a firm.
struct Bidder: Sendable {
    var id: Int64
    var isFirm: Bool
    /// The person who owns or is the bidder.
    var person: Int32
    var village: Int32
    /// Index of the district it works in, or -1 for firms that work everywhere.
    var district: Int
    var foundedDay: Int32
    var capacity: Int
    var active = 0
}

/// A person: a cadre, a supervisor, a villager who bids, or a firm's owner.
struct Person: Sendable {
    enum Role: UInt8 {
        case secretary, director, accountant, cashier, committeeMember, supervisor, villager, firmOwner
    }
    var village: Int32
    var role: Role
    var clan: Int32
    /// Willing to act corruptly when a chance comes (ground truth only).
    var corrupt = false
}

/// A tie of kinship between two people; unregistered ties are ground truth only.
struct KinshipTie: Sendable {
    var a: Int32
    var b: Int32
    var registered: Bool
}

/// A contract while it runs.
struct ContractState: Sendable {
    var id: Int64
    var village: Int32
    var item: Int32
    var counterparty: Int32
    var deal: DealKind
    var annual: Int64
    /// The whole price; the last installment carries what dividing it by the term left over.
    var total: Int64
    var termYears: Int
    var startDay: Int32
    var listing: Int64
    var active = true
    var fellIntoArrears = false
    var nextDue: EventHandle?
    /// The case acting through this contract, or -1; its payments are that case's entries.
    var caseIndex: Int32 = -1
    /// The price an honest deal would have had; the case's loss is measured against it.
    var fairAnnual: Int64 = 0
    var fairTotal: Int64 = 0
    /// An insider's rent the director lets go unpaid.
    var tolerated = false
    /// The bidder whose capacity the contract takes: the counterparty, or for a rigged deal
    /// the bidder the honest market would have chosen (-1 for none), so that other villages'
    /// bidders see the same busy firms as in the honest world (paired runs).
    var capacityHolder: Int32 = -1
    /// The contract's own stream: rents, arrears, payment channels, its end.
    var random: RandomStream

    /// The amount of a yearly installment (from 0).
    func installmentAmount(_ installment: Int32) -> Int64 {
        Int(installment) == termYears - 1 ? total - annual * Int64(termYears - 1) : annual
    }

    /// What the installment would have been at the fair price.
    func fairInstallment(_ installment: Int32) -> Int64 {
        Int(installment) == termYears - 1 ? fairTotal - fairAnnual * Int64(termYears - 1) : fairAnnual
    }
}

/// A listing from announcement to award.
struct ListingState: Sendable {
    var id: Int64
    var village: Int32
    var item: Int32
    var deal: DealKind
    var appraisal: Int64
    var reserve: Int64
    var termYears: Int
    var relisting: Int
    var bidders: [Int32] = []
    var valuations: [Int64] = []
    var active = true
    /// The case or look-alike shaping this listing, or -1.
    var caseIndex: Int32 = -1
    /// The price the honest bidders would have paid (or asked, for works), and who would have
    /// won (-1 when the honest listing would have failed).
    var fairPrice: Int64 = 0
    var honestWinner: Int32 = -1
    /// The deal's stream.
    var random: RandomStream
}

/// Slots reused through a free list, so that memory stays flat however long the run.
struct SlotStore<Element: Sendable>: Sendable {
    private(set) var elements: [Element] = []
    private var free: [Int32] = []

    mutating func insert(_ element: Element) -> Int32 {
        if let slot = free.popLast() {
            elements[Int(slot)] = element
            return slot
        }
        elements.append(element)
        return Int32(elements.count - 1)
    }

    mutating func remove(_ slot: Int32) { free.append(slot) }

    subscript(slot: Int32) -> Element {
        get { elements[Int(slot)] }
        set { elements[Int(slot)] = newValue }
    }

}
