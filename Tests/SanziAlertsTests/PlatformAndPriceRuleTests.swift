import SanziEvents
import SanziScenario
import Testing

@testable import SanziAlerts

@Suite("Platform and price rules: fire on one side of the threshold, not the other")
struct PlatformAndPriceRuleTests {
    typealias B = EventBuilder

    @Test func p01FlagsSmallDealsOverTheThresholdAndFollowsInterventions() {
        var b = B()
        b.add(1, B.contract(1, listing: -1, annual: 1_000_000, total: 5_000_000))  // exactly 50,000 yuan
        b.add(2, B.contract(2, listing: -1, annual: 999_999, total: 4_999_999))  // one fen under
        b.add(3, B.contract(3, listing: 4, annual: 2_000_000, total: 10_000_000))  // listed
        b.add(4, LogRecord(.intervention, village: -1, code: 0, amount: 3_000_000))
        b.add(5, B.contract(5, listing: -1, annual: 700_000, total: 6_000_000))  // ≥ 2 × 30,000
        let raised = alerts(OffPlatformDeal.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:1", "contract:5"])
        #expect(raised.map(\.severity) == [.orange, .red])
        #expect(raised[1].threshold == 30_000)
    }

    @Test func p02CombinesSmallDealsWithOneCounterpartyInTheWindow() {
        var b = B()
        b.add(1, B.contract(1, listing: -1, party: 9, annual: 600_000, total: 3_000_000))
        b.add(80, B.contract(2, listing: -1, party: 9, annual: 600_000, total: 3_000_000))
        b.add(100, B.contract(3, listing: -1, party: 8, annual: 600_000, total: 3_000_000))
        b.add(300, B.contract(4, listing: -1, party: 8, annual: 600_000, total: 3_000_000))  // 200 days apart
        let raised = alerts(SplitDeals.self, b.events)
        #expect(raised.count == 1)
        #expect(raised.first?.subject == .bidder(9))
        #expect(raised.first?.evidence == [1, 2])
        #expect(raised.first?.score == 60_000)
    }

    @Test func p03FlagsShortAnnouncements() {
        var b = B()
        b.add(1, B.listing(1, appraisal: 100, reserve: 100, days: 10))
        b.add(1, B.listing(2, appraisal: 100, reserve: 100, days: 9))
        b.add(1, B.listing(3, appraisal: 100, reserve: 100, days: 4))
        let raised = alerts(ShortAnnouncement.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:2", "listing:3"])
        #expect(raised.map(\.severity) == [.yellow, .red])
    }

    @Test func p04FlagsLateSignatures() {
        var b = B()
        b.add(10, B.award(1, winner: 7, price: 100, reserve: 100))
        b.add(70, B.contract(1, listing: 1, annual: 20, total: 100))  // 60 days: allowed
        b.add(10, B.award(2, winner: 7, price: 100, reserve: 100))
        b.add(71, B.contract(2, listing: 2, annual: 20, total: 100))  // 61 days
        let raised = alerts(SigningDelay.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:2"])
        #expect(raised.first?.score == 61)
    }

    @Test func p05WantsATwoThirdsVoteBeforeAListing() {
        var b = B()
        b.add(1, LogRecord(.decision, village: 0, subject: 1, count: 20, count2: 10))
        b.add(5, B.listing(1, asset: 1, appraisal: 100, reserve: 100))  // voted 2/3
        b.add(5, B.listing(2, asset: 2, appraisal: 100, reserve: 100))  // no vote
        b.add(6, LogRecord(.decision, village: 0, subject: 3, count: 19, count2: 11))
        b.add(7, B.listing(3, asset: 3, appraisal: 100, reserve: 100))  // 63%
        b.add(300, B.listing(4, asset: 1, appraisal: 100, reserve: 100))  // vote too old
        let raised = alerts(MissingDecision.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:2", "listing:3", "listing:4"])
        #expect(raised.map(\.severity) == [.orange, .red, .orange])
    }

    @Test func v01ComparesTheReserveWithAppraisalAndPreviousRent() {
        var b = B()
        b.add(1, B.listing(1, appraisal: 1_000_000, reserve: 900_000))  // exactly 10% below: fine
        b.add(1, B.listing(2, appraisal: 1_000_000, reserve: 899_999))
        b.add(1, B.listing(3, appraisal: 1_000_000, reserve: 790_000))
        b.add(2, B.contract(1, listing: -2, annual: 300_000, total: 1_500_000, asset: 5))
        b.add(3, B.listing(4, asset: 5, appraisal: 1_000_000, reserve: 1_000_000))  // previous 1.5 M over 5 years
        let raised = alerts(ReserveBelowAppraisal.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:2", "listing:3", "listing:4"])
        #expect(raised.map(\.severity) == [.yellow, .red, .red])
        #expect(raised[2].values.first { $0.name == "reference_fen" }?.value == 1_500_000)
    }

    @Test func v02FlagsAuctionsWonAtTheReserve() {
        var b = B()
        b.add(1, B.award(1, winner: 1, price: 101_000, reserve: 100_000))  // 1%: fires (≤ ε)
        b.add(1, B.award(2, winner: 1, price: 101_001, reserve: 100_000))
        b.add(1, B.award(3, winner: 1, price: 100_000, reserve: 100_000, bidders: 1))
        b.add(1, B.award(4, winner: 1, price: 100_000, reserve: 100_000, method: 1))  // a tender
        let raised = alerts(NoPremium.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:1", "listing:3"])
        #expect(raised.map(\.severity) == [.yellow, .orange])
    }

    @Test func v03UsesTukeyFencesAndSkipsDegenerateGroups() {
        var b = B()
        // 20 peers with premiums 20.0%…21.9%: Q1 20.475%, Q3 21.425%, IQR 0.95%, lower fence 19.05%.
        for index in 0..<20 {
            b.add(1, B.award(Int64(index), winner: 1, price: 120_000 + Int64(index) * 100, reserve: 100_000))
        }
        b.add(2, B.award(100, winner: 1, price: 119_100, reserve: 100_000))  // 19.1%: just above the fence
        // Now 21 peers: Q1 = 20.4%, Q3 = 21.4%, IQR 1%, lower fence 18.9%.
        b.add(2, B.award(101, winner: 1, price: 118_800, reserve: 100_000))  // 18.8%: below
        let raised = alerts(LowPremiumOutlier.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:101"])
        let values = Dictionary(uniqueKeysWithValues: raised[0].values.map { ($0.name, $0.value) })
        #expect(abs(values["q1"]! - 0.204) < 1e-9)
        #expect(abs(values["q3"]! - 0.214) < 1e-9)
        #expect(abs(values["lower_fence"]! - 0.189) < 1e-9)
        #expect(values["peers"] == 21)

        var flat = B()
        for index in 0..<30 { flat.add(1, B.award(Int64(index), winner: 1, price: 110_000, reserve: 100_000)) }
        flat.add(2, B.award(99, winner: 1, price: 100_000, reserve: 100_000))
        #expect(alerts(LowPremiumOutlier.self, flat.events).isEmpty, "IQR 0: the group is skipped")
    }

    /// Peers are auctions of the same deal kind: a sale's low premium is not judged against
    /// leases (its group is still too small), a lease's is; a failed listing leaves no trace.
    @Test func v03JudgesEachDealKindAgainstItsOwnPeers() {
        var b = B()
        for index in 0..<20 {
            b.add(1, B.listing(Int64(index), deal: LogRecord.Deal.lease.rawValue, appraisal: 100_000, reserve: 100_000))
            b.add(2, B.award(Int64(index), winner: 1, price: 120_000 + Int64(index) * 100, reserve: 100_000))
        }
        b.add(3, B.listing(50, deal: LogRecord.Deal.sale.rawValue, appraisal: 100_000, reserve: 100_000))
        b.add(3, LogRecord(.listingFailed, village: 0, subject: 50, count: 1))
        b.add(4, B.listing(51, deal: LogRecord.Deal.sale.rawValue, appraisal: 100_000, reserve: 100_000))
        b.add(5, B.award(51, winner: 1, price: 105_000, reserve: 100_000))  // a sale at 5%: no peers yet
        b.add(6, B.listing(52, deal: LogRecord.Deal.lease.rawValue, appraisal: 100_000, reserve: 100_000))
        b.add(7, B.award(52, winner: 1, price: 105_000, reserve: 100_000))  // a lease at 5%: an outlier
        #expect(alerts(LowPremiumOutlier.self, b.events).map(\.subject.description) == ["listing:52"])
    }

    /// Peers are auctions of the same district, as the log's village declarations say: a low
    /// premium in a second district is not judged against the first district's twenty auctions
    /// (its own group is still too small); in the first district it is an outlier.
    @Test func v03JudgesEachDistrictAgainstItsOwnPeers() {
        var b = B()
        b.add(0, LogRecord(.village, village: 0, other: 0, party: 0, count: 500))
        b.add(0, LogRecord(.village, village: 1, other: 1, party: 1, count: 500))
        for index in 0..<20 {
            b.add(1, B.award(Int64(index), winner: 1, price: 120_000 + Int64(index) * 100, reserve: 100_000))
        }
        b.add(2, B.award(60, winner: 1, price: 105_000, reserve: 100_000, village: 1))  // district 1 at 5%: no peers
        b.add(3, B.award(61, winner: 1, price: 105_000, reserve: 100_000))  // district 0 at 5%: an outlier
        #expect(alerts(LowPremiumOutlier.self, b.events).map(\.subject.description) == ["listing:61"])
    }

    @Test func peerFencesSkipSmallGroups() {
        #expect(PeerFences([1, 2, 3], k: 1.5, minimumPeers: 3) == nil)
        let fences = PeerFences([1, 2, 3, 4, 5], k: 1.5, minimumPeers: 5)
        #expect(fences?.q1 == 2 && fences?.q3 == 4 && fences?.lower == -1 && fences?.upper == 7)
    }
}
