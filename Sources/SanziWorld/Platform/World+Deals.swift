import SanziEngine
import SanziEvents
import SanziScenario

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The trading platform: decisions, listings, registrations, bidding, awards and contracts.
extension World {
    /// The most parts works are split or phased into under the listing threshold.
    static let maximumParts: Int64 = 100

    /// Once a year: idle assets the collective decides to sell.
    mutating func planDisposals(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        for item in platform.registers[Int(village)] {
            let value = platform.items[Int(item)]
            guard value.disposalPerYear > 0, !value.sold, value.contract < 0,
                platform.streams[Int(village)].bernoulli(value.disposalPerYear)
            else {
                continue
            }
            scheduler.schedule(
                .dealNeeded(item: item, relisting: 0, deal: .sale),
                after: Tick(platform.streams[Int(village)].integer(in: 1...200)))
        }
    }

    /// Twice a year, works worth part of the half-year works budget, when the bank can pay.
    mutating func commissionWorks(_ village: Int32, index: Int32, _ scheduler: inout Scheduler<Event>) {
        guard let works = ledger.spendingPerYear[Int(village)].first(where: { $0.kind == .works }) else { return }
        var random = villages[Int(village)].root.derived("works", Int(index))
        let cost = Int64(Double(works.amount) / 2 * random.uniform(0.6...1.0))
        guard cost > 0, ledger[village, .basic] >= cost else { return }
        startWorks(village: village, cost: cost, works: index, random: random, &scheduler)
    }

    /// Starts a deal for an item: a vote, then a listing when the deal's value reaches the
    /// listing threshold, or the small-deal path below it. A corrupt director may keep a deal
    /// over the threshold off the platform.
    mutating func dealNeeded(
        item: Int32, deal: DealKind, relisting: Int, incumbent: Int32 = -1, renewing previous: Int64 = -1,
        _ scheduler: inout Scheduler<Event>
    ) {
        let register = platform.items[Int(item)]
        guard !register.sold, register.contract < 0 else { return }
        let village = register.village
        var random = villages[Int(village)].root.derived("deal", Int(item) << 16 | Int(register.deals))
        platform.items[Int(item)].deals += 1
        let term = deal == .sale ? 0 : random.integer(in: register.termYears)
        let appraisal = deal == .sale ? register.annualAppraisal * 10 : register.annualAppraisal * Int64(term)
        let threshold = policy(of: village).listingThreshold
        let direct = relisting == 0 && incumbent < 0 && appraisal >= threshold
        let offPlatform =
            direct ? offenders(.offPlatformDeal, in: village, stake: appraisal / 5, on: scheduler.now) : nil
        let recorded = offPlatform == nil || conceals(.offPlatformDeal, in: village)
        if relisting == 0 {
            // The votes are drawn even when the vote is never held, so the honest draws stay.
            let votesFor = Self.votes(villages[Int(village)].representatives, &random)
            if recorded {
                emitDecision(village: village, item: Int64(item), deal: deal.logged, votesFor: votesFor, &scheduler)
            }
        }
        if let offPlatform {
            let plan = planListing(
                village: village, deal: deal, appraisal: appraisal, relisting: 0, incumbent: -1, &random)
            keepOffPlatform(
                item: item, village: village, deal: deal, appraisal: appraisal, term: term, offenders: offPlatform,
                honestWinner: platform.outcome(of: plan, deal: deal, relisting: 0).winner, random: random,
                on: scheduler.now,
                &scheduler)
        } else if direct, lookAlike(.offPlatformDeal, in: village) {
            _ = planListing(village: village, deal: deal, appraisal: appraisal, relisting: 0, incumbent: -1, &random)
            leaseDirectlyByLaw(
                item: item, village: village, deal: deal, appraisal: appraisal, term: term, random: random, &scheduler)
        } else if incumbent >= 0, appraisal < threshold {
            renew(
                item: item, village: village, tenant: incumbent, previous: previous, appraisal: appraisal, term: term,
                random: &random, &scheduler)
        } else if appraisal >= threshold {
            list(
                item: item, village: village, deal: deal, appraisal: appraisal, term: term, relisting: relisting,
                incumbent: incumbent, random: &random, &scheduler)
        } else if let buyer = platform.chooseBidders(
            for: village, at: villages[Int(village)], count: 1, random: &random
        ).first {
            let price = Int64(Double(appraisal) * random.uniform(0.9...1.05))
            let annual = deal == .sale ? price : price / Int64(max(term, 1))
            openContract(
                item: item, village: village, counterparty: buyer, deal: deal, annual: annual, total: price,
                termYears: term, startDay: Int32(scheduler.now), listing: -1, random: random.derived("contract"),
                scheduler: &scheduler)
        } else {
            scheduler.schedule(.dealNeeded(item: item, relisting: 0, deal: deal), after: 365)
        }
    }

    /// Commissions works: tendered on the platform at or above the threshold, negotiated below.
    /// Corrupt cadres may split works over the threshold into parts under it.
    mutating func startWorks(
        village: Int32, cost: Int64, works: Int32, random: RandomStream, _ scheduler: inout Scheduler<Event>
    ) {
        var random = random
        emitDecision(
            village: village, item: -1, deal: .works,
            votesFor: Self.votes(villages[Int(village)].representatives, &random), &scheduler)
        let threshold = policy(of: village).listingThreshold
        // Splitting works into more than `maximumParts` deals under the threshold fools nobody.
        let splittable = threshold > 0 && cost / threshold < Self.maximumParts
        if splittable, cost >= threshold,
            let offenders = offenders(.dealSplitting, in: village, stake: cost / 5, on: scheduler.now)
        {
            _ = planListing(village: village, deal: .works, appraisal: cost, relisting: 0, incumbent: -1, &random)
            split(works: cost, index: works, village: village, offenders: offenders, on: scheduler.now, &scheduler)
        } else if splittable, cost >= threshold, lookAlike(.dealSplitting, in: village) {
            _ = planListing(village: village, deal: .works, appraisal: cost, relisting: 0, incumbent: -1, &random)
            phase(works: cost, index: works, village: village, on: scheduler.now, &scheduler)
        } else if cost >= threshold {
            list(
                item: -1, village: village, deal: .works, appraisal: cost, term: 0, relisting: 0, incumbent: -1,
                random: &random, &scheduler)
        } else if let contractor = platform.chooseBidders(
            for: village, at: villages[Int(village)], count: 1, random: &random
        ).first {
            openContract(
                item: -1, village: village, counterparty: contractor, deal: .works, annual: cost, total: cost,
                termYears: 0, startDay: Int32(scheduler.now), listing: -1, random: random.derived("contract"),
                scheduler: &scheduler)
        }
    }

    /// How many of a village's representatives vote for a deal, drawn from `random`.
    static func votes(_ representatives: Int, _ random: inout RandomStream) -> Int32 {
        Int32(Double(representatives) * random.uniform(0.7...0.95))
    }

    /// Logs the representatives' vote on a deal (`item` -1 for works and other decisions).
    mutating func emitDecision(
        village: Int32, item: Int64, deal: LogRecord.Deal, votesFor: Int32, _ scheduler: inout Scheduler<Event>
    ) {
        let representatives = Int32(villages[Int(village)].representatives)
        emit(
            LogRecord(
                .decision, village: village, code: deal.rawValue, subject: item, count: votesFor,
                count2: representatives - votesFor), &scheduler)
    }

    /// The honest listing: reserve, announcement period, and the bidders who would come with
    /// their valuations and registration days.
    mutating func planListing(
        village: Int32, deal: DealKind, appraisal: Int64, relisting: Int, incumbent: Int32,
        _ random: inout RandomStream
    ) -> ListingPlan {
        let days = policy(of: village).announcementDays
        let discount = pow(0.9, Double(relisting))
        let reserve = Int64(Double(appraisal) * (deal == .works ? 1.05 : scenario.platform.reserveRatio) * discount)
        var plan = ListingPlan(appraisal: appraisal, reserve: reserve, days: days)
        let remoteness = villages[Int(village)].remoteness
        let valueFactor = min(1.5, max(0.5, log10(Double(max(appraisal, 100)) / 100) / 5))
        let interested = random.poisson(mean: (0.6 + 3.2 * (1 - remoteness)) * valueFactor)
        plan.bidders = platform.chooseBidders(
            for: village, at: villages[Int(village)], count: interested, random: &random)
        if incumbent >= 0, !plan.bidders.contains(incumbent) { plan.bidders.insert(incumbent, at: 0) }
        for bidder in plan.bidders {
            // A sitting tenant knows the asset and values keeping it a little higher.
            let median = bidder == incumbent ? 1.18 : 1.12
            let valuation: Double =
                deal == .works ? random.uniform(0.85...1.15) : random.lognormal(median: median, sigma: 0.15)
            plan.valuations.append(Int64(Double(appraisal) * valuation))
            plan.delays.append(random.integer(in: 1...max(1, days - 1)))
        }
        return plan
    }

    private mutating func list(
        item: Int32, village: Int32, deal: DealKind, appraisal: Int64, term: Int, relisting: Int, incumbent: Int32,
        random: inout RandomStream, _ scheduler: inout Scheduler<Event>
    ) {
        var plan = planListing(
            village: village, deal: deal, appraisal: appraisal, relisting: relisting, incumbent: incumbent, &random)
        let honest = platform.outcome(of: plan, deal: deal, relisting: relisting)
        let fairPrice = honest.price ?? plan.reserve
        let caseIndex =
            relisting == 0 && incumbent < 0
            ? shapeListing(&plan, item: item, village: village, deal: deal, on: scheduler.now) : -1
        let listing = ListingState(
            id: platform.nextListingID, village: village, item: item, deal: deal, appraisal: plan.appraisal,
            reserve: plan.reserve, termYears: term, relisting: relisting, bidders: plan.bidders,
            valuations: plan.valuations, caseIndex: caseIndex, fairPrice: fairPrice,
            honestWinner: honest.winner, random: random)
        platform.listingValues.append(plan.appraisal)
        emit(
            LogRecord(
                .listing, village: village, code: deal.logged.rawValue, subject: listing.id, other: Int64(item),
                party: Int64(relisting), amount: plan.appraisal, amount2: plan.reserve, count: Int32(term),
                count2: Int32(plan.days)), case: caseIndex, &scheduler)
        let deposit = Int64(Double(plan.appraisal) * scenario.platform.depositRatio)
        for (bidder, delay) in zip(plan.bidders, plan.delays) {
            let value = platform.bidders[Int(bidder)]
            let record = LogRecord(
                .registration, village: village, subject: listing.id, other: Int64(value.person),
                party: bidderID(bidder),
                amount: deposit, count: value.foundedDay,
                count2: Int32((value.isFirm ? LogRecord.BidderKind.firm : .villager).rawValue))
            scheduler.schedule(park(.record(record, case: caseIndex)), after: Tick(delay))
        }
        let slot = platform.listings.insert(listing)
        scheduler.schedule(.announcementEnds(listing: slot), after: Tick(max(plan.days, 1)))
    }

    /// Closes bidding: the review turns registrations away, then relist or negotiate when too
    /// few qualified, otherwise each qualified bidder's last bid and the award.
    mutating func announcementEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        var listing = platform.listings[slot]
        platform.listings[slot].forgetRegistrations()
        platform.listings.remove(slot)
        let plan = review(&listing, &scheduler)
        let registered = Int32(listing.bidders.count)
        let tag = listing.caseIndex
        switch platform.outcome(of: plan, deal: listing.deal, relisting: listing.relisting) {
        case .failed:
            emit(
                LogRecord(.listingFailed, village: listing.village, subject: listing.id, count: registered), case: tag,
                &scheduler)
            oversight.villages[Int(listing.village)].frictions += 1
            guard listing.item >= 0 else { return }
            let again = listing.relisting < platform.rules.maxRelistings
            scheduler.schedule(
                .dealNeeded(
                    item: listing.item, relisting: again ? Int32(listing.relisting + 1) : 0,
                    deal: listing.deal),
                after: again ? 14 : 365)
        case .negotiated(let winner, let price):
            award(listing, winner: winner, price: price, method: .negotiated, registered: registered, &scheduler)
        case .competed(let ranked, let price):
            let isWorks = listing.deal == .works
            let increment = platform.increment(listing.deal)
            for (index, entry) in ranked.enumerated() {
                let rounded = increment > 0 ? entry.valuation / increment * increment : entry.valuation
                let last = index == 0 ? price : isWorks ? entry.valuation : rounded
                emit(
                    LogRecord(
                        .bid, village: listing.village, subject: listing.id, party: bidderID(entry.bidder),
                        amount: last), case: tag, &scheduler)
            }
            award(
                listing, winner: ranked[0].bidder, price: price,
                method: isWorks ? .lowestPriceTender : .ascendingAuction, registered: registered,
                &scheduler)
        }
    }

    /// The qualification review at the bid opening: each honest registration fails it with the
    /// platform's `disqualification` chance (drawn from a stream of the deal's own, so that
    /// other draws do not move); a bribed award's review turns away every offer that beats the
    /// payer's, and its look-alike the best offer (honestly short of papers). A case's
    /// favoured bidder is never turned away. Where the honest listing would have failed, the
    /// best offer a bribed review turned away is the price the collective lost. Returns the
    /// bidders kept.
    private mutating func review(_ listing: inout ListingState, _ scheduler: inout Scheduler<Event>) -> ListingPlan {
        var plan = ListingPlan(appraisal: listing.appraisal, reserve: listing.reserve, days: 0)
        let shaping = listing.caseIndex >= 0 ? misconduct.cases[Int(listing.caseIndex)] : nil
        let favoured = shaping.map(\.beneficiary) ?? -1
        let steered = shaping?.typology == .bribedAward
        let isWorks = listing.deal == .works
        func beats(_ a: Int64, _ b: Int64) -> Bool { isWorks ? a < b : a > b }
        // The offer a steered review keeps: the payer's, or (a look-alike) the second best.
        var bar: Int64 = 0
        if steered {
            bar =
                shaping?.kind == .misconduct
                ? zip(listing.bidders, listing.valuations).first { $0.0 == favoured }?.1 ?? 0
                : listing.valuations.sorted(by: beats).dropFirst().first ?? 0
        }
        var chance = listing.random.derived("review")
        let increment = platform.increment(listing.deal)
        for (bidder, valuation) in zip(listing.bidders, listing.valuations) {
            let beatsThePayer = steered && beats(valuation, bar)
            let failed = chance.bernoulli(platform.rules.disqualification)
            guard bidder != favoured, beatsThePayer || failed else {
                plan.bidders.append(bidder)
                plan.valuations.append(valuation)
                continue
            }
            let offer = isWorks || increment <= 0 ? valuation : valuation / increment * increment
            if beatsThePayer, shaping?.kind == .misconduct, listing.honestWinner < 0 {
                listing.fairPrice = beats(offer, listing.fairPrice) ? offer : listing.fairPrice
            }
            emit(
                LogRecord(
                    .disqualification, village: listing.village, code: listing.deal.logged.rawValue,
                    subject: listing.id, party: bidderID(bidder), amount: offer),
                case: beatsThePayer ? listing.caseIndex : -1, &scheduler)
        }
        return plan
    }

    private mutating func award(
        _ listing: ListingState, winner: Int32, price: Int64, method: LogRecord.Method, registered: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        emit(
            LogRecord(
                .award, village: listing.village, code: method.rawValue, subject: listing.id, party: bidderID(winner),
                amount: price, amount2: listing.reserve, count: registered), case: listing.caseIndex, &scheduler)
        var listing = listing
        let delay = Tick(listing.random.integer(in: 3...20))
        (listing.winner, listing.price) = (winner, price)
        listing.forgetRegistrations()
        let slot = platform.listings.insert(listing)
        scheduler.schedule(.signContract(listing: slot), after: delay)
    }

    mutating func signContract(listing slot: Int32, _ scheduler: inout Scheduler<Event>) {
        let listing = platform.listings[slot]
        platform.listings.remove(slot)
        let (winner, price) = (listing.winner, listing.price)
        let annual = listing.deal == .lease ? price / Int64(max(listing.termYears, 1)) : price
        let caseIndex = listing.caseIndex
        let rigged = caseIndex >= 0 && misconduct.cases[Int(caseIndex)].kind == .misconduct
        openContract(
            item: listing.item, village: listing.village, counterparty: winner, deal: listing.deal, annual: annual,
            total: price, termYears: listing.termYears, startDay: Int32(scheduler.now), listing: listing.id,
            case: caseIndex, fairTotal: rigged ? listing.fairPrice : price,
            capacityHolder: rigged ? listing.honestWinner : winner, random: listing.random.derived("contract"),
            scheduler: &scheduler)
    }

    /// Records a contract and schedules what follows from it: rents and the lease's end, the
    /// sale's payment, or the works' payments.
    @discardableResult
    mutating func openContract(
        item: Int32, village: Int32, counterparty: Int32, deal: DealKind, annual: Int64, total: Int64, termYears: Int,
        startDay: Int32, listing: Int64, case caseIndex: Int32 = -1, fairTotal: Int64? = nil,
        capacityHolder: Int32? = nil, random: RandomStream, scheduler: inout Scheduler<Event>
    ) -> Int32 {
        let holder = capacityHolder ?? counterparty
        let id = platform.nextContractID
        let fair = FairPrice(total: fairTotal ?? total, of: deal, termYears: Int32(termYears))
        if fair.total != total { platform.fairPrices[id] = fair }
        platform.contractValues.append(total)
        let slot = platform.contracts.insert(
            ContractState(
                id: id, annual: annual, total: total, random: random.compact, village: village, deal: deal, item: item,
                counterparty: counterparty, counterpartyIsFirm: platform.bidders[Int(counterparty)].isFirm,
                caseIndex: caseIndex, termYears: Int32(termYears), startDay: startDay))
        if holder != counterparty { platform.capacityHolders[id] = holder }
        if caseIndex >= 0 { platform.tag(slot, case: caseIndex) }
        if holder >= 0 { platform.changeLoad(of: holder, by: 1, in: villages[Int(village)].district) }
        if item >= 0 {
            platform.items[Int(item)].contract = slot
            // The next appraisal learns from the rent the market paid: halfway towards it (a
            // case's rent says nothing of the market, so its fair rent is used).
            if deal == .lease, listing >= 0 {
                platform.items[Int(item)].annualAppraisal =
                    (platform.items[Int(item)].annualAppraisal + fair.annual) / 2
            }
        }
        emit(
            LogRecord(
                .contract, village: village, code: deal.logged.rawValue, subject: id, other: listing,
                party: bidderID(counterparty), amount: annual, amount2: total, count: Int32(termYears),
                count2: item), case: caseIndex, &scheduler)
        switch deal {
        case .lease:
            let now = Int32(scheduler.now)
            let next = max(0, (now - startDay + 364) / 365)
            if next < termYears { scheduleRent(slot, installment: next, &scheduler) }
            platform.contracts[slot].leaseEnd = scheduler.reserveOrder()
            if next >= termYears { scheduleLeaseEnd(slot, &scheduler) }
        case .sale:
            receivePayment(slot, installment: 0, amount: annual, daysLate: 0, &scheduler)
            platform.items[Int(item)].sold = true
            closeContract(slot, reason: .sold, &scheduler)
        case .works:
            worksPayment(slot, installment: 0, &scheduler)
        }
        return slot
    }

    /// Ends a running contract and lets its slot go, unless a scheduled event still names the
    /// slot (`ContractState.eventPending`): that event lets it go when it comes. Closing one
    /// already closed only lets the slot go.
    mutating func closeContract(
        _ slot: Int32, reason: LogRecord.TerminationReason, _ scheduler: inout Scheduler<Event>
    ) {
        let contract = platform.contracts[slot]
        if contract.active { end(contract, at: slot, reason: reason, &scheduler) }
        if !contract.eventPending { platform.removeContract(slot) }
    }

    private mutating func end(
        _ contract: ContractState, at slot: Int32, reason: LogRecord.TerminationReason,
        _ scheduler: inout Scheduler<Event>
    ) {
        platform.contracts[slot].active = false
        if let next = contract.nextDue { scheduler.cancel(next) }
        let holder = platform.capacityHolder(of: contract)
        if holder >= 0 { platform.changeLoad(of: holder, by: -1, in: villages[Int(contract.village)].district) }
        if contract.item >= 0, platform.items[Int(contract.item)].contract == slot {
            platform.items[Int(contract.item)].contract = -1
        }
        emit(
            LogRecord(
                .termination, village: contract.village, code: reason.rawValue, subject: contract.id,
                party: bidderID(contract.counterparty)), case: contract.caseIndex, &scheduler)
    }

    /// A sitting tenant renews a lease (`previous`) worth less than the listing threshold after
    /// a vote.
    private mutating func renew(
        item: Int32, village: Int32, tenant: Int32, previous: Int64, appraisal: Int64, term: Int,
        random: inout RandomStream, _ scheduler: inout Scheduler<Event>
    ) {
        let price = Int64(Double(appraisal) * random.uniform(0.95...1.1))
        let annual = price / Int64(max(term, 1))
        let slot = openContract(
            item: item, village: village, counterparty: tenant, deal: .lease, annual: annual, total: price,
            termYears: term, startDay: Int32(scheduler.now), listing: -1, random: random.derived("contract"),
            scheduler: &scheduler)
        emit(
            LogRecord(
                .renewal, village: village, subject: platform.contracts[slot].id, other: previous,
                party: bidderID(tenant), amount: annual, amount2: price, count: Int32(term), count2: item),
            &scheduler)
    }

    /// Schedules the rent `installment` (from 0) of the lease at `slot`, that many years of 365
    /// days after its start; closing the lease cancels it (`ContractState.nextDue`).
    mutating func scheduleRent(_ slot: Int32, installment: Int32, _ scheduler: inout Scheduler<Event>) {
        let day = Tick(platform.contracts[slot].startDay) + 365 * Tick(installment)
        platform.contracts[slot].nextDue = scheduler.schedule(
            .rentDue(contract: slot, installment: installment), at: day)
    }

    /// Schedules a lease's end in the place reserved for it when it was signed, once no rent
    /// is left to schedule it (`ContractState.leaseEnd`).
    mutating func scheduleLeaseEnd(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        guard let order = platform.contracts[slot].leaseEnd else { return }
        platform.contracts[slot].leaseEnd = nil
        platform.contracts[slot].eventPending = true
        let contract = platform.contracts[slot]
        scheduler.schedule(
            .leaseEnds(contract: slot), at: Tick(contract.startDay) + 365 * Tick(contract.termYears), order: order)
    }

    /// A lease ends: the item is sold or leased again, perhaps renewed by its tenant; a
    /// corrupt director may instead extend the lease quietly.
    mutating func leaseEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        platform.contracts[slot].eventPending = false
        let contract = platform.contracts[slot]
        guard contract.active else { return closeContract(slot, reason: .expired, &scheduler) }
        let item = platform.items[Int(contract.item)]
        let (deal, renewing, delay) = platform.contracts[slot].random.draw { random in
            let deal: DealKind = random.bernoulli(item.disposalPerYear * 5) ? .sale : .lease
            let renewing = deal == .lease && !contract.fellIntoArrears && random.bernoulli(0.4)
            return (deal, renewing, Tick(random.integer(in: 0...30)))
        }
        if contract.caseIndex < 0, !contract.fellIntoArrears, extendQuietly(slot, &scheduler) { return }
        closeContract(slot, reason: .expired, &scheduler)
        let next: Event =
            renewing
            ? park(.renewal(item: contract.item, tenant: contract.counterparty, previous: contract.id))
            : .dealNeeded(item: contract.item, relisting: 0, deal: deal)
        scheduler.schedule(next, after: delay)
    }
}

extension DealKind {
    /// The deal as the log names it.
    var logged: LogRecord.Deal {
        switch self {
        case .lease: .lease
        case .sale: .sale
        case .works: .works
        }
    }
}

extension World {
    /// A new firm joins a pool: founded today, with a capacity drawn for it, bidding from now.
    mutating func foundFirm(pool index: Int, number: Int, _ scheduler: inout Scheduler<Event>) {
        let pool = scenario.bidders.pools[index]
        var random = root.derived("pool", pool.id).derived("firm", number)
        let district = platform.poolDistricts[index]
        let owner = people.add(Person(village: -1, role: .firmOwner, clan: -1))
        let bidder = Int32(platform.bidders.count)
        platform.bidders.append(
            Bidder(
                district: Int32(district), capacity: Int32(random.integer(in: pool.capacity)), person: owner,
                village: -1, foundedDay: Int32(scheduler.now), isFirm: true))
        platform.poolMembers[pool.id, default: []].append(bidder)
        if district >= 0 {
            platform.districtPools[district].append(bidder)
        } else {
            platform.sharedPool.append(bidder)
            platform.sharedLoads?.add(bidder, holding: 0)
        }
    }
}
