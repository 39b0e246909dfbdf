import SanziEngine
import SanziEvents
import SanziScenario

/// Committee elections, and the declarations of who holds office and who is whose relative.
extension World {
    /// Committee elections: each key cadre is replaced with a chance of 30%; a newcomer is
    /// corrupt with the scenario's share.
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
        offices.director = replace(offices.director, .director, .director)
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

    /// On day 0: every office holder and every registered tie (hidden ties stay ground truth).
    mutating func declare(_ scheduler: inout Scheduler<Event>) {
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
        }
        for tie in people.ties where tie.registered {
            let village = people.persons[Int(tie.a)].village
            guard village >= 0 else { continue }
            emit(LogRecord(.relation, village: village, subject: Int64(tie.a), party: Int64(tie.b)), &scheduler)
        }
    }
}
