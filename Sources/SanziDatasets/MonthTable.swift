import SanziScenario

/// The calendar month of each day of a run, looked up rather than computed for every row.
struct MonthTable: Sendable {
    private let start: CalendarDate
    /// Months since the start's month, by day.
    private let serials: [Int32]

    init(start: CalendarDate, days: Int) {
        self.start = start
        serials = (0...max(0, days)).map { Int32(start.months(until: start.adding(days: $0))) }
    }

    /// Months from the start's month to the month of `day`, so that the same month of two
    /// years differs.
    func serial(_ day: Int32) -> Int {
        Int(day) >= 0 && Int(day) < serials.count
            ? Int(serials[Int(day)]) : start.months(until: start.adding(days: Int(day)))
    }

    /// The calendar month of `day`, 1–12.
    func month(_ day: Int32) -> Int { (start.month - 1 + serial(day)) % 12 + 1 }
}
