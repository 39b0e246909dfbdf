import SanziEvents
import SanziScenario
import Testing

@testable import SanziAlerts

@Suite("Contract, funds and oversight rules")
struct LifecycleFundsOversightRuleTests {
    typealias B = EventBuilder

    @Test func k01FlagsLeasesOverTheCaps() {
        var b = B()
        b.add(1, B.contract(1, listing: 1, annual: 1, total: 15, term: 15))
        b.add(1, B.contract(2, listing: 1, annual: 1, total: 16, term: 16))
        b.add(1, B.contract(3, listing: 1, annual: 1, total: 21, term: 21))
        let raised = alerts(OverlongLease.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:2", "contract:3"])
        #expect(raised.map(\.severity) == [.yellow, .red])
    }

    @Test func k02GradesAmendmentsByTheChange() {
        var b = B()
        b.add(1, LogRecord(.amendment, village: 0, subject: 1, amount: 100_000, amount2: 70_000, count: 5, count2: 5))
        b.add(1, LogRecord(.amendment, village: 0, subject: 2, amount: 100_000, amount2: 69_999, count: 5, count2: 5))
        #expect(alerts(OffPlatformAmendment.self, b.events).map(\.severity) == [.orange, .red])
    }

    @Test func k03FlagsOverdueRent() {
        var b = B()
        b.add(1, LogRecord(.arrears, village: 0, subject: 1, amount: 5, count: 1, count2: 89))
        b.add(1, LogRecord(.arrears, village: 0, subject: 2, amount: 5, count: 1, count2: 90))
        b.add(1, LogRecord(.payment, village: 0, subject: 3, amount: 5, count: 1, count2: 180))
        #expect(alerts(ReceivableNotCollected.self, b.events).map(\.severity) == [.orange, .red])
    }

    @Test func k04FlagsRelettingCheaperAfterAnEarlyEnd() {
        var b = B()
        b.add(1, B.contract(1, listing: 1, party: 7, annual: 100_000, total: 500_000, asset: 4))
        b.add(50, LogRecord(.termination, village: 0, code: 1, subject: 1, party: 7))
        b.add(100, B.contract(2, listing: -1, party: 7, annual: 80_000, total: 400_000, asset: 4))
        b.add(101, B.contract(3, listing: 1, party: 8, annual: 100_000, total: 500_000, asset: 5))
        b.add(150, LogRecord(.termination, village: 0, code: 0, subject: 3, party: 8))  // expired: lawful
        b.add(160, B.contract(4, listing: 1, party: 9, annual: 90_000, total: 450_000, asset: 5))
        let raised = alerts(TerminatedThenRelistedLow.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:2"])
        #expect(raised.first?.severity == .red)
    }

    @Test func f01FlagsCashOverTheCapAndLateBanking() {
        var b = B()
        b.add(1, LogRecord(.receipt, village: 0, amount: 300_000, count: 2))
        b.add(2, LogRecord(.receipt, village: 0, amount: 200_000, count: 2))  // 5,000 yuan: at the cap
        b.add(3, LogRecord(.receipt, village: 0, amount: 1, count: 2))  // over it
        b.add(5, LogRecord(.banking, village: 0, code: 0, amount: 400_001, amount2: 100_000))  // 4 days after day 1
        let raised = alerts(CashAndBanking.self, b.events)
        #expect(raised.map(\.score) == [5_000.01, 4])
        #expect(raised.map(\.severity) == [.yellow, .yellow])
    }

    @Test func f02FlagsSpendingApprovedBelowItsTier() {
        var b = B()
        b.add(1, LogRecord(.disbursement, village: 0, amount: 100_000, count2: 0))  // 1,000 yuan by the finance head
        b.add(1, LogRecord(.disbursement, village: 0, amount: 100_001, count2: 0))
        b.add(1, LogRecord(.disbursement, village: 0, amount: 1_000_001, count2: 1))
        b.add(1, LogRecord(.disbursement, village: 0, amount: 1_000_001, count2: 2))
        #expect(alerts(MissingApproval.self, b.events).count == 2)
    }

    @Test func f03FlagsPaymentsStructuredUnderATier() {
        var b = B()
        // Three payments of 900 yuan to bidder 4 within a week: each in [800, 1,000) of tier 1.
        for day in [Int32(1), 3, 7] { b.add(day, LogRecord(.disbursement, village: 0, party: 4, amount: 90_000)) }
        // Bidder 5: the third payment comes on day 9, outside the 7-day window of the first.
        for day in [Int32(1), 3, 9] { b.add(day, LogRecord(.disbursement, village: 0, party: 5, amount: 90_000)) }
        // Bidder 6: 790 yuan is under 80% of the tier.
        for day in [Int32(1), 2, 3] { b.add(day, LogRecord(.disbursement, village: 0, party: 6, amount: 79_000)) }
        // Bidder 7: just under tier 2 (10,000 yuan), three times.
        for day in [Int32(10), 11, 12] { b.add(day, LogRecord(.disbursement, village: 0, party: 7, amount: 999_900)) }
        let raised = alerts(StructuredPayments.self, b.events)
        #expect(raised.map(\.subject.description) == ["bidder:4", "bidder:7"])
        #expect(raised.map(\.severity) == [.yellow, .yellow])
    }

    @Test func f04FlagsCompensationPassedStraightOn() {
        var b = B()
        // 100,000 yuan in; 50,000 and 35,000 out to two payees within 5 days: 85% ≥ 80%.
        b.add(10, LogRecord(.receipt, village: 0, code: 3, amount: 10_000_000, count: 1))
        b.add(11, LogRecord(.disbursement, village: 0, code: 7, party: 1, amount: 5_000_000, count: 1))
        b.add(14, LogRecord(.disbursement, village: 0, code: 7, party: 2, amount: 3_500_000, count: 1))
        // Village 1: 75% leaves in time, the rest on day 6, outside the window.
        b.add(10, LogRecord(.receipt, village: 1, code: 3, amount: 10_000_000, count: 1))
        b.add(12, LogRecord(.disbursement, village: 1, code: 7, party: 1, amount: 7_500_000, count: 1))
        b.add(16, LogRecord(.disbursement, village: 1, code: 7, party: 2, amount: 2_000_000, count: 1))
        // Village 2: 90% leaves in time but to four payees.
        b.add(10, LogRecord(.receipt, village: 2, code: 3, amount: 10_000_000, count: 1))
        for party in Int64(1)...4 {
            b.add(11, LogRecord(.disbursement, village: 2, code: 7, party: party, amount: 2_250_000, count: 1))
        }
        let raised = alerts(RapidPassThrough.self, b.events)
        #expect(raised.map(\.village) == [0])
        #expect(raised.first?.score == 0.85 && raised.first?.severity == .red)
    }

    @Test func f05FlagsPayeesPaidInRoundSums() {
        var b = B()
        for amount in [Int64(500_000), 300_000, 123_456] {
            b.add(1, LogRecord(.disbursement, village: 0, party: 4, amount: amount))
        }
        for amount in [Int64(500_000), 123_456, 654_321] {
            b.add(1, LogRecord(.disbursement, village: 0, party: 5, amount: amount))
        }
        let raised = alerts(RoundAmountPayments.self, b.events)
        #expect(raised.map(\.subject.description) == ["bidder:4"])
    }

    @Test func f06FlagsASpikeAgainstTheVillagesOwnPast() {
        var b = B()
        for period in 0..<12 {
            b.add(
                Int32(period * 30),
                LogRecord(.disbursement, village: 0, code: 4, amount: 100_000 + Int64(period % 3) * 10_000))
        }
        b.add(360, LogRecord(.disbursement, village: 0, code: 4, amount: 400_000))
        b.add(390, LogRecord(.disbursement, village: 0, code: 4, amount: 100_000))  // closes the spike's period
        let raised = alerts(SpendingSpike.self, b.events)
        #expect(raised.count == 1)
        #expect(raised.first?.day == 390)
    }

    @Test func f07FlagsDistributionsJustBeforeAnElection() {
        var b = B()
        b.add(10, LogRecord(.compensationDistributed, village: 0, amount: 5, count: 100))
        b.add(100, LogRecord(.election, village: 0))  // 90 days later: fine
        b.add(150, LogRecord(.compensationDistributed, village: 0, amount: 5, count: 100))
        b.add(200, LogRecord(.election, village: 0))
        #expect(alerts(PreElectionPayments.self, b.events).map(\.day) == [200])
    }

    @Test func f08FlagsPaymentsNeverBooked() {
        var b = B()
        b.add(1, LogRecord(.payment, village: 0, subject: 1, amount: 500))
        b.add(5, LogRecord(.receipt, village: 0, subject: 1, amount: 500))
        b.add(6, LogRecord(.payment, village: 0, subject: 2, amount: 700))
        b.add(36, LogRecord(.receipt, village: 0, amount: 1))  // 30 days: still in grace
        b.add(37, LogRecord(.receipt, village: 0, amount: 1))
        let raised = alerts(ReceiptsMissing.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:2"])
        #expect(raised.first?.day == 37)
    }

    /// A receipt finds its payment however many other villages pay in between (the search once
    /// looked back over the last 256 payments of all villages, so a large world raised false
    /// alerts); a receipt of another village, or of another amount, books nothing.
    @Test func f08MatchesAReceiptWithinItsOwnVillage() {
        var b = B()
        b.add(1, LogRecord(.payment, village: 0, subject: 1, amount: 500))
        b.add(1, LogRecord(.payment, village: 0, subject: 2, amount: 600))
        for other in 1...1_000 { b.add(2, LogRecord(.payment, village: Int32(other), subject: 1, amount: 500)) }
        for other in 1...1_000 { b.add(3, LogRecord(.receipt, village: Int32(other), subject: 1, amount: 500)) }
        b.add(4, LogRecord(.receipt, village: 0, subject: 1, amount: 500))
        b.add(4, LogRecord(.receipt, village: 0, subject: 2, amount: 601))
        b.add(4, LogRecord(.receipt, village: 7, subject: 2, amount: 600))
        b.add(40, LogRecord(.receipt, village: 0, amount: 1))
        let raised = alerts(ReceiptsMissing.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:2"])
        #expect(raised.map(\.village) == [0])
    }

    /// Of two equal payments on a contract, a receipt books the later; the earlier is flagged
    /// once its grace is over.
    @Test func f08BooksTheLatestOfEqualPayments() {
        var b = B()
        b.add(1, LogRecord(.payment, village: 0, subject: 1, amount: 500))
        b.add(10, LogRecord(.payment, village: 0, subject: 1, amount: 500))
        b.add(12, LogRecord(.receipt, village: 0, subject: 1, amount: 500))
        b.add(32, LogRecord(.receipt, village: 0, amount: 1))
        b.add(45, LogRecord(.receipt, village: 0, amount: 1))
        let raised = alerts(ReceiptsMissing.self, b.events)
        #expect(raised.map(\.day) == [32])
        #expect(raised.map(\.score) == [31])
    }

    /// A village's waiting payments are found after the rule has dropped the expired ones of
    /// other villages from its list (once more than 1,024 of them), and a receipt books the one
    /// it matches behind a later one.
    @Test func f08FindsPaymentsAfterTheExpiredAreDropped() {
        var b = B()
        for village in 1...1_500 { b.add(1, LogRecord(.payment, village: Int32(village), subject: 1, amount: 500)) }
        for village in 1...1_500 { b.add(2, LogRecord(.receipt, village: Int32(village), subject: 1, amount: 500)) }
        b.add(40, LogRecord(.payment, village: 0, subject: 5, amount: 500))
        b.add(41, LogRecord(.payment, village: 0, subject: 6, amount: 500))
        b.add(42, LogRecord(.receipt, village: 0, subject: 5, amount: 500))
        b.add(80, LogRecord(.receipt, village: 0, amount: 1))
        let raised = alerts(ReceiptsMissing.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:6"])
        #expect(raised.map(\.day) == [80])
    }

    @Test func f09FlagsLoansAndRedWithoutAVote() {
        var b = B()
        b.add(1, LogRecord(.decision, village: 0, code: 3, count: 20, count2: 5))
        b.add(2, LogRecord(.loan, village: 0, code: 0, party: 3, amount: 10))
        b.add(3, LogRecord(.loan, village: 1, code: 0, party: 3, amount: 10))
        b.add(200, LogRecord(.loan, village: 0, code: 1, party: 3, amount: 11))
        #expect(alerts(MoneyLentOut.self, b.events).map(\.severity) == [.yellow, .red])
    }

    @Test func o01FlagsPetitionClusters() {
        var b = B()
        b.add(1, LogRecord(.petition, village: 0, count: 4))
        b.add(50, LogRecord(.petition, village: 0, count: 3))  // 7 of 8
        b.add(120, LogRecord(.petition, village: 0, count: 1))  // the first fell out of the window: 4
        #expect(alerts(PetitionCluster.self, b.events).isEmpty)
        b.add(121, LogRecord(.petition, village: 0, count: 4))  // 3 + 1 + 4
        #expect(alerts(PetitionCluster.self, b.events).map(\.score) == [8])
    }

    /// O03 at its threshold (70%) and below, losers never, orange from 85%.
    @Test func o03FlagsLandslides() {
        var b = B()
        b.add(1, LogRecord(.ballot, village: 0, subject: 5, other: 1, count: 699, count2: 1000))  // 69.9%
        b.add(1, LogRecord(.ballot, village: 0, subject: 6, other: 0, count: 301, count2: 1000))
        b.add(2, LogRecord(.ballot, village: 1, subject: 7, other: 0, count: 800, count2: 1000))  // lost (a tie-break)
        #expect(alerts(LandslideElection.self, b.events).isEmpty)
        b.add(3, LogRecord(.ballot, village: 2, subject: 8, other: 1, count: 700, count2: 1000))  // 70%
        b.add(4, LogRecord(.ballot, village: 3, subject: 9, other: 1, count: 850, count2: 1000))  // 85%
        let raised = alerts(LandslideElection.self, b.events)
        #expect(raised.map(\.village) == [2, 3] && raised.map(\.severity) == [.yellow, .orange])
        #expect(raised.map(\.score) == [0.7, 0.85])
        #expect(alerts(LandslideElection.self, b.events, ["share": 0.9]).isEmpty)
    }

    @Test func o02FlagsSilentVillagesOnce() {
        var b = B()
        b.add(0, LogRecord(.publicity, village: 0))
        b.add(120, LogRecord(.receipt, village: 0, amount: 1))
        b.add(121, LogRecord(.receipt, village: 0, amount: 1))
        b.add(122, LogRecord(.receipt, village: 0, amount: 1))
        b.add(130, LogRecord(.receipt, village: 1, amount: 1))  // a village that never posted
        b.add(241, LogRecord(.receipt, village: 0, amount: 1))
        let raised = alerts(PublicityOverdue.self, b.events)
        #expect(raised.map(\.day) == [121, 130, 241])
        #expect(raised.map(\.severity) == [.yellow, .yellow, .orange])
        #expect(raised.map(\.evidence) == [[1, 3], [5], [1, 6]], "the last posting, then the event")
    }
}
