import SanziEngine
import SanziEvents
import SanziScenario
import Testing

@testable import SanziTruth
@testable import SanziWorld

/// Properties every run must have, checked on whole runs of the shipped scenarios.
@Suite("World invariants")
struct WorldInvariantTests {
    static let runs: [(String, WorldFixtures.Run)] = ["default", "guangzhou-2012-2014"].compactMap { name in
        (try? WorldFixtures.scenario(name)).map { (name, WorldFixtures.run($0)) }
    }

    /// An event fits 12 bytes: the event list keeps a slot of this size for each of up to
    /// ~400,000 pending events (12,000 villages); events with larger values are parked
    /// (`World.ParkedEvent`), and a case with a byte after 32-bit ones made it 24.
    @Test func anEventFitsTwelveBytes() {
        #expect(MemoryLayout<World.Event>.stride == 12)
    }

    /// An item fits 32 bytes (it took 72): some 370,000 are kept at 12,000 villages.
    @Test func anItemFits32Bytes() {
        #expect(MemoryLayout<Item>.stride == 32)
    }

    /// A person fits 12 bytes (it took 16): some 450,000 are kept at 12,000 villages.
    @Test func aPersonFits12Bytes() {
        #expect(MemoryLayout<Person>.stride == 12)
    }

    /// A bidder fits 28 bytes (it took 48): some 260,000 are kept at 12,000 villages.
    @Test func aBidderFits28Bytes() {
        #expect(MemoryLayout<Bidder>.stride == 28)
    }

    /// A running contract fits 80 bytes (it took 144, and 120 with its stream kept whole):
    /// some 390,000 run at once at 12,000 villages.
    @Test func aContractFits80Bytes() {
        #expect(MemoryLayout<ContractState>.stride == 80)
    }

    /// A case fits 88 bytes (it took 112): some 120,000 are kept at 12,000 villages over five
    /// years.
    @Test func aCaseFits88Bytes() {
        #expect(MemoryLayout<CaseRecord>.stride == 88)
    }

    /// A look-alike fits 16 bytes (`CaseRecords`): 212,152 of the 227,135 cases at 12,000
    /// villages over ten years; and nothing changes one once opened, so each keeps that size.
    @Test func aLookAlikeFits16BytesAndStaysSo() {
        #expect(MemoryLayout<CaseRecords.LookAlike>.stride == 16)
        for (name, run) in Self.runs {
            let cases = run.world.misconduct.cases
            let misconduct = (0..<cases.count).filter { cases[$0].kind == .misconduct }.count
            #expect(cases.count > misconduct, "\(name) has look-alikes")
            #expect(cases.wholeRecords == misconduct, "\(name)")
            #expect(run.summary.truth.cases.wholeEntries == misconduct, "\(name): every look-alike a row of the truth")
        }
    }

    @Test func theShippedScenariosRun() {
        #expect(Self.runs.count == 2)
        for (name, run) in Self.runs {
            #expect(run.events.count > 1_000, "\(name)")
            for type in [
                EventType.listing, .award, .contract, .payment, .receipt, .disbursement, .publicity, .election,
            ] {
                #expect(run.summary.counts[Int(type.rawValue)] > 0, "\(name) has no \(type.name)")
            }
        }
    }

    @Test func idsAreSequentialAndTimeNeverGoesBack() {
        for (name, run) in Self.runs {
            #expect(run.events.map(\.id) == Array(1...UInt64(run.events.count)), "\(name)")
            #expect(zip(run.events, run.events.dropFirst()).allSatisfy { $0.day <= $1.day }, "\(name)")
        }
    }

    /// Replays the balances of every village's accounts from the log, calling `check` after
    /// each event that moves money; returns the closing balances.
    static func replayBalances(
        _ run: WorldFixtures.Run, check: (LoggedEvent, [Int64]) -> Void = { _, _ in }
    ) -> [[Int64]] {
        replayBalances(from: run.world.openingBalances, run.events, check: check)
    }

    /// Replays the balances from `opening` through `events`.
    static func replayBalances(
        from opening: [[Int64]], _ events: [LoggedEvent], check: (LoggedEvent, [Int64]) -> Void = { _, _ in }
    ) -> [[Int64]] {
        var balances = opening
        for event in events where event.record.village >= 0 {
            let r = event.record
            let village = Int(r.village)
            switch r.type {
            case .receipt: balances[village][Int(r.count)] += r.amount
            case .disbursement: balances[village][Int(r.count)] -= r.amount
            case .banking:
                let toBank: Int64 = r.bankingKind == .cashBanked ? r.amount : -r.amount
                balances[village][Int(LogRecord.Account.basic.rawValue)] += toBank
                balances[village][Int(LogRecord.Account.cash.rawValue)] -= toBank
            case .compensationDistributed: balances[village][Int(LogRecord.Account.compensation.rawValue)] -= r.amount
            case .recovery: balances[village][Int(LogRecord.Account.basic.rawValue)] += r.amount
            case .loan:
                balances[village][Int(LogRecord.Account.basic.rawValue)] += r.loanKind == .lent ? -r.amount : r.amount
            default: continue
            }
            check(event, balances[village])
        }
        return balances
    }

    /// opening + receipts − disbursements ± banking − distributions ± loans = closing, to the fen.
    @Test func moneyIsConservedPerAccount() {
        for (name, run) in Self.runs {
            #expect(run.summary.counts[Int(EventType.recovery.rawValue)] > 0, "\(name): no recovery to conserve")
            #expect(Self.replayBalances(run) == run.world.balances, "\(name)")
        }
    }

    @Test func cashAndAccountsNeverGoNegative() {
        for (name, run) in Self.runs {
            var lowest: Int64 = 0
            _ = Self.replayBalances(run) { event, balances in
                lowest = min(lowest, balances.min() ?? 0)
                if event.record.type == .banking {
                    #expect(
                        balances[Int(LogRecord.Account.cash.rawValue)] == event.record.amount2,
                        "banking records the cash left")
                }
            }
            #expect(lowest >= 0, "\(name)")
        }
    }

    @Test func everyPaymentRefersToAnEarlierContract() {
        for (name, run) in Self.runs {
            var contracts: Set<Int64> = []
            for event in run.events {
                switch event.type {
                case .contract: contracts.insert(event.record.subject)
                case .payment, .arrears, .termination, .amendment:
                    #expect(contracts.contains(event.record.subject), "\(name): event \(event.id)")
                case .receipt where event.record.subject >= 0, .disbursement where event.record.subject >= 0:
                    #expect(contracts.contains(event.record.subject), "\(name): event \(event.id)")
                default: break
                }
            }
        }
    }

    /// What the world keeps so as not to read other records agrees with those records at the
    /// end of a run: a village's own bidders (a range of the register) are the bidders of that
    /// village, and all of them; a contract's note that its counterparty is a firm is the
    /// bidder's; who is an insider, read through the village's mask of corrupt roles, is who is
    /// one by the offices, the persons and their kin.
    @Test func factsKeptApartAgreeWithTheRecords() {
        for (name, run) in Self.runs {
            let (platform, people) = (run.world.platform, run.world.people)
            let misplaced = platform.localBidders.indices.filter { village in
                platform.localBidders[village].contains { platform.bidders[Int($0)].village != Int32(village) }
            }
            #expect(misplaced.isEmpty, "\(name): villages with others' bidders \(misplaced.prefix(3))")
            #expect(
                platform.bidders.filter { $0.village >= 0 }.count == platform.localBidders.map(\.count).reduce(0, +),
                "\(name)")
            let firmsMistaken = platform.contracts.elements.filter {
                $0.active && $0.counterpartyIsFirm != platform.bidders[Int($0.counterparty)].isFirm
            }
            #expect(firmsMistaken.isEmpty, "\(name): \(firmsMistaken.count) contracts mistake their counterparty")
            var (insiders, mistaken) = (0, 0)
            for village in platform.localBidders.indices {
                for bidder in platform.localBidders[village] {
                    let owner = platform.bidders[Int(bidder)].person
                    let byRecords = people.offices[village].keyCadres.contains { holder in
                        holder >= 0 && people.persons[Int(holder)].corrupt
                            && (holder == owner || people.relatives[Int(holder)].contains { $0.person == owner })
                    }
                    if byRecords { insiders += 1 }
                    if run.world.isInsider(bidder, of: Int32(village)) != byRecords { mistaken += 1 }
                }
            }
            #expect(insiders > 0, "\(name): no insider to check")
            #expect(mistaken == 0, "\(name): \(mistaken) bidders taken for what they are not")
        }
    }

    /// Nothing is paid or received on a contract once it has ended: works voided while their
    /// last payment waited were paid it (36 payments in the log of
    /// `sanzi run Scenarios/guangzhou-2012-2014.xml`).
    @Test func nothingIsPaidOnAContractAfterItEnds() {
        for (name, run) in Self.runs {
            var ended: Set<Int64> = []
            var voided = 0
            var paidAfterEnd: [UInt64] = []
            for event in run.events {
                switch event.type {
                case .termination:
                    ended.insert(event.record.subject)
                    if event.record.code == LogRecord.TerminationReason.voided.rawValue { voided += 1 }
                case .payment, .receipt, .disbursement:
                    if ended.contains(event.record.subject) { paidAfterEnd.append(event.id) }
                default: break
                }
            }
            let none = paidAfterEnd.isEmpty
            #expect(none, "\(name): \(paidAfterEnd.count) events pay ended contracts, from \(paidAfterEnd.prefix(3))")
            #expect(name != "guangzhou-2012-2014" || voided > 100, "\(name): too few voided contracts (\(voided))")
        }
    }

    /// What a tenant or buyer pays never exceeds the contract's total plus the years a term
    /// extension added (a price cut only lowers what is owed). Returns the contracts paid
    /// over and how many term extensions the log has.
    static func contractsPaidOver(_ events: [LoggedEvent]) -> (over: [Int64], extensions: Int) {
        var bound: [Int64: Int64] = [:]
        var paid: [Int64: Int64] = [:]
        var extensions = 0
        for event in events {
            let r = event.record
            switch event.type {
            case .contract: bound[r.subject] = r.amount2
            case .amendment where r.count2 > r.count:
                bound[r.subject, default: 0] += r.amount2 * Int64(r.count2 - r.count)
                extensions += 1
            case .payment: paid[r.subject, default: 0] += r.amount
            default: break
            }
        }
        return (paid.filter { $0.value > bound[$0.key] ?? 0 }.keys.sorted(), extensions)
    }

    @Test func contractPaymentsNeverExceedTheTotalPlusAmendments() throws {
        for (name, run) in Self.runs {
            #expect(Self.contractsPaidOver(run.events).over.isEmpty, "\(name)")
        }
        let forced = Self.contractsPaidOver(try Self.quietlyExtended().events)
        #expect(forced.extensions > 10)
        #expect(forced.over.isEmpty, "contracts paid over their total: \(forced.over.prefix(5))")
    }

    /// Quiet term extensions over a long horizon (25 years), where their last installments fall
    /// due; nobody investigates, so the offenders go on extending. With `leasedAtStart` false,
    /// no item is under a lease from before day 0 (whose start the log does not give).
    static func quietlyExtended(leasedAtStart: Bool = true) throws -> MisconductFixtures.Run {
        let ponds = #"fish-pond" count="40""# + (leasedAtStart ? "" : #" leased-share="0""#)
        let text = MisconductFixtures.forcing(.postAwardAmendment, oversight: MisconductFixtures.noInvestigators)
            .replacingOccurrences(of: "P3Y", with: "P25Y")
            .replacingOccurrences(of: #"fish-pond" count="4""#, with: ponds)
        return try MisconductFixtures.run(text)
    }

    /// A lease whose price does not divide by its term carries the remainder on one
    /// installment; extended, it still owes its total to the fen (the remainder was once
    /// charged again on the extension's last installment).
    @Test func anExtendedLeaseOwesItsTotalToTheFen() {
        var lease = ContractState(
            id: 1, annual: 3_333, total: 10_001, random: RandomStream(seed: 1).compact, village: 0, deal: .lease,
            item: 0,
            counterparty: 0, counterpartyIsFirm: false, termYears: 3, startDay: 0)
        // Each installment is paid at what it amounts to on the day it falls due.
        var paid = (0..<Int32(3)).reduce(Int64(0)) { $0 + lease.installmentAmount($1) }
        #expect(paid == 10_001)
        lease.extend(by: 4)
        paid = (3..<Int32(7)).reduce(paid) { $0 + lease.installmentAmount($1) }
        #expect(lease.termYears == 7)
        #expect(lease.total == 10_001 + 4 * 3_333)
        #expect(paid == lease.total)
        // Its own price as a fair one: the remainder on the last installment of the new term.
        #expect(lease.ownPrice == FairPrice(annual: 3_333, total: 23_333))
        #expect(
            (0..<Int32(7)).map { lease.ownPrice.installment($0, of: 7) } == Array(repeating: 3_333, count: 6) + [3_335])
    }

    /// An honest contract's fair price is its own; a price cut keeps the fair price it had, and
    /// a quiet extension sets the fair rent over the whole new term; both go with the slot.
    @Test func aPriceChangeKeepsTheFairPrice() throws {
        var platform = Platform(rules: try WorldFixtures.scenario("default").platform)
        let slot = platform.contracts.insert(
            ContractState(
                id: 7, annual: 3_000, total: 9_000, random: RandomStream(seed: 1).compact, village: 0, deal: .lease,
                item: 0,
                counterparty: 0, counterpartyIsFirm: false, termYears: 3, startDay: 0))
        #expect(platform.fairPrice(of: platform.contracts[slot]) == FairPrice(annual: 3_000, total: 9_000))
        platform.reprice(slot, annual: 2_000)
        #expect(platform.contracts[slot].total == 6_000)
        #expect(platform.fairPrice(of: platform.contracts[slot]) == FairPrice(annual: 3_000, total: 9_000))
        platform.extend(slot, by: 2, fairAnnual: 4_000)
        #expect(platform.contracts[slot].termYears == 5 && platform.contracts[slot].total == 10_000)
        #expect(platform.fairPrice(of: platform.contracts[slot]) == FairPrice(annual: 4_000, total: 20_000))
        platform.removeContract(slot)
        #expect(platform.fairPrices.isEmpty)
    }

    /// Every lease has ended by the last day of its term, extensions included, and let its slot
    /// go: its end is scheduled only by its last rent, in a place reserved when it was signed
    /// (`ContractState.leaseEnd`), and a lease closed before that lets its slot go at once, so a
    /// path that forgot either would leave the lease running on, or its slot taken for years.
    /// Checked with quiet extensions forced (they reserve the end anew).
    @Test func everyLeaseEndsByItsTerm() throws {
        let run = try Self.quietlyExtended()
        let days = Int(run.events.last?.day ?? 0) + 1
        let all = Self.leases(in: run.events)
        let due = all.filter { $0.value.start > 0 && $0.value.end < days }
        let outliving = due.filter { ($0.value.terminated ?? .max) > $0.value.end }.keys.sorted()
        let extensions = all.values.reduce(0) { $0 + $1.extensions }
        #expect(due.count > 50 && extensions > 10, "too few to tell: \(due.count) due, \(extensions) extensions")
        #expect(outliving.isEmpty, "leases past their term: \(outliving.prefix(5))")
        // The slots in use are at most the running contracts and the closed leases whose term
        // has not yet ended (a lease closed before its last rent lets its slot go at once).
        let contracts = run.world.platform.contracts
        let waiting = contracts.elements.count { contract in
            contract.active || Int(contract.startDay) + 365 * Int(contract.termYears) >= days
        }
        #expect(contracts.count <= waiting, "\(contracts.count) slots in use, \(waiting) could be")
    }

    /// A lease closed before its last rent lets its slot go at once; one closed after it keeps
    /// the slot until its end, scheduled then, comes. Over 25 years with no lease from before
    /// day 0 (the log does not give their starts).
    @Test func aLeaseClosedBeforeItsLastRentLetsItsSlotGo() throws {
        let run = try Self.quietlyExtended(leasedAtStart: false)
        let contracts = run.world.platform.contracts
        let closed = contracts.count - contracts.elements.count(where: \.active)
        let days = run.world.scenario.horizon.dayCount(from: run.world.scenario.start)
        // Closed on or after the last rent's day, the term running on to the horizon or past.
        let mayHold = Self.leases(in: run.events).values.count { lease in
            guard let terminated = lease.terminated else { return false }
            return terminated >= lease.end - 365 && lease.end >= days
        }
        let terminations = run.events.count { $0.type == .termination }
        #expect(terminations > 100, "too few to tell: \(terminations) terminations")
        #expect(closed <= mayHold, "\(closed) closed leases hold a slot, \(mayHold) may")
    }

    /// A contract holds its slot while it runs or while a scheduled event still names the slot
    /// (`ContractState.eventPending`), and no longer: the slots in use are exactly those, so a
    /// slot freed twice or never breaks the count. And a lease closed while its end waits keeps
    /// its slot for that end: freed early, the end would come to the slot's next contract and
    /// end it before its term (the test failed so when the lease end did not mark its slot).
    @Test func aContractHoldsItsSlotExactlyWhileItRunsOrAnEventNamesIt() throws {
        let run = WorldFixtures.run(try WorldFixtures.scenario("default"))
        let extended = try Self.quietlyExtended()
        let fresh = try Self.quietlyExtended(leasedAtStart: false)
        for (name, world) in [("default", run.world), ("extended", extended.world), ("fresh", fresh.world)] {
            let contracts = world.platform.contracts
            let holding = contracts.elements.count { $0.active || $0.eventPending }
            #expect(contracts.count == holding, "\(name): \(contracts.count) slots in use, \(holding) hold one")
        }
        // A lease end that found its slot given to another contract would end that one early.
        let leases = Self.leases(in: fresh.events).values
        let closedAfterLastRent = leases.count { lease in
            lease.terminated.map { $0 >= lease.end - 365 && $0 < lease.end } ?? false
        }
        #expect(closedAfterLastRent > 5, "too few leases closed while their end waits: \(closedAfterLastRent)")
        for lease in leases where lease.expired && !lease.runningAtStart {
            #expect(lease.terminated == lease.end, "a lease from day \(lease.start) expired before its term")
        }
    }

    /// A lease as the log tells it: the day of its contract, the day its term ends (with its
    /// extensions), how many times it was extended, and the day of its termination.
    struct Lease {
        var start: Int
        var end: Int
        var extensions = 0
        var terminated: Int?
        /// Whether it ended at its term (and was not renewed quietly).
        var expired = false
        /// Whether it ran when the run started (its `start` is then day 0, not its own).
        var runningAtStart = false
    }

    /// The leases of a log, by contract id.
    static func leases(in events: [LoggedEvent]) -> [Int64: Lease] {
        var leases: [Int64: Lease] = [:]
        for event in events {
            let r = event.record
            switch event.type {
            case .contract where r.deal == .lease:
                leases[r.subject] = Lease(
                    start: Int(event.day), end: Int(event.day) + 365 * Int(r.count), runningAtStart: r.other == -2)
            case .amendment where r.amendmentKind == .termExtension:
                leases[r.subject]?.end += 365 * Int(r.count2 - r.count)
                leases[r.subject]?.extensions += 1
            case .termination:
                leases[r.subject]?.terminated = Int(event.day)
                leases[r.subject]?.expired = r.code == LogRecord.TerminationReason.expired.rawValue
            default:
                break
            }
        }
        return leases
    }

    @Test func renewalsContinueTheSameTenantsLease() {
        for (name, run) in Self.runs {
            var contracts: [Int64: LogRecord] = [:]
            var renewals = 0
            for event in run.events {
                if event.type == .contract { contracts[event.record.subject] = event.record }
                guard event.type == .renewal else { continue }
                renewals += 1
                let previous = contracts[event.record.other]
                #expect(previous?.party == event.record.party, "\(name): the sitting tenant renews")
                #expect(previous?.count2 == event.record.count2, "\(name): the same asset")
                #expect(
                    contracts[event.record.subject]?.amount2 == event.record.amount2,
                    "\(name): the new contract's price")
            }
            #expect(renewals > 0, "\(name) has no renewal")
        }
    }

    /// Lawful loans pay 5% a year; misappropriated ones (misconduct cases) come back bare.
    @Test func loansAreRepaidWithInterest() {
        for (name, run) in Self.runs {
            var lent: [Int64: LogRecord] = [:]
            let misconduct = Set(run.summary.truth.misconduct.flatMap(\.events))
            for event in run.events where event.type == .loan && !misconduct.contains(event.id) {
                if event.record.loanKind == .lent {
                    lent[event.record.subject] = event.record
                } else if let loan = lent[event.record.subject] {
                    #expect(event.record.amount == loan.amount + event.record.amount2, "\(name)")
                    #expect(event.record.amount2 == loan.amount * 5 * Int64(loan.count) / 36_500, "\(name): 5% a year")
                } else {
                    Issue.record("\(name): repayment of an unknown loan")
                }
            }
        }
    }

    @Test func everyPlatformContractHasItsListingAnnouncementAndAward() {
        for (name, run) in Self.runs {
            var listed: [Int64: LoggedEvent] = [:]
            var awarded: [Int64: LoggedEvent] = [:]
            for event in run.events {
                switch event.type {
                case .listing: listed[event.record.subject] = event
                case .award: awarded[event.record.subject] = event
                case .contract where event.record.other >= 0:
                    let listing = event.record.other
                    guard let announcement = listed[listing], let award = awarded[listing] else {
                        Issue.record("\(name): contract \(event.record.subject) has no listing or award")
                        continue
                    }
                    #expect(award.day - announcement.day >= announcement.record.count2, "announcement period kept")
                    #expect(award.record.party == event.record.party, "the winner signs")
                    #expect(award.record.amount == event.record.amount2, "the contract's total is the price")
                default: break
                }
            }
        }
    }

    @Test func auctionsAwardTheHighestBidAndTendersTheLowest() {
        for (name, run) in Self.runs {
            var bids: [Int64: [(bidder: Int64, amount: Int64)]] = [:]
            for event in run.events {
                switch event.type {
                case .bid: bids[event.record.subject, default: []].append((event.record.party, event.record.amount))
                case .award where event.record.method == .ascendingAuction || event.record.method == .lowestPriceTender:
                    let offers = bids[event.record.subject] ?? []
                    let best =
                        event.record.method == .ascendingAuction
                        ? offers.max { $0.amount < $1.amount } : offers.min { $0.amount < $1.amount }
                    #expect(best?.bidder == event.record.party, "\(name): listing \(event.record.subject)")
                    #expect(
                        event.record.method == .lowestPriceTender || event.record.amount >= event.record.amount2,
                        "at or above the reserve"
                    )
                default: break
                }
            }
        }
    }

    @Test func interventionsTakeEffectOnTheirDate() throws {
        guard let run = Self.runs.first(where: { $0.0 == "default" })?.1 else { return }
        let change = try #require(run.events.first { $0.type == .intervention })
        #expect(change.day == 546, "2014-07-01 is day 546 of a run from 2013-01-01")
        #expect(change.record.amount == 3_000_000)
        // Cases and look-alikes may reprice a listing after the decision to list it.
        let shaped = Set(run.summary.truth.cases.flatMap(\.events))
        let listings = run.events.filter { $0.type == .listing && $0.record.deal != .works && !shaped.contains($0.id) }
        #expect(listings.filter { $0.day < change.day }.allSatisfy { $0.record.amount >= 5_000_000 })
        #expect(listings.contains { $0.day >= change.day && $0.record.amount < 5_000_000 })
    }
}
