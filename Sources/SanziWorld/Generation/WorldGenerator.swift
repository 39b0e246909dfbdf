import SanziEngine
import SanziEvents
import SanziScenario

/// Builds a world's villages, registers, people and bidders from the scenario's profiles.
///
/// Each village draws from its own stream, derived from the seed and the village's position,
/// and each pool from a stream keyed by its id: adding a village or a pool leaves the others
/// as they were.
struct WorldGenerator {
    let scenario: Scenario
    let root: RandomStream

    func build(into world: inout World, scheduler: inout Scheduler<World.Event>, log: inout WorldLog) {
        let districtIndex = Dictionary(
            uniqueKeysWithValues: scenario.geography.districts.enumerated().map { ($1.id, $0) })
        let defaults = Policy(
            listingThreshold: scenario.platform.listingThreshold.fen,
            announcementDays: scenario.platform.announcementDays,
            publicity: scenario.oversight.publicity, cashCap: scenario.finance.cashCap.fen,
            warningSystem: scenario.alerts.warningSystem,
            misconductScale: Array(repeating: 1, count: Typology.allCases.count),
            disputeAnswers: scenario.oversight.petitions.disputeAnswers)
        world.policies = Array(repeating: defaults, count: scenario.geography.districts.count)
        world.oversight.tasksDone = Array(repeating: Discipline.Seen(), count: scenario.geography.districts.count)
        world.platform.districtPools = Array(repeating: [], count: scenario.geography.districts.count)
        buildPools(into: &world, districtIndex: districtIndex, scheduler: &scheduler)
        if scenario.geography.newsWindowDays != nil {
            // With news windows each district sees the shared firms' leases of the others from
            // the first window's start, the ones running when the scenario starts too.
            var loads = SharedFirmLoads(districts: scenario.geography.districts.count)
            for firm in world.platform.sharedPool { loads.add(firm, holding: 0) }
            world.platform.sharedLoads = loads
        }
        reserveRegisters(in: &world)
        var villageIndex: Int32 = 0
        var townIndex = 0
        for (district, districtValue) in scenario.geography.districts.enumerated() {
            for town in districtValue.towns {
                world.villagesOfTown.append([])
                for village in town.villages {
                    buildVillage(
                        village, index: villageIndex, district: district, town: townIndex, into: &world,
                        scheduler: &scheduler)
                    world.villagesOfTown[townIndex].append(villageIndex)
                    world.flushBatch(to: &log)
                    villageIndex += 1
                }
                townIndex += 1
            }
        }
        world.discipline.build(
            towns: townIndex, districts: scenario.geography.districts.count, villages: Int(villageIndex))
        world.openDisputesInProgress()
        scheduleDatedParts(world, &scheduler)
        scheduleDisciplineMonths(&scheduler)
    }

    /// Makes room for as many items as the villages' profiles allow, and as many contracts:
    /// grown by doubling, the two arrays were copied whole again and again (at 12,000
    /// villages some 100 MB, each copy missing the cache). Room never used is never touched.
    private func reserveRegisters(in world: inout World) {
        let itemsAtMost = scenario.geography.villages.reduce(0) {
            $0 + (scenario.profile($1.profileID)?.itemsAtMost ?? 0)
        }
        world.platform.items.reserveCapacity(itemsAtMost)
        world.platform.contracts.reserveCapacity(itemsAtMost)
    }

    private func buildPools(
        into world: inout World, districtIndex: [String: Int], scheduler: inout Scheduler<World.Event>
    ) {
        for (index, pool) in scenario.bidders.pools.enumerated() {
            var random = root.derived("pool", pool.id)
            let district: Int
            switch pool.scope {
            case .district(let id): district = districtIndex[id] ?? -1
            case .shared: district = -1
            }
            world.platform.poolDistricts.append(district)
            scheduleNewFirms(pool, index: index, &scheduler)
            for _ in 0..<pool.firms {
                let owner = world.people.add(Person(village: -1, role: .firmOwner, clan: -1))
                let bidder = addBidder(
                    isFirm: true, person: owner, village: -1, district: district,
                    founded: -Int32(random.integer(in: 365...(365 * 20))), capacity: random.integer(in: pool.capacity),
                    to: &world)
                world.platform.poolMembers[pool.id, default: []].append(bidder)
                if district >= 0 {
                    world.platform.districtPools[district].append(bidder)
                } else {
                    world.platform.sharedPool.append(bidder)
                }
            }
        }
    }

    /// The firms a pool gains each year, founded on days drawn from the pool's own stream.
    private func scheduleNewFirms(_ pool: BidderPools.Pool, index: Int, _ scheduler: inout Scheduler<World.Event>) {
        guard pool.newFirmsPerYear > 0 else { return }
        let days = scenario.horizon.dayCount(from: scenario.start)
        var random = root.derived("pool", pool.id).derived("new-firms")
        for firm in 0..<(pool.newFirmsPerYear * (days + 364) / 365) {
            let day = random.integer(in: 0...max(0, days - 1))
            scheduler.schedule(.firmFounded(pool: Int32(index), firm: Int32(firm)), at: Tick(day))
        }
    }

    private func buildVillage(
        _ village: SanziScenario.Village, index: Int32, district: Int, town: Int, into world: inout World,
        scheduler: inout Scheduler<World.Event>
    ) {
        guard let profileIndex = scenario.profiles.firstIndex(where: { $0.id == village.profileID }) else { return }
        let profile = scenario.profiles[profileIndex]
        // The village's position in the whole scenario, also in a shard of one district.
        let stream = root.derived("village", Int(index + world.place.offsets.village))
        var random = stream.derived("register")
        let households = random.integer(in: profile.households)
        world.villages.append(
            SimulatedVillage(
                id: village.id, profile: profileIndex, district: district, town: town, households: households,
                remoteness: village.remoteness ?? random.uniform(profile.remoteness),
                representatives: min(60, max(15, households / 20)), root: stream))
        world.platform.streams.append(stream.derived("platform"))
        world.ledger.streams.append(stream.derived("ledger"))
        world.oversight.villages.append(Oversight.VillageRecord(random: stream.derived("oversight")))
        world.misconduct.villages.append(
            Misconduct.VillageRecord(random: stream.derived("misconduct"), lookAlikes: stream.derived("look-alikes")))
        world.misconduct.corruptRoles.append(0)
        world.emit(
            LogRecord(
                .village, village: index, other: Int64(town), party: Int64(district), count: Int32(households)),
            &scheduler)
        world.ledger.openAccounts()
        for account in profile.funds.accounts {
            world.ledger[index, account.kind.logged] = Int64(
                random.integer(in: Int(account.opening.lowerBound.fen)...Int(account.opening.upperBound.fen)))
        }
        world.ledger.spendingPerYear.append(
            profile.funds.spending.map {
                (
                    $0.kind,
                    Int64(random.integer(in: Int($0.perYear.lowerBound.fen)...Int($0.perYear.upperBound.fen))),
                    $0.seasonality
                )
            })
        world.ledger.incomePerYear.append(
            profile.funds.incomes.map {
                ($0.kind, Int64(random.integer(in: Int($0.perYear.lowerBound.fen)...Int($0.perYear.upperBound.fen))))
            })
        buildPeople(profile, village: index, district: district, world: &world, random: &random)
        let firstItem = Int32(world.platform.items.count)
        world.platform.registers.append(firstItem..<firstItem)
        buildRegister(profile, village: index, world: &world, random: &random, scheduler: &scheduler)
        world.platform.registers[Int(index)] = firstItem..<Int32(world.platform.items.count)
        scheduler.schedule(.month(village: index, index: 0), at: 0, priority: .late)
        let firstElection =
            scenario.oversight.firstElection.map { Tick(scenario.start.days(until: $0)) }
            ?? Tick(random.integer(in: 0...(365 * scenario.oversight.electionEveryYears - 1)))
        if firstElection >= 0 {
            scheduler.schedule(.election(village: index), at: firstElection)
            scheduler.schedule(
                .campaign(village: index, electionDay: Int32(firstElection)), at: max(0, firstElection - 130))
        }
    }

    private func buildPeople(
        _ profile: VillageProfile, village: Int32, district: Int, world: inout World, random: inout RandomStream
    ) {
        let clans = random.integer(in: profile.people.clans)
        let firstPerson = Int32(world.people.persons.count)
        func person(_ role: Person.Role) -> Int32 {
            world.people.add(
                Person(village: village, role: role, clan: Int32(random.integer(in: 0...(clans - 1)))))
        }
        var offices = Offices()
        offices.secretary = person(.secretary)
        offices.director =
            random.bernoulli(profile.people.concurrentSecretaryDirector) ? offices.secretary : person(.director)
        offices.accountant = person(.accountant)
        offices.cashier = person(.cashier)
        offices.committee = (0..<profile.people.committeeMembers).map { _ in person(.committeeMember) }
        offices.supervisors = (0..<profile.people.supervisors).map { _ in person(.supervisor) }
        world.people.offices.append(offices)
        world.people.challengers.append(-1)
        // Who is willing to act corruptly is ground truth, drawn from a stream of its own.
        var corruption = world.villages[Int(village)].root.derived("corruption")
        for cadre in firstPerson..<Int32(world.people.persons.count) {
            world.people.persons[Int(cadre)].corrupt = corruption.bernoulli(world.misconduct.corruptShare)
        }
        let firstBidder = Int32(world.platform.bidders.count)
        for _ in 0..<random.integer(in: profile.localBidders.individuals) {
            addBidder(
                isFirm: false, person: person(.villager), village: village, district: district,
                founded: 0, capacity: 4, to: &world)
        }
        for _ in 0..<random.integer(in: profile.localBidders.firms) {
            let owner = person(.firmOwner)
            addBidder(
                isFirm: true, person: owner, village: village, district: district,
                founded: -Int32(random.integer(in: 200...(365 * 15))), capacity: random.integer(in: 1...4),
                to: &world)
        }
        let local = firstBidder..<Int32(world.platform.bidders.count)
        world.platform.localBidders.append(local)
        tieFirmsToCadres(local, offices: offices, profile: profile, village: village, world: &world)
        addKinship(
            among: Array(firstPerson..<Int32(world.people.persons.count)), profile: profile, world: &world,
            random: &random)
    }

    /// A share of the village's firms (`cadre-owned-share`) are owned by a relative of a key
    /// cadre: a kinship tie, declared with the profile's registered share. Drawn from a stream
    /// of their own, so other draws stay as they were.
    private func tieFirmsToCadres(
        _ local: Range<Int32>, offices: Offices, profile: VillageProfile, village: Int32, world: inout World
    ) {
        let share = profile.localBidders.cadreOwnedShare
        guard share > 0 else { return }
        var random = world.villages[Int(village)].root.derived("cadre-owned")
        let cadres = offices.keyCadres
        for bidder in local where world.platform.bidders[Int(bidder)].isFirm && random.bernoulli(share) {
            let owner = world.platform.bidders[Int(bidder)].person
            let cadre = cadres[random.integer(in: 0...(cadres.count - 1))]
            world.people.ties.append(
                KinshipTie(
                    a: min(owner, cadre), b: max(owner, cadre),
                    registered: random.bernoulli(profile.people.registeredTieShare)))
        }
    }

    /// Kinship ties within clans: about `ties-per-person` per person, a share registered.
    private func addKinship(
        among members: [Int32], profile: VillageProfile, world: inout World, random: inout RandomStream
    ) {
        guard members.count > 1 else { return }
        let tieCount = Int(Double(members.count) * profile.people.tiesPerPerson / 2)
        var byClan: [Int32: [Int32]] = [:]
        for member in members { byClan[world.people.persons[Int(member)].clan, default: []].append(member) }
        let clans = byClan.keys.sorted().compactMap { byClan[$0] }.filter { $0.count > 1 }
        guard !clans.isEmpty else { return }
        for _ in 0..<tieCount {
            let clan = clans[random.integer(in: 0...(clans.count - 1))]
            let a = clan[random.integer(in: 0...(clan.count - 1))]
            let b = clan[random.integer(in: 0...(clan.count - 1))]
            guard a != b else { continue }
            world.people.ties.append(
                KinshipTie(a: min(a, b), b: max(a, b), registered: random.bernoulli(profile.people.registeredTieShare)))
        }
    }

    private func buildRegister(
        _ profile: VillageProfile, village: Int32, world: inout World, random: inout RandomStream,
        scheduler: inout Scheduler<World.Event>
    ) {
        for register in profile.registers {
            for _ in 0..<random.integer(in: register.count) {
                let size = random.uniform(register.size)
                let quality = random.lognormal(median: 1, sigma: register.rentSpread)
                let annual = max(100, Int64((Double(register.rentMedian.fen) * size * quality).rounded()))
                let item = Int32(world.platform.items.count)
                world.platform.items.append(
                    Item(
                        village: village, annualAppraisal: annual, termYears: register.termYears,
                        disposalPerYear: register.disposalPerYear, kind: register.kind))
                openingLease(item, register: register, world: &world, random: &random, scheduler: &scheduler)
            }
        }
    }

    /// Items under lease when the run starts get a contract that began before day 0; the
    /// others come up for a deal within the first months.
    private func openingLease(
        _ item: Int32, register: RegisterClass, world: inout World, random: inout RandomStream,
        scheduler: inout Scheduler<World.Event>
    ) {
        let village = world.platform.items[Int(item)].village
        guard random.bernoulli(register.leasedShare),
            let tenant = world.platform.chooseBidders(
                for: village, at: world.villages[Int(village)], count: 1, random: &random
            ).first
        else {
            scheduler.schedule(
                .dealNeeded(item: item, relisting: 0, deal: .lease),
                at: Tick(random.integer(in: 1...180)))
            return
        }
        let term = random.integer(in: register.termYears)
        let elapsed = random.integer(in: 0...(term * 365 - 1))
        let annual = Int64(Double(world.platform.items[Int(item)].annualAppraisal) * random.uniform(0.85...1.05))
        world.openContract(
            item: item, village: village, counterparty: tenant, deal: .lease, annual: annual,
            total: annual * Int64(term), termYears: term, startDay: Int32(-elapsed), listing: -2,
            random: world.villages[Int(village)].root.derived("opening", Int(item)), scheduler: &scheduler)
    }

    /// The discipline-inspection bodies' monthly round, on the first of each month.
    private func scheduleDisciplineMonths(_ scheduler: inout Scheduler<World.Event>) {
        let days = scenario.horizon.dayCount(from: scenario.start)
        var month = 1
        while true {
            let day = scenario.start.days(until: scenario.start.adding(months: month))
            guard day < days else { return }
            scheduler.schedule(.disciplineMonth, at: Tick(day), priority: .late)
            month += 1
        }
    }

    /// Schedules each dated part of the scenario on its day (those before the start never happen);
    /// a shard, those of its district and the scenario-wide ones but the surveys of the whole
    /// city, which the split run holds (`SplitRun`).
    private func scheduleDatedParts(_ world: World, _ scheduler: inout Scheduler<World.Event>) {
        func schedule(_ event: World.Event, on date: CalendarDate, _ priority: Priority) {
            let day = scenario.start.days(until: date)
            if day >= 0 { scheduler.schedule(event, at: Tick(day), priority: priority) }
        }
        for (index, intervention) in scenario.interventions.enumerated() {
            schedule(.intervention(index: Int32(index)), on: intervention.date, .early)
        }
        for (index, inspection) in scenario.rectification.inspections.enumerated()
        where scenario.geography.district(inspection.districtID) != nil {
            schedule(.inspection(index: Int32(index)), on: inspection.date, .early)
        }
        for (index, survey) in scenario.surveys.surveys.enumerated()
        where survey.districtID.map({ scenario.geography.district($0) != nil }) ?? (world.place.district == nil) {
            schedule(.survey(index: Int32(index)), on: survey.date, .late)
        }
    }

    @discardableResult
    private func addBidder(
        isFirm: Bool, person: Int32, village: Int32, district: Int, founded: Int32, capacity: Int, to world: inout World
    ) -> Int32 {
        let index = Int32(world.platform.bidders.count)
        world.platform.bidders.append(
            Bidder(
                district: Int32(district), capacity: Int32(capacity), person: person, village: village,
                foundedDay: founded, isFirm: isFirm))
        return index
    }
}
