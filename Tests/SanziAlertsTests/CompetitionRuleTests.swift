import SanziEvents
import SanziScenario
import Testing

@testable import SanziAlerts

@Suite("Competition rules")
struct CompetitionRuleTests {
    typealias B = EventBuilder

    @Test func c01FlagsSingleBiddersAndNegotiatedDeals() {
        var b = B()
        b.add(1, B.award(1, winner: 1, price: 100, reserve: 100, bidders: 1))
        b.add(1, B.award(2, winner: 1, price: 100, reserve: 100, bidders: 2))
        b.add(1, B.award(3, winner: 1, price: 100, reserve: 100, method: 2, bidders: 2))
        #expect(alerts(SingleBidder.self, b.events).map(\.subject.description) == ["listing:1", "listing:3"])
    }

    @Test func c02FlagsTendersWithTheTwoBestBidsTogether() {
        var b = B()
        b.add(1, B.bid(1, bidder: 1, amount: 100_000))
        b.add(1, B.bid(1, bidder: 2, amount: 101_000))  // 0.99% above: close
        b.add(1, B.award(1, winner: 1, price: 100_000, reserve: 120_000, method: 1))
        b.add(2, B.bid(2, bidder: 1, amount: 100_000))
        b.add(2, B.bid(2, bidder: 2, amount: 102_000))
        b.add(2, B.award(2, winner: 1, price: 100_000, reserve: 120_000, method: 1))
        b.add(3, B.bid(3, bidder: 1, amount: 100_000))
        b.add(3, B.bid(3, bidder: 2, amount: 100_500))
        b.add(3, B.award(3, winner: 2, price: 100_500, reserve: 90_000, method: 0))  // an auction
        let raised = alerts(CloseTopBids.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:1"])
        #expect(raised.first?.evidence == [1, 2, 3])
    }

    /// C05: a lease offer over the price, or a works offer under it, by more than the margin;
    /// offers that were no better, a failed listing's offers, and a margin above the advantage
    /// raise nothing; two better offers make it red.
    @Test func c05FlagsBetterOffersTurnedAway() {
        var b = B()
        b.add(1, B.disqualification(1, bidder: 2, offer: 110_000))  // 10% over the price
        b.add(1, B.disqualification(1, bidder: 3, offer: 90_000))  // worse
        b.add(1, B.award(1, winner: 1, price: 100_000, reserve: 80_000))
        b.add(2, B.disqualification(2, bidder: 2, offer: 95_000, works: true))  // 5% under
        b.add(2, B.disqualification(2, bidder: 3, offer: 90_000, works: true))  // 10% under
        b.add(2, B.award(2, winner: 1, price: 100_000, reserve: 120_000, method: 1))
        b.add(3, B.disqualification(3, bidder: 2, offer: 100_000))  // the same as the price
        b.add(3, B.award(3, winner: 1, price: 100_000, reserve: 80_000))
        b.add(4, B.disqualification(4, bidder: 2, offer: 200_000))
        b.add(4, LogRecord(.listingFailed, village: 0, subject: 4, count: 1))
        b.add(5, B.award(4, winner: 1, price: 100_000, reserve: 80_000))  // relisted under the same id
        let raised = alerts(BestBidDisqualified.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:1", "listing:2"])
        #expect(raised.map(\.severity) == [.orange, .red])
        #expect(raised.map(\.score) == [0.1, 0.1])
        #expect(raised.first?.evidence == [1, 3])
        #expect(alerts(BestBidDisqualified.self, b.events, ["margin": 0.1]).isEmpty)
        #expect(alerts(BestBidDisqualified.self, b.events, ["margin": 0.09]).count == 2)
    }

    /// C06: two of four registrations turned away reach the 50% share; one of two does not reach
    /// the minimum of two; three of four, all but the winner, are red.
    @Test func c06FlagsMostRivalsTurnedAway() {
        var b = B()
        b.add(1, B.disqualification(1, bidder: 2, offer: 1))
        b.add(1, B.award(1, winner: 1, price: 100, reserve: 80, bidders: 2))  // 1 of 2: under the minimum
        b.add(2, B.disqualification(2, bidder: 2, offer: 1))
        b.add(2, B.disqualification(2, bidder: 3, offer: 1))
        b.add(2, B.award(2, winner: 1, price: 100, reserve: 80, bidders: 5))  // 40%
        b.add(3, B.disqualification(3, bidder: 2, offer: 1))
        b.add(3, B.disqualification(3, bidder: 3, offer: 1))
        b.add(3, B.award(3, winner: 1, price: 100, reserve: 80, bidders: 4))  // 50%
        b.add(4, B.disqualification(4, bidder: 2, offer: 1))
        b.add(4, B.disqualification(4, bidder: 3, offer: 1))
        b.add(4, B.disqualification(4, bidder: 4, offer: 1))
        b.add(4, B.award(4, winner: 1, price: 100, reserve: 80, bidders: 4))  // all but the winner
        let raised = alerts(RivalsDisqualified.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:3", "listing:4"])
        #expect(raised.map(\.severity) == [.orange, .red])
        #expect(raised.map(\.score) == [0.5, 0.75])
        #expect(alerts(RivalsDisqualified.self, b.events, ["minimum": 1]).count == 3)
        #expect(alerts(RivalsDisqualified.self, b.events, ["share": 0.6]).map(\.subject.description) == ["listing:4"])
    }

    @Test func c03FlagsIdenticalAndWholePercentBids() {
        var b = B()
        b.add(1, B.bid(1, bidder: 1, amount: 50_000))
        b.add(1, B.bid(1, bidder: 2, amount: 50_000))
        b.add(1, B.award(1, winner: 1, price: 50_000, reserve: 40_000))
        b.add(2, B.bid(2, bidder: 1, amount: 100_000))
        b.add(2, B.bid(2, bidder: 2, amount: 105_000))  // exactly 5% apart
        b.add(2, B.award(2, winner: 2, price: 105_000, reserve: 90_000))
        b.add(3, B.bid(3, bidder: 1, amount: 100_000))
        b.add(3, B.bid(3, bidder: 2, amount: 105_001))
        b.add(3, B.award(3, winner: 2, price: 105_001, reserve: 90_000))
        let raised = alerts(PatternedBids.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:1", "listing:2"])
        #expect(raised.map(\.severity) == [.orange, .yellow])
    }

    @Test func c04FlagsRoundLosingBids() {
        var b = B()
        for (listing, loser) in [(1, Int64(300_000)), (2, 300_050)] {
            b.add(1, B.bid(Int64(listing), bidder: 1, amount: 500_000))
            b.add(1, B.bid(Int64(listing), bidder: 2, amount: 400_000))
            b.add(1, B.bid(Int64(listing), bidder: 3, amount: loser))
            b.add(1, B.award(Int64(listing), winner: 1, price: 500_000, reserve: 100_000))
        }
        #expect(alerts(RoundLosingBids.self, b.events).map(\.subject.description) == ["listing:1"])
    }

    /// C02, C03, C04 and C07 read the bids from the one book the engine keeps for them: in one
    /// engine they raise what each raises alone, and each listing's bids go with its award;
    /// an engine without them keeps no bids.
    @Test func theBidRulesShareOneBookThatLetsAwardedListingsGo() throws {
        var b = B()
        for listing in Int64(1)...4 {
            b.add(Int32(listing), B.bid(listing, bidder: 1, amount: 100_000))
            let round = listing == 4  // its losers' bids in whole thousands of yuan (C04)
            b.add(Int32(listing), B.bid(listing, bidder: 2, amount: round ? 200_000 : 100_000 + 500 * listing))
            b.add(Int32(listing), B.bid(listing, bidder: 3, amount: round ? 300_000 : 110_000))
            b.add(Int32(listing), B.award(listing, winner: 1, price: 100_000, reserve: 90_000, method: 1))
        }
        b.add(9, B.bid(5, bidder: 1, amount: 7))  // a listing still open
        let ids = ["C02", "C03", "C04", "C07"]
        func engine(_ enabled: [String]) throws -> AlertEngine {
            try AlertEngine(
                settings: AlertSettings(
                    warningSystem: true,
                    rules: RuleCatalogue.documentation.map {
                        AlertSettings.Rule(id: $0.id, enabled: enabled.contains($0.id))
                    },
                    escalation: .init(yellowToOrange: .max, orangeToRed: .max, windowDays: 1)))
        }
        var shared = try engine(ids)
        let together = b.events.flatMap { shared.observe($0) }.map { "\($0.rule) \($0.subject)" }
        let alone = [
            alerts(CloseTopBids.self, b.events), alerts(PatternedBids.self, b.events),
            alerts(RoundLosingBids.self, b.events), alerts(BidderRing.self, b.events),
        ].flatMap { $0 }.map { "\($0.rule) \($0.subject)" }
        #expect(Set(together) == Set(alone) && together.count == alone.count)
        #expect(Set(together.map { String($0.prefix(3)) }) == Set(ids), "\(together)")
        #expect((1...4).allSatisfy { shared.declarations.bids(on: $0).isEmpty })
        #expect(shared.declarations.bids(on: 5).map(\.amount) == [7])
        var none = try engine(["C01"])
        for event in b.events { _ = none.observe(event) }
        #expect(none.declarations.bids(on: 5).isEmpty && !none.reads.contains(.bid))
        #expect(shared.reads.isSuperset(of: [.bid, .award]))
    }

    @Test func c07FlagsTheSameRingWinningAgain() {
        var b = B()
        for (listing, day, winner) in [(1, Int32(1), Int64(1)), (2, 100, 1), (3, 200, 2), (4, 1_000, 1)] {
            b.add(day, B.bid(Int64(listing), bidder: 1, amount: 10))
            b.add(day, B.bid(Int64(listing), bidder: 2, amount: 9))
            b.add(day, B.award(Int64(listing), winner: winner, price: 10, reserve: 5))
        }
        let raised = alerts(BidderRing.self, b.events)
        #expect(raised.count == 1, "listing 3 has another winner, listing 4 is outside the window")
        #expect(raised.first?.evidence == [3, 6])
    }

    /// C07 forgets a set's meetings before the window (a meeting on the window's first day
    /// counts) and keeps the rest in order, whether the set had met once or more; sets with one
    /// bidder more are other sets.
    @Test func c07MeetingsForgetOnlyThoseBeforeTheWindow() {
        var b = B()
        let meetings: [(day: Int32, bidders: [Int64])] = [
            (1, [1, 2]), (1, [3, 4]), (1, [6, 7]), (5, [1, 2]), (9, [1, 2]), (9, [1, 2, 5]), (31, [3, 4]),
            (35, [1, 2]), (100, [6, 7]), (110, [6, 7]), (400, [1, 2]), (410, [1, 2]),
        ]
        for (listing, meeting) in meetings.enumerated() {
            for bidder in meeting.bidders { b.add(meeting.day, B.bid(Int64(listing), bidder: bidder, amount: 10)) }
            b.add(meeting.day, B.award(Int64(listing), winner: meeting.bidders[0], price: 10, reserve: 5))
        }
        let raised = alerts(BidderRing.self, b.events, ["window-days": 30])
        let awards = b.events.filter { $0.record.type == .award }.map(\.id)
        #expect(
            raised.map(\.evidence) == [
                [awards[0], awards[3]], [awards[0], awards[3], awards[4]], [awards[1], awards[6]],
                [awards[3], awards[4], awards[7]], [awards[8], awards[9]], [awards[10], awards[11]],
            ])
        #expect(raised.map(\.severity) == [.orange, .red, .orange, .red, .orange, .orange])
    }

    /// The digest that tells C07's sets apart depends on every id and on their order (the
    /// winner comes last).
    @Test func c07SetsDifferInAnyIdOrTheWinner() {
        let sets = [
            BidderSet(bidders: [1, 2], winner: 1), BidderSet(bidders: [1, 2], winner: 2),
            BidderSet(bidders: [1, 2, 1], winner: 1), BidderSet(bidders: [2, 1], winner: 1),
            BidderSet(bidders: [1, 2 | 1 << 40], winner: 1), BidderSet(bidders: [1], winner: 2),
        ]
        #expect(Set(sets).count == sets.count)
        #expect(BidderSet(bidders: [1, 2], winner: 1) == sets[0])
    }

    @Test func c08FlagsRepeatWinnersInAVillage() {
        var b = B()
        for day in [1, 50, 100] { b.add(Int32(day), B.award(Int64(day), winner: 5, price: 1, reserve: 1)) }
        b.add(400, B.award(400, winner: 5, price: 1, reserve: 1))  // the first win is out of the year
        #expect(alerts(RepeatWinner.self, b.events).isEmpty)
        b.add(401, B.award(401, winner: 5, price: 1, reserve: 1))
        let raised = alerts(RepeatWinner.self, b.events)
        #expect(raised.count == 1)
        #expect(raised.first?.score == 4)
    }

    @Test func c09FlagsYoungFirmsThatWin() {
        var b = B()
        b.add(100, LogRecord(.registration, village: 0, subject: 1, party: 3, count: -200, count2: 1))
        b.add(110, B.award(1, winner: 3, price: 1, reserve: 1))  // 310 days old
        b.add(100, LogRecord(.registration, village: 0, subject: 2, party: 4, count: -265, count2: 1))
        b.add(110, B.award(2, winner: 4, price: 1, reserve: 1))  // 375 days old
        b.add(100, LogRecord(.registration, village: 0, subject: 3, party: 6, count: 100, count2: 0))
        b.add(110, B.award(3, winner: 6, price: 1, reserve: 1))  // a villager, not a firm
        let raised = alerts(NewCompanyWins.self, b.events)
        #expect(raised.map(\.subject.description) == ["bidder:3"])
        #expect(raised.first?.score == 310)
    }
}
