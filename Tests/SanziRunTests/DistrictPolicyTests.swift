import Foundation
import SanziAlerts
import SanziEvents
import SanziRun
import SanziScenario
import Testing

/// Scenarios/county-districts.xml: four districts, approval tiers of 2,000 / 20,000 yuan, the
/// East's listing threshold cut to 30,000 yuan and the North's cash cap to 3,000 yuan. The log
/// says where each change applies, and every alert judges against the value in force at its
/// time and place.
@Suite("District policies")
struct DistrictPolicyTests {
    struct Run {
        var scenario: Scenario
        var events: [LoggedEvent]
        var alerts: [Alert]

        /// The district of a village, by position.
        func district(of village: Int32) -> String {
            let id = scenario.geography.villages[Int(village)].id
            return scenario.geography.districts.first { $0.towns.contains { $0.villages.contains { $0.id == id } } }?
                .id ?? ""
        }

        func day(_ date: String) -> Int32 {
            let parts = date.split(separator: "-").compactMap { Int($0) }
            let target = CalendarDate(year: parts[0], month: parts[1], day: parts[2])
            return Int32(target.map { scenario.start.days(until: $0) } ?? 0)
        }
    }

    static let run: Run? = {
        let path = "\(SettingCoverageTests.root)/Scenarios/county-districts.xml"
        guard let scenario = try? ScenarioLoader.loadScenario(contentsOf: path).value,
            let rules = try? AlertEngine(settings: scenario.alerts)
        else { return nil }
        let collector = EventCollector()
        let result = RunPipeline.simulate(scenario, seed: scenario.seed, rules: rules, consumers: [collector])
        return Run(scenario: scenario, events: collector.events, alerts: Array(result.alerts))
    }()

    @Test func aDistrictsInterventionIsLoggedOnceForEachOfItsVillages() throws {
        let run = try #require(Self.run)
        let changes = run.events.filter { $0.record.type == .intervention }
        let threshold = changes.filter { $0.record.interventionKind == .listingThreshold }
        let cap = changes.filter { $0.record.interventionKind == .cashCap }
        #expect(threshold.count == 10 && cap.count == 10)
        #expect(threshold.allSatisfy { run.district(of: $0.record.village) == "east" && $0.record.party == 1 })
        #expect(cap.allSatisfy { run.district(of: $0.record.village) == "north" && $0.record.party == 0 })
        #expect(Set(threshold.map(\.record.village)).count == 10)
    }

    /// P01 flags a small deal only at or above the threshold of its district on its day.
    @Test func p01JudgesEachDealAgainstItsDistrictsThreshold() throws {
        let run = try #require(Self.run)
        let cut = run.day("2014-01-01")
        let p01 = run.alerts.filter { $0.rule == "P01" }
        #expect(!p01.isEmpty)
        for alert in p01 {
            let east = run.district(of: alert.village) == "east" && alert.day >= cut
            #expect(alert.threshold == (east ? 30_000 : 50_000), "\(alert)")
            #expect(alert.score >= alert.threshold)
        }
        #expect(p01.contains { $0.threshold == 30_000 })
    }

    /// F02 judges against the scenario's tiers: an honest disbursement, signed off as the
    /// scenario's tiers ask, is never flagged; F01 uses the North's cap only in the North.
    @Test func fundsRulesJudgeAgainstTheScenariosOwnRules() throws {
        let run = try #require(Self.run)
        for alert in run.alerts where alert.rule == "F02" {
            #expect(alert.threshold == 2_000 || alert.threshold == 20_000, "\(alert)")
        }
        let capped = run.day("2014-07-01")
        for alert in run.alerts where alert.rule == "F01" && alert.values.isEmpty {
            let north = run.district(of: alert.village) == "north" && alert.day >= capped
            #expect(alert.threshold == (north ? 3_000 : 5_000), "\(alert)")
        }
        let disbursements = run.events.filter { $0.record.type == .disbursement }
        let signedAsTheScenarioAsks = disbursements.filter { event in
            UInt8(event.record.count2) >= run.scenario.finance.approver(for: event.record.amount).rank
        }
        let flagged = Set(run.alerts.filter { $0.rule == "F02" }.flatMap(\.evidence))
        #expect(signedAsTheScenarioAsks.count > 1_000)
        #expect(signedAsTheScenarioAsks.allSatisfy { !flagged.contains($0.id) })
    }
}
