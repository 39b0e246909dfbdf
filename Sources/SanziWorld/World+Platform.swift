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
    /// listing threshold, or the small-deal path below it.
    mutating func dealNeeded(
        item: Int32, deal: DealKind, relisting: Int, incumbent: Int32 = -1, _ scheduler: inout Scheduler<Event>
    ) {
        let register = items[Int(item)]
        guard !register.sold, register.contract < 0 else { return }
        let village = register.village
        var random = villages[Int(village)].platform
        defer { villages[Int(village)].platform = random }
        let term = deal == .sale ? 0 : random.integer(in: register.termYears)
        let appraisal = deal == .sale ? register.annualAppraisal * 10 : register.annualAppraisal * Int64(term)
        if relisting == 0 { emitDecision(village: village, item: Int64(item), deal: deal, random: &random, &scheduler) }
        if incumbent >= 0, appraisal < policy(of: village).listingThreshold {
            renew(
                item: item, village: village, tenant: incumbent, appraisal: appraisal, term: term, random: &random,
                &scheduler)
        } else if appraisal >= policy(of: village).listingThreshold {
            list(
                item: item, village: village, deal: deal, appraisal: appraisal, term: term, relisting: relisting,
                incumbent: incumbent, random: &random, &scheduler)
        } else if let buyer = chooseBidders(for: village, count: 1, random: &random).first {
            let price = Int64(Double(appraisal) * random.uniform(0.9...1.05))
            let annual = deal == .sale ? price : price / Int64(max(term, 1))
            openContract(
                item: item, village: village, counterparty: buyer, deal: deal, annual: annual, total: price,
                termYears: term, startDay: Int32(scheduler.now), listing: -1, scheduler: &scheduler)
        } else {
            scheduler.schedule(.dealNeeded(item: item, deal: deal, relisting: 0, incumbent: -1), after: 365)
        }
    }

    /// Commissions works: tendered on the platform at or above the threshold, negotiated below.
    mutating func startWorks(village: Int32, cost: Int64, _ scheduler: inout Scheduler<Event>) {
        var random = villages[Int(village)].platform
        defer { villages[Int(village)].platform = random }
        emitDecision(village: village, item: -1, deal: .works, random: &random, &scheduler)
        if cost >= policy(of: village).listingThreshold {
            list(
                item: -1, village: village, deal: .works, appraisal: cost, term: 0, relisting: 0, incumbent: -1,
                random: &random, &scheduler)
        } else if let contractor = chooseBidders(for: village, count: 1, random: &random).first {
            openContract(
                item: -1, village: village, counterparty: contractor, deal: .works, annual: cost, total: cost,
                termYears: 0, startDay: Int32(scheduler.now), listing: -1, scheduler: &scheduler)
        }
    }

    private mutating func emitDecision(
        village: Int32, item: Int64, deal: DealKind, random: inout RandomStream, _ scheduler: inout Scheduler<Event>
    ) {
        let representatives = villages[Int(village)].representatives
        let votesFor = Int32(Double(representatives) * random.uniform(0.7...0.95))
        emit(
            LogRecord(
                .decision, village: village, code: deal.code, subject: item, count: votesFor,
                count2: Int32(representatives) - votesFor), &scheduler)
    }

    private mutating func list(
        item: Int32, village: Int32, deal: DealKind, appraisal: Int64, term: Int, relisting: Int, incumbent: Int32,
        random: inout RandomStream, _ scheduler: inout Scheduler<Event>
    ) {
        let days = policy(of: village).announcementDays
        let discount = pow(0.9, Double(relisting))
        let reserve = Int64(Double(appraisal) * (deal == .works ? 1.05 : scenario.platform.reserveRatio) * discount)
        var listing = ListingState(
            id: nextListingID, village: village, item: item, deal: deal, appraisal: appraisal, reserve: reserve,
            termYears: term, relisting: relisting)
        nextListingID += 1
        emit(
            LogRecord(
                .listing, village: village, code: deal.code, subject: listing.id, other: Int64(item),
                party: Int64(relisting), amount: appraisal, amount2: reserve, count: Int32(term), count2: Int32(days)),
            &scheduler)
        let remoteness = villages[Int(village)].remoteness
        let valueFactor = min(1.5, max(0.5, log10(Double(max(appraisal, 100)) / 100) / 5))
        let interested = random.poisson(mean: (0.6 + 3.2 * (1 - remoteness)) * valueFactor)
        listing.bidders = chooseBidders(for: village, count: interested, random: &random)
        if incumbent >= 0, !listing.bidders.contains(incumbent) { listing.bidders.insert(incumbent, at: 0) }
        for bidder in listing.bidders {
            // A sitting tenant knows the asset and values keeping it a little higher.
            let median = bidder == incumbent ? 1.18 : 1.12
            let valuation: Double =
                deal == .works ? random.uniform(0.85...1.15) : random.lognormal(median: median, sigma: 0.15)
            listing.valuations.append(Int64(Double(appraisal) * valuation))
            let deposit = Int64(Double(appraisal) * scenario.platform.depositRatio)
            scheduler.schedule(
                .log(
                    LogRecord(
                        .registration, village: village, subject: listing.id,
                        other: Int64(bidders[Int(bidder)].person), party: bidders[Int(bidder)].id,
                        amount: deposit, count: bidders[Int(bidder)].foundedDay,
                        count2: bidders[Int(bidder)].isFirm ? 1 : 0)),
                after: Tick(random.integer(in: 1...max(1, days - 1))))
        }
        let slot = listings.insert(listing)
        scheduler.schedule(.announcementEnds(listing: slot), after: Tick(max(days, 1)))
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

    /// Closes bidding: relist or negotiate when too few registered, otherwise an ascending
    /// auction (leases, sales) or a lowest-price tender (works).
    mutating func announcementEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        let listing = listings[slot]
        listings.remove(slot)
        let isWorks = listing.deal == .works
        let qualified = zip(listing.bidders, listing.valuations).filter {
            isWorks ? $0.1 <= listing.reserve : $0.1 >= listing.reserve
        }
        let registered = Int32(listing.bidders.count)
        if qualified.count < scenario.platform.minBidders {
            if let only = qualified.first, listing.relisting >= scenario.platform.maxRelistings {
                let price = isWorks ? only.1 : max(listing.reserve, (listing.reserve + only.1) / 2)
                award(listing, winner: only.0, price: price, method: 2, registered: registered, &scheduler)
                return
            }
            emit(
                LogRecord(.listingFailed, village: listing.village, subject: listing.id, count: registered), &scheduler)
            villages[Int(listing.village)].grievances += 1
            if listing.relisting < scenario.platform.maxRelistings, listing.item >= 0 {
                scheduler.schedule(
                    .dealNeeded(
                        item: listing.item, deal: listing.deal, relisting: Int32(listing.relisting + 1), incumbent: -1),
                    after: 14)
            } else if listing.item >= 0 {
                scheduler.schedule(
                    .dealNeeded(item: listing.item, deal: listing.deal, relisting: 0, incumbent: -1), after: 365)
            }
            return
        }
        let increment = (scenario.platform.modes[listing.deal]?.increment ?? Money(yuan: 500)).fen
        let ranked = qualified.sorted { isWorks ? $0.1 < $1.1 : $0.1 > $1.1 }
        let winner = ranked[0]
        let price = isWorks ? winner.1 : max(listing.reserve, min(winner.1, ranked[1].1 + increment))
        for (bidder, valuation) in qualified {
            let last = bidder == winner.0 ? price : isWorks ? valuation : valuation / increment * increment
            emit(
                LogRecord(
                    .bid, village: listing.village, subject: listing.id, party: bidders[Int(bidder)].id, amount: last),
                &scheduler)
        }
        award(listing, winner: winner.0, price: price, method: isWorks ? 1 : 0, registered: registered, &scheduler)
    }

    private mutating func award(
        _ listing: ListingState, winner: Int32, price: Int64, method: UInt8, registered: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        emit(
            LogRecord(
                .award, village: listing.village, code: method, subject: listing.id, party: bidders[Int(winner)].id,
                amount: price, amount2: listing.reserve, count: registered), &scheduler)
        var random = villages[Int(listing.village)].platform
        let delay = Tick(random.integer(in: 3...20))
        villages[Int(listing.village)].platform = random
        let slot = listings.insert(listing)
        scheduler.schedule(.signContract(listing: slot, winner: winner, price: price), after: delay)
    }

    mutating func signContract(listing slot: Int32, winner: Int32, price: Int64, _ scheduler: inout Scheduler<Event>) {
        let listing = listings[slot]
        listings.remove(slot)
        let annual = listing.deal == .lease ? price / Int64(max(listing.termYears, 1)) : price
        openContract(
            item: listing.item, village: listing.village, counterparty: winner, deal: listing.deal, annual: annual,
            total: price, termYears: listing.termYears, startDay: Int32(scheduler.now), listing: listing.id,
            scheduler: &scheduler)
    }

    /// Records a contract and schedules what follows from it: rents and the lease's end, the
    /// sale's payment, or the works' payments.
    @discardableResult
    mutating func openContract(
        item: Int32, village: Int32, counterparty: Int32, deal: DealKind, annual: Int64, total: Int64, termYears: Int,
        startDay: Int32, listing: Int64, scheduler: inout Scheduler<Event>
    ) -> Int32 {
        let id = nextContractID
        nextContractID += 1
        let slot = contracts.insert(
            ContractState(
                id: id, village: village, item: item, counterparty: counterparty, deal: deal, annual: annual,
                total: total, termYears: termYears, startDay: startDay, listing: listing))
        bidders[Int(counterparty)].active += 1
        if item >= 0 {
            items[Int(item)].contract = slot
            items[Int(item)].lastContract = id
            // The next appraisal learns from the rent the market paid: halfway towards it.
            if deal == .lease, listing >= 0 {
                items[Int(item)].annualAppraisal = (items[Int(item)].annualAppraisal + annual) / 2
            }
        }
        emit(
            LogRecord(
                .contract, village: village, code: deal.code, subject: id, other: listing,
                party: bidders[Int(counterparty)].id, amount: annual, amount2: total, count: Int32(termYears),
                count2: item), &scheduler)
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
        bidders[Int(contract.counterparty)].active -= 1
        if contract.item >= 0, items[Int(contract.item)].contract == slot { items[Int(contract.item)].contract = -1 }
        emit(
            LogRecord(
                .termination, village: contract.village, code: reason, subject: contract.id,
                party: bidders[Int(contract.counterparty)].id), &scheduler)
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
            termYears: term, startDay: Int32(scheduler.now), listing: -1, scheduler: &scheduler)
        emit(
            LogRecord(
                .renewal, village: village, subject: contracts[slot].id, other: previous,
                party: bidders[Int(tenant)].id, amount: annual, amount2: price, count: Int32(term), count2: item),
            &scheduler)
    }

    mutating func leaseEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        defer { contracts.remove(slot) }
        guard contract.active else { return }
        closeContract(slot, reason: 0, &scheduler)
        var random = villages[Int(contract.village)].platform
        let item = items[Int(contract.item)]
        let deal: DealKind = random.bernoulli(item.disposalPerYear * 5) ? .sale : .lease
        let renewing = deal == .lease && !contract.fellIntoArrears && random.bernoulli(0.4)
        scheduler.schedule(
            .dealNeeded(
                item: contract.item, deal: deal, relisting: 0, incumbent: renewing ? contract.counterparty : -1),
            after: Tick(random.integer(in: 0...30)))
        villages[Int(contract.village)].platform = random
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
