import SanziEngine
import SanziEvents
import SanziScenario

/// Committee elections, and the declarations of who holds office and who is whose relative.
extension World {
    /// Committee elections (两委换届). The director (村委会主任) is elected by the households,
    /// the holder against a challenger (`electDirector`); the secretary, accountant and cashier
    /// are each replaced with a chance of 30%. A newcomer is corrupt with the scenario's share.
    mutating func election(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        var random = villages[v].root.derived("election", Int(scheduler.now))
        var newHolders: [(person: Int32, role: LogRecord.Role)] = []
        func replace(_ holder: Int32, _ role: Person.Role, _ logged: LogRecord.Role) -> Int32 {
            guard random.bernoulli(0.3) else { return holder }
            let corrupt = misconduct.villages[v].random.bernoulli(misconduct.corruptShare)
            let person = people.add(
                Person(village: village, role: role, clan: people.persons[Int(holder)].clan, corrupt: corrupt))
            newHolders.append((person, logged))
            return person
        }
        var offices = people.offices[v]
        if offices.director >= 0 {
            let winner = electDirector(village, holder: offices.director, &random, &scheduler)
            if winner != offices.director {
                people.persons[Int(winner)].role = .director
                offices.director = winner
                newHolders.append((winner, .director))
            }
        }
        offices.secretary = replace(offices.secretary, .secretary, .secretary)
        offices.accountant = replace(offices.accountant, .accountant, .accountant)
        offices.cashier = replace(offices.cashier, .cashier, .cashier)
        people.offices[v] = offices
        emit(
            LogRecord(.election, village: village, party: Int64(offices.director), count: Int32(newHolders.count)),
            &scheduler)
        noteCorruptRoles(village)
        for (person, role) in newHolders {
            emit(LogRecord(.office, village: village, code: role.rawValue, subject: Int64(person)), &scheduler)
        }
        let next = scheduler.now + 365 * Tick(scenario.oversight.electionEveryYears)
        scheduler.schedule(.election(village: village), at: next)
        scheduler.schedule(.campaign(village: village, electionDay: Int32(next)), at: max(scheduler.now, next - 130))
    }

    /// The holder stands against the challenger who came forward at the campaign (or one who
    /// comes forward now) and wins with his share of the households' votes, drawn from 40% to
    /// 73⅓% (seven times in ten) before any bought votes: votes bought for 10–30% of the other
    /// side's voters move them across (as a popular holder's record does, honestly). Each
    /// candidate's votes are published (`ballot`); a buyer who wins holds office bolder
    /// (`boughtOffice`). Returns the winner.
    private mutating func electDirector(
        _ village: Int32, holder: Int32, _ random: inout RandomStream, _ scheduler: inout Scheduler<Event>
    ) -> Int32 {
        let v = Int(village)
        let challenger = people.challengers[v] >= 0 ? people.challengers[v] : nominate(village)
        people.challengers[v] = -1
        var share = random.uniform(0.4...(0.4 + 1.0 / 3))
        // Votes won over for a candidate who no longer stands (removed since) move nobody.
        let swing = misconduct.villages[v].swing.flatMap { [holder, challenger].contains($0.candidate) ? $0 : nil }
        misconduct.villages[v].swing = nil
        if let swing {
            share += swing.candidate == holder ? swing.share * (1 - share) : -swing.share * share
        }
        let voters = max(1, villages[v].households)
        let holderVotes = Int((share * Double(voters)).rounded())
        let winner = 2 * holderVotes >= voters ? holder : challenger
        let standings: [(Int32, LogRecord.Standing, Int)] = [
            (holder, .incumbent, holderVotes), (challenger, .challenger, voters - holderVotes),
        ]
        for (person, standing, votes) in standings {
            let tag = swing.flatMap { $0.candidate == person ? $0.case : nil } ?? -1
            emit(
                LogRecord(
                    .ballot, village: village, code: standing.rawValue, subject: Int64(person),
                    other: person == winner ? 1 : 0, count: Int32(votes), count2: Int32(voters)),
                case: tag, &scheduler)
        }
        if let swing, swing.candidate == winner, misconduct.cases[Int(swing.case)].kind == .misconduct {
            people.persons[Int(winner)].boughtOffice = true
        }
        return winner
    }

    /// A villager comes forward to challenge the director: corrupt with the scenario's share
    /// (drawn from the misconduct stream, so that switching misconduct off changes no honest draw).
    mutating func nominate(_ village: Int32) -> Int32 {
        let v = Int(village)
        let corrupt = misconduct.villages[v].random.bernoulli(misconduct.corruptShare)
        let clan = people.offices[v].director >= 0 ? people.persons[Int(people.offices[v].director)].clan : 0
        let person = people.add(Person(village: village, role: .villager, clan: clan, corrupt: corrupt))
        people.challengers[v] = person
        return person
    }

    /// On day 0: every office holder and every registered tie (hidden ties stay ground truth),
    /// handed to `log` a batch at a time.
    mutating func declare(_ scheduler: inout Scheduler<Event>, log: inout WorldLog) {
        for (index, offices) in people.offices.enumerated() {
            let holders: [(Int32, LogRecord.Role)] =
                [
                    (offices.secretary, .secretary), (offices.director, .director),
                    (offices.accountant, .accountant), (offices.cashier, .cashier),
                ]
                + offices.committee.map { ($0, .committeeMember) } + offices.supervisors.map { ($0, .supervisor) }
            for (person, role) in holders where role != .director || person != offices.secretary {
                emit(
                    LogRecord(.office, village: Int32(index), code: role.rawValue, subject: Int64(person)), &scheduler)
            }
            flushBatch(to: &log)
        }
        for tie in people.ties where tie.registered {
            let village = people.persons[Int(tie.a)].village
            guard village >= 0 else { continue }
            emit(LogRecord(.relation, village: village, subject: Int64(tie.a), party: Int64(tie.b)), &scheduler)
            flushBatch(to: &log)
        }
    }
}
