import SanziEvents
import Testing

@testable import SanziAlerts
@testable import SanziRun

/// What each rule remembers, as its documentation says (`RuleDocumentation.state`): a rule that
/// keeps nothing, or keeps it per deal or per village, raises on each village's events alone
/// what it raises on the whole log; a rule that keeps it per district, on each district's
/// events alone. What a run split by district must bring together is then only the rules that
/// follow parties across villages.
@Suite("What each rule remembers")
struct RuleStateTests {
    /// One rule, with its defaults, over events: what it raised, in a form to compare.
    static func raised(by rule: any AlertRule.Type, over events: [LoggedEvent]) -> [String] {
        func run<Rule: AlertRule>(_ rule: Rule.Type) -> [Alert] {
            var instance = rule.init(parameters: RuleParameters())
            return instance.raised(over: events)
        }
        return run(rule).map { "\($0.rule) \($0.village) \($0.subject) \($0.day) \($0.score) \($0.evidence)" }.sorted()
    }

    /// On a run of the four-district county (seed 1), every local rule's alerts over the whole
    /// log are the union of its alerts over each village's (or district's) events, the
    /// scenario-wide ones (village −1) included in each. (V03, per district, raises nothing in
    /// this county, and the rules that follow parties across villages happen to raise the same
    /// on the villages' events here: their parties seldom cross villages within their windows.)
    @Test func localRulesNeedOnlyTheirOwnVillagesOrDistrictsEvents() throws {
        let scenario = try WorldFixtures.scenario("county-districts")
        let collector = EventCollector()
        _ = RunPipeline.simulate(
            scenario, seed: 1, rules: try AlertEngine(settings: scenario.alerts), consumers: [collector])
        let events = collector.events
        var district: [Int32: Int64] = [:]
        for event in events where event.record.type == .village { district[event.record.village] = event.record.party }
        #expect(Set(district.values).count == 4)
        func parts(by key: (Int32) -> Int64) -> [[LoggedEvent]] {
            let keys = Set(events.compactMap { $0.record.village >= 0 ? key($0.record.village) : nil })
            return keys.sorted().map { part in
                events.filter { $0.record.village < 0 || key($0.record.village) == part }
            }
        }
        let byVillage = parts { Int64($0) }
        let byDistrict = parts { district[$0] ?? -1 }
        var checked = 0
        var compared = 0
        for rule in RuleCatalogue.rules {
            let split: [[LoggedEvent]]
            switch rule.documentation.state {
            case .event, .deal, .village: split = byVillage
            case .district: split = byDistrict
            case .party: continue
            }
            let whole = Self.raised(by: rule, over: events)
            let pieces = split.flatMap { Self.raised(by: rule, over: $0) }.sorted()
            #expect(
                whole == pieces,
                "\(rule.documentation.id): \(whole.count) alerts on the whole log, \(pieces.count) on its parts")
            checked += 1
            compared += whole.count
        }
        #expect(checked >= 25)
        #expect(compared > 1_000, "the comparison is not empty")
    }

    /// Where each alert is raised: for each event the rule is shown, in order, the alerts it
    /// raised on it, with the village of that event.
    static func raisedAt(by rule: any AlertRule.Type, over events: [LoggedEvent]) -> [(alert: Alert, on: Int32)] {
        func run<Rule: AlertRule>(_ rule: Rule.Type) -> [(alert: Alert, on: Int32)] {
            var instance = rule.init(parameters: RuleParameters())
            var declarations = Declarations(keeping: Rule.kept)
            var output = AlertOutput()
            var raised: [(alert: Alert, on: Int32)] = []
            for event in events {
                declarations.read(event)
                if Rule.reads.contains(event.record.type) {
                    let before = output.raisedAlerts.count
                    instance.observe(event, declarations, &output)
                    raised += output.raisedAlerts[before...].map { ($0, event.record.village) }
                }
                declarations.settle(event)
            }
            return raised
        }
        return run(rule)
    }

    /// A local rule raises each alert while it reads an event of the alert's own village (per
    /// district, of its district), never on another village's event: so that, were such rules
    /// to run inside a split run's districts, each alert would come at the same place of the
    /// merged log as in the one world (the union above says only which alerts, not where).
    @Test func localRulesRaiseOnTheirOwnVillagesEvents() throws {
        let scenario = try WorldFixtures.scenario("county-districts")
        let collector = EventCollector()
        _ = RunPipeline.simulate(
            scenario, seed: 1, rules: try AlertEngine(settings: scenario.alerts), consumers: [collector])
        let events = collector.events
        var district: [Int32: Int64] = [:]
        for event in events where event.record.type == .village { district[event.record.village] = event.record.party }
        var raised = 0
        for rule in RuleCatalogue.rules where rule.documentation.state != .party {
            let all = Self.raisedAt(by: rule, over: events)
            let elsewhere = all.filter { alert, on in
                rule.documentation.state == .district
                    ? district[alert.village] != district[on] : alert.village != on
            }
            let first = elsewhere.first.map { "village \($0.on)'s event, for village \($0.alert.village)" } ?? ""
            let id = rule.documentation.id
            #expect(elsewhere.isEmpty, "\(id): \(elsewhere.count) raised elsewhere, the first on \(first)")
            raised += all.count
        }
        #expect(raised > 1_000, "the check is not empty")
    }
}
