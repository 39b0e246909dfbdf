import Testing

@testable import SanziAlerts

@Suite("Window sweeps")
struct WindowSweepTests {
    typealias B = EventBuilder

    /// The days a sweep runs: a subject remembered each day, none with a day of its own, is
    /// forgotten on the days of a sweep (more than an eighth of the window after the last).
    @Test func aSweepRunsEveryEighthOfTheWindow() {
        func sweepDays(window: Int32, through last: Int32) -> [Int32] {
            var sweep = WindowSweep()
            var memory: [Int32: [Int32]] = [:]
            return (0...last).filter { day in
                memory[day] = []
                sweep.forget(in: &memory, window: window, on: day) { $0.last }
                return memory.isEmpty
            }
        }
        #expect(sweepDays(window: 730, through: 400) == [92, 184, 276, 368])
        #expect(sweepDays(window: 7, through: 8) == [2, 4, 6, 8])  // an eighth of a week rounds to a day
    }

    /// A sweep forgets exactly the subjects whose latest day is out of the window, or who have
    /// none, and keeps the others as they were.
    @Test func aSweepForgetsOnlyWhatLeftTheWindow() {
        var sweep = WindowSweep()
        var memory: [String: [Int32]] = ["old": [1, 5], "edge": [3, 10], "recent": [2, 50], "empty": []]
        sweep.forget(in: &memory, window: 90, on: 100) { $0.last }
        #expect(memory == ["edge": [3, 10], "recent": [2, 50]])
    }

    /// A new pair of bidders meets every ten days for 2,000 days: C07 sweeps every 100 days (the
    /// first meeting more than 91 days after the last sweep), and on day 2,000 keeps the 73 sets
    /// of days 1,270–1,990 and the new one. Swept once a window, it kept 126.
    @Test func c07KeepsAtMostNineEighthsOfItsWindow() {
        var b = B()
        for listing in Int64(1)...200 {
            let day = Int32(listing * 10)
            b.add(day, B.bid(listing, bidder: 2 * listing, amount: 10))
            b.add(day, B.bid(listing, bidder: 2 * listing + 1, amount: 9))
            b.add(day, B.award(listing, winner: 2 * listing, price: 10, reserve: 5))
        }
        var rule = BidderRing(parameters: RuleParameters())
        #expect(rule.raised(over: b.events).isEmpty)
        #expect(rule.sets.count == 74)
    }
}
