import SanziEngine
import SanziEvents
import SanziScenario

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The trading platform and the registers it trades: items, bidders and their pools, listings
/// from announcement to award, and contracts while they run.
struct Platform: Sendable {
    let rules: PlatformRules
    var items: [Item] = []
    var bidders: [Bidder] = []
    /// Bidders by district, and firms that work everywhere.
    var districtPools: [[Int32]] = []
    var sharedPool: [Int32] = []
    /// Firms of each pool by pool id, from which rings are drawn.
    var poolMembers: [String: [Int32]] = [:]
    /// The district each pool serves (by the scenario's pool order), -1 for everyone.
    var poolDistricts: [Int] = []
    var contracts = SlotStore<ContractState>()
    var listings = SlotStore<ListingState>()
    /// By id, for leads that name them: the value (total, fen) of every listing and contract.
    /// Ids count from 1 with no gaps, so id n is at n - 1: 4 bytes each, where a table of
    /// optional values took 16 and 24 (20 MB at 12,000 villages over five years).
    var listingValues = ValuesByID()
    var contractValues = ValuesByID()
    /// The slot of every contract a case acts through, by id, until the slot is let go: the
    /// few thousand a commission may void (`activeContracts(ofCase:traces:)`), where the slot of
    /// every contract ever signed took 4 bytes each (9 MB at 12,000 villages over fifteen years).
    private(set) var caseContracts: [Int64: Int32] = [:]
    /// The fair prices of the running contracts whose fair price is not their own price (a
    /// rigged deal, a quiet extension, a price cut), by id: 16 bytes in every contract for a few
    /// thousand cases took 6 MB at 12,000 villages. A contract's price changes only through
    /// `reprice` and `extend`, which keep its fair price here.
    var fairPrices: [Int64: FairPrice] = [:]
    /// The bidder whose capacity a running contract takes, by id, where it is not the
    /// counterparty: a rigged deal takes the capacity of the bidder the honest market would
    /// have chosen (-1 for none), so that other villages' bidders see the same busy firms as
    /// in the honest world (paired runs). Kept apart for those few (`capacityHolder(of:)`).
    var capacityHolders: [Int64: Int32] = [:]
    var nextContractID: Int64 { Int64(contractValues.count) + 1 }
    var nextListingID: Int64 { Int64(listingValues.count) + 1 }
    /// Per village: its register items and its own bidders, each a contiguous range (of `items`
    /// and of `bidders`: a village's bidders are made together and never added to). As ranges,
    /// every deal's weighing of the village's bidders reads no list of them first (a list per
    /// village took some 1.4 MB at 12,000 villages, and its read a cache miss a deal).
    var registers: [Range<Int32>] = []
    var localBidders: [Range<Int32>] = []
    /// Per village: this month's stream for the yearly plan of disposals.
    var streams: [RandomStream] = []
    /// While news crosses districts only at each window's start (nil: at once), how each
    /// district sees the shared pool's firms; and the shared firms barred in this window, whose
    /// bars take effect at the next.
    var sharedLoads: SharedFirmLoads?
    private(set) var barsWaiting: [Int32] = []
    /// Reused buffers for choosing bidders, so a listing allocates no sample.
    private var scratchCandidates: [Int32] = []
    private var scratchWeights: [Double] = []
    private var scratchPicks: [Int32] = []

    /// A platform with `rules`, whose values by id `spill` sets aside.
    init(rules: PlatformRules, spill: ValueSpill = ValueSpill()) {
        self.rules = rules
        listingValues = ValuesByID(settingAsideIn: spill)
        contractValues = ValuesByID(settingAsideIn: spill)
    }

    /// The running contracts a case acts through.
    func activeContracts(ofCase index: Int32, traces: [AlertSubject]) -> [Int32] {
        traces.compactMap { trace in
            guard case .contract(let id) = trace, let slot = caseContracts[id], contracts[slot].active,
                contracts[slot].caseIndex == index
            else { return nil }
            return slot
        }
    }

    /// Records that the contract at `slot` is case `index`'s doing.
    mutating func tag(_ slot: Int32, case index: Int32) {
        contracts[slot].caseIndex = index
        caseContracts[contracts[slot].id] = slot
    }

    /// The bidder whose capacity `contract` takes (-1 for none).
    func capacityHolder(of contract: ContractState) -> Int32 { capacityHolders[contract.id] ?? contract.counterparty }

    /// The price an honest deal would have had for the running contract `contract`.
    @inline(__always)
    func fairPrice(of contract: ContractState) -> FairPrice { fairPrices[contract.id] ?? contract.ownPrice }

    /// What installment `installment` (from 0) of `contract` would have been at the fair price.
    @inline(__always)
    func fairInstallment(_ installment: Int32, of contract: ContractState) -> Int64 {
        fairPrice(of: contract).installment(installment, of: contract.termYears)
    }

    /// Cuts a running contract's yearly price to `annual` for the rest of its term; its fair
    /// price stays what it was.
    mutating func reprice(_ slot: Int32, annual: Int64) {
        let contract = contracts[slot]
        fairPrices[contract.id] = fairPrice(of: contract)
        contracts[slot].annual = annual
        contracts[slot].total = annual * Int64(contract.termYears)
    }

    /// Adds `years` installments at the current rent to a running lease, whose fair price over
    /// the new term is `fairAnnual` a year.
    mutating func extend(_ slot: Int32, by years: Int, fairAnnual: Int64) {
        contracts[slot].extend(by: years)
        fairPrices[contracts[slot].id] = FairPrice(
            annual: fairAnnual, total: fairAnnual * Int64(contracts[slot].termYears))
    }

    /// Frees the slot of a contract that has ended.
    mutating func removeContract(_ slot: Int32) {
        fairPrices[contracts[slot].id] = nil
        capacityHolders[contracts[slot].id] = nil
        if contracts[slot].caseIndex >= 0 { caseContracts[contracts[slot].id] = nil }
        contracts.remove(slot)
    }

    /// The value (total, fen) of the listing or contract with `id`, if there is one.
    func value(ofListing id: Int64) -> Int64? { listingValues.value(of: id) }
    func value(ofContract id: Int64) -> Int64? { contractValues.value(of: id) }

    /// The contracts `bidder` holds as a deal of `district` sees them. (Inlined: called on the
    /// platform for every firm sampled, it copied the platform.)
    @inline(__always)
    func load(of bidder: Int32, seenFrom district: Int) -> Int32 {
        sharedLoads?.load(of: bidder, seenFrom: district) ?? bidders[Int(bidder)].active
    }

    /// A contract signed (`delta` 1) or ended (-1) in `district` takes or frees room at
    /// `holder`, which the district sees at once and the others, for a shared firm while news
    /// waits for the window, at the next window.
    mutating func changeLoad(of holder: Int32, by delta: Int32, in district: Int) {
        bidders[Int(holder)].active += delta
        if bidders[Int(holder)].district < 0 { sharedLoads?.change(holder, by: delta, in: district) }
    }

    /// Bars a firm from the platform: at once, or for a shared firm while news waits for the
    /// window, from the next window's start. Returns whether the bar holds now.
    mutating func bar(_ firm: Int32) -> Bool {
        guard sharedLoads == nil || bidders[Int(firm)].district >= 0 else {
            barsWaiting.append(firm)
            return false
        }
        bidders[Int(firm)].blacklisted = true
        return true
    }

    /// Whether a firm is barred, or will be at the next window's start.
    func isBarredOrWaiting(_ firm: Int32) -> Bool { bidders[Int(firm)].blacklisted || barsWaiting.contains(firm) }

    /// A news window begins: the bars of the last window take effect (returned), and every
    /// district sees the shared firms' contracts as they stand.
    mutating func settleNews() -> [Int32] {
        let barred = barsWaiting
        barsWaiting = []
        for firm in barred { bidders[Int(firm)].blacklisted = true }
        sharedLoads?.settle(bidders)
        return barred
    }

    /// A news window begins in a shard: the shared firms barred in any district in the last
    /// window (by position in the shared pool) are barred here too (returned), and the district
    /// sees each shared firm with the contracts it holds in every district.
    mutating func settleNews(bars: [Int32], loads: [Int32]) -> [Int32] {
        barsWaiting = []
        let barred = bars.map { sharedPool[Int($0)] }
        for firm in barred { bidders[Int(firm)].blacklisted = true }
        sharedLoads?.settle(toLoads: loads)
        return barred
    }

    /// The increment of an auction for `deal`.
    func increment(_ deal: DealKind) -> Int64 { (rules.modes[deal]?.increment ?? Money(yuan: 500)).fen }

    /// Up to `count` distinct bidders for a village's deal, chosen by attractiveness (nearness,
    /// room for another contract) among the village's own bidders and a sample of its
    /// district's pool and the shared pool. Local bidders are few and all known; the pools are
    /// sampled, which keeps the cost independent of their size.
    mutating func chooseBidders(
        for village: Int32, at place: SimulatedVillage, count: Int, random: inout RandomStream
    ) -> [Int32] {
        guard count > 0 else { return [] }
        let pool = districtPools[place.district]
        // Taken out of `self` while in use, so that emptying them keeps their room rather than
        // copying a buffer still shared with the scratch fields.
        var candidates = scratchCandidates
        var weights = scratchWeights
        var picks = scratchPicks
        (scratchCandidates, scratchWeights, scratchPicks) = ([], [], [])
        candidates.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        picks.removeAll(keepingCapacity: true)
        func consider(_ bidder: Int32, _ value: Bidder) {
            guard value.active < value.capacity, !value.blacklisted else { return }
            candidates.append(bidder)
            let local = value.village == village
            if local, value.capacity < Self.localWeights.count {
                weights.append(Self.localWeights[Int(value.capacity)][Int(value.active)])
            } else {
                let nearness = local ? 1.0 : (value.district < 0 ? -1.5 : -0.5) * place.remoteness
                weights.append(Self.weight(nearness, Int(value.capacity), Int(value.active)))
            }
        }
        // The pool firms are drawn first, so that their records (at 12,000 villages each a
        // cache miss of its own) load while the village's own bidders are weighed. The
        // village's own bidders are distinct; an outside pick is checked only against the few
        // picks before it (pool firms belong to no village), so a village of thousands of
        // bidders costs linear time.
        let outside = pool.count + sharedPool.count
        if outside > 0 {
            for _ in 0..<(2 * count + 4) {
                let pick = random.integer(in: 0...(outside - 1))
                let bidder = pick < pool.count ? pool[pick] : sharedPool[pick - pool.count]
                bidders.prefetch(Int(bidder))
                picks.append(bidder)
            }
        }
        for bidder in localBidders[Int(village)] { consider(bidder, bidders[Int(bidder)]) }
        let locals = candidates.count
        for bidder in picks where !candidates[locals...].contains(bidder) {
            var value = bidders[Int(bidder)]
            if value.district < 0 { value.active = load(of: bidder, seenFrom: place.district) }
            consider(bidder, value)
        }
        var chosen: [Int32] = []
        while chosen.count < count, let index = random.categorical(weights: weights) {
            chosen.append(candidates[index])
            weights[index] = 0
        }
        (scratchCandidates, scratchWeights, scratchPicks) = (candidates, weights, picks)
        return chosen
    }

    /// A bidder's attractiveness to a village: a multinomial logit of its nearness and its room
    /// for another contract.
    static func weight(_ nearness: Double, _ capacity: Int, _ active: Int) -> Double {
        exp(1.5 * (nearness + 0.5 * Double(capacity - active) / Double(capacity)))
    }

    /// `weight` for a village's own bidders (nearness 1) by capacity and contracts held, made
    /// once: every choice weighs every local bidder, and `exp` was a fifth of the cost.
    static let localWeights: [[Double]] = (0...8).map { capacity in
        (0..<capacity).map { weight(1.0, capacity, $0) }
    }

    /// How bidding on a listing ends: failed (too few qualified bidders), negotiated with the
    /// only one after the last relisting, or an ascending auction (leases, sales) or a
    /// lowest-price tender (works) among the qualified, best first.
    enum Outcome {
        case failed
        case negotiated(winner: Int32, price: Int64)
        case competed(ranked: [(bidder: Int32, valuation: Int64)], price: Int64)

        var price: Int64? {
            switch self {
            case .failed: nil
            case .negotiated(_, let price), .competed(_, let price): price
            }
        }

        var winner: Int32 {
            switch self {
            case .failed: -1
            case .negotiated(let winner, _): winner
            case .competed(let ranked, _): ranked[0].bidder
            }
        }
    }

    @inline(__always)
    func outcome(of plan: ListingPlan, deal: DealKind, relisting: Int) -> Outcome {
        let isWorks = deal == .works
        let qualified = zip(plan.bidders, plan.valuations).filter {
            isWorks ? $0.1 <= plan.reserve : $0.1 >= plan.reserve
        }
        guard qualified.count >= rules.minBidders else {
            guard let only = qualified.first, relisting >= rules.maxRelistings else { return .failed }
            return .negotiated(
                winner: only.0, price: isWorks ? only.1 : max(plan.reserve, (plan.reserve + only.1) / 2))
        }
        let ranked = qualified.sorted { isWorks ? $0.1 < $1.1 : $0.1 > $1.1 }.map { (bidder: $0.0, valuation: $0.1) }
        let price =
            isWorks
            ? ranked[0].valuation
            : max(
                plan.reserve,
                ranked.count < 2 ? plan.reserve : min(ranked[0].valuation, ranked[1].valuation + increment(deal)))
        return .competed(ranked: ranked, price: price)
    }
}

/// An item of a village's register: a resource or an asset. (32 bytes: the widest fields
/// first, and the profile's term range in two bytes, which the vocabulary bounds to 1-100;
/// a renewal learns the lease it renews from the lease's end, `ParkedEvent.renewal`.)
struct Item: Sendable {
    /// Appraised market rent of the whole item per year, in fen.
    var annualAppraisal: Int64
    var disposalPerYear: Double
    var village: Int32
    /// The slot of the running contract, or -1.
    var contract: Int32 = -1
    /// Deals started on the item so far: each draws from its own stream.
    var deals: Int32 = 0
    private var shortestTerm: UInt8
    private var longestTerm: UInt8
    var kind: RegisterKind
    var sold = false

    init(
        village: Int32, annualAppraisal: Int64, termYears: ClosedRange<Int>, disposalPerYear: Double,
        kind: RegisterKind
    ) {
        self.village = village
        self.annualAppraisal = annualAppraisal
        shortestTerm = UInt8(clamping: termYears.lowerBound)
        longestTerm = UInt8(clamping: termYears.upperBound)
        self.disposalPerYear = disposalPerYear
        self.kind = kind
    }

    /// The years a lease of the item may run.
    var termYears: ClosedRange<Int> { Int(shortestTerm)...Int(longestTerm) }
}

/// A bidder: a villager or a firm. (28 bytes: its log id follows from its place, `id(of:)`,
/// and its district and counts fit 32 bits; it took 48, and 64 before that.)
struct Bidder: Sendable {
    /// Index of the district it works in, or -1 for firms that work everywhere.
    var district: Int32
    /// Contracts it can hold at once (the vocabulary bounds capacities by 1,000) and holds now.
    var capacity: Int32
    var active: Int32 = 0
    /// The person who owns or is the bidder.
    var person: Int32
    var village: Int32
    var foundedDay: Int32
    var isFirm: Bool
    /// Barred from the platform after a proven case.
    var blacklisted = false

    /// The log id of the bidder at `index` of the register: ids count from 1 in register order.
    static func id(of index: Int32) -> Int64 { Int64(index) + 1 }
}

/// A contract while it runs. (80 bytes: some 390,000 run at once at 12,000 villages. Its
/// fields go so that each optional's flag byte is followed by one-byte and 16-bit fields. It
/// took 144: its stream kept whole took 40 bytes, its fair price 16 and the bidder whose
/// capacity it takes 4, the last two kept apart now for the few contracts where they are not
/// its own price and counterparty, `Platform.fairPrices` and `Platform.capacityHolders`.)
struct ContractState: Sendable {
    var id: Int64
    var annual: Int64
    /// The whole price; one installment carries what dividing it by the term left over.
    var total: Int64
    /// The contract's own stream: rents, arrears, payment channels, its end.
    var random: CompactStream
    var village: Int32
    /// A lease's place in the order of its end's day, reserved when it was signed: the end is
    /// scheduled only with the last rent (a lease closed before it lets its slot go at once),
    /// so that some 390,000 leases at 12,000 villages do not each keep an event waiting for
    /// years.
    var leaseEnd: EventOrder? = nil
    var deal: DealKind
    /// `termYears` and `remainderInstallment` in 16 bits: terms are 0 (works, sales) to 100
    /// years, and quiet extensions of 3-10 years, one at a lease's end, add at most a
    /// century's worth (the longest horizon).
    private var term: Int16
    var nextDue: EventHandle? = nil
    private var flags = Flags.active
    private var remainder: Int16
    var item: Int32
    var counterparty: Int32
    /// The case acting through this contract, or -1; its payments are that case's entries.
    var caseIndex: Int32 = -1
    var startDay: Int32

    /// The contract's yes-or-no state in one byte.
    private struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let active = Flags(rawValue: 1)
        static let fellIntoArrears = Flags(rawValue: 2)
        static let tolerated = Flags(rawValue: 4)
        static let eventPending = Flags(rawValue: 8)
        static let firmCounterparty = Flags(rawValue: 16)

        mutating func set(_ flag: Flags, _ on: Bool) {
            if on { insert(flag) } else { remove(flag) }
        }
    }

    init(
        id: Int64, annual: Int64, total: Int64, random: CompactStream, village: Int32, deal: DealKind, item: Int32,
        counterparty: Int32, counterpartyIsFirm: Bool, caseIndex: Int32 = -1, termYears: Int32, startDay: Int32
    ) {
        (self.id, self.annual, self.total, self.random, self.village) = (id, annual, total, random, village)
        (self.deal, self.item, self.counterparty, self.caseIndex) = (deal, item, counterparty, caseIndex)
        self.startDay = startDay
        flags.set(.firmCounterparty, counterpartyIsFirm)
        term = Int16(termYears)
        remainder = Int16(termYears - 1)
    }

    /// Whether the counterparty is a firm (not a villager), kept so that a payment need not
    /// read the bidder's record (at 12,000 villages a cache miss a payment).
    var counterpartyIsFirm: Bool { flags.contains(.firmCounterparty) }

    /// Whether the contract runs.
    var active: Bool {
        get { flags.contains(.active) }
        set { flags.set(.active, newValue) }
    }
    var fellIntoArrears: Bool {
        get { flags.contains(.fellIntoArrears) }
        set { flags.set(.fellIntoArrears, newValue) }
    }
    /// An insider's rent the director lets go unpaid.
    var tolerated: Bool {
        get { flags.contains(.tolerated) }
        set { flags.set(.tolerated, newValue) }
    }
    /// Whether a scheduled event still names the contract's slot (a lease's end, works' last
    /// payment), so that closing the contract must leave the slot to that event.
    var eventPending: Bool {
        get { flags.contains(.eventPending) }
        set { flags.set(.eventPending, newValue) }
    }

    /// Years of the term.
    var termYears: Int32 { Int32(term) }

    /// The installment that carries the remainder: the last of the term as signed (a quiet
    /// extension adds installments after it at the plain rent, so the remainder is paid once).
    var remainderInstallment: Int32 { Int32(remainder) }

    /// The amount of a yearly installment (from 0).
    func installmentAmount(_ installment: Int32) -> Int64 {
        installment == remainderInstallment ? total - annual * Int64(termYears - 1) : annual
    }

    /// Adds `years` installments at the current rent after the last one.
    mutating func extend(by years: Int) {
        term += Int16(years)
        total += annual * Int64(years)
    }

    /// The contract's own price as a fair price: that of every honest deal.
    var ownPrice: FairPrice { FairPrice(total: total, of: deal, termYears: termYears) }
}

/// The price an honest deal would have had, a year and in all: a case's loss is measured
/// against it.
struct FairPrice: Sendable, Equatable {
    var annual: Int64
    var total: Int64

    init(annual: Int64, total: Int64) { (self.annual, self.total) = (annual, total) }

    /// `total` for a deal of `kind`: a lease's by the year over its term, any other's whole.
    init(total: Int64, of kind: DealKind, termYears: Int32) {
        self.init(annual: kind == .lease ? total / Int64(max(termYears, 1)) : total, total: total)
    }

    /// What installment `installment` (from 0) of a term of `termYears` would have been.
    func installment(_ installment: Int32, of termYears: Int32) -> Int64 {
        installment == termYears - 1 ? total - annual * Int64(termYears - 1) : annual
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
    /// Once awarded, until its contract is signed: the winner and the price.
    var winner: Int32 = -1
    var price: Int64 = 0
    /// The deal's stream.
    var random: RandomStream

    /// Lets the registrations go once they are read, while they are in the cache: a slot that
    /// kept them freed them when it was next taken, weeks later (at 12,000 villages a cache
    /// miss each).
    mutating func forgetRegistrations() { (bidders, valuations) = ([], []) }
}

/// A listing before it is announced: what the honest market would bring (bidders with their
/// valuations and registration days), which a case or look-alike may then reshape.
struct ListingPlan: Sendable {
    var appraisal: Int64
    var reserve: Int64
    var days: Int
    var bidders: [Int32] = []
    var valuations: [Int64] = []
    /// Days from the announcement to each bidder's registration.
    var delays: [Int] = []
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

    /// The slots in use.
    var count: Int { elements.count - free.count }

    /// Asks the processor to start loading the element at `slot` (`Model.prefetch`).
    func prefetch(_ slot: Int32) { elements.prefetch(Int(slot)) }

    /// Makes room for `count` elements in all.
    mutating func reserveCapacity(_ count: Int) { elements.reserveCapacity(count) }

    subscript(slot: Int32) -> Element {
        get { elements[Int(slot)] }
        // In place: a contract's stream or flag changes without copying the contract out and
        // back.
        _modify { yield &elements[Int(slot)] }
    }
}
