import SanziAlerts
import SanziEvents
import SanziOutput
import SanziScenario

/// Watches a run's log as it streams and keeps, for each contract and each ledger entry, the
/// features known at that moment (never a value from later in the log), and writes the raw
/// events table as it goes.
final class DatasetCollector: EventSink {
    struct Transaction {
        var event: UInt64
        var day: Int32
        var village: Int32
        var contract: Int64
        var deal: UInt8
        var asset: Int64
        var listing: Int64
        var renewal = false
        var term: Int32
        var annual: Int64
        var total: Int64
        var appraisal: Int64?
        var reserve: Int64?
        var announcementDays: Int32?
        var relisting: Int64?
        var registered: Int?
        var bids: Int?
        var topTwoGap: Double?
        var awardToContract: Int32?
        var decisionShare: Double?
        var counterparty: Int64
        var counterpartyFirm: Bool?
        var counterpartyAge: Int32?
        var counterpartyRelated: Bool
        var counterpartyWins: Int
        var previousAnnualRatio: Double?
        var villageContractsBefore: Int
    }

    struct LedgerEntry {
        /// The kinds of entry, as the `entry` column names them.
        static let entries = ["receipt", "disbursement", "loan-lent", "loan-repaid", "distribution"]

        var event: UInt64
        var day: Int32
        var village: Int32
        /// Index into `entries`.
        var entry: UInt8
        /// The record's purpose code (receipts and disbursements), account and approver
        /// (disbursements), or -1.
        var purpose: Int8 = -1
        var account: Int8 = -1
        var amount: Int64
        var approver: Int8 = -1
        var belowRequired: Bool
        var counterparty: Int64
        var counterpartyRelated: Bool
        var contract: Int64
        var monthSpendingBefore: Int64
    }

    private struct Listing {
        var appraisal: Int64
        var reserve: Int64
        var days: Int32
        var relisting: Int64
        var registered = 0
        var bids: [Int64] = []
        var awardDay: Int32?
    }

    /// The rows of the transactions and ledger tables, set aside in files as the log streams
    /// and read back once the run has ended and the labels are known (`forEachTransaction(_:)`,
    /// `forEachLedgerEntry(_:)`): 12,000 villages over five years make 483,784 transactions and
    /// 7,138,343 ledger entries, which held in arrays took some 600 MB of a replication's 997 MiB.
    private var transactions: Spool
    private var ledger: Spool
    /// The last contract's row, held back until the next: a renewal right after its contract
    /// marks it.
    private var lastTransaction: Transaction?

    /// The scenario's approval tiers, for `approver_below_required`.
    let finance: FinanceRules
    /// The windows of C08 (wins of a counterparty) and P05 (a decision on record), at their
    /// defaults: the features are what those rules see.
    static let winsWindow = Int32(RepeatWinner.windowDays.defaultValue)
    static let decisionWindow = Int32(MissingDecision.windowDays.defaultValue)
    let months: MonthTable
    /// The events table, when the dataset has one.
    private var events: TableFile?
    /// The events table's words: event types by raw value, and village ids.
    private let types: TableFile.Vocabulary
    private let villages: TableFile.Vocabulary
    private var failure: Error?

    /// The listings open now, by id: let go when their contract is signed or they fail. (A
    /// table by id held room for every listing of the run: a replication of 12,000 villages
    /// over five years peaked 57 MB higher, where a few thousand listings are open at once.)
    private var listings: [Int64: Listing] = [:]
    /// Each asset's last decision: its day, the votes for, and all votes.
    private var decisions = CompactIDTable<(day: Int32, votesFor: Int32, votes: Int32)>()
    private var previousAnnual = CompactIDTable<Int64>()
    private var officeTies = OfficeTies()
    /// Each bidder's last registration: its owner, the day it was founded, whether a firm.
    private var owners = CompactIDTable<(person: Int64, founded: Int32, firm: Bool)>()
    /// The days each counterparty signed contracts in each village within C08's window, keyed
    /// as C08 keys them.
    private var wins = WindowedLists<Int64, Int32>()
    /// Per village, by index: contracts signed so far, and this month's disbursements.
    private var villageContracts: [Int]
    private var monthSpending: [(month: Int, total: Int64)]

    /// A collector that writes `events` as the log streams and sets its other rows aside in
    /// `folder` (`ScratchFile`: nothing is left there).
    init(
        villageIDs: [String], finance: FinanceRules, months: MonthTable, events: TableFile?,
        settingAsideIn folder: String
    ) throws {
        transactions = try Spool(in: folder, name: "transactions.spool")
        ledger = try Spool(in: folder, name: "ledger.spool")
        self.finance = finance
        self.months = months
        var events = events
        types = events?.vocabulary(EventType.allCases.map(\.name)) ?? .init()
        villages = events?.vocabulary(villageIDs) ?? .init()
        self.events = events
        villageContracts = Array(repeating: 0, count: villageIDs.count)
        monthSpending = Array(repeating: (0, 0), count: villageIDs.count)
    }

    func accept(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .decision:
            let votes = r.count + r.count2
            if r.subject >= 0, votes > 0 { decisions[r.subject] = (event.day, r.count, votes) }
        case .listing:
            listings[r.subject] = Listing(appraisal: r.amount, reserve: r.amount2, days: r.count2, relisting: r.party)
        case .registration:
            listings[r.subject]?.registered += 1
            owners[r.party] = (r.other, r.count, r.bidderKind == .firm)
        case .bid: listings[r.subject]?.bids.append(r.amount)
        case .listingFailed: listings.removeValue(forKey: r.subject)
        case .award: listings[r.subject]?.awardDay = event.day
        case .contract: contract(event)
        case .renewal:
            if lastTransaction?.contract == r.subject { lastTransaction?.renewal = true }
        case .office: officeTies.office(r.subject)
        case .relation: officeTies.tie(r.subject, r.party)
        case .receipt, .disbursement, .loan, .compensationDistributed: ledgerEntry(event)
        default: break
        }
        write(event)
    }

    /// The declared ties, in the log's order.
    var relations: [(Int64, Int64)] { officeTies.ties }

    /// Whether a bidder's owner has held an office or has a declared tie to someone who has.
    private func related(_ bidder: Int64) -> Bool { owners[bidder].map { officeTies.isRelated($0.person) } ?? false }

    private func contract(_ event: LoggedEvent) {
        let r = event.record
        let village = r.village
        let asset = Int64(r.count2)
        let recent = addWin(of: r.party, in: village, on: event.day)
        defer {
            villageContracts[Int(village)] += 1
            if asset >= 0, r.deal == .lease { previousAnnual[asset] = r.amount }
        }
        guard r.other != -2 else { return }  // leases running when the run starts were not decided in it
        let listing = r.other >= 0 ? listings.removeValue(forKey: r.other) : nil
        let sortedBids = (listing?.bids ?? []).sorted(by: r.deal == .works ? (<) : (>))
        let owner = owners[r.party]
        let decision = decisions[asset].flatMap {
            event.day - $0.day <= Self.decisionWindow ? Double($0.votesFor) / Double($0.votes) : nil
        }
        setAsideLastTransaction()
        lastTransaction = Transaction(
            event: event.id, day: event.day, village: village, contract: r.subject, deal: r.code, asset: asset,
            listing: r.other, term: r.count, annual: r.amount, total: r.amount2, appraisal: listing?.appraisal,
            reserve: listing?.reserve, announcementDays: listing?.days, relisting: listing?.relisting,
            registered: listing?.registered, bids: listing?.bids.count,
            topTwoGap: sortedBids.count >= 2 && sortedBids[0] != 0
                ? abs(Double(sortedBids[0] - sortedBids[1])) / Double(sortedBids[0]) : nil,
            awardToContract: listing?.awardDay.map { event.day - $0 }, decisionShare: decision,
            counterparty: r.party, counterpartyFirm: owner?.firm,
            counterpartyAge: owner.flatMap { $0.firm ? event.day - $0.founded : nil },
            counterpartyRelated: related(r.party), counterpartyWins: recent,
            previousAnnualRatio: previousAnnual[asset].flatMap {
                $0 > 0 && r.deal == .lease ? Double(r.amount) / Double($0) : nil
            },
            villageContractsBefore: villageContracts[Int(village)])
    }

    /// Remembers a contract `party` signed in `village` on `day` and returns how many it signed
    /// there in C08's window before it.
    private func addWin(of party: Int64, in village: Int32, on day: Int32) -> Int {
        wins.forget(window: Self.winsWindow, on: day) { $0 }
        return wins.update(Int64(village) << 40 ^ party) { days in
            days.removeAll { day - $0 > Self.winsWindow }
            days.append(day)
            return days.count - 1
        }
    }

    private func ledgerEntry(_ event: LoggedEvent) {
        let r = event.record
        let month = months.serial(event.day)
        var spent = monthSpending[Int(r.village)]
        if spent.month != month { spent = (month, 0) }
        var entry = LedgerEntry(
            event: event.id, day: event.day, village: r.village, entry: 4, amount: r.amount, belowRequired: false,
            counterparty: r.party, counterpartyRelated: r.party >= 0 && related(r.party), contract: -1,
            monthSpendingBefore: spent.total)
        switch r.type {
        case .receipt:
            (entry.entry, entry.purpose, entry.account) = (0, Int8(clamping: r.code), Int8(clamping: r.count))
            entry.contract = r.subject
        case .disbursement:
            (entry.entry, entry.purpose, entry.account) = (1, Int8(clamping: r.code), Int8(clamping: r.count))
            entry.approver = Int8(clamping: r.count2)
            let required = finance.approver(for: r.amount)
            entry.belowRequired = r.approver.map { $0.rawValue < required.rank } ?? false
            entry.contract = r.subject
            spent.total += r.amount
        case .loan:
            entry.entry = r.loanKind == .lent ? 2 : 3
        default:
            entry.entry = 4
        }
        monthSpending[Int(r.village)] = spent
        ledger.append(entry)
        ledger.endItem()
    }

    private func setAsideLastTransaction() {
        guard let row = lastTransaction else { return }
        transactions.append(row)
        transactions.endItem()
        lastTransaction = nil
    }

    /// Reads the transactions' rows back in the log's order, once the run has ended; once `body`
    /// throws it is not called again, and its error is thrown.
    func forEachTransaction(_ body: (Transaction) throws -> Void) throws {
        setAsideLastTransaction()
        try Self.readBack(&transactions, body)
    }

    /// Reads the ledger's rows back in the log's order, once the run has ended.
    func forEachLedgerEntry(_ body: (LedgerEntry) throws -> Void) throws { try Self.readBack(&ledger, body) }

    private static func readBack<Row: BitwiseCopyable>(_ spool: inout Spool, _ body: (Row) throws -> Void) throws {
        var failure: Error?
        try spool.readBack { reader in
            guard let row = reader.next(Row.self) else { return false }
            if failure == nil {
                do { try body(row) } catch { failure = error }
            }
            return true
        }
        if let failure { throw failure }
    }

    /// Closes the events table once the run is done and returns its rows (nil without one).
    func closeEvents() throws -> Int? {
        if let failure { throw failure }
        try events?.close()
        return events?.rows
    }

    private func write(_ event: LoggedEvent) {
        guard failure == nil else { return }
        // One access to the file for the whole row.
        do { try events?.writeEvent(event, types: types, villages: villages) } catch {
            failure = error
        }
    }
}

extension TableFile {
    /// A row of the events table.
    fileprivate mutating func writeEvent(
        _ event: LoggedEvent, types: Vocabulary, villages: Vocabulary
    ) throws {
        let r = event.record
        int(Int64(event.id))
        int(Int64(event.day))
        word(Int(r.type.rawValue), of: types)
        if r.village < 0 { null() } else { word(Int(r.village), of: villages) }
        int(Int64(r.code))
        int(r.subject)
        int(r.other)
        int(r.party)
        int(r.amount)
        int(r.amount2)
        int(Int64(r.count))
        int(Int64(r.count2))
        try endRow()
    }
}
