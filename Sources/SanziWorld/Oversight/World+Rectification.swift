import SanziEngine
import SanziEvents
import SanziScenario

/// Rectification after inspections (巡视整改): an inspection's feedback opens its tasks, each
/// due on a day counted back from the target; a task is done on time, or falls overdue and is
/// done after a guidance group's follow-up; what it changes takes effect in its district the
/// day it is done.
extension World {
    /// The inspection gives its feedback: it is logged, and each of its tasks opens with the
    /// day it will be done already drawn from a stream of its own.
    mutating func inspect(_ index: Int, _ scheduler: inout Scheduler<Event>) {
        let inspection = scenario.rectification.inspections[index]
        let district = self.district(of: inspection)
        emit(
            LogRecord(
                .inspection, village: -1, subject: Int64(index + 1), party: Int64(district),
                count: Int32(inspection.tasks.count), count2: Int32(clamping: day(of: inspection.target))),
            &scheduler)
        let first = scenario.rectification.inspections.prefix(index).reduce(0) { $0 + $1.tasks.count }
        for (offset, task) in inspection.tasks.enumerated() {
            let number = first + offset
            // The decoder refuses a task due before its feedback: the due day is never past.
            let due = Tick(day(of: inspection.due(task)))
            emit(
                LogRecord(
                    .taskOpened, village: -1, code: task.owner.logged.rawValue, subject: Int64(number + 1),
                    other: Int64(index + 1), party: Int64(district), count: Int32(clamping: due)), &scheduler)
            var random = root.derived("task", number)
            if random.bernoulli(scenario.rectification.lateShare) {
                scheduler.schedule(.taskOverdue(task: Int32(number)), at: due + 1, priority: .early)
                let late = random.integer(in: scenario.rectification.followUpDays)
                scheduler.schedule(.taskDone(task: Int32(number)), at: due + Tick(late), priority: .early)
            } else {
                let day = Tick(random.integer(in: Int(scheduler.now)...Int(due)))
                scheduler.schedule(.taskDone(task: Int32(number)), at: day, priority: .late)
            }
        }
    }

    /// A task is not done by its due day: the ledger marks it overdue and a guidance group
    /// follows it up.
    mutating func taskOverdue(_ number: Int, _ scheduler: inout Scheduler<Event>) {
        let (inspection, task) = scenario.rectification.tasks[number]
        emit(
            LogRecord(
                .taskOverdue, village: -1, code: task.owner.logged.rawValue, subject: Int64(number + 1),
                party: Int64(district(of: scenario.rectification.inspections[inspection]))),
            &scheduler)
    }

    /// A task is done: logged with the days it came late, and what it changes takes effect in
    /// its district (policy changes are logged as interventions, so that rules follow them).
    mutating func taskDone(_ number: Int, _ scheduler: inout Scheduler<Event>) {
        let (index, task) = scenario.rectification.tasks[number]
        let inspection = scenario.rectification.inspections[index]
        let district = self.district(of: inspection)
        let late = max(0, Int(scheduler.now) - day(of: inspection.due(task)))
        emit(
            LogRecord(
                .taskDone, village: -1, code: task.owner.logged.rawValue, subject: Int64(number + 1),
                party: Int64(district), count: Int32(clamping: late)), &scheduler)
        oversight.tasksDone[district].add(
            1, on: Int32(scheduler.now), memory: Double(discipline.deterrence.memoryDays))
        for effect in task.effects {
            switch effect {
            case .policy(let change):
                let (kind, value) = apply(change, in: [district])
                log(kind, value, intervention: -1, task: number + 1, in: [district], &scheduler)
            case .supervisionIndependence(let independence):
                policies[district].supervisionIndependence = independence
            case .clearPetitions:
                for village in villages.indices where villages[village].district == district {
                    answer(Int32(village), by: .rectification, scheduler: &scheduler)
                }
            case .disputeAnswers(let share):
                policies[district].disputeAnswers = share
            case .secondInvestigators(let count):
                let body = discipline.districtBodies[district]
                discipline.bodies[Int(body)].investigators += count
                discipline.bodies[Int(body)].free += count
                openInvestigations(at: body, &scheduler)
            }
        }
    }

    /// The inspected district's position (the decoder has resolved every id).
    private func district(of inspection: Inspection) -> Int {
        scenario.geography.district(inspection.districtID) ?? 0
    }

    /// A date as a day of the run.
    private func day(of date: CalendarDate) -> Int { scenario.start.days(until: date) }
}
