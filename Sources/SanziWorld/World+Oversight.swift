import SanziEngine
import SanziEvents
import SanziScenario

/// The monthly round of a village, openness and oversight, elections and interventions.
extension World {
    /// Once a month: spending and income, disposals and works, publicity, reviews, audits and
    /// petitions; then the next month is scheduled.
    mutating func month(_ village: Int32, index: Int32, _ scheduler: inout Scheduler<Event>) {
        let date = scenario.start.adding(months: Int(index))
        let calendarMonth = date.month
        let root = villages[Int(village)].root
        villages[Int(village)].platform = root.derived("platform", Int(index))
        villages[Int(village)].ledger = root.derived("ledger", Int(index))
        villages[Int(village)].oversight = root.derived("oversight", Int(index))
        collectIncome(village, calendarMonth: calendarMonth, &scheduler)
        spend(village, calendarMonth: calendarMonth, &scheduler)
        compensationMayArrive(village, &scheduler)
        if index % 12 == 0 {
            plan(village, &scheduler)
            mayLend(village, &scheduler)
        }
        if index % 6 == 0 { commissionWorks(village, index: index, &scheduler) }
        oversee(village, index: Int(index), &scheduler)
        let next = Tick(scenario.start.days(until: scenario.start.adding(months: Int(index) + 1)))
        scheduler.schedule(.month(village: village, index: index + 1), at: next, priority: .late)
    }

    /// Once a year: idle assets the collective decides to sell.
    private mutating func plan(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        var random = villages[Int(village)].platform
        defer { villages[Int(village)].platform = random }
        for item in villages[Int(village)].items {
            let value = items[Int(item)]
            guard value.disposalPerYear > 0, !value.sold, value.contract < 0, random.bernoulli(value.disposalPerYear)
            else {
                continue
            }
            scheduler.schedule(
                .dealNeeded(item: item, deal: .sale, relisting: 0, incumbent: -1),
                after: Tick(random.integer(in: 1...200)))
        }
    }

    /// Twice a year, works worth part of the half-year works budget, when the bank can pay.
    private mutating func commissionWorks(_ village: Int32, index: Int32, _ scheduler: inout Scheduler<Event>) {
        guard let works = villages[Int(village)].spendingPerYear.first(where: { $0.kind == .works }) else { return }
        var random = villages[Int(village)].root.derived("works", Int(index))
        let cost = Int64(Double(works.amount) / 2 * random.uniform(0.6...1.0))
        guard cost > 0, villages[Int(village)].balances[VillageState.basic] >= cost else { return }
        startWorks(village: village, cost: cost, works: index, random: random, &scheduler)
    }

    private mutating func oversee(_ village: Int32, index: Int, _ scheduler: inout Scheduler<Event>) {
        var random = villages[Int(village)].oversight
        defer { villages[Int(village)].oversight = random }
        let publicity = policy(of: village).publicity
        villages[Int(village)].monthsSincePublicity += 1
        if let months = publicity.months, villages[Int(village)].monthsSincePublicity >= months {
            emit(
                LogRecord(
                    .publicity, village: village, code: publicity.code,
                    count: Int32(villages[Int(village)].entriesSincePublicity)),
                case: villages[Int(village)].caseSincePublicity, &scheduler)
            villages[Int(village)].entriesSincePublicity = 0
            villages[Int(village)].caseSincePublicity = -1
            villages[Int(village)].monthsSincePublicity = 0
        }
        if let months = scenario.oversight.supervisionReviews.months, (index + 1) % months == 0 {
            emit(LogRecord(.review, village: village, count: Int32(random.poisson(mean: 0.3))), &scheduler)
        }
        let auditCycle = 12 * scenario.oversight.auditEveryYears
        if index % auditCycle == Int(village) % auditCycle {
            let findings = Int32(random.poisson(mean: 0.8))
            let found = audit(village, on: scheduler.now)
            emit(
                LogRecord(.audit, village: village, count: findings + Int32(found.count)), case: found.first ?? -1,
                &scheduler)
        }
        petitions(village, publicity: publicity, random: &random, &scheduler)
    }

    /// Households petition about grievances; fewer when village affairs are open.
    private mutating func petitions(
        _ village: Int32, publicity: Frequency, random: inout RandomStream, _ scheduler: inout Scheduler<Event>
    ) {
        let openness: Double
        switch publicity {
        case .monthly: openness = 0.6
        case .quarterly: openness = 0.8
        case .yearly: openness = 1.0
        case .never: openness = 1.4
        }
        let state = villages[Int(village)]
        let base = Double(state.households) * scenario.oversight.petitionPropensity * 0.004
        let mean = (base + Double(state.grievances) * 0.15) * openness
        let households = random.poisson(mean: mean)
        villages[Int(village)].grievances /= 2
        guard households > 0 else { return }
        let topic: UInt8 = state.grievances > 0 && random.bernoulli(0.6) ? 1 : random.bernoulli(0.5) ? 2 : 3
        emit(LogRecord(.petition, village: village, code: topic, count: Int32(households)), &scheduler)
    }

    /// Committee elections: each key cadre is replaced with a chance of 30%.
    mutating func election(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        var random = villages[Int(village)].root.derived("election", Int(scheduler.now))
        var turnover: Int32 = 0
        var newHolders: [(Int32, UInt8)] = []
        var corruption = villages[Int(village)].misconduct
        func replace(_ person: inout Int32, role: Person.Role) {
            guard random.bernoulli(0.3) else { return }
            let clan = people[Int(person)].clan
            people.append(
                Person(village: village, role: role, clan: clan, corrupt: corruption.bernoulli(conduct.corruptShare)))
            relatives.append([])
            person = Int32(people.count - 1)
            newHolders.append((person, role.rawValue))
            turnover += 1
        }
        replace(&villages[Int(village)].director, role: .director)
        replace(&villages[Int(village)].secretary, role: .secretary)
        replace(&villages[Int(village)].accountant, role: .accountant)
        replace(&villages[Int(village)].cashier, role: .cashier)
        emit(
            LogRecord(.election, village: village, party: Int64(villages[Int(village)].director), count: turnover),
            &scheduler)
        villages[Int(village)].misconduct = corruption
        noteCorruptRoles(village)
        for (person, role) in newHolders {
            emit(LogRecord(.office, village: village, code: role, subject: Int64(person)), &scheduler)
        }
        let next = scheduler.now + 365 * Tick(scenario.oversight.electionEveryYears)
        scheduler.schedule(.election(village: village), at: next)
        scheduler.schedule(.campaign(village: village, electionDay: Int32(next)), at: max(scheduler.now, next - 130))
    }

    /// Applies a scenario intervention to its district, or to all, and logs each change.
    mutating func intervene(_ index: Int, _ scheduler: inout Scheduler<Event>) {
        let intervention = scenario.interventions[index]
        let districts = scenario.geography.districts.indices.filter {
            intervention.districtID == nil || scenario.geography.districts[$0].id == intervention.districtID
        }
        for change in intervention.changes {
            let (code, value): (UInt8, Int64)
            switch change {
            case .listingThreshold(let money):
                (code, value) = (0, money.fen)
                for district in districts { policies[district].listingThreshold = money.fen }
            case .announcementDays(let days):
                (code, value) = (1, Int64(days))
                for district in districts { policies[district].announcementDays = days }
            case .publicity(let frequency):
                (code, value) = (2, Int64(frequency.code))
                for district in districts { policies[district].publicity = frequency }
            case .cashCap(let money):
                (code, value) = (3, money.fen)
                for district in districts { policies[district].cashCap = money.fen }
            case .warningSystem(let enabled):
                (code, value) = (4, enabled ? 1 : 0)
                for district in districts { policies[district].warningSystem = enabled }
            case .scaleMisconduct(let typology, let factor):
                (code, value) = (5, Int64((factor * 1000).rounded()))
                let scaled = typology.map { [$0.index] } ?? Array(Typology.allCases.indices)
                for district in districts {
                    for index in scaled { policies[district].misconductScale[index] *= factor }
                }
            }
            emit(LogRecord(.intervention, village: -1, code: code, amount: value, count: Int32(index)), &scheduler)
        }
    }
}

extension Frequency {
    /// The index of the frequency in the log's names.
    var code: UInt8 {
        switch self {
        case .monthly: return 0
        case .quarterly: return 1
        case .yearly: return 2
        case .never: return 3
        }
    }
}

/// Declarations: who holds office, and the kinship ties people have registered.
extension World {
    /// On day 0: every office holder and every registered tie (hidden ties stay ground truth).
    mutating func declare(_ scheduler: inout Scheduler<Event>) {
        for index in villages.indices {
            let village = villages[index]
            let holders: [(Int32, UInt8)] =
                [(village.secretary, 0), (village.director, 1), (village.accountant, 2), (village.cashier, 3)]
                + village.committee.map { ($0, 4) } + village.supervisors.map { ($0, 5) }
            for (person, role) in holders where role != 1 || person != village.secretary {
                emit(LogRecord(.office, village: Int32(index), code: role, subject: Int64(person)), &scheduler)
            }
        }
        for tie in ties where tie.registered {
            let village = people[Int(tie.a)].village
            guard village >= 0 else { continue }
            emit(LogRecord(.relation, village: village, subject: Int64(tie.a), party: Int64(tie.b)), &scheduler)
        }
    }
}
