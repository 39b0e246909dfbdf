import Foundation
import SanziEvents
import SanziScenario
import Testing

@testable import SanziAlerts

/// Rules judge against the policy in force at the time and place: the scenario's own rules
/// by default, a district's intervention only in that district's villages.
@Suite("Policy in force")
struct PolicyInForceTests {
    typealias B = EventBuilder

    /// An intervention as the world logs it: without a village when it applies everywhere,
    /// else once per village of its district.
    static func intervention(_ kind: LogRecord.InterventionKind, _ value: Int64, village: Int32 = -1) -> LogRecord {
        LogRecord(
            .intervention, village: village, code: kind.rawValue, party: village < 0 ? -1 : 0, amount: value)
    }

    /// A small deal (no listing) of `yuan` in a village.
    static func smallDeal(_ id: Int64, yuan: Int64, village: Int32) -> LogRecord {
        B.contract(id, listing: -1, annual: yuan * 100, total: yuan * 100, village: village)
    }

    @Test func p01AppliesADistrictsThresholdOnlyInItsVillages() {
        var b = B()
        b.add(0, Self.intervention(.listingThreshold, 3_000_000, village: 0))  // 30,000 yuan in village 0 only
        b.add(1, Self.smallDeal(1, yuan: 40_000, village: 0))
        b.add(1, Self.smallDeal(2, yuan: 40_000, village: 1))  // village 1 keeps 50,000
        b.add(1, Self.smallDeal(3, yuan: 50_000, village: 1))
        b.add(2, Self.intervention(.listingThreshold, 6_000_000))  // 60,000 yuan everywhere
        b.add(3, Self.smallDeal(4, yuan: 55_000, village: 0))
        b.add(3, Self.smallDeal(5, yuan: 60_000, village: 1))
        let raised = alerts(OffPlatformDeal.self, b.events)
        #expect(raised.map(\.subject.description) == ["contract:1", "contract:3", "contract:5"])
        #expect(raised.map(\.threshold) == [30_000, 50_000, 60_000])
        #expect(
            OffPlatformDeal.sentence(for: raised[0], roleOf: { _ in nil })
                == "worth 40,000 yuan, yet kept off the platform (threshold 30,000 yuan)")
    }

    @Test func p02SplitsAreJudgedAgainstTheVillagesThreshold() {
        var b = B()
        b.add(0, Self.intervention(.listingThreshold, 3_000_000, village: 1))
        for (id, village) in [(Int64(1), Int32(0)), (2, 0), (3, 1), (4, 1)] {
            b.add(
                1,
                B.contract(id, listing: -1, party: Int64(10 + village), annual: 0, total: 2_000_000, village: village))
        }
        let raised = alerts(SplitDeals.self, b.events)
        #expect(raised.map(\.village) == [1])
        #expect(raised.map(\.threshold) == [30_000])
    }

    @Test func p03FollowsAnnouncementChangesWhereTheyApply() {
        var b = B()
        b.add(0, Self.intervention(.announcementDays, 20, village: 1))
        b.add(1, B.listing(1, appraisal: 100, reserve: 100, days: 15, village: 0))
        b.add(1, B.listing(2, appraisal: 100, reserve: 100, days: 15, village: 1))
        let raised = alerts(ShortAnnouncement.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:2"])
        #expect(raised.map(\.threshold) == [20])
    }

    @Test func f01FollowsADistrictsCashCap() {
        var b = B()
        b.add(0, Self.intervention(.cashCap, 300_000, village: 0))  // 3,000 yuan in village 0
        b.add(1, LogRecord(.receipt, village: 0, amount: 400_000, count: 2))
        b.add(1, LogRecord(.receipt, village: 1, amount: 400_000, count: 2))
        let raised = alerts(CashAndBanking.self, b.events)
        #expect(raised.map(\.village) == [0])
        #expect(raised.map(\.threshold) == [3_000])
    }

    @Test func theWarningSystemRunsOnlyWhereItIsSwitchedOn() throws {
        var engine = try AlertEngine(settings: AlertSettings(warningSystem: false))
        var b = B()
        b.add(0, Self.intervention(.warningSystem, 1, village: 1))
        b.add(1, B.listing(1, appraisal: 100, reserve: 100, days: 2, relisting: 1, village: 0))
        b.add(1, B.listing(2, appraisal: 100, reserve: 100, days: 2, relisting: 1, village: 1))
        b.add(2, Self.intervention(.warningSystem, 0))
        b.add(3, B.listing(3, appraisal: 100, reserve: 100, days: 2, relisting: 1, village: 1))
        let raised = b.events.flatMap { engine.observe($0) }
        #expect(raised.map(\.subject.description) == ["listing:2"])
    }

    /// F02 with the scenario's tiers (2,000 / 20,000 yuan): 1,500 yuan signed by the finance
    /// head is in order; the catalogue's 1,000 / 10,000 would call it unapproved.
    @Test func rulesDefaultToTheScenariosPolicyUnlessSet() throws {
        var finance = FinanceRules()
        finance.approvalTiers = [
            .init(upTo: Money(yuan: 2_000), approver: .financeHead),
            .init(upTo: Money(yuan: 20_000), approver: .twoCommittees),
            .init(upTo: nil, approver: .representativesMeeting),
        ]
        let policy = RulePolicy(platform: PlatformRules(), finance: finance)
        var b = B()
        b.add(1, LogRecord(.disbursement, village: 0, amount: 150_000, count2: 0))  // 1,500 yuan, finance head
        b.add(1, LogRecord(.disbursement, village: 0, amount: 1_500_000, count2: 1))  // 15,000 yuan, committees
        b.add(1, LogRecord(.disbursement, village: 0, amount: 250_000, count2: 0))  // 2,500 yuan, finance head
        func raised(_ settings: AlertSettings) throws -> [Double] {
            var engine = try AlertEngine(settings: settings)
            return b.events.flatMap { engine.observe($0) }.filter { $0.rule == "F02" }.map(\.score)
        }
        #expect(try raised(AlertSettings()) == [1_500, 15_000, 2_500])
        #expect(try raised(AlertSettings(policy: policy)) == [2_500])
        let set = AlertSettings.Rule(id: "F02", parameters: [.init(name: "tier1-yuan", value: 1_000)])
        #expect(try raised(AlertSettings(rules: [set], policy: policy)) == [1_500, 2_500])
    }

    typealias Tier = FinanceRules.ApprovalTier

    @Test(
        arguments: [
            (
                [
                    Tier(upTo: Money(yuan: 2_000), approver: .financeHead),
                    Tier(upTo: Money(yuan: 20_000), approver: .twoCommittees),
                    Tier(upTo: nil, approver: .representativesMeeting),
                ], 2_000, 20_000
            ),
            (
                [
                    Tier(upTo: Money(yuan: 5_000), approver: .twoCommittees),
                    Tier(upTo: nil, approver: .representativesMeeting),
                ], 0, 5_000
            ),
            (
                [
                    Tier(upTo: Money(yuan: 3_000), approver: .financeHead),
                    Tier(upTo: nil, approver: .representativesMeeting),
                ], 3_000, 3_000
            ),
            (
                [Tier(upTo: Money(yuan: 3_000), approver: .financeHead), Tier(upTo: nil, approver: .twoCommittees)],
                3_000, nil
            ),
        ] as [([Tier], Double?, Double?)])
    func approvalLimitsComeFromTheTiers(tiers: [Tier], financeHead: Double?, committees: Double?) {
        var finance = FinanceRules()
        finance.approvalTiers = tiers
        let policy = RulePolicy(platform: PlatformRules(), finance: finance)
        #expect(policy[.financeHeadLimitYuan] == financeHead)
        #expect(policy[.twoCommitteesLimitYuan] == committees)
        let tier2 = RuleCatalogue.rule("F02")?.documentation.parameters[1]
        #expect(tier2?.defaultValue(under: policy) == committees ?? 10_000_000)
    }

    @Test func aThresholdsFileRecordsThePolicyAndReadsItBack() throws {
        var platform = PlatformRules()
        platform.listingThreshold = Money(yuan: 30_000)
        platform.announcementDays = 15
        var finance = FinanceRules()
        finance.cashCap = Money(yuan: 3_000)
        finance.approvalTiers = [
            .init(upTo: Money(yuan: 2_000), approver: .financeHead), .init(upTo: nil, approver: .twoCommittees),
        ]
        let settings = AlertSettings(policy: RulePolicy(platform: platform, finance: finance))
        let document = settings.thresholdsDocument
        #expect(
            document.contains(
                #"<policy listing-threshold-yuan="30000" announcement-days="15" cash-cap-yuan="3000" banking-days="3" finance-head-limit-yuan="2000"/>"#
            ))
        let path = "/tmp/sanzi-policy-\(ProcessInfo.processInfo.processIdentifier).xml"
        try document.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ScenarioLoader.loadThresholds(contentsOf: path).value == settings)
    }
}
