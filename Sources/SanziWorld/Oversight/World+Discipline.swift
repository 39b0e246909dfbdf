import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Leads, investigations and sanctions: how the world's discipline-inspection bodies take up
/// what alerts, petitions, audits and reviews point at, with the investigators they have.
extension World {
    typealias Lead = Discipline.Lead

    // MARK: Leads

    /// Warnings of the early-warning system: those at least as grave as the scenario's
    /// `forward`, of the rules it forwards, from a village whose district runs the warning
    /// system, are checked by the platform, and those it confirms become leads
    /// `lead-delay-days` after they were raised.
    mutating func receive(_ warnings: [Warning], _ scheduler: inout Scheduler<Event>) {
        for warning in warnings
        where discipline.rules.forwards(warning) && warning.village >= 0 && Int(warning.village) < villages.count
            && policy(of: warning.village).warningSystem
        {
            guard let seen = confirm(warning) else { continue }
            var lead = Lead(
                id: 0, source: .alert, village: warning.village, subject: warning.subject,
                severity: warning.severity, value: value(of: warning.subject), arrival: 0,
                alert: Int64(warning.alert))
            lead.seenCase = seen
            let day = max(scheduler.now, Tick(warning.day) + Tick(discipline.rules.leadDelayDays))
            scheduler.schedule(.leadArrives(pending: discipline.leads.insert(lead)), at: day, priority: .early)
        }
    }

    /// The platform's check of a warning: nil when it clears it, else the case whose traces it
    /// found (-1 for a warning confirmed on honest dealings). Its draw depends on what the
    /// warning says, not on its number among all alerts, so settings that change only other
    /// alerts leave the world as it was.
    @inline(__always)
    private func confirm(_ warning: Warning) -> Int32? {
        let rules = discipline.rules
        var random = root.derived([
            "confirmation", warning.rule, warning.subject.description, String(warning.day), String(warning.village),
        ])
        let village = Int(warning.village)
        let found = misconduct.villages[village].openCases.first { index in
            let traces = misconduct.cases[Int(index)].traces
            return warning.subject == .village ? traces.contains(.village) : traces.contains(warning.subject)
        }
        if let found {
            let concealment = misconduct.concealment(ofCase: found)
            return random.bernoulli(rules.confirmTrue * (1 - concealment / 2)) ? found : nil
        }
        return random.bernoulli(rules.confirmFalse) ? -1 : nil
    }

    /// Whether any district runs the warning system now (else no alert can become a lead).
    var warningSystemRuns: Bool { policies.contains { $0.warningSystem } }

    /// A lead raised in the world (a petition, an audit or review finding, an echo, a referral).
    mutating func raiseLead(
        _ source: LogRecord.LeadSource, village: Int32, subject: AlertSubject = .village, person: Int32 = -1,
        severity: Severity, value: Int64 = 0, seenCase: Int32 = -1, level: Discipline.Level? = nil,
        _ scheduler: inout Scheduler<Event>
    ) {
        var lead = Lead(
            id: 0, source: source, village: village, subject: subject, person: person, level: level,
            severity: severity, value: value, arrival: 0)
        lead.seenCase = seenCase
        takeUp(discipline.leads.insert(lead), &scheduler)
    }

    /// A lead reaches its body, or, for the city commission while news waits for the window,
    /// waits for the next window's start (`newsWindowBegins`).
    mutating func takeUp(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        if discipline.cityNews != nil, waitsForTheWindow(slot) { return }
        admit(slot, &scheduler)
    }

    /// Keeps a lead for the city commission until the next news window; false for another
    /// body's. (Not inlined: with the routing inlined into `takeUp`, `handle` no longer fitted
    /// in the event loop.)
    @inline(never)
    private mutating func waitsForTheWindow(_ slot: Int32) -> Bool {
        let lead = discipline.leads[slot]
        guard discipline.body(for: lead, villages: villages, officials: people.officials) == discipline.cityBody
        else { return false }
        discipline.cityNews?.leads.append(slot)
        return true
    }

    /// A lead reaches its body: it joins an open lead on the same matter, or waits for an
    /// investigator; either way it is logged.
    mutating func admit(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        var lead = discipline.leads[slot]
        lead.id = discipline.nextLead
        discipline.nextLead += 1
        lead.arrival = Int32(scheduler.now)
        lead.body = discipline.body(for: lead, villages: villages, officials: people.officials)
        let body = Int(lead.body)
        func isSameMatter(_ other: Int32) -> Bool {
            let open = discipline.leads[other]
            return open.village == lead.village && open.subject == lead.subject && open.person == lead.person
        }
        let sameMatter =
            discipline.bodies[body].queue.first(where: isSameMatter)
            ?? discipline.bodies[body].open.first(where: isSameMatter)
        let (about, aboutID) = lead.person >= 0 ? (.person, Int64(lead.person)) : lead.subject.about
        emit(
            LogRecord(
                .lead, village: lead.village, code: lead.source.rawValue, subject: lead.id, other: aboutID,
                party: lead.alert, amount: sameMatter.map { discipline.leads[$0].id } ?? -1,
                count: Int32(Severity.allCases.firstIndex(of: lead.severity) ?? 0),
                count2: Int32(about.rawValue)), &scheduler)
        if let sameMatter {
            discipline.leads[sameMatter].evidence += 1
            if Lead.strength(of: lead.source) == 2 { discipline.leads[sameMatter].joinedByFinding = true }
            discipline.leads[sameMatter].severity = max(discipline.leads[sameMatter].severity, lead.severity)
            if discipline.leads[sameMatter].seenCase < 0 { discipline.leads[sameMatter].seenCase = lead.seenCase }
            discipline.leads.remove(slot)
            return
        }
        discipline.leads[slot] = lead
        discipline.bodies[body].queue.append(slot)
        openInvestigations(at: lead.body, &scheduler)
    }

    /// The value of the deal a subject names (its total, fen), or 0.
    @inline(__always)
    func value(of subject: AlertSubject) -> Int64 {
        switch subject {
        case .listing(let id): platform.value(ofListing: id) ?? 0
        case .contract(let id): platform.value(ofContract: id) ?? 0
        case .bidder, .village: 0
        }
    }

    /// The first of a month: every body shelves its stale leads and opens what it can.
    mutating func disciplineMonth(_ scheduler: inout Scheduler<Event>) {
        for body in discipline.bodies.indices { openInvestigations(at: Int32(body), &scheduler) }
    }

    // MARK: Investigations

    /// Opens investigations at a body while investigators are free and leads wait; the city
    /// commission, while news waits for the window, only at each window's start
    /// (`newsWindowBegins`): an investigator freed in one district takes up another's lead then.
    mutating func openInvestigations(at body: Int32, _ scheduler: inout Scheduler<Event>) {
        guard body != discipline.cityBody || discipline.cityNews == nil else { return }
        assignInvestigators(at: body, &scheduler)
    }

    /// Opens investigations at a body while investigators are free and leads wait: the next
    /// by its triage, after shelving those that waited too long.
    mutating func assignInvestigators(at body: Int32, _ scheduler: inout Scheduler<Event>) {
        let b = Int(body)
        dropStaleLeads(at: body, &scheduler)
        let month = scenario.start.months(until: scenario.start.adding(days: Int(scheduler.now)))
        if discipline.bodies[b].month != month {
            discipline.bodies[b].month = month
            discipline.bodies[b].openedThisMonth = 0
        }
        while discipline.bodies[b].free > 0, let index = discipline.leadToTakeUp(at: body) {
            let slot = discipline.bodies[b].queue.remove(at: index)
            discipline.bodies[b].free -= 1
            discipline.bodies[b].openedThisMonth += 1
            discipline.bodies[b].open.append(slot)
            open(lead: slot, at: body, &scheduler)
        }
    }

    /// Shelves (暂存待查) the leads that waited longer than the scenario allows.
    mutating func dropStaleLeads(at body: Int32, _ scheduler: inout Scheduler<Event>) {
        let limit = Int32(discipline.rules.maxWaitDays)
        let today = Int32(scheduler.now)
        let level = discipline.bodies[Int(body)].level.logged
        let area = Int64(discipline.bodies[Int(body)].area)
        // The queue is in order of arrival, so the stale leads are its first ones: a body
        // looks at those alone, not at its whole queue whenever a lead arrives.
        let count = discipline.bodies[Int(body)].queue.prefix { today - discipline.leads[$0].arrival > limit }.count
        guard count > 0 else { return }
        let stale = Array(discipline.bodies[Int(body)].queue.prefix(count))
        discipline.bodies[Int(body)].queue.removeFirst(count)
        for slot in stale {
            let lead = discipline.leads[slot]
            emit(
                LogRecord(
                    .leadDropped, village: lead.village, code: level.rawValue, subject: lead.id, party: area,
                    count: today - lead.arrival), &scheduler)
            discipline.leads.remove(slot)
        }
    }

    /// Starts looking into a lead: a talk or written inquiry for a lead that only points, a
    /// preliminary check for one that brings evidence, a joint task force at a district or
    /// city body for a deal worth the task-force value.
    mutating func open(lead slot: Int32, at body: Int32, queued: Int? = nil, _ scheduler: inout Scheduler<Event>) {
        let rules = discipline.rules
        let lead = discipline.leads[slot]
        var kind: LogRecord.InvestigationKind = lead.bringsEvidence ? .preliminaryCheck : .inquiry
        if discipline.bodies[Int(body)].level != .township, lead.value >= rules.taskForceValue.fen { kind = .taskForce }
        var investigation = Discipline.Investigation(
            id: discipline.nextInvestigation, lead: slot, body: body, kind: kind, opened: Int32(scheduler.now),
            random: root.derived("investigation", Int(discipline.nextInvestigation)))
        discipline.nextInvestigation += 1
        let effort =
            kind == .inquiry
            ? investigation.random.integer(in: rules.inquiryDays)
            : investigation.random.integer(in: rules.checkDays)
        investigation.investigatorDays =
            kind == .taskForce ? Int((Double(effort) * rules.taskForceEffort).rounded(.up)) : effort
        let days = discipline.calendarDays(investigation.investigatorDays, body: body)
        let place = discipline.bodies[Int(body)]
        emit(
            LogRecord(
                .investigationOpened, village: lead.village, code: place.level.logged.rawValue,
                subject: investigation.id, other: lead.id, party: Int64(place.area), count: Int32(kind.rawValue),
                count2: Int32(queued ?? place.queue.count)), &scheduler)
        let investigationSlot = discipline.investigations.insert(investigation)
        scheduler.schedule(.checkEnds(investigation: investigationSlot), after: Tick(max(days, 1)))
    }

    /// The check is done: the cases it proves go on to examination (立案审查); without any, the
    /// lead is closed as unsubstantiated (予以了结).
    mutating func checkEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        var investigation = discipline.investigations[slot]
        let lead = discipline.leads[investigation.lead]
        let proof: Double
        switch investigation.kind {
        case .inquiry: proof = discipline.rules.inquiryProof
        case .preliminaryCheck: proof = discipline.rules.checkProof
        case .taskForce: proof = discipline.rules.taskForceProof
        }
        let candidates =
            lead.person >= 0
            ? (lead.seenCase >= 0 ? [lead.seenCase] : []) : misconduct.villages[Int(lead.village)].openCases
        for index in candidates {
            let strength = self.strength(of: lead, on: index)
            guard strength > 0 else { continue }
            let concealment = misconduct.concealment(ofCase: index)
            var chance = proof * strength * (1 - 0.7 * concealment)
            if isCaptured(investigation.body, case: index) { chance *= 0.2 }
            chance = 1 - pow(1 - min(1, chance), Double(lead.evidence))
            if investigation.random.bernoulli(chance) { investigation.proven.append(index) }
        }
        guard !investigation.proven.isEmpty else {
            discipline.investigations[slot] = investigation
            return close(slot, people: 0, amount: 0, &scheduler)
        }
        if lead.person < 0 {
            misconduct.villages[Int(lead.village)].openCases.removeAll { investigation.proven.contains($0) }
        }
        var effort = investigation.random.integer(in: discipline.rules.caseDays)
        if investigation.kind == .taskForce {
            effort = Int((Double(effort) * discipline.rules.taskForceEffort).rounded(.up))
        }
        investigation.investigatorDays += effort
        discipline.investigations[slot] = investigation
        let days = discipline.calendarDays(effort, body: investigation.body)
        scheduler.schedule(.examinationEnds(investigation: slot), after: Tick(max(days, 1)))
    }

    /// How squarely a lead points at a case: the case an audit or review saw, or one whose
    /// traces include the deal or bidder the lead names, fully; a village-wide lead points at
    /// cases that left village-wide traces (spending, payments) more than at deals; a lead
    /// about another deal of the village hardly at all.
    private func strength(of lead: Lead, on index: Int32) -> Double {
        let record = misconduct.cases[Int(index)]
        if lead.seenCase == index { return 1 }
        if lead.person >= 0 { return 0 }
        if lead.subject == .village { return record.traces.contains(.village) ? 0.6 : 0.25 }
        return record.traces.contains(lead.subject) ? 1 : 0.1
    }

    /// Whether a township office looks into a case its own town's official protects.
    @inline(__always)
    private func isCaptured(_ body: Int32, case index: Int32) -> Bool {
        let protector = misconduct.cases[Int(index)].protector
        guard protector >= 0, let official = people.officials[protector],
            discipline.bodies[Int(body)].level == .township
        else { return false }
        return official.rank == .township && official.area == discipline.bodies[Int(body)].area
    }

    /// The examination is done: sanctions, recovery, blacklisting, voided contracts, the
    /// protectors referred up, and publication.
    mutating func examinationEnds(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        let investigation = discipline.investigations[slot]
        let lead = discipline.leads[investigation.lead]
        var involved: [(person: Int32, amount: Int64, charge: LogRecord.Charge)] = []
        var total: Int64 = 0
        var random = investigation.random.derived("examination")
        for index in investigation.proven {
            let record = misconduct.cases[Int(index)]
            let loss = max(0, record.expected - record.booked)
            total += loss
            misconduct.cases[Int(index)].discoveredDay = Int32(scheduler.now)
            misconduct.learned[villages[Int(record.village)].district][record.typology.index] = true
            let found = record.kickback > 0 && random.bernoulli(bribeProof(investigation.kind))
            let (amount, charge) = found ? (loss + record.kickback, .bribery) : (loss, record.typology.charge)
            let accountable = lead.person >= 0 ? [lead.person] : uncovered(record, by: investigation.kind, &random)
            for person in accountable {
                if let position = involved.firstIndex(where: { $0.person == person }) {
                    involved[position].amount += amount
                    if charge == .bribery { involved[position].charge = .bribery }
                } else {
                    involved.append((person, amount, charge))
                }
            }
        }
        for (person, amount, charge) in involved {
            impose(on: person, amount: amount, charge: charge, investigation: investigation.id, &scheduler)
        }
        for index in investigation.proven {
            recover(index, investigation: investigation, &scheduler)
            undo(index, investigation: investigation.id, &scheduler)
            answerGrievances(about: index, &scheduler)
        }
        publish(investigation, people: involved.count, amount: total, &scheduler)
        close(slot, people: involved.count, amount: total, &scheduler)
    }

    /// The members of a proven case the investigation can sanction: the first accountable one,
    /// whose act left the traces, and each other with the chance its kind uncovers accomplices.
    @inline(__always)
    private func uncovered(
        _ record: CaseRecord, by kind: LogRecord.InvestigationKind, _ random: inout RandomStream
    ) -> [Int32] {
        let rules = discipline.rules
        let chance = kind == .taskForce ? rules.taskForceAccompliceProof : rules.accompliceProof
        let members = record.perpetrators.filter { isAccountable($0) }
        return members.enumerated().filter { index, _ in index == 0 || random.bernoulli(chance) }.map(\.element)
    }

    /// The chance an investigation of a kind finds the kickback behind a case it proves.
    private func bribeProof(_ kind: LogRecord.InvestigationKind) -> Double {
        kind == .taskForce ? discipline.rules.taskForceBribeProof : discipline.rules.bribeProof
    }

    /// Whether a person answers to discipline inspection: a village cadre or an official (a
    /// ring firm's owner answers to the courts, and his firm is blacklisted instead).
    private func isAccountable(_ person: Int32) -> Bool {
        people.persons[Int(person)].role != .villager && people.persons[Int(person)].role != .firmOwner
    }

    /// Logs the end of an investigation, frees its investigator and takes up the next lead.
    private mutating func close(_ slot: Int32, people count: Int, amount: Int64, _ scheduler: inout Scheduler<Event>) {
        let investigation = discipline.investigations[slot]
        let lead = discipline.leads[investigation.lead]
        let outcome: LogRecord.Outcome = investigation.proven.isEmpty ? .unsubstantiated : .substantiated
        emit(
            LogRecord(
                .investigationClosed, village: lead.village, code: outcome.rawValue, subject: investigation.id,
                amount: amount, count: Int32(investigation.investigatorDays), count2: Int32(count)), &scheduler)
        let body = Int(investigation.body)
        discipline.bodies[body].free += 1
        discipline.bodies[body].open.removeAll { $0 == investigation.lead }
        discipline.leads.remove(investigation.lead)
        discipline.investigations.remove(slot)
        openInvestigations(at: investigation.body, &scheduler)
    }

    // MARK: Consequences

    /// The sanction the money involved calls for, transfer to prosecution above the charge's
    /// threshold (embezzlement for compensation handled for the government, the threshold of
    /// occupational embezzlement otherwise: bribe-taking by a non-state functionary has the same).
    func sanctionKind(for amount: Int64, charge: LogRecord.Charge) -> LogRecord.SanctionKind {
        let sanctions = discipline.rules.sanctions
        let prosecution =
            charge == .embezzlement ? sanctions.embezzlementProsecution : sanctions.occupationalProsecution
        // A breach of discipline is no crime: party and administrative sanctions only.
        if amount >= prosecution.fen, charge != .discipline { return .prosecution }
        if amount >= sanctions.expulsion.fen { return .expulsion }
        if amount >= sanctions.probation.fen { return .probation }
        if amount >= sanctions.removal.fen { return .removalFromPost }
        if amount >= sanctions.seriousWarning.fen { return .seriousWarning }
        return .warning
    }

    /// Sanctions a person; from removal from post on, he loses every office he holds.
    private mutating func impose(
        on person: Int32, amount: Int64, charge: LogRecord.Charge, investigation: Int64,
        _ scheduler: inout Scheduler<Event>
    ) {
        let kind = sanctionKind(for: amount, charge: charge)
        let village = people.persons[Int(person)].village
        let rank = people.officials[person]?.rank ?? .village
        emit(
            LogRecord(
                .sanction, village: village, code: kind.rawValue, subject: Int64(person), other: investigation,
                amount: amount, count: Int32(rank.rawValue), count2: Int32(charge.rawValue)), &scheduler)
        if village >= 0 {
            discipline.seenInVillage[Int(village)].add(
                1, on: Int32(scheduler.now), memory: Double(discipline.deterrence.memoryDays))
        }
        guard kind.removes else { return }
        if village >= 0 {
            removeFromOffices(person, in: village, investigation: investigation, &scheduler)
        } else if people.officials[person] != nil {
            replaceOfficial(person, investigation: investigation, &scheduler)
        }
    }

    /// Books back a share of a proven case's loss into the village's basic account.
    private mutating func recover(
        _ index: Int32, investigation: Discipline.Investigation, _ scheduler: inout Scheduler<Event>
    ) {
        let record = misconduct.cases[Int(index)]
        var random = investigation.random.derived("recovery", Int(index))
        let amount = Int64(
            Double(max(0, record.expected - record.booked)) * random.uniform(discipline.rules.sanctions.recovery))
        guard amount > 0 else { return }
        ledger[record.village, .basic] += amount
        misconduct.cases[Int(index)].recovered += amount
        emit(
            LogRecord(
                .recovery, village: record.village, subject: investigation.id, amount: amount,
                count: Int32(LogRecord.Account.basic.rawValue)), &scheduler)
    }

    /// Undoes what a proven case set up: its firms are barred from the platform (a ring loses
    /// its members), its running contracts are voided and their items listed again, and its
    /// protector is referred to the body that manages him.
    private mutating func undo(_ index: Int32, investigation: Int64, _ scheduler: inout Scheduler<Event>) {
        let record = misconduct.cases[Int(index)]
        var barred = record.beneficiary >= 0 ? [record.beneficiary] : []
        if record.typology == .bidRotation {
            barred += misconduct.rings.flatMap(\.members).filter {
                record.perpetrators.contains(platform.bidders[Int($0)].person)
            }
        }
        for bidder in barred where platform.bidders[Int(bidder)].isFirm && !platform.isBarredOrWaiting(bidder) {
            if platform.bar(bidder) { misconduct.dropFromRings(bidder) }
            emit(
                LogRecord(.blacklist, village: record.village, other: investigation, party: bidderID(bidder)),
                &scheduler)
        }
        for slot in platform.activeContracts(ofCase: index, traces: record.traces) {
            let contract = platform.contracts[slot]
            closeContract(slot, reason: .voided, &scheduler)
            if contract.item >= 0, contract.deal == DealKind.lease {
                scheduler.schedule(
                    .dealNeeded(item: contract.item, relisting: 0, deal: .lease), after: 30)
            }
        }
        if record.protector >= 0 {
            var random = root.derived("protector", Int(index))
            if random.bernoulli(0.6) {
                raiseLead(
                    .referral, village: record.village, person: record.protector, severity: .red,
                    value: max(0, record.expected - record.booked), seenCase: index, &scheduler)
            }
        }
    }

    /// Publishes a proven investigation on the exposure board (曝光台) with the scenario's
    /// chance: cadres of its town, district and city see it, and villagers of its town who
    /// see their own cadres in it report them (回音壁).
    private mutating func publish(
        _ investigation: Discipline.Investigation, people count: Int, amount: Int64,
        _ scheduler: inout Scheduler<Event>
    ) {
        var random = investigation.random.derived("exposure")
        guard count > 0, random.bernoulli(discipline.rules.sanctions.exposure) else { return }
        let lead = discipline.leads[investigation.lead]
        emit(
            LogRecord(.exposure, village: lead.village, subject: investigation.id, amount: amount, count: Int32(count)),
            &scheduler)
        let memory = Double(discipline.deterrence.memoryDays)
        let today = Int32(scheduler.now)
        let place = villages[Int(lead.village)]
        discipline.publishedInTown[place.town].add(Double(count), on: today, memory: memory)
        discipline.publishedInDistrict[place.district].add(Double(count), on: today, memory: memory)
        discipline.publishedInCity.add(Double(count), on: today, memory: memory)
        if isShard { discipline.publishedSinceWindow.append(Publication(day: today, count: Double(count))) }
        for village in villagesOfTown[place.town] where village != lead.village {
            guard !misconduct.villages[Int(village)].openCases.isEmpty,
                random.bernoulli(0.1 * openness(of: village))
            else { continue }
            raiseLead(.echoWall, village: village, severity: .yellow, &scheduler)
        }
    }

    // MARK: Deterrence

    /// How open a village's affairs are, by its district's publicity: monthly 1, quarterly 0.7,
    /// yearly 0.4, never 0.15.
    @inline(__always)
    func openness(of village: Int32) -> Double {
        switch policy(of: village).publicity {
        case .monthly: 1
        case .quarterly: 0.7
        case .yearly: 0.4
        case .never: 0.15
        }
    }

    /// The risk of being sanctioned that a village's cadres perceive today, from 0 to 1.
    @inline(__always)
    func perceivedRisk(in village: Int32, on day: Tick) -> Double {
        let rules = discipline.deterrence
        let memory = Double(rules.memoryDays)
        let today = Int32(day)
        let place = villages[Int(village)]
        let local = discipline.seenInVillage[Int(village)].weight(on: today, memory: memory)
        let published =
            rules.townWeight * discipline.publishedInTown[place.town].weight(on: today, memory: memory)
            + rules.districtWeight * discipline.publishedInDistrict[place.district].weight(on: today, memory: memory)
            + rules.cityWeight * discipline.cityAsSeen.weight(on: today, memory: memory)
        let seen = local + openness(of: village) * published
        return seen > 0 ? 1 - exp(-rules.sensitivity * seen) : 0
    }

    /// Whether corrupt cadres go ahead with an act whose gain is `stake` (fen): when the gain
    /// is at least the perceived risk times the penalty as the boldest of them fears it.
    @inline(__always)
    func dares(_ offenders: [Int32], stake: Int64, in village: Int32, on day: Tick) -> Bool {
        let risk = perceivedRisk(in: village, on: day)
        guard risk > 0 else { return true }
        // A loop, not `map`: a closure calling a method of the world captured a copy of it.
        var fear = offenders.isEmpty ? 1 : Double.infinity
        for person in offenders { fear = min(fear, aversion(of: person)) }
        return Double(stake) >= risk * Double(discipline.deterrence.penalty.fen) * fear
    }

    /// How much a person fears the penalty, around 1 (drawn from a stream keyed by the person).
    @inline(__always)
    func aversion(of person: Int32) -> Double {
        let spread = discipline.deterrence.aversionSpread
        guard spread > 0 else { return 1 }
        var random = root.derived("aversion", Int(person))
        return random.lognormal(median: 1, sigma: spread)
    }
}
