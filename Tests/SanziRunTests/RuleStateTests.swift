import SanziAlerts
import SanziEvents
import SanziScenario
import Testing

@testable import SanziRun

/// What each rule remembers, as its documentation says (`RuleDocumentation.state`): a rule that
/// keeps nothing, or keeps it per deal or per village, raises on each village's events alone
/// what it raises on the whole log; a rule that keeps it per district, on each district's
/// events alone. What a run split by district must bring together is then only the rules that
/// follow parties across villages.
@Suite("What each rule remembers")
struct RuleStateTests {
    /// One rule, with its defaults, over events: what it raised, each with the event it was
    /// reading then.
    static func raised(by rule: any AlertRule.Type, over events: [LoggedEvent]) -> [(alert: Alert, event: LoggedEvent)]
    {
        func run<Rule: AlertRule>(_ rule: Rule.Type) -> [(alert: Alert, event: LoggedEvent)] {
            var instance = rule.init(parameters: RuleParameters())
            return instance.raisedWithTheirEvents(over: events)
        }
        return run(rule)
    }

    /// The same alerts in a form to compare, sorted.
    static func compared(_ raised: [(alert: Alert, event: LoggedEvent)]) -> [String] {
        raised.map {
            "\($0.alert.rule) \($0.alert.village) \($0.alert.subject) \($0.alert.day) \($0.alert.score) \($0.alert.evidence)"
        }
        .sorted()
    }

    /// The log of a run of the four-district county (seed 1), and each village's district.
    static func countyRun() throws -> (events: [LoggedEvent], district: [Int32: Int64]) {
        var scenario = try WorldFixtures.scenario("county-districts")
        scenario.seed = 1
        return try run(scenario)
    }

    /// The log of a run of `scenario` with its seed, and each village's district.
    static func run(_ scenario: Scenario) throws -> (events: [LoggedEvent], district: [Int32: Int64]) {
        let collector = EventCollector()
        _ = RunPipeline.simulate(
            scenario, seed: scenario.seed, rules: try AlertEngine(settings: scenario.alerts), consumers: [collector])
        var district: [Int32: Int64] = [:]
        for event in collector.events where event.record.type == .village {
            district[event.record.village] = event.record.party
        }
        return (collector.events, district)
    }

    /// On a run of the four-district county (seed 1), and on `DistrictRulesTests`' county,
    /// every local rule's alerts over the whole log are the union of its alerts over each
    /// village's (or district's) events, the scenario-wide ones (village −1) included in each
    /// (F08 aside, whose alerts keep the whole log's days). (V03, per district, raises nothing in
    /// this county, and the rules that follow parties across villages happen to raise the same
    /// on the villages' events here: their parties seldom cross villages within their windows.)
    @Test func localRulesNeedOnlyTheirOwnVillagesOrDistrictsEvents() throws {
        var checked = 0
        var compared = 0
        for (events, district) in [try Self.countyRun(), try Self.run(DistrictRulesTests.scenario())] {
            #expect(Set(district.values).count == 4)
            func parts(by key: (Int32) -> Int64) -> [[LoggedEvent]] {
                let keys = Set(events.compactMap { $0.record.village >= 0 ? key($0.record.village) : nil })
                return keys.sorted().map { part in
                    events.filter { $0.record.village < 0 || key($0.record.village) == part }
                }
            }
            let byVillage = parts { Int64($0) }
            let byDistrict = parts { district[$0] ?? -1 }
            for rule in RuleCatalogue.rules where rule.raisesOnItsVillagesEvents {
                let split: [[LoggedEvent]]
                switch rule.documentation.state {
                case .event, .deal, .village: split = byVillage
                case .district: split = byDistrict
                case .party: continue
                }
                let whole = Self.compared(Self.raised(by: rule, over: events))
                let pieces = split.flatMap { Self.compared(Self.raised(by: rule, over: $0)) }.sorted()
                #expect(
                    whole == pieces,
                    "\(rule.documentation.id): \(whole.count) alerts on the whole log, \(pieces.count) on its parts")
                checked += 1
                compared += whole.count
            }
        }
        #expect(checked >= 50)
        #expect(compared > 2_000, "the comparison is not empty")
    }

    /// A local rule raises each alert while it reads an event of the alert's own village (per
    /// district, of its district), never on another village's event: so that such rules, run
    /// inside a split run's districts, raise each alert at the same place of the merged log as
    /// the one engine (the union above says only which alerts, not where). A rule that says it
    /// does not (`raisesOnItsVillagesEvents`, F08) does raise elsewhere. Over the county's log
    /// (seed 1) and the log of `DistrictRulesTests`' county, where F08 raises.
    @Test func localRulesRaiseOnTheirOwnVillagesEvents() throws {
        let logs = [try Self.countyRun(), try Self.run(DistrictRulesTests.scenario())]
        var raised = 0
        var elsewhereAsSaid: Set<String> = []
        for (events, district) in logs {
            for rule in RuleCatalogue.rules where rule.documentation.state != .party {
                let all = Self.raised(by: rule, over: events)
                let elsewhere = all.filter { alert, event in
                    let on = event.record.village
                    return rule.documentation.state == .district
                        ? district[alert.village] != district[on] : alert.village != on
                }
                let id = rule.documentation.id
                guard rule.raisesOnItsVillagesEvents else {
                    if !elsewhere.isEmpty { elsewhereAsSaid.insert(id) }
                    continue
                }
                let first =
                    elsewhere.first.map {
                        "village \($0.event.record.village)'s event, for village \($0.alert.village)"
                    }
                    ?? ""
                #expect(elsewhere.isEmpty, "\(id): \(elsewhere.count) raised elsewhere, the first on \(first)")
                raised += all.count
            }
        }
        #expect(raised > 2_000, "the check is not empty")
        var saidElsewhere: Set<String> = []
        for rule in RuleCatalogue.rules where !rule.raisesOnItsVillagesEvents {
            saidElsewhere.insert(rule.documentation.id)
        }
        #expect(saidElsewhere == elsewhereAsSaid, "the rules that say they raise elsewhere do")
    }

    /// F08 by hand: a payment in village 0 on day 0 with no receipt, then village 1's receipt on
    /// day 31, past the 30 days' grace: village 0's alert comes while reading village 1's
    /// receipt, on day 31.
    @Test func receiptsMissingRaisesAtTheLogsDays() {
        let events = [
            LoggedEvent(id: 1, day: 0, record: LogRecord(.payment, village: 0, subject: 7, party: 3, amount: 10_000)),
            LoggedEvent(id: 2, day: 31, record: LogRecord(.receipt, village: 1, subject: 8, amount: 5_000)),
        ]
        let raised = Self.raised(by: ReceiptsMissing.self, over: events)
        #expect(raised.count == 1)
        #expect(raised.first?.alert.village == 0 && raised.first?.event.record.village == 1)
        #expect(raised.first?.alert.day == 31 && raised.first?.alert.evidence == [1])
        #expect(!ReceiptsMissing.raisesOnItsVillagesEvents)
    }
}
