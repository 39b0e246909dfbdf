import SanziEngine
import SanziScenario

/// The monthly round of a village: each sub-model's part of the month, in a fixed order.
extension World {
    /// Once a month: income and spending, compensation, the yearly plan and loans, works
    /// twice a year, then openness and oversight; then the next month is scheduled.
    mutating func month(_ village: Int32, index: Int32, _ scheduler: inout Scheduler<Event>) {
        let calendarMonth = scenario.start.adding(months: Int(index)).month
        let root = villages[Int(village)].root
        platform.streams[Int(village)] = root.derived("platform", Int(index))
        ledger.streams[Int(village)] = root.derived("ledger", Int(index))
        oversight.villages[Int(village)].random = root.derived("oversight", Int(index))
        collectIncome(village, calendarMonth: calendarMonth, &scheduler)
        spend(village, calendarMonth: calendarMonth, &scheduler)
        compensationMayArrive(village, &scheduler)
        if index % 12 == 0 {
            planDisposals(village, &scheduler)
            mayLend(village, &scheduler)
        }
        if index % 6 == 0 { commissionWorks(village, index: index, &scheduler) }
        oversee(village, index: Int(index), &scheduler)
        mayTurnCorrupt(village, month: index)
        let next = Tick(scenario.start.days(until: scenario.start.adding(months: Int(index) + 1)))
        scheduler.schedule(.month(village: village, index: index + 1), at: next, priority: .late)
    }
}
