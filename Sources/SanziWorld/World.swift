import SanziEngine
import SanziEvents
import SanziScenario

/// The three-capital world of a scenario: villages with their registers, accounts and people,
/// bidders, the trading platform, the ledger and oversight, simulated one day per tick.
///
/// Everything observable goes to the log as a `.log` event scheduled for the day it happens;
/// the engine's observer is the only path from the world to the log (see `LogObserver`).
/// State changes are made when a record is emitted, so checks such as "enough cash" always see
/// the effect of every earlier record.
public struct World: Model, Sendable {
    public enum Event: Sendable {
        /// An observable record; the observer writes it, the world has already applied it.
        case log(LogRecord)
        case leaseEnds(contract: Int32)
        /// A deal for an item; `incumbent` is the sitting tenant who wants to renew, or -1.
        case dealNeeded(item: Int32, deal: DealKind, relisting: Int32, incumbent: Int32)
        case announcementEnds(listing: Int32)
        case signContract(listing: Int32, winner: Int32, price: Int64)
        case rentDue(contract: Int32, installment: Int32)
        case latePayment(contract: Int32, id: Int64, installment: Int32, dueDay: Int32)
        case arrears(contract: Int32, id: Int64, installment: Int32, dueDay: Int32)
        case worksPayment(contract: Int32, installment: Int32)
        case month(village: Int32, index: Int32)
        case bankCash(village: Int32)
        case distributeCompensation(village: Int32, amount: Int64)
        case election(village: Int32)
        case loanRepaid(village: Int32, loan: Int64, borrower: Int32, principal: Int64, termDays: Int32)
        case intervention(index: Int32)
    }

    let scenario: Scenario
    var villages: [VillageState] = []
    var items: [Item] = []
    var bidders: [Bidder] = []
    var people: [Person] = []
    var ties: [KinshipTie] = []
    /// Bidders by district, and firms that work everywhere.
    var districtPools: [[Int32]] = []
    var sharedPool: [Int32] = []
    var policies: [Policy] = []
    var contracts = SlotStore<ContractState>()
    var listings = SlotStore<ListingState>()
    var nextContractID: Int64 = 1
    var nextListingID: Int64 = 1
    var nextLoanID: Int64 = 1
    /// Reused buffers for choosing bidders, so a listing allocates no sample.
    var scratchCandidates: [Int32] = []
    var scratchWeights: [Double] = []
    /// Opening balances per village and account, for the conservation check.
    public internal(set) var openingBalances: [[Int64]] = []

    /// Builds the world and schedules its first events.
    public init(scenario: Scenario, seed: UInt64, scheduler: inout Scheduler<Event>) {
        self.scenario = scenario
        let generator = WorldGenerator(scenario: scenario, root: RandomStream(seed: seed))
        generator.build(into: &self, scheduler: &scheduler)
        openingBalances = villages.map(\.balances)
        declare(&scheduler)
    }

    /// Closing balances per village: basic account, compensation account, cash.
    public var balances: [[Int64]] { villages.map(\.balances) }

    public mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
        switch event {
        case .log:
            break
        case .leaseEnds(let contract):
            leaseEnds(contract, &scheduler)
        case .dealNeeded(let item, let deal, let relisting, let incumbent):
            dealNeeded(item: item, deal: deal, relisting: Int(relisting), incumbent: incumbent, &scheduler)
        case .announcementEnds(let listing):
            announcementEnds(listing, &scheduler)
        case .signContract(let listing, let winner, let price):
            signContract(listing: listing, winner: winner, price: price, &scheduler)
        case .rentDue(let contract, let installment):
            rentDue(contract, installment: installment, &scheduler)
        case .latePayment(let contract, let id, let installment, let dueDay):
            guard contracts[contract].id == id else { break }
            latePayment(contract, installment: installment, dueDay: dueDay, &scheduler)
        case .arrears(let contract, let id, let installment, let dueDay):
            guard contracts[contract].id == id else { break }
            arrears(contract, installment: installment, dueDay: dueDay, &scheduler)
        case .worksPayment(let contract, let installment):
            worksPayment(contract, installment: installment, &scheduler)
        case .month(let village, let index):
            month(village, index: index, &scheduler)
        case .bankCash(let village):
            bankCash(village, &scheduler)
        case .distributeCompensation(let village, let amount):
            distributeCompensation(village, amount: amount, &scheduler)
        case .election(let village):
            election(village, &scheduler)
        case .loanRepaid(let village, let loan, let borrower, let principal, let termDays):
            loanRepaid(village, loan: loan, borrower: borrower, principal: principal, termDays: termDays, &scheduler)
        case .intervention(let index):
            intervene(Int(index), &scheduler)
        }
    }

    /// Puts a record in the log for today.
    mutating func emit(_ record: LogRecord, _ scheduler: inout Scheduler<Event>) {
        if record.village >= 0 { villages[Int(record.village)].entriesSincePublicity += 1 }
        scheduler.schedule(.log(record), after: 0)
    }

    func policy(of village: Int32) -> Policy { policies[villages[Int(village)].district] }

    static let daysPerYear: Tick = 365
}
