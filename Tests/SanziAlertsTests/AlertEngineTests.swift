import SanziEvents
import SanziScenario
import Testing

@testable import SanziAlerts

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The alert engine")
struct AlertEngineTests {
    typealias B = EventBuilder

    func settings(_ text: String) throws -> AlertSettings {
        try ScenarioLoader.loadThresholds(contentsOf: write(text)).value
    }

    func write(_ text: String) -> String {
        let path = "/tmp/sanzi-thresholds-\(text.hashValue).xml"
        _ = text.utf8CString.withUnsafeBufferPointer { buffer in
            let file = fopen(path, "w")
            defer { fclose(file) }
            return fputs(buffer.baseAddress!, file)
        }
        return path
    }

    @Test func theCatalogueHasAtLeastTwentyFiveDocumentedRules() {
        let rules = RuleCatalogue.documentation
        #expect(rules.count >= 25)
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(rules.allSatisfy { !$0.detects.isEmpty && !$0.source.isEmpty && !$0.severity.isEmpty })
        #expect(rules.allSatisfy { $0.parameters.allSatisfy { $0.range.contains($0.defaultValue) } })
    }

    /// Each rule tells its alerts in its own words (no rule falls back to "ID: score against
    /// threshold"), escalations included.
    @Test func everyRuleHasItsOwnSentence() {
        for type in RuleCatalogue.rules {
            let alert = Alert(
                rule: type.id, severity: .yellow, day: 0, village: 0, subject: .village, score: 3, threshold: 2,
                evidence: [], values: [.init("office_holder", 5)])
            let sentence = RuleCatalogue.sentence(for: alert, roleOf: { _ in "director" })
            #expect(!sentence.hasPrefix("\(type.id):") && !sentence.isEmpty, "\(type.id): \(sentence)")
        }
        let escalation = Alert(
            rule: "E02", severity: .red, day: 0, village: 0, subject: .village, score: 3, threshold: 3, evidence: [])
        #expect(RuleCatalogue.sentence(for: escalation, roleOf: { _ in nil }).hasPrefix("3 orange signals"))
        let related = Alert(
            rule: "R01", severity: .red, day: 0, village: 0, subject: .listing(1), score: 1, threshold: 1,
            evidence: [], values: [.init("office_holder", 5)])
        #expect(
            RuleCatalogue.sentence(for: related, roleOf: { _ in "director" }) == "won by a relative of the director")
    }

    /// Each event type's readers are the rules that declare it, in the rules' order (the order
    /// in which an event's alerts come out), and no others.
    @Test func eachTypesReadersAreTheRulesThatReadItInOrder() throws {
        let rules = try RuleCatalogue.configure(AlertSettings(warningSystem: true, rules: [])).get()
        let readers = RuleReaders(rules)
        var readings = 0
        for type in EventType.allCases {
            let expected = rules.indices.filter { Swift.type(of: rules[$0]).reads.contains(type) }
            #expect(readers.places(of: type).map(readers.rule(at:)) == expected, "\(type)")
            #expect(readers.anyReads(type) == !expected.isEmpty)
            readings += expected.count
        }
        #expect(readings == rules.reduce(0) { $0 + Swift.type(of: $1).reads.count })
        #expect(EventType.allCases.allSatisfy { !RuleReaders.none.anyReads($0) })
    }

    @Test func escalationTurnsYellowsOrangeAndOrangesRed() throws {
        var engine = try AlertEngine(
            settings: AlertSettings(
                warningSystem: true, rules: [], escalation: .init(yellowToOrange: 2, orangeToRed: 2, windowDays: 30)))
        var b = B()
        b.add(1, B.listing(1, appraisal: 100, reserve: 100, days: 9, relisting: 1))  // P03 yellow on listing:1
        b.add(2, B.listing(1, appraisal: 100, reserve: 100, days: 8, relisting: 1))  // second yellow → E01 orange
        b.add(3, B.listing(1, appraisal: 100, reserve: 100, days: 7, relisting: 1))
        b.add(4, B.listing(1, appraisal: 100, reserve: 100, days: 6, relisting: 1))  // → E01, the second orange → E02
        let raised = b.events.flatMap { engine.observe($0) }
        #expect(raised.map(\.rule) == ["P03", "P03", "E01", "P03", "P03", "E01", "E02"])
        #expect(raised.map(\.id) == Array(1...7))
        #expect(raised[6].severity == .red)
        #expect(raised[6].combines == [3, 6])
    }

    @Test func theWarningSystemSwitchSilencesAlerts() throws {
        var engine = try AlertEngine(settings: AlertSettings(warningSystem: false))
        var b = B()
        b.add(1, B.listing(1, appraisal: 100, reserve: 100, days: 2, relisting: 1))
        b.add(2, LogRecord(.intervention, village: -1, code: 4, amount: 1))
        b.add(3, B.listing(2, appraisal: 100, reserve: 100, days: 2, relisting: 1))
        let raised = b.events.flatMap { engine.observe($0) }
        #expect(raised.map(\.subject.description) == ["listing:2"])
    }

    @Test func severityOverridesAndDisabledRulesApply() throws {
        let thresholds = try settings(
            """
            <thresholds xmlns="urn:sanzi:scenario:1" schema-version="1">
              <rule id="P03" severity="orange"><param name="minimum-days" value="5"/></rule>
              <rule id="C01" enabled="false"/>
            </thresholds>
            """)
        var engine = try AlertEngine(settings: thresholds)
        #expect(!engine.ruleIDs.contains("C01"))
        var b = B()
        b.add(1, B.listing(1, appraisal: 100, reserve: 100, days: 5, relisting: 1))
        b.add(1, B.listing(2, appraisal: 100, reserve: 100, days: 4, relisting: 1))
        b.add(1, B.award(2, winner: 1, price: 100, reserve: 100, bidders: 1))
        let raised = b.events.flatMap { engine.observe($0) }
        #expect(raised.map(\.subject.description) == ["listing:2", "listing:2"])
        #expect(raised.map(\.rule) == ["P03", "V02"])
        #expect(raised[0].severity == .orange)
    }

    @Test func unknownRulesParametersAndOutOfRangeValuesAreRejectedWithTheirPlace() throws {
        let path = write(
            """
            <thresholds xmlns="urn:sanzi:scenario:1" schema-version="1">
              <rule id="P09"/>
              <rule id="V01"><param name="detla" value="0.2"/></rule>
              <rule id="P03"><param name="minimum-days" value="400"/></rule>
            </thresholds>
            """)
        let thresholds = try ScenarioLoader.loadThresholds(contentsOf: path).value
        #expect(throws: ConfigurationError.self) { try AlertEngine(settings: thresholds) }
        do {
            _ = try AlertEngine(settings: thresholds)
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(path):2:9: error: unknown alert rule P09 (hint: did you mean P01?)",
                    "\(path):3:38: error: rule V01 has no parameter \"detla\" (hint: its parameters: delta)",
                    "\(path):4:45: error: P03 minimum-days = 400 is out of range (hint: allowed: 1…90)",
                ])
        }
    }

    /// Orders between a rule's parameters are checked like their ranges, at the parameter.
    @Test func parametersThatBreakTheirRulesOrderingAreRejected() throws {
        let path = write(
            """
            <thresholds xmlns="urn:sanzi:scenario:1" schema-version="1">
              <rule id="K03"><param name="overdue-days" value="270"/></rule>
              <rule id="K01"><param name="local-cap-years" value="30"/></rule>
              <rule id="F02"><param name="tier1-yuan" value="5001"/><param name="tier2-yuan" value="5000"/></rule>
            </thresholds>
            """)
        let thresholds = try ScenarioLoader.loadThresholds(contentsOf: path).value
        do {
            _ = try AlertEngine(settings: thresholds)
            Issue.record("accepted")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(path):2:45: error: K03 overdue-days = 270 must be below red-days = 180 (hint: an arrear turns red later than it is first raised)",
                    "\(path):3:48: error: K01 local-cap-years = 30 must be at most legal-cap-years = 20 (hint: a local rule can only be stricter than the law)",
                    "\(path):4:82: error: F02 tier1-yuan = 5001 must be at most tier2-yuan = 5000 (hint: the two committees approve what is above the finance head's limit (equal limits: none is theirs))",
                ])
        }
    }

    /// The tuner never tries a value that breaks an ordering.
    @Test func everyOrderingHoldsForTheDefaults() {
        for rule in RuleCatalogue.documentation {
            let value = { (name: String) in rule.parameters.first { $0.name == name }?.defaultValue }
            #expect(rule.orderings.allSatisfy { $0.holds(value) }, "\(rule.id)")
            for ordering in rule.orderings {
                #expect(value(ordering.lower) != nil && value(ordering.upper) != nil, "\(rule.id) names its parameters")
            }
        }
    }
}
