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
    /// Starts a deal for an item: a vote, then a listing when the deal's value reaches the
    /// listing threshold, or the small-deal path below it. A corrupt director may keep a deal
    /// over the threshold off the platform.
    mutating func dealNeeded(
        item: Int32, deal: DealKind, relisting: Int, incumbent: Int32 = -1, _ scheduler: inout Scheduler<Event>
    ) {
        let register = items[Int(item)]
        guard !register.sold, register.contract < 0 else { return }
        let village = register.village
        var random = villages[Int(village)].root.derived("deal", Int(item) << 16 | register.deals)
        items[Int(item)].deals += 1
        let term = deal == .sale ? 0 : random.integer(in: register.termYears)
        let appraisal = deal == .sale ? register.annualAppraisal * 10 : register.annualAppraisal * Int64(term)
        let threshold = policy(of: village).listingThreshold
        let direct = relisting == 0 && incumbent < 0 && appraisal >= threshold
        let offPlatform = direct ? offenders(.offPlatformDeal, in: village) : nil
        let recorded = offPlatform == nil || conceals(.offPlatformDeal, in: village)
        if relisting == 0 {
            emitDecision(village: village, item: Int64(item), deal: deal, recorded: recorded, &random, &scheduler)
        }
        if let offPlatform {
            let plan = planListing(
                village: village, deal: deal, appraisal: appraisal, relisting: 0, incumbent: -1, &random)
            keepOffPlatform(
                item: item, village: village, deal: deal, appraisal: appraisal, term: term, offenders: offPlatform,
                honestWinner: outcome(of: plan, deal: deal, relisting: 0).winner, random: random, on: scheduler.now,
                &scheduler)
        } else if direct, lookAlike(.offPlatformDeal, in: village) {
            _ = planListing(village: village, deal: deal, appraisal: appraisal, relisting: 0, incumbent: -1, &random)
            leaseDirectlyByLaw(
                item: item, village: village, deal: deal, appraisal: appraisal, term: term, random: random, &scheduler)
        } else if incumbent >= 0, appraisal < threshold {
            renew(
                item: item, village: village, tenant: incumbent, appraisal: appraisal, term: term, random: &random,
                &scheduler)
        } else if appraisal >= threshold {
            list(
                item: item, village: village, deal: deal, appraisal: appraisal, term: term, relisting: relisting,
                incumbent: incumbent, random: &random, &scheduler)
        } else if let buyer = chooseBidders(for: village, count: 1, random: &random).first {
            let price = Int64(Double(appraisal) * random.uniform(0.9...1.05))
            let annual = deal == .sale ? price : price / Int64(max(term, 1))
            openContract(
                item: item, village: village, counterparty: buyer, deal: deal, annual: annual, total: price,
                termYears: term, startDay: Int32(scheduler.now), listing: -1, random: random.derived("contract"),
                scheduler: &scheduler)
        } else {
            scheduler.schedule(.dealNeeded(item: item, deal: deal, relisting: 0, incumbent: -1), after: 365)
        }
    }

    /// Commissions works: tendered on the platform at or above the threshold, negotiated below.
    /// Corrupt cadres may split works over the threshold into parts under it.
    mutating func startWorks(
        village: Int32, cost: Int64, works: Int32, random: RandomStream, _ scheduler: inout Scheduler<Event>
    ) {
        var random = random
        emitDecision(village: village, item: -1, deal: .works, recorded: true, &random, &scheduler)
        let threshold = policy(of: village).listingThreshold
        if cost >= threshold, let offenders = offenders(.dealSplitting, in: village) {
            _ = planListing(village: village, deal: .works, appraisal: cost, relisting: 0, incumbent: -1, &random)
            split(works: cost, index: works, village: village, offenders: offenders, on: scheduler.now, &scheduler)
        } else if cost >= threshold, lookAlike(.dealSplitting, in: village) {
            _ = planListing(village: village, deal: .works, appraisal: cost, relisting: 0, incumbent: -1, &random)
            phase(works: cost, index: works, village: village, on: scheduler.now, &scheduler)
        } else if cost >= threshold {
            list(
                item: -1, village: village, deal: .works, appraisal: cost, term: 0, relisting: 0, incumbent: -1,
                random: &random, &scheduler)
        } else if let contractor = chooseBidders(for: village, count: 1, random: &random).first {
            openContract(
                item: -1, village: village, counterparty: contractor, deal: .works, annual: cost, total: cost,
                termYears: 0, startDay: Int32(scheduler.now), listing: -1, random: random.derived("contract"),
                scheduler: &scheduler)
        }
    }

    /// The representatives' vote on a deal; the votes are drawn even when the vote is never
    /// held (`recorded` false), so the honest draws stay as they were.
    mutating func emitDecision(
        village: Int32, item: Int64, deal: DealKind, recorded: Bool = true, _ random: inout RandomStream,
        _ scheduler: inout Scheduler<Event>
    ) {
        let representatives = villages[Int(village)].representatives
        let votesFor = Int32(Double(representatives) * random.uniform(0.7...0.95))
        guard recorded else { return }
        emit(
            LogRecord(
                .decision, village: village, code: deal.code, subject: item, count: votesFor,
                count2: Int32(representatives) - votesFor), &scheduler)
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
        plan.bidders = chooseBidders(for: village, count: interested, random: &random)
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
        let honest = outcome(of: plan, deal: deal, relisting: relisting)
        let fairPrice = honest.price ?? plan.reserve
        let caseIndex =
            relisting == 0 && incumbent < 0
            ? shapeListing(&plan, item: item, village: village, deal: deal, on: scheduler.now) : -1
        let listing = ListingState(
            id: nextListingID, village: village, item: item, deal: deal, appraisal: plan.appraisal,
            reserve: plan.reserve, termYears: term, relisting: relisting, bidders: plan.bidders,
            valuations: plan.valuations, caseIndex: caseIndex, fairPrice: fairPrice,
            honestWinner: honest.winner, random: random)
        nextListingID += 1
        emit(
            LogRecord(
                .listing, village: village, code: deal.code, subject: listing.id, other: Int64(item),
                party: Int64(relisting), amount: plan.appraisal, amount2: plan.reserve, count: Int32(term),
                count2: Int32(plan.days)), case: caseIndex, &scheduler)
        let deposit = Int64(Double(plan.appraisal) * scenario.platform.depositRatio)
        for (bidder, delay) in zip(plan.bidders, plan.delays) {
            let value = bidders[Int(bidder)]
            let record = LogRecord(
                .registration, village: village, subject: listing.id, other: Int64(value.person), party: value.id,
                amount: deposit, count: value.foundedDay, count2: value.isFirm ? 1 : 0)
            scheduler.schedule(Self.log(record, case: caseIndex), after: Tick(delay))
        }
        let slot = listings.insert(listing)
        scheduler.schedule(.announcementEnds(listing: slot), after: Tick(max(plan.days, 1)))
    }

    /// Up to `count` distinct bidders for a village's deal, chosen by attractiveness (nearness,
    /// room for another contract) among the village's own bidders and a sample of its
    /// district's pool and the shared pool. Local bidders are few and all known; the pools are
    /// sampled, which keeps the cost independent of their size.
    mutating func chooseBidders(for village: Int32, count: Int, random: inout RandomStream) -> [Int32] {
        guard count > 0 else { return [] }
        let remoteness = villages[Int(village)].remoteness
        let pool = districtPools[villages[Int(village)].district]
        var candidates = scratchCandidates
        var weights = scratchWeights
        candidates.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        func consider(_ bidder: Int32) {
            let value = bidders[Int(bidder)]
            guard value.active < value.capacity, !candidates.contains(bidder) else { return }
            candidates.append(bidder)
            let nearness = value.village == village ? 1.0 : (value.district < 0 ? -1.5 : -0.5) * remoteness
            let utility = nearness + 0.5 * Double(value.capacity - value.active) / Double(value.capacity)
            weights.append(exp(1.5 * utility))  // a multinomial logit
        }
        for bidder in villages[Int(village)].localBidders { consider(bidder) }
        let outside = pool.count + sharedPool.count
        if outside > 0 {
            for _ in 0..<(2 * count + 4) {
                let pick = random.integer(in: 0...(outside - 1))
                consider(pick < pool.count ? pool[pick] : sharedPool[pick - pool.count])
            }
        }
        var chosen: [Int32] = []
        while chosen.count < count, let index = random.categorical(weights: weights) {
            chosen.append(candidates[index])
            weights[index] = 0
        }
        scratchCandidates = candidates
        scratchWeights = weights
        return chosen
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

    func outcome(of plan: ListingPlan, deal: DealKind, relisting: Int) -> Outcome {
        let isWorks = deal == .works
        let qualified = zip(plan.bidders, plan.valuations).filter {
            isWorks ? $0.1 <= plan.reserve : $0.1 >= plan.reserve
        }
        guard qualified.count >= scenario.platform.minBidders else {
            guard let only = qualified.first, relisting >= scenario.platform.maxRelistings else { return .failed }
            return .negotiated(
                winner: only.0, price: isWorks ? only.1 : max(plan.reserve, (plan.reserve + only.1) / 2))
        }
        let increment = (scenario.platform.modes[deal]?.increment ?? Money(yuan: 500)).fen
        let ranked = qualified.sorted { isWorks ? $0.1 < $1.1 : $0.1 > $1.1 }.map { (bidder: $0.0, valuation: $0.1) }
        let price =
            isWorks ? ranked[0].valuation : max(plan.reserve, min(ranked[0].valuation, ranked[1].valuation + increment))
        return .competed(ranked: ranked, price: price)
    }

    /// Closes bidding: relist or negotiate when too few qualified, otherwise each qualified
    /// bidder's last bid and the award.
    mutating func announcementEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        let listing = listings[slot]
        listings.remove(slot)
        let plan = ListingPlan(
            appraisal: listing.appraisal, reserve: listing.reserve, days: 0, bidders: listing.bidders,
            valuations: listing.valuations)
        let registered = Int32(listing.bidders.count)
        let tag = listing.caseIndex
        switch outcome(of: plan, deal: listing.deal, relisting: listing.relisting) {
        case .failed:
            emit(
                LogRecord(.listingFailed, village: listing.village, subject: listing.id, count: registered), case: tag,
                &scheduler)
            villages[Int(listing.village)].grievances += 1
            guard listing.item >= 0 else { return }
            let again = listing.relisting < scenario.platform.maxRelistings
            scheduler.schedule(
                .dealNeeded(
                    item: listing.item, deal: listing.deal, relisting: again ? Int32(listing.relisting + 1) : 0,
                    incumbent: -1),
                after: again ? 14 : 365)
        case .negotiated(let winner, let price):
            award(listing, winner: winner, price: price, method: 2, registered: registered, &scheduler)
        case .competed(let ranked, let price):
            let isWorks = listing.deal == .works
            let increment = (scenario.platform.modes[listing.deal]?.increment ?? Money(yuan: 500)).fen
            for (index, entry) in ranked.enumerated() {
                let last = index == 0 ? price : isWorks ? entry.valuation : entry.valuation / increment * increment
                emit(
                    LogRecord(
                        .bid, village: listing.village, subject: listing.id, party: bidders[Int(entry.bidder)].id,
                        amount: last), case: tag, &scheduler)
            }
            award(
                listing, winner: ranked[0].bidder, price: price, method: isWorks ? 1 : 0, registered: registered,
                &scheduler)
        }
    }

    private mutating func award(
        _ listing: ListingState, winner: Int32, price: Int64, method: UInt8, registered: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        emit(
            LogRecord(
                .award, village: listing.village, code: method, subject: listing.id, party: bidders[Int(winner)].id,
                amount: price, amount2: listing.reserve, count: registered), case: listing.caseIndex, &scheduler)
        var listing = listing
        let delay = Tick(listing.random.integer(in: 3...20))
        let slot = listings.insert(listing)
        scheduler.schedule(.signContract(listing: slot, winner: winner, price: price), after: delay)
    }

    mutating func signContract(listing slot: Int32, winner: Int32, price: Int64, _ scheduler: inout Scheduler<Event>) {
        let listing = listings[slot]
        listings.remove(slot)
        let annual = listing.deal == .lease ? price / Int64(max(listing.termYears, 1)) : price
        let caseIndex = listing.caseIndex
        let rigged = caseIndex >= 0 && cases[Int(caseIndex)].kind == .misconduct
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
        let id = nextContractID
        nextContractID += 1
        let fair = fairTotal ?? total
        let fairAnnual = deal == .lease ? fair / Int64(max(termYears, 1)) : fair
        let slot = contracts.insert(
            ContractState(
                id: id, village: village, item: item, counterparty: counterparty, deal: deal, annual: annual,
                total: total, termYears: termYears, startDay: startDay, listing: listing, caseIndex: caseIndex,
                fairAnnual: fairAnnual, fairTotal: fair, capacityHolder: holder, random: random))
        if holder >= 0 { bidders[Int(holder)].active += 1 }
        if item >= 0 {
            items[Int(item)].contract = slot
            items[Int(item)].lastContract = id
            // The next appraisal learns from the rent the market paid: halfway towards it (a
            // case's rent says nothing of the market, so its fair rent is used).
            if deal == .lease, listing >= 0 {
                items[Int(item)].annualAppraisal = (items[Int(item)].annualAppraisal + fairAnnual) / 2
            }
        }
        emit(
            LogRecord(
                .contract, village: village, code: deal.code, subject: id, other: listing,
                party: bidders[Int(counterparty)].id, amount: annual, amount2: total, count: Int32(termYears),
                count2: item), case: caseIndex, &scheduler)
        switch deal {
        case .lease:
            let now = Int32(scheduler.now)
            let next = max(0, (now - startDay + 364) / 365)
            if next < termYears {
                contracts[slot].nextDue = scheduler.schedule(
                    .rentDue(contract: slot, installment: next), at: Tick(startDay + 365 * next))
            }
            scheduler.schedule(.leaseEnds(contract: slot), at: Tick(startDay) + 365 * Tick(termYears))
        case .sale:
            receivePayment(slot, installment: 0, amount: annual, daysLate: 0, &scheduler)
            items[Int(item)].sold = true
            closeContract(slot, reason: 4, &scheduler)
            contracts.remove(slot)
        case .works:
            worksPayment(slot, installment: 0, &scheduler)
        }
        return slot
    }

    mutating func closeContract(_ slot: Int32, reason: UInt8, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        guard contract.active else { return }
        contracts[slot].active = false
        if let next = contract.nextDue { scheduler.cancel(next) }
        if contract.capacityHolder >= 0 { bidders[Int(contract.capacityHolder)].active -= 1 }
        if contract.item >= 0, items[Int(contract.item)].contract == slot { items[Int(contract.item)].contract = -1 }
        emit(
            LogRecord(
                .termination, village: contract.village, code: reason, subject: contract.id,
                party: bidders[Int(contract.counterparty)].id), case: contract.caseIndex, &scheduler)
    }

    /// A sitting tenant renews a lease worth less than the listing threshold after a vote.
    private mutating func renew(
        item: Int32, village: Int32, tenant: Int32, appraisal: Int64, term: Int, random: inout RandomStream,
        _ scheduler: inout Scheduler<Event>
    ) {
        let previous = items[Int(item)].lastContract
        let price = Int64(Double(appraisal) * random.uniform(0.95...1.1))
        let annual = price / Int64(max(term, 1))
        let slot = openContract(
            item: item, village: village, counterparty: tenant, deal: .lease, annual: annual, total: price,
            termYears: term, startDay: Int32(scheduler.now), listing: -1, random: random.derived("contract"),
            scheduler: &scheduler)
        emit(
            LogRecord(
                .renewal, village: village, subject: contracts[slot].id, other: previous,
                party: bidders[Int(tenant)].id, amount: annual, amount2: price, count: Int32(term), count2: item),
            &scheduler)
    }

    /// A lease ends: the item is sold or leased again, perhaps renewed by its tenant; a
    /// corrupt director may instead extend the lease quietly.
    mutating func leaseEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        guard contract.active else { return contracts.remove(slot) }
        var random = contract.random
        let item = items[Int(contract.item)]
        let deal: DealKind = random.bernoulli(item.disposalPerYear * 5) ? .sale : .lease
        let renewing = deal == .lease && !contract.fellIntoArrears && random.bernoulli(0.4)
        let delay = Tick(random.integer(in: 0...30))
        contracts[slot].random = random
        if contract.caseIndex < 0, !contract.fellIntoArrears, extendQuietly(slot, &scheduler) { return }
        closeContract(slot, reason: 0, &scheduler)
        contracts.remove(slot)
        scheduler.schedule(
            .dealNeeded(
                item: contract.item, deal: deal, relisting: 0, incumbent: renewing ? contract.counterparty : -1),
            after: delay)
    }
}

extension DealKind {
    /// The index of the deal kind in the log's `deal` names.
    var code: UInt8 {
        switch self {
        case .lease: return 0
        case .sale: return 1
        case .works: return 2
        }
    }
}
