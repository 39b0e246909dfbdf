import SanziEngine
import SanziEvents
import SanziScenario

/// Misconduct and look-alikes on the platform: rigged listings, deals kept off the platform,
/// works split under the threshold, quiet lease extensions.
extension World {
    /// Lets a case or a look-alike reshape a first listing; returns its case index or -1.
    mutating func shapeListing(
        _ plan: inout ListingPlan, item: Int32, village: Int32, deal: DealKind, on day: Tick
    ) -> Int32 {
        let district = villages[Int(village)].district
        let stake = plan.appraisal * 3 / 10
        if let ring = misconduct.rings.firstIndex(where: {
            ($0.district < 0 || $0.district == district) && $0.members.count >= 2
        }),
            let offenders = offenders(.bidRotation, in: village, stake: stake, on: day)
        {
            return rotate(&plan, ring: ring, village: village, deal: deal, offenders: offenders, on: day)
        }
        if let offenders = offenders(.bidRigging, in: village, stake: stake, on: day),
            let winner = accomplices(1, near: village).first
        {
            let covers = accomplices(max(2, scenario.platform.minBidders - 1), near: village, excluding: [winner])
            return stage(
                &plan, .bidRigging, village: village, deal: deal, winner: winner, covers: covers, offenders: offenders,
                on: day)
        }
        if !plan.bidders.isEmpty, let offenders = offenders(.bribedAward, in: village, stake: stake, on: day),
            let payer = accomplices(1, near: village, excluding: plan.bidders).first
        {
            return bribe(&plan, village: village, deal: deal, payer: payer, offenders: offenders, on: day)
        }
        guard deal != .works else { return -1 }
        if let offenders = offenders(.relativeAward, in: village, stake: stake, on: day) {
            let hidden = adapts(.relativeAward, in: village) || conceals(.relativeAward, in: village)
            if let relative = relativesBidder(of: offenders, in: village, hidden: hidden)
                ?? relativesBidder(of: offenders, in: village, hidden: false)
            {
                let covers = accomplices(max(1, scenario.platform.minBidders - 1), near: village, excluding: [relative])
                return stage(
                    &plan, .relativeAward, village: village, deal: deal, winner: relative, covers: covers,
                    offenders: offenders, on: day)
            }
        }
        if let offenders = offenders(.belowMarketDeal, in: village, stake: stake, on: day),
            let crony = accomplices(1, near: village).first
        {
            return underprice(&plan, village: village, deal: deal, crony: crony, offenders: offenders, on: day)
        }
        return shapeHonestly(&plan, item: item, village: village, deal: deal, on: day)
    }

    /// Bid rotation: the ring member whose turn it is wins; the others cover.
    private mutating func rotate(
        _ plan: inout ListingPlan, ring: Int, village: Int32, deal: DealKind, offenders: [Int32], on day: Tick
    ) -> Int32 {
        let members = misconduct.rings[ring].members
        let winner = misconduct.rings[ring].nextWinner(in: villages[Int(village)].district)
        return stage(
            &plan, .bidRotation, village: village, deal: deal, winner: winner, covers: members.filter { $0 != winner },
            offenders: offenders + members.map { platform.bidders[Int($0)].person }, on: day)
    }

    /// A bribed award (受贿): a bidder who has paid the cadres registers beside the honest
    /// bidders with an offer 0.5–3% past the reserve, and covers of its own a little worse; at
    /// the review every offer that beats the payer's is turned away on a pretext (`review`).
    private mutating func bribe(
        _ plan: inout ListingPlan, village: Int32, deal: DealKind, payer: Int32,
        offenders: [Int32], on day: Tick
    ) -> Int32 {
        let v = Int(village)
        let isWorks = deal == .works
        let margin = misconduct.villages[v].random.uniform(0.005...0.03)
        let offer = Int64(Double(plan.reserve) * (isWorks ? 1 - margin : 1 + margin))
        let covers = accomplices(
            max(1, scenario.platform.minBidders - 1), near: village, excluding: plan.bidders + [payer])
        plan.bidders += [payer] + covers
        plan.valuations += [offer] + covers.map { _ in (offer + plan.reserve) / 2 }
        plan.delays += ([payer] + covers).map { _ in
            misconduct.villages[v].random.integer(in: 1...max(1, plan.days - 1))
        }
        return openCase(.bribedAward, village: village, perpetrators: offenders, beneficiary: payer, on: day)
    }

    /// A lease or sale priced under the market: the reserve (and, when concealed or adaptive,
    /// the appraisal) cut by the loss share, a short announcement unless the offender knows
    /// the rules, and a crony who wins against covers.
    private mutating func underprice(
        _ plan: inout ListingPlan, village: Int32, deal: DealKind, crony: Int32, offenders: [Int32], on day: Tick
    ) -> Int32 {
        let share = lossShare(.belowMarketDeal, in: village, fallback: 0.2...0.5)
        let adaptive = adapts(.belowMarketDeal, in: village)
        if adaptive || conceals(.belowMarketDeal, in: village) {
            plan.appraisal = Int64(Double(plan.appraisal) * (1 - share))
        } else {
            plan.days = max(1, plan.days / 2)
        }
        plan.reserve = Int64(Double(plan.reserve) * (1 - share))
        let covers = accomplices(
            max(1, scenario.platform.minBidders - 1) + (adaptive ? 1 : 0), near: village, excluding: [crony])
        return stage(
            &plan, .belowMarketDeal, village: village, deal: deal, winner: crony, covers: covers, offenders: offenders,
            on: day, adaptive: adaptive)
    }

    /// Replaces the honest registrations with a favoured bidder and its covers (the honest
    /// bidders stay away) and opens the case. Covers bid at the reserve or up to 3% over it;
    /// adaptive ones spread their bids past the no-premium margin (V02).
    private mutating func stage(
        _ plan: inout ListingPlan, _ typology: Typology, village: Int32, deal: DealKind, winner: Int32,
        covers: [Int32], offenders: [Int32], on day: Tick, adaptive: Bool? = nil
    ) -> Int32 {
        let adaptive = adaptive ?? adapts(typology, in: village)
        let epsilon = adaptive ? misconduct.knowledge.noPremiumMargin : nil
        let v = Int(village)
        let isWorks = deal == .works
        let first = isWorks ? plan.reserve * 97 / 100 : plan.reserve * 3 / 2
        plan.bidders = [winner] + covers
        plan.valuations = [first]
        for index in covers.indices {
            // Covers bid at or just over the reserve; adaptive ones past the no-premium margin.
            let spread =
                epsilon.map { $0 * (1.5 + Double(index)) + misconduct.villages[v].random.uniform(0...0.002) }
                ?? misconduct.villages[v].random.uniform(0...0.03)
            plan.valuations.append(
                isWorks
                    ? min(plan.reserve, Int64(Double(first) * (1.005 + spread)))
                    : Int64(Double(plan.reserve) * (1 + spread)))
        }
        plan.delays = plan.bidders.map { _ in misconduct.villages[v].random.integer(in: 1...max(1, plan.days - 1)) }
        return openCase(
            typology, village: village, perpetrators: offenders, beneficiary: winner, adapted: adaptive, on: day)
    }

    /// Honest listings that resemble misconduct: poor land listed cheaply, two honest bids a
    /// hair apart, the same two specialist firms meeting again, the best offer turned away for
    /// missing papers (`review`), a cadre's declared relative winning a fair auction.
    private mutating func shapeHonestly(
        _ plan: inout ListingPlan, item: Int32, village: Int32, deal: DealKind, on day: Tick
    ) -> Int32 {
        let v = Int(village)
        if deal == .lease, misconduct.lookAlike(.belowMarketDeal, in: village) {
            let factor = misconduct.villages[v].lookAlikes.uniform(0.55...0.75)
            plan.appraisal = Int64(Double(plan.appraisal) * factor)
            plan.reserve = Int64(Double(plan.reserve) * factor)
            plan.valuations = plan.valuations.map { Int64(Double($0) * factor) }
            platform.items[Int(item)].annualAppraisal = Int64(
                Double(platform.items[Int(item)].annualAppraisal) * factor)
            return openCase(.belowMarketDeal, .lookAlike, village: village, on: day)
        }
        if plan.bidders.count >= 2, misconduct.lookAlike(.bidRigging, in: village) {
            let top = plan.valuations.indices.max { plan.valuations[$0] < plan.valuations[$1] } ?? 0
            let other = top == 0 ? 1 : 0
            let gap = misconduct.villages[v].lookAlikes.uniform(0.001...0.004)
            plan.valuations[other] = Int64(Double(plan.valuations[top]) * (1 - gap))
            return openCase(.bidRigging, .lookAlike, village: village, on: day)
        }
        if misconduct.lookAlike(.bidRotation, in: village), let pair = specialists(for: village) {
            for firm in [pair.0, pair.1] where !plan.bidders.contains(firm) {
                plan.bidders.append(firm)
                let valuation = misconduct.villages[v].lookAlikes.lognormal(median: 1.12, sigma: 0.15)
                plan.valuations.append(Int64(Double(plan.appraisal) * valuation))
                plan.delays.append(misconduct.villages[v].lookAlikes.integer(in: 1...max(1, plan.days - 1)))
            }
            return openCase(.bidRotation, .lookAlike, village: village, on: day)
        }
        if plan.bidders.count >= 3, misconduct.lookAlike(.bribedAward, in: village) {
            return openCase(.bribedAward, .lookAlike, village: village, on: day)
        }
        if deal == .lease, misconduct.lookAlike(.relativeAward, in: village),
            let relative = declaredRelativeOfCadre(in: village), !plan.bidders.contains(relative)
        {
            plan.bidders.append(relative)
            plan.valuations.append(Int64(Double(plan.valuations.max() ?? plan.appraisal) * 1.08))
            plan.delays.append(misconduct.villages[v].lookAlikes.integer(in: 1...max(1, plan.days - 1)))
            return openCase(.relativeAward, .lookAlike, village: village, beneficiary: relative, on: day)
        }
        return -1
    }

    /// The two firms of a village's district that specialise in its deals (a look-alike of a
    /// ring), drawn once per village.
    private mutating func specialists(for village: Int32) -> (Int32, Int32)? {
        let v = Int(village)
        if let pair = misconduct.villages[v].specialists { return pair }
        let pool = platform.districtPools[villages[v].district]
        guard pool.count >= 2 else { return nil }
        let first = misconduct.villages[v].lookAlikes.integer(in: 0...(pool.count - 1))
        let second = (first + 1 + misconduct.villages[v].lookAlikes.integer(in: 0...(pool.count - 2))) % pool.count
        misconduct.villages[v].specialists = (pool[first], pool[second])
        return (pool[first], pool[second])
    }

    /// A villager bidder with a declared tie to one of the village's key cadres.
    private mutating func declaredRelativeOfCadre(in village: Int32) -> Int32? {
        var found: [Int32] = []
        for cadre in people.offices[Int(village)].keyCadres where cadre >= 0 {
            for tie in people.relatives[Int(cadre)] where tie.registered {
                if let bidder = people.bidder(of: tie.person), platform.bidders[Int(bidder)].village == village {
                    found.append(bidder)
                }
            }
        }
        guard !found.isEmpty else { return nil }
        return found[misconduct.villages[Int(village)].lookAlikes.integer(in: 0...(found.count - 1))]
    }

    /// An off-platform deal: a crony gets the item directly below the market (but not below
    /// the threshold); an adaptive director keeps the recorded value under the threshold (P01).
    mutating func keepOffPlatform(
        item: Int32, village: Int32, deal: DealKind, appraisal: Int64, term: Int, offenders: [Int32],
        honestWinner: Int32, random: RandomStream, on day: Tick, _ scheduler: inout Scheduler<Event>
    ) {
        guard let crony = accomplices(1, near: village).first else { return }
        let adaptive = adapts(.offPlatformDeal, in: village)
        var price = Int64(Double(appraisal) * (1 - lossShare(.offPlatformDeal, in: village, fallback: 0.1...0.3)))
        if !adaptive {
            price = max(price, policy(of: village).listingThreshold)  // no reason to hide the deal's size
        } else {
            let threshold = min(
                Double(policy(of: village).listingThreshold),
                misconduct.knowledge.offPlatformThreshold.map(Double.init) ?? .infinity)
            price = min(price, Int64(threshold * misconduct.villages[Int(village)].random.uniform(0.9...0.99)))
        }
        let caseIndex = openCase(
            .offPlatformDeal, village: village, perpetrators: offenders, beneficiary: crony, adapted: adaptive, on: day)
        openContract(
            item: item, village: village, counterparty: crony, deal: deal,
            annual: deal == .sale ? price : price / Int64(max(term, 1)), total: price, termYears: term,
            startDay: Int32(day), listing: -1, case: caseIndex, fairTotal: appraisal, capacityHolder: honestWinner,
            random: random.derived("contract"), scheduler: &scheduler)
    }

    /// A lawful direct deal over the threshold (a look-alike of an off-platform deal): voted,
    /// at the appraisal, to a village bidder.
    mutating func leaseDirectlyByLaw(
        item: Int32, village: Int32, deal: DealKind, appraisal: Int64, term: Int, random dealStream: RandomStream,
        _ scheduler: inout Scheduler<Event>
    ) {
        guard let tenant = lookAlikeCounterparty(in: village) else { return }
        let price = Int64(Double(appraisal) * misconduct.villages[Int(village)].lookAlikes.uniform(1.0...1.05))
        let caseIndex = openCase(.offPlatformDeal, .lookAlike, village: village, beneficiary: tenant, on: scheduler.now)
        openContract(
            item: item, village: village, counterparty: tenant, deal: deal,
            annual: deal == .sale ? price : price / Int64(max(term, 1)), total: price, termYears: term,
            startDay: Int32(scheduler.now), listing: -1, case: caseIndex, random: dealStream.derived("contract"),
            scheduler: &scheduler)
    }

    /// Works over the threshold split into equal negotiated parts under it, at a markup, for a
    /// crony, days apart. Adaptive offenders price each part just under the threshold and
    /// space the parts beyond P02's window.
    mutating func split(
        works cost: Int64, index works: Int32, village: Int32, offenders: [Int32], on day: Tick,
        _ scheduler: inout Scheduler<Event>
    ) {
        guard let contractor = accomplices(1, near: village).first else { return }
        let adaptive = adapts(.dealSplitting, in: village)
        let total = Int64(Double(cost) * (1 + lossShare(.dealSplitting, in: village, fallback: 0.1...0.3)))
        let v = Int(village)
        let threshold = policy(of: village).listingThreshold
        let parts = adaptive ? (total + threshold * 95 / 100 - 1) / (threshold * 95 / 100) : total / threshold + 1
        let window = adaptive ? misconduct.knowledge.splitWindowDays.map(Tick.init) : nil
        let caseIndex = openCase(
            .dealSplitting, village: village, perpetrators: offenders, beneficiary: contractor, adapted: adaptive,
            on: day)
        var delay: Tick = 0
        for part in 0..<parts {
            let price =
                adaptive
                ? Int64(Double(threshold) * misconduct.villages[v].random.uniform(0.95...0.999))
                : Self.part(part, of: parts, total)
            let fair = Self.part(part, of: parts, cost)
            scheduler.schedule(
                park(
                    .commission(
                        village: village, contractor: contractor, price: price, fair: fair, case: caseIndex,
                        part: works << 8 | Int32(part))),
                after: delay)
            delay +=
                window.map { $0 + Tick(misconduct.villages[v].random.integer(in: 1...30)) }
                ?? Tick(misconduct.villages[v].random.integer(in: 1...20))
        }
    }

    /// Part `part` of `amount` split into `parts` equal parts, the last taking what division
    /// leaves, so that the parts add up to the amount to the fen.
    static func part(_ part: Int64, of parts: Int64, _ amount: Int64) -> Int64 {
        part == parts - 1 ? amount - amount / parts * (parts - 1) : amount / parts
    }

    /// Honest works done in phases under the threshold, weeks apart (a look-alike of splitting).
    mutating func phase(
        works cost: Int64, index works: Int32, village: Int32, on day: Tick, _ scheduler: inout Scheduler<Event>
    ) {
        let v = Int(village)
        let local = platform.localBidders[v] + platform.districtPools[villages[v].district]
        guard !local.isEmpty else { return }
        let contractor = local[misconduct.villages[v].lookAlikes.integer(in: 0...(local.count - 1))]
        let threshold = policy(of: village).listingThreshold
        let parts = max(2, (cost + threshold * 95 / 100 - 1) / (threshold * 95 / 100))
        let caseIndex = openCase(.dealSplitting, .lookAlike, village: village, beneficiary: contractor, on: day)
        var delay: Tick = 0
        for part in 0..<parts {
            let price = Self.part(part, of: parts, cost)
            scheduler.schedule(
                park(
                    .commission(
                        village: village, contractor: contractor, price: price, fair: price, case: caseIndex,
                        part: works << 8 | Int32(part))),
                after: delay)
            delay += Tick(misconduct.villages[v].lookAlikes.integer(in: 20...60))
        }
    }

    /// Works commissioned directly, as part of a case or a look-alike.
    mutating func commission(
        village: Int32, contractor: Int32, price: Int64, fair: Int64, case caseIndex: Int32, part: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        openContract(
            item: -1, village: village, counterparty: contractor, deal: .works, annual: price, total: price,
            termYears: 0, startDay: Int32(scheduler.now), listing: -1, case: caseIndex, fairTotal: fair,
            random: villages[Int(village)].root.derived("works-part", Int(part)), scheduler: &scheduler)
    }

    /// A corrupt director extends an underpriced lease without a new listing: the amendment
    /// keeps the old rent for 3–10 more years. Returns whether the lease was extended.
    mutating func extendQuietly(_ slot: Int32, _ scheduler: inout Scheduler<Event>) -> Bool {
        let contract = platform.contracts[slot]
        let appraisal = platform.items[Int(contract.item)].annualAppraisal
        guard appraisal > contract.annual,
            let offenders = offenders(
                .postAwardAmendment, in: contract.village, stake: (appraisal - contract.annual) * 5, on: scheduler.now)
        else {
            return false
        }
        let village = contract.village
        let adaptive = adapts(.postAwardAmendment, in: village)
        var years = misconduct.villages[Int(village)].random.integer(in: 3...10)
        if adaptive, let cap = misconduct.knowledge.leaseCapYears {
            years = max(1, min(years, cap - Int(contract.termYears)))
        }
        let caseIndex = openCase(
            .postAwardAmendment, village: village, perpetrators: offenders, beneficiary: contract.counterparty,
            adapted: adaptive, on: scheduler.now)
        if adaptive {
            let votesFor = Self.votes(villages[Int(village)].representatives, &misconduct.villages[Int(village)].random)
            emitDecision(village: village, item: Int64(contract.item), deal: .lease, votesFor: votesFor, &scheduler)
        }
        let newTerm = Int(contract.termYears) + years
        emit(
            LogRecord(
                .amendment, village: village, code: LogRecord.AmendmentKind.termExtension.rawValue,
                subject: contract.id, amount: contract.annual,
                amount2: contract.annual, count: Int32(contract.termYears), count2: Int32(newTerm)), case: caseIndex,
            &scheduler)
        platform.extend(slot, by: years, fairAnnual: appraisal)
        platform.tag(slot, case: caseIndex)
        scheduleRent(slot, installment: contract.termYears, &scheduler)
        platform.contracts[slot].leaseEnd = scheduler.reserveOrder()
        return true
    }
}
