import Foundation
import Testing

@testable import SanziScenario

@Suite("Loading valid scenarios")
struct ScenarioLoaderTests {
    @Test func minimalScenarioHasExactValues() throws {
        let scenario = try Fixtures.load(Fixtures.minimal).value
        #expect(scenario.name == "Test")
        #expect(scenario.seed == 7)
        #expect(scenario.start == CalendarDate(year: 2013, month: 1, day: 1))
        #expect(scenario.end == CalendarDate(year: 2014, month: 1, day: 1))
        #expect(scenario.horizon.dayCount(from: scenario.start) == 365)
        #expect(scenario.geography.villages.map(\.id) == ["pond-village", "t1-v001", "t1-v002"])
        #expect(scenario.geography.villages.map(\.name) == ["Pond Village", "Town One 001", "Town One 002"])
        let profile = try #require(scenario.profile("small"))
        #expect(profile.households == 10...20)
        #expect(profile.registers.count == 1)
        #expect(profile.registers[0].kind == .fishPond)
        #expect(profile.registers[0].rentMedian == Money(fen: 185_050))
        #expect(profile.registers[0].termYears == 5...5)
        #expect(profile.funds.accounts.map(\.kind) == [.basic])
        #expect(profile.localBidders == .none)
    }

    @Test func absentSectionsTakeDocumentedDefaults() throws {
        let scenario = try Fixtures.load(Fixtures.minimal).value
        #expect(scenario.platform == PlatformRules())
        #expect(scenario.platform.listingThreshold == Money(yuan: 50_000))
        #expect(scenario.finance.approvalTiers.map(\.upTo) == [Money(yuan: 1_000), Money(yuan: 10_000), nil])
        #expect(scenario.misconduct.enabled == false)
        #expect(scenario.alerts.warningSystem)
        #expect(Set(scenario.sections.keys) == [.geography, .profiles])
    }

    /// Every file in Scenarios/, scenarios and calibration targets alike, loads without a warning.
    @Test func shippedScenariosAreValid() throws {
        let folder = "\(Fixtures.root)/Scenarios"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(names.count >= 7)
        for name in names {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
            let loaded = try ScenarioLoader.loadDocument(bytes: bytes, path: name)
            #expect(loaded.warnings.isEmpty, "\(name): \(loaded.warnings)")
        }
    }

    @Test func defaultScenarioIsATownOfTenVillagesOverThreeYears() throws {
        let scenario = try ScenarioLoader.loadScenario(contentsOf: "\(Fixtures.root)/Scenarios/default.xml").value
        #expect(scenario.geography.towns.count == 1)
        #expect(scenario.geography.villages.count == 10)
        #expect(scenario.horizon == Horizon(years: 3))
        #expect(scenario.misconduct.typologies.count == Typology.allCases.count)
        #expect(scenario.bidders.rings.map(\.poolID) == ["riverside-firms"])
        #expect(scenario.interventions.first?.changes == [.listingThreshold(Money(yuan: 30_000))])
    }

    @Test func guangzhouScenarioHasTheSeedArticlesSixDistricts() throws {
        let scenario = try ScenarioLoader.loadScenario(contentsOf: "\(Fixtures.root)/Scenarios/guangzhou-2012-2014.xml")
            .value
        #expect(
            scenario.geography.districts.map(\.id) == ["baiyun", "tianhe", "liwan", "panyu", "haizhu", "zengcheng"])
        #expect(scenario.interventions.contains { $0.changes.contains(.warningSystem(enabled: true)) })
    }

    @Test func benchmarkScenarioHasAThousandVillagesOverTenYears() throws {
        let scenario = try ScenarioLoader.loadScenario(contentsOf: "\(Fixtures.root)/Scenarios/bench-large.xml").value
        #expect(scenario.geography.villages.count >= 1_000)
        #expect(scenario.horizon == Horizon(years: 10))
    }

    @Test func thresholdsFileLoads() throws {
        let text = """
            <thresholds xmlns="urn:sanzi:scenario:1" schema-version="1">
              <rule id="P01"><param name="threshold-yuan" value="30000"/></rule>
              <escalation yellow-to-orange="2" orange-to-red="2" window-days="90"/>
            </thresholds>
            """
        let loaded = try ScenarioLoader.loadDocument(bytes: Array(text.utf8), path: "t.xml")
        guard case .thresholds(let settings) = loaded.value else {
            Issue.record("expected a thresholds document")
            return
        }
        #expect(settings.rules.first?.parameter("threshold-yuan") == 30_000)
        #expect(settings.escalation == .init(yellowToOrange: 2, orangeToRed: 2, windowDays: 90))
    }

    @Test func schemaIsNamespacedAndVersioned() {
        #expect(ScenarioSchema.text.contains("targetNamespace=\"urn:sanzi:scenario:1\""))
        #expect(ScenarioSchema.text.contains("<xs:element name=\"scenario\">"))
        #expect(ScenarioSchema.text.contains("<xs:element name=\"thresholds\">"))
    }
}
