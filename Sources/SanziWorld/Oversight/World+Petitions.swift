import Foundation
import SanziEngine
import SanziEvents
import SanziScenario

/// Petitions (信访): villagers learn of the losses misconduct causes and press them, one level
/// higher each time, until an investigation proves the case or they give up; they also
/// petition about disputes (honest frictions, land, elections and what they suspect), once,
/// or until an office answers them where `dispute-answers` is in force.
extension World {
    /// A village's petitions of the month, after its publicity posting if it had one.
    mutating func petitions(_ village: Int32, month: Int, posted: Bool, _ scheduler: inout Scheduler<Event>) {
        learnOfLosses(village, month: month, posted: posted)
        pressGrievances(village, month: month, &scheduler)
        disputes(village, month: month, &scheduler)
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

    /// Answers the grievances of a village that `which` picks.
    mutating func answer(
        _ village: Int32, by what: LogRecord.AnsweredBy, scheduler: inout Scheduler<Event>,
        which: (Grievance) -> Bool = { _ in true }
    ) {
        let v = Int(village)
        let answered = oversight.villages[v].grievances.filter(which)
        guard !answered.isEmpty else { return }
        oversight.villages[v].grievances.removeAll(where: which)
        for grievance in answered { post(grievance, answeredBy: what, in: village, &scheduler) }
    }

    /// Logs a grievance's answer and, with the village's openness, posts it on the echo wall
    /// (回音壁), where villagers see it and its cadres see complaints followed up. An office's
    /// answer to a dispute is routine work, not posted.
    private mutating func post(
        _ grievance: Grievance, answeredBy what: LogRecord.AnsweredBy, in village: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        var random = root.derived("answer", Int(grievance.id))
        let published = what != .office && random.bernoulli(openness(of: village))
        emit(
            LogRecord(
                .petitionAnswered, village: village, code: what.rawValue, subject: grievance.id,
                count: Int32(grievance.petitions), count2: published ? 1 : 0), case: grievance.caseIndex ?? -1,
            &scheduler)
        guard published else { return }
        let today = Int32(scheduler.now)
        let memory = Double(discipline.deterrence.memoryDays)
        oversight.villages[Int(village)].answers.add(1, on: today, memory: memory)
        discipline.seenInVillage[Int(village)].add(discipline.deterrence.answerWeight, on: today, memory: memory)
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
            if random.bernoulli(chance * (1 - misconduct.concealment(ofCase: index))) {
                aggrieve(about: index, from: month)
            }
        }
    }

    /// Every grievance due this month petitions at its level; the others wait their month.
    private mutating func pressGrievances(_ village: Int32, month: Int, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        let signing =
            scenario.oversight.petitionPropensity * Double(villages[v].households)
            * scenario.oversight.petitions.aggrievedShare
        var pressed: [Grievance] = []
        for var grievance in oversight.villages[v].grievances {
            guard grievance.nextMonth <= month else {
                pressed.append(grievance)
                continue
            }
            let households = max(1, grievance.random.poisson(mean: signing))
            if file(&grievance, in: village, signedBy: households, month: month, &scheduler) {
                pressed.append(grievance)
            }
        }
        oversight.villages[v].grievances = pressed
    }

    /// A grievance's petition, filed at its level, and the lead it raises: one about
    /// misconduct names its deal or contract (orange the first time, red over heads after); a
    /// dispute raises a village-wide lead when it is about money or finances, and its office
    /// may answer it. True while villagers will petition again, `repeat-months` later, until
    /// they have petitioned `give-up-after` times.
    private mutating func file(
        _ grievance: inout Grievance, in village: Int32, signedBy households: Int, month: Int,
        _ scheduler: inout Scheduler<Event>
    ) -> Bool {
        emit(
            LogRecord(
                .petition, village: village, code: grievance.topic.rawValue, subject: grievance.id,
                other: Int64(grievance.petitions), count: Int32(households),
                count2: Int32(grievance.level.logged.rawValue)),
            case: grievance.caseIndex ?? -1, &scheduler)
        if grievance.caseIndex != nil {
            raiseLead(
                .petition, village: village, subject: grievance.subject,
                severity: grievance.petitions == 0 ? .orange : .red, value: value(of: grievance.subject),
                level: grievance.petitions == 0 ? nil : grievance.level, &scheduler)
        } else if grievance.topic.isAboutMoney {
            raiseLead(.petition, village: village, severity: .orange, &scheduler)
        }
        grievance.petitions += 1
        let rules = scenario.oversight.petitions
        grievance.nextMonth = month + grievance.random.integer(in: rules.repeatMonths)
        if grievance.caseIndex == nil, grievance.random.bernoulli(policy(of: village).disputeAnswers ?? 0) {
            post(grievance, answeredBy: .office, in: village, &scheduler)
            return false
        }
        return grievance.petitions < rules.giveUpAfter
    }

    /// Petitions about disputes: honest frictions (late rent, arrears, failed listings), and,
    /// at a rate `petition-propensity` sets, the finances villagers suspect (fewer when affairs
    /// are open), land, elections and other matters. Those about money and finances raise a
    /// lead; land and election disputes go to other offices. Without `dispute-answers` in force
    /// a dispute is petitioned once; with it, it is pressed like a grievance until answered.
    private mutating func disputes(_ village: Int32, month: Int, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        let frictions = oversight.villages[v].frictions
        let suspicion = suspicion(under: policy(of: village).publicity)
        let mean = (suspectedDisputes(in: v) + Double(frictions) * 0.15) * suspicion
        let households = oversight.villages[v].random.poisson(mean: mean)
        oversight.villages[v].frictions /= 2
        guard households > 0 else { return }
        let topic: LogRecord.PetitionTopic
        if frictions > 0, oversight.villages[v].random.bernoulli(0.6) {
            topic = .unpaidMoney
        } else {
            topic = Self.suspectedTopic(&oversight.villages[v].random)
        }
        guard policy(of: village).disputeAnswers != nil else {
            emit(
                LogRecord(.petition, village: village, code: topic.rawValue, other: 0, count: Int32(households)),
                &scheduler)
            if topic.isAboutMoney { raiseLead(.petition, village: village, severity: .orange, &scheduler) }
            return
        }
        var dispute = newDispute(about: topic, filed: 0, due: month)
        if file(&dispute, in: village, signedBy: households, month: month, &scheduler) {
            oversight.villages[v].grievances.append(dispute)
        }
    }

    /// Where offices answer disputes from the start, each village starts with the disputes in
    /// progress a steady state would hold, so that petitions do not climb from nothing through
    /// the first months: with a chance a of a suspected dispute a month (frictions, which need
    /// deals in arrears first, left out) and answers p, about a × (1 − p)^k × the mean of
    /// `repeat-months` disputes have petitioned k times and wait for the next, due within one
    /// repeat interval (Little's law).
    mutating func openDisputesInProgress() {
        guard let answers = scenario.oversight.petitions.disputeAnswers else { return }
        let rules = scenario.oversight.petitions
        let interval = rules.repeatMonths
        let meanWait = Double(interval.lowerBound + interval.upperBound) / 2
        for v in villages.indices {
            var random = villages[v].root.derived("disputes in progress")
            let suspicion = suspicion(under: policy(of: Int32(v)).publicity)
            var waiting = (1 - exp(-suspectedDisputes(in: v) * suspicion)) * meanWait
            for filed in 1..<rules.giveUpAfter {
                waiting *= 1 - answers
                for _ in 0..<random.poisson(mean: waiting) {
                    let due = random.integer(in: 0...(random.integer(in: interval) - 1))
                    oversight.villages[v].grievances.append(
                        newDispute(about: Self.suspectedTopic(&random), filed: filed, due: due))
                }
            }
        }
    }

    /// A dispute with the next grievance id and a stream of its own.
    private mutating func newDispute(about topic: LogRecord.PetitionTopic, filed: Int, due: Int) -> Grievance {
        let id = oversight.nextGrievance
        oversight.nextGrievance += 1
        return Grievance(
            id: id, caseIndex: nil, topic: topic, subject: .village, petitions: filed, nextMonth: due,
            random: root.derived("dispute", Int(id)))
    }

    /// A village's monthly rate of disputes about what villagers suspect, land, elections and
    /// other matters, before openness.
    private func suspectedDisputes(in village: Int) -> Double {
        Double(villages[village].households) * scenario.oversight.petitionPropensity * 0.004
    }

    /// Factor on a village's disputes: fewer where affairs are open.
    private func suspicion(under publicity: Frequency) -> Double {
        switch publicity {
        case .monthly: 0.6
        case .quarterly: 0.8
        case .yearly: 1.0
        case .never: 1.4
        }
    }

    /// What a dispute not about honest frictions is about: the finances villagers suspect
    /// (half), land (a fifth), elections (a tenth) or other matters.
    private static func suspectedTopic(_ random: inout RandomStream) -> LogRecord.PetitionTopic {
        let draw = random.uniform()
        return draw < 0.5 ? .finances : draw < 0.7 ? .land : draw < 0.8 ? .elections : .other
    }
}

extension LogRecord.PetitionTopic {
    /// Whether a dispute on this topic raises a lead: money owed and the finances are the
    /// discipline bodies' business; land and elections go to other offices.
    fileprivate var isAboutMoney: Bool { self == .unpaidMoney || self == .finances }
}
