import SanziEngine
import SanziEvents
import SanziScenario

/// Petitions (信访): villagers learn of the losses misconduct causes and press them, one level
/// higher each time, until an investigation proves the case or they give up; they also file
/// one-off petitions about honest frictions, land, elections and what they suspect.
extension World {
    /// A village's petitions of the month, after its publicity posting if it had one.
    mutating func petitions(
        _ village: Int32, month: Int, posted: Bool, publicity: Frequency, _ scheduler: inout Scheduler<Event>
    ) {
        learnOfLosses(village, month: month, posted: posted)
        pressGrievances(village, month: month, &scheduler)
        oneOffPetitions(village, publicity: publicity, &scheduler)
    }

    /// Villagers know of a case from now on and press it from their next monthly round.
    mutating func aggrieve(about index: Int32, from month: Int = 0) {
        guard !misconduct.cases[Int(index)].known else { return }
        misconduct.cases[Int(index)].known = true
        let record = misconduct.cases[Int(index)]
        let deal = record.traces.first { trace in
            switch trace {
            case .listing, .contract: true
            case .bidder, .village: false
            }
        }
        oversight.villages[Int(record.village)].grievances.append(
            Grievance(
                id: oversight.nextGrievance, caseIndex: index, topic: record.typology.petitionTopic,
                subject: deal ?? .village, nextMonth: month, random: root.derived("grievance", Int(index))))
        oversight.nextGrievance += 1
    }

    /// An investigation proved a case: villagers know of it, and their grievance is answered.
    mutating func answerGrievances(about index: Int32, _ scheduler: inout Scheduler<Event>) {
        misconduct.cases[Int(index)].known = true
        let village = misconduct.cases[Int(index)].village
        answer(village, by: .investigation, scheduler: &scheduler) { $0.caseIndex == index }
    }

    /// Answers the grievances of a village that `which` picks: each answer is logged and, with
    /// the village's openness, posted on the echo wall (回音壁), where villagers see it and its
    /// cadres see complaints followed up.
    mutating func answer(
        _ village: Int32, by what: LogRecord.AnsweredBy, scheduler: inout Scheduler<Event>,
        which: (Grievance) -> Bool = { _ in true }
    ) {
        let v = Int(village)
        let answered = oversight.villages[v].grievances.filter(which)
        guard !answered.isEmpty else { return }
        oversight.villages[v].grievances.removeAll(where: which)
        let today = Int32(scheduler.now)
        let memory = Double(discipline.deterrence.memoryDays)
        for grievance in answered {
            var random = root.derived("answer", Int(grievance.id))
            let published = random.bernoulli(openness(of: village))
            emit(
                LogRecord(
                    .petitionAnswered, village: village, code: what.rawValue, subject: grievance.id,
                    count: Int32(grievance.petitions), count2: published ? 1 : 0), case: grievance.caseIndex,
                &scheduler)
            guard published else { continue }
            oversight.villages[v].answers.add(1, on: today, memory: memory)
            discipline.seenInVillage[v].add(discipline.deterrence.answerWeight, on: today, memory: memory)
        }
    }

    /// Each loss villagers do not know of yet may show: in the first posting after it (one
    /// chance: a posting shows what happened since the last), or by word of mouth in any
    /// month; concealment hides it. Drawn from a stream of its own, keyed by the month.
    private mutating func learnOfLosses(_ village: Int32, month: Int, posted: Bool) {
        let open = misconduct.villages[Int(village)].openCases
        guard !open.isEmpty else { return }
        let rules = scenario.oversight.petitions
        var random = villages[Int(village)].root.derived("notice", month)
        for index in open {
            let record = misconduct.cases[Int(index)]
            guard !record.known, record.kind == .misconduct, record.expected > record.booked else { continue }
            let shown = posted && !record.posted
            if shown { misconduct.cases[Int(index)].posted = true }
            let chance = 1 - (1 - (shown ? rules.noticeAtPosting : 0)) * (1 - rules.noticeMonthly)
            if random.bernoulli(chance * (1 - record.concealment)) { aggrieve(about: index, from: month) }
        }
    }

    /// Every grievance due this month petitions at its level and raises a lead there; it comes
    /// back after `repeat-months` unless villagers have now petitioned as often as they will.
    private mutating func pressGrievances(_ village: Int32, month: Int, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        let rules = scenario.oversight.petitions
        let signing = scenario.oversight.petitionPropensity * Double(villages[v].households) * rules.aggrievedShare
        var pressed: [Grievance] = []
        for var grievance in oversight.villages[v].grievances {
            guard grievance.nextMonth <= month else {
                pressed.append(grievance)
                continue
            }
            let households = max(1, grievance.random.poisson(mean: signing))
            emit(
                LogRecord(
                    .petition, village: village, code: grievance.topic.rawValue, subject: grievance.id,
                    other: Int64(grievance.petitions), count: Int32(households),
                    count2: Int32(grievance.level.logged.rawValue)),
                case: grievance.caseIndex, &scheduler)
            raiseLead(
                .petition, village: village, subject: grievance.subject,
                severity: grievance.petitions == 0 ? .orange : .red, value: value(of: grievance.subject),
                level: grievance.petitions == 0 ? nil : grievance.level, &scheduler)
            grievance.petitions += 1
            grievance.nextMonth = month + grievance.random.integer(in: rules.repeatMonths)
            if grievance.petitions < rules.giveUpAfter { pressed.append(grievance) }
        }
        oversight.villages[v].grievances = pressed
    }

    /// Petitions that do not come back: about honest frictions (late rent, arrears, failed
    /// listings), and, at a rate `petition-propensity` sets, about the finances villagers
    /// suspect (fewer when affairs are open), land, elections and other matters. Those about
    /// money and deals raise a lead; land and election disputes go to other offices.
    private mutating func oneOffPetitions(_ village: Int32, publicity: Frequency, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        let suspicion: Double
        switch publicity {
        case .monthly: suspicion = 0.6
        case .quarterly: suspicion = 0.8
        case .yearly: suspicion = 1.0
        case .never: suspicion = 1.4
        }
        let frictions = oversight.villages[v].frictions
        let base = Double(villages[v].households) * scenario.oversight.petitionPropensity * 0.004
        let mean = (base + Double(frictions) * 0.15) * suspicion
        let households = oversight.villages[v].random.poisson(mean: mean)
        oversight.villages[v].frictions /= 2
        guard households > 0 else { return }
        let topic: LogRecord.PetitionTopic
        if frictions > 0, oversight.villages[v].random.bernoulli(0.6) {
            topic = .unpaidMoney
        } else {
            let draw = oversight.villages[v].random.uniform()
            topic = draw < 0.5 ? .finances : draw < 0.7 ? .land : draw < 0.8 ? .elections : .other
        }
        emit(
            LogRecord(.petition, village: village, code: topic.rawValue, other: 0, count: Int32(households)),
            &scheduler)
        if topic == .unpaidMoney || topic == .finances {
            raiseLead(.petition, village: village, severity: .orange, &scheduler)
        }
    }
}
