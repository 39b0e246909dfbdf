import Testing

@testable import SanziAlerts

@Suite("Window sweeps")
struct WindowSweepTests {
    typealias B = EventBuilder

    @Test func aSweepIsDueEveryEighthOfTheWindow() {
        var yearly = WindowSweep(window: 730)
        #expect((0...400).filter { yearly.isDue(on: Int32($0)) } == [92, 184, 276, 368])
        var weekly = WindowSweep(window: 7)  // an eighth of a week rounds to a day
        #expect((0...8).filter { weekly.isDue(on: Int32($0)) } == [2, 4, 6, 8])
    }

    @Test func removingInPlaceKeepsTheRest() {
        var lists: [Int: [Int]] = [1: [1], 2: [], 3: [3, 4], 4: []]
        lists.removeAll { $0.value.isEmpty }
        #expect(lists == [1: [1], 3: [3, 4]])
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
        var output = AlertOutput()
        for event in b.events { rule.observe(event, &output) }
        #expect(output.alerts.isEmpty)
        #expect(rule.history.count == 74)
    }
}
