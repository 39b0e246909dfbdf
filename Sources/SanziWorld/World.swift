import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// The three-capital world of a scenario, simulated one day per tick. Its state is held by
/// sub-models, each the one home of its part of the world:
///
/// - `platform`: the registers, bidders, listings and contracts (Platform/);
/// - `ledger`: the villages' accounts, spending plans and loans (Ledger/);
/// - `people`: persons, kinship and offices (People/);
/// - `oversight`: openness, grievances, reviews, audits and petitions (Oversight/);
/// - `discipline`: the bodies that take up leads, investigate and sanction (Oversight/);
/// - `misconduct`: typology settings, cases, rings and what offenders know (Misconduct/).
///
/// The processes that join them (a deal, a payment, a month) are the `World` extensions in
/// each folder. Everything observable is emitted as a record of the day it happens, in the
/// order it happens; the run hands them to the log in batches (`WorldLog`), the only path
/// from the world to the log. State changes are made when a record is emitted, so checks such
/// as "enough cash" always see the effect of every earlier record.
///
/// A non-mutating method of the world called from a mutating one is passed a copy of the whole
/// world (2.4 KB, every array in it retained) unless it is inlined: the helpers such handlers
/// call on every event of their kind are `@inline(__always)` (found with gdb on `memcpy`).
public struct World: Model, Sendable {
    public enum Event: Sendable {
        /// An event whose values are too large for a slot of the event list, kept in `parked`
        /// at this slot until its day (`ParkedEvent`).
        case parked(Int32)
        case leaseEnds(contract: Int32)
        /// A deal for an item (a tenant's renewal waits parked: `ParkedEvent.renewal`).
        case dealNeeded(item: Int32, relisting: Int32, deal: DealKind)
        case announcementEnds(listing: Int32)
        /// An awarded listing's contract is signed (winner and price kept in the listing).
        case signContract(listing: Int32)
        case rentDue(contract: Int32, installment: Int32)
        case worksPayment(contract: Int32, installment: Int32)
        case month(village: Int32, index: Int32)
        case bankCash(village: Int32)
        case election(village: Int32)
        case intervention(index: Int32)
        /// An inspection gives its feedback: its tasks open.
        case inspection(index: Int32)
        /// A rectification task (by its position in the scenario) reaches its due day undone,
        /// or is done.
        case taskOverdue(task: Int32)
        case taskDone(task: Int32)
        /// A satisfaction survey is held.
        case survey(index: Int32)
        /// Some weeks before an election: candidates may buy votes.
        case campaign(village: Int32, electionDay: Int32)
        /// A new firm joins a pool (the scenario's `new-firms-per-year`).
        case firmFounded(pool: Int32, firm: Int32)
        /// A lead (kept in `discipline.leads`) reaches its body.
        case leadArrives(pending: Int32)
        /// An investigation's check, or its examination, is done.
        case checkEnds(investigation: Int32)
        case examinationEnds(investigation: Int32)
        /// The first of a month for the discipline-inspection bodies: shelve stale leads, open
        /// what the month's caps allow.
        case disciplineMonth
        /// A news window begins: what districts did in the last reaches the others
        /// (`Geography.newsWindowDays`).
        case newsWindow
    }

    let scenario: Scenario
    /// Where the world's districts sit in the whole scenario (all of it, or one district).
    let place: ShardPlace
    /// The run's root stream: processes that belong to no village draw from children of it.
    let root: RandomStream
    var villages: [SimulatedVillage] = []
    var policies: [Policy] = []
    var platform: Platform
    var ledger: Ledger
    var people = People()
    var oversight = Oversight()
    var discipline: Discipline
    var misconduct: Misconduct
    /// The villages of each town, by index.
    var villagesOfTown: [[Int32]] = []
    /// Opening balances per village and account, for the conservation check.
    public internal(set) var openingBalances: [[Int64]] = []
    /// Records emitted and not yet written to the log, as the log will hold them (the log
    /// numbers them when it takes them), and those of them a case touched: position and case.
    var unwritten: [LoggedEvent] = []
    var unwrittenCases: [(position: Int32, caseIndex: Int32)] = []
    /// Events too large for the event list's slots, until their day (`Event.parked`).
    var parked = SlotStore<ParkedEvent>()

    /// Builds the world and schedules its first events, handing the records of what it built
    /// to `log` as they gather. Adaptive offenders know `knowledge`; `spill` sets aside the
    /// values of old deals; `place` says which district of the whole scenario `scenario` is,
    /// for a shard (`Scenario.shard(_:)`).
    public init(
        scenario: Scenario, seed: UInt64, knowledge: OffenderKnowledge = OffenderKnowledge(),
        scheduler: inout Scheduler<Event>, log: inout WorldLog, spill: ValueSpill = ValueSpill(),
        place: ShardPlace? = nil
    ) {
        self.scenario = scenario
        self.place = place ?? .whole(scenario)
        platform = Platform(rules: scenario.platform, spill: spill)
        ledger = Ledger(finance: scenario.finance)
        misconduct = Misconduct(scenario.misconduct, knowledge: knowledge)
        discipline = Discipline(rules: scenario.oversight.discipline, deterrence: scenario.oversight.deterrence)
        root = RandomStream(seed: seed)
        WorldGenerator(scenario: scenario, root: root).build(into: &self, scheduler: &scheduler, log: &log)
        openingBalances = ledger.balances
        misconduct.learned = Array(
            repeating: Array(repeating: false, count: Typology.allCases.count), count: policies.count)
        people.indexRelations(bidders: platform.bidders)
        appointOfficials()
        for village in villages.indices { noteCorruptRoles(Int32(village)) }
        drawRings(root.derived("rings"))
        beginNewsWindows(&scheduler)
        declare(&scheduler, log: &log)
    }

    /// Closing balances per village: basic account, compensation account, cash.
    public var balances: [[Int64]] { ledger.balances }

    public mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
        switch event {
        case .parked(let slot):
            handleParked(slot, &scheduler)
        case .leaseEnds(let contract):
            leaseEnds(contract, &scheduler)
        case .dealNeeded(let item, let relisting, let deal):
            dealNeeded(item: item, deal: deal, relisting: Int(relisting), &scheduler)
        case .announcementEnds(let listing):
            announcementEnds(listing, &scheduler)
        case .signContract(let listing):
            signContract(listing: listing, &scheduler)
        case .rentDue(let contract, let installment):
            rentDue(contract, installment: installment, &scheduler)
        case .worksPayment(let contract, let installment):
            worksPayment(contract, installment: installment, &scheduler)
        case .month(let village, let index):
            month(village, index: index, &scheduler)
        case .bankCash(let village):
            bankCash(village, &scheduler)
        case .election(let village):
            election(village, &scheduler)
        case .intervention(let index):
            intervene(Int(index), &scheduler)
        case .inspection(let index):
            inspect(Int(index), &scheduler)
        case .taskOverdue(let task):
            taskOverdue(Int(task), &scheduler)
        case .taskDone(let task):
            taskDone(Int(task), &scheduler)
        case .survey(let index):
            survey(Int(index), &scheduler)
        case .campaign(let village, let electionDay):
            campaign(village, electionDay: electionDay, &scheduler)
        case .firmFounded(let pool, let firm):
            foundFirm(pool: Int(pool), number: Int(firm), &scheduler)
        case .leadArrives(let pending):
            takeUp(pending, &scheduler)
        case .checkEnds(let investigation):
            checkEnds(investigation, &scheduler)
        case .examinationEnds(let investigation):
            examinationEnds(investigation, &scheduler)
        case .disciplineMonth:
            disciplineMonth(&scheduler)
        case .newsWindow:
            newsWindowBegins(&scheduler)
        }
    }

    /// Starts loading what the event reads first: the running contract of a rent, a works
    /// payment or a lease's end, the item of a deal, the listing whose announcement ends, a
    /// parked event. At 12,000 villages these stores (some 100 MB) are far from the caches: the
    /// first read of a contract in `rentDue` was a fifth of the world's cache misses
    /// (cachegrind, 4,800 villages).
    public func prefetch(_ event: Event) {
        switch event {
        case .rentDue(let contract, _), .worksPayment(let contract, _), .leaseEnds(let contract):
            platform.contracts.prefetch(contract)
        case .dealNeeded(let item, _, _): platform.items.prefetch(Int(item))
        case .announcementEnds(let listing), .signContract(let listing): platform.listings.prefetch(listing)
        case .parked(let slot): parked.prefetch(slot)
        default: break
        }
    }

    /// Puts a record in the log for today, as part of a case when `caseIndex` is not -1 (the
    /// case notes what the record is about, for investigators who later follow a lead to it).
    mutating func emit(_ record: LogRecord, case caseIndex: Int32 = -1, _ scheduler: inout Scheduler<Event>) {
        if record.village >= 0, record.type.isListedInPublicity {
            oversight.villages[Int(record.village)].entriesSincePublicity += 1
            if caseIndex >= 0 { oversight.villages[Int(record.village)].caseSincePublicity = caseIndex }
        }
        if caseIndex >= 0, misconduct.cases[Int(caseIndex)].kind == .misconduct {
            misconduct.cases[Int(caseIndex)].note(record.trace)
        }
        hold(record, case: caseIndex, on: scheduler.now)
    }

    /// Keeps a record for the log's next batch.
    mutating func hold(_ record: LogRecord, case caseIndex: Int32, on day: Tick) {
        if caseIndex >= 0 { unwrittenCases.append((Int32(unwritten.count), caseIndex)) }
        unwritten.append(LoggedEvent(id: 0, day: Int32(day), record: record))
    }

    /// Hands the records emitted since the last call to the log, in the order emitted: the
    /// log numbers them in place and passes the same array on to its readers.
    mutating func flush(to log: inout WorldLog) {
        log.write(&unwritten, cases: unwrittenCases)
        // With its room, so that it does not grow by doubling again: the same array when the
        // log copied the records out (a district's shard), a new one of that room when the log's
        // readers still hold this one. Room for a batch and what the event that fills it may
        // add, at most: the building's larger batches left a room past malloc's 128 KiB, and
        // every later array was a mapping of its own (12% more page faults with `--jobs 2`).
        if unwritten.capacity > 2 * WorldRun.batch {
            unwritten = []
            unwritten.reserveCapacity(2 * WorldRun.batch)
        } else {
            unwritten.removeAll(keepingCapacity: true)
        }
        unwrittenCases.removeAll(keepingCapacity: true)
    }

    /// Hands the records over once a batch has gathered. Building the world emits a record
    /// for every office, tie, firm and opening lease (some two million at 12,000 villages):
    /// handed over a village at a time, they neither pile up in one array nor keep the log's
    /// readers waiting for the whole world.
    mutating func flushBatch(to log: inout WorldLog) {
        if hasFullBatch { flush(to: &log) }
    }

    /// Whether a batch of records waits for the log (`WorldRun.batch`).
    var hasFullBatch: Bool { unwritten.count >= WorldRun.batch }

    @inline(__always)
    func policy(of village: Int32) -> Policy { policies[villages[Int(village)].district] }

    /// The bidder's id in the log.
    func bidderID(_ bidder: Int32) -> Int64 { Bidder.id(of: bidder) }
}
