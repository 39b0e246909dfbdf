import Foundation
import SanziAlerts
import SanziEvents
import SanziScenario
import SanziWorld
import Testing

/// The rules kept within a district run inside a split run's districts (`DistrictRules`,
/// `RulesInShard`): the alerts are those of one engine over the merged log, to the byte.
@Suite("Rules inside the districts")
struct DistrictRulesTests {
    /// The four-district county with news windows of 30 days and, on top of its own district
    /// interventions, changes for every district (which the first district logs, once): the
    /// listing threshold and the cash cap, both read by rules kept per village, and the warning
    /// system off for half a year; the ring among the county's shared firms, and C08 raised at
    /// two wins from a village in a year, so that a district rule names a shared firm.
    static func scenario() throws -> Scenario {
        let path = "\(SettingCoverageTests.root)/Scenarios/county-districts.xml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacing("<geography>", with: #"<geography news-window-days="30">"#)
            .replacing(#"<ring id="east-ring" pool="east-firms""#, with: #"<ring id="city-ring" pool="county-firms""#)
            .replacing(
                #"<alerts warning-system="true">"#,
                with: #"<alerts warning-system="true"><rule id="C08"><param name="wins" value="2"/></rule>"#
            )
            .replacing(
                "<interventions>",
                with: """
                    <interventions>
                    <intervention date="2013-09-01" name="Everywhere: a lower threshold"><set-listing-threshold yuan="20000"/></intervention>
                    <intervention date="2014-03-01" name="Everywhere: a lower cap"><set-cash-cap yuan="4000"/></intervention>
                    <intervention date="2014-06-01" name="Warnings off"><warning-system enabled="false"/></intervention>
                    <intervention date="2015-01-01" name="Warnings on"><warning-system enabled="true"/></intervention>
                    """)
        return try ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: path).value
    }

    /// The split run with the district rules handed to its districts, on `threads` threads:
    /// the merged log, and the alerts the engine raised with them.
    static func run(_ scenario: Scenario, threads: Int) throws -> (events: [LoggedEvent], alerts: [Alert]) {
        var engine = try AlertEngine(settings: scenario.alerts)
        let districts = engine.handOverDistrictRules()
        let handed = DistrictAlerts()
        let collector = AlertCollector(engine: engine, districts: handed)
        let log = EventCollector()
        _ = SplitRun.run(
            scenario, seed: scenario.seed, sink: TeeSink([log, collector]), threads: threads,
            readers: { _ in RulesInShard(districts, handingTo: handed) })
        return (log.events, Array(collector.alerts))
    }

    @Test func theDistrictsRulesRaiseWhatOneEngineRaisesOverTheMergedLog() throws {
        let scenario = try Self.scenario()
        for threads in [1, 2] {
            let (events, alerts) = try Self.run(scenario, threads: threads)
            var whole = try AlertEngine(settings: scenario.alerts)
            let expected = events.flatMap { whole.observe($0) }
            let apart = (0..<min(alerts.count, expected.count)).first { alerts[$0] != expected[$0] }
            #expect(
                apart == nil && alerts.count == expected.count,
                "\(threads) threads: \(alerts.count) alerts against \(expected.count), apart from \(apart ?? -1)")
            // Not empty; P01 (the threshold) and F01 (the cap), which read the changes the first
            // district logs for every district, raise in the others after them (a district's
            // rules that missed those changes raised two alerts fewer here); nothing is raised
            // while the warning system is off.
            let firstDistrict = Set(
                events.filter { $0.record.type == .village && $0.record.party == 0 }.map(\.record.village))
            let after = { (rule: String, day: Int32) in
                expected.filter { $0.rule == rule && $0.day >= day && !firstDistrict.contains($0.village) }.count
            }
            #expect(expected.count > 1_000)
            // A firm of the county's shared pool (one that registered in villages of two
            // districts or more) is one bidder in every district's ids, given when the merged
            // log first names it: a district rule's alert names one.
            let district = Dictionary(
                events.filter { $0.record.type == .village }.map { ($0.record.village, $0.record.party) },
                uniquingKeysWith: { first, _ in first })
            var registered: [Int64: Set<Int64>] = [:]
            for event in events where event.record.type == .registration {
                registered[event.record.party, default: []].insert(district[event.record.village] ?? -1)
            }
            #expect(
                expected.contains { alert in
                    guard case .bidder(let bidder) = alert.subject else { return false }
                    return RuleCatalogue.rule(alert.rule)?.documentation.state != .party
                        && registered[bidder, default: []].count >= 2
                })
            #expect(after("P01", 243) > 0 && after("F01", 424) > 0)
            #expect(!expected.contains { (516..<730).contains($0.day) && $0.rule != "E01" && $0.rule != "E02" })
        }
    }
}
