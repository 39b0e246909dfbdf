import Foundation
import SanziEvents
import SanziScenario
import SanziWorld
import Testing

@testable import SanziAlerts

/// The rules kept within a district run inside a split run's districts (`DistrictRules`,
/// `RulesInShard`): the alerts are those of one engine over the merged log, to the byte.
@Suite("Rules inside the districts")
struct DistrictRulesTests {
    /// The four-district county with news windows of 30 days and, on top of its own district
    /// interventions, changes for every district (which the first district logs, once): the
    /// listing threshold and the cash cap (raised, so that more rent is paid in cash), both read
    /// by rules kept per village, and the warning system off for half a year; the ring among the
    /// county's shared firms; half the cash receipts booked late (look-alikes of embezzled
    /// receipts, which F08 raises on); and `looserRules`.
    static func scenario() throws -> Scenario {
        let path = "\(SettingCoverageTests.root)/Scenarios/county-districts.xml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacing("<geography>", with: #"<geography news-window-days="30">"#)
            .replacing(#"<ring id="east-ring" pool="east-firms""#, with: #"<ring id="city-ring" pool="county-firms""#)
            .replacing(#" reserve-ratio="1">"#, with: #" reserve-ratio="1" disqualification="0.3">"#)
            .replacing(
                #"<look-alike of="embezzled-receipts" rate="0.01"/>"#,
                with: #"<look-alike of="embezzled-receipts" rate="0.5"/>"#
            )
            .replacing(
                #"<alerts warning-system="true">"#,
                with: #"<alerts warning-system="true">"# + Self.looserRules
            )
            .replacing(
                "<interventions>",
                with: """
                    <interventions>
                    <intervention date="2013-09-01" name="Everywhere: a lower threshold"><set-listing-threshold yuan="20000"/></intervention>
                    <intervention date="2014-03-01" name="Everywhere: a higher cap"><set-cash-cap yuan="20000"/></intervention>
                    <intervention date="2014-06-01" name="Warnings off"><warning-system enabled="false"/></intervention>
                    <intervention date="2015-01-01" name="Warnings on"><warning-system enabled="true"/></intervention>
                    """)
        return try ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: path).value
    }

    /// Rules set loose so that each rule kept within a district raises here but F04 and F10
    /// (compensation: F10 raises in the county's own run, `RuleStateTests`; F04 in none of the
    /// tests' logs, and reads only its own village's records): C08 at two wins, so that its alerts name firms of the shared pool; P04, V03, O02
    /// and C06 (with one registration in three turned away at the bid opening, which C05 needs
    /// too) at their most permissive.
    static let looserRules = """
        <rule id="C08"><param name="wins" value="2"/></rule>
        <rule id="P04"><param name="maximum-days" value="1"/></rule>
        <rule id="V03"><param name="k" value="0.5"/><param name="minimum-peers" value="4"/></rule>
        <rule id="O02"><param name="maximum-gap-days" value="20"/></rule>
        <rule id="C06"><param name="share" value="0.1"/><param name="minimum" value="1"/></rule>
        """

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
            var handedOver: Set<String> = []
            for rule in RuleCatalogue.rules where DistrictRules.keepsWithinADistrict(rule) {
                handedOver.insert(rule.documentation.id)
            }
            let silent = handedOver.subtracting(expected.map(\.rule))
            #expect(silent == ["F04", "F10"], "the rules handed over that raise nothing here: \(silent.sorted())")
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
            // F08 raises a payment's alert at the first payment or receipt of any village past
            // its grace: it stays with the run's engine, and raises here.
            #expect(expected.contains { $0.rule == "F08" })
            #expect(!expected.contains { (516..<730).contains($0.day) && $0.rule != "E01" && $0.rule != "E02" })
        }
    }
}
