import Foundation
import SanziScenario
import Testing

@testable import SanziWorld

@Suite("What the simulator does not use is reported")
struct SimulatorCoverageTests {
    @Test func unsimulatedSectionsAndSettingsAreWarnedAboutInFileOrder() throws {
        let text = WorldFixtures.onePond.replacing("SEED", with: "1")
            .replacing(
                #"<mode deal="lease" method="ascending-auction" increment-yuan="500"/>"#,
                with: #"<mode deal="lease" method="sealed-tender"/>"#
            )
            .replacing(
                "</scenario>",
                with: #"<misconduct enabled="false" corrupt-cadre-share="0"/><output format="csv"/></scenario>"#)
        let scenario = try WorldFixtures.scenario(text: text)
        let warnings = SimulatorCoverage.warnings(for: scenario).map(\.message)
        #expect(
            warnings == [
                "sealed-tender for lease deals is not simulated yet; ascending-auction is used",
                "format=\"csv\" is not available yet; the event log is written as jsonl",
            ])
    }

    @Test func theOnePondScenarioNeedsNoWarning() throws {
        let scenario = try WorldFixtures.scenario(text: WorldFixtures.onePond.replacing("SEED", with: "1"))
        #expect(SimulatorCoverage.warnings(for: scenario).isEmpty)
    }

    /// A village no bidder can reach fails every listing: said once per profile.
    @Test func villagesNoBidderCanReachAreWarnedAbout() throws {
        let text = (try String(contentsOfFile: "\(WorldFixtures.root)/Scenarios/default.xml", encoding: .utf8))
            .replacing(/\s*<local-bidders[^>]*\/>/, with: "")
            .replacing(/<bidders>(.|\n)*?<\/bidders>/, with: "")
        let warnings = SimulatorCoverage.warnings(for: try WorldFixtures.scenario(text: text)).map(\.message)
        #expect(
            warnings.filter { $0.contains("no bidder") } == [
                "villages of profile \"periurban\" in riverside have no bidder: no <local-bidders> and no pool serves them, so every listing there fails",
                "villages of profile \"remote\" in riverside have no bidder: no <local-bidders> and no pool serves them, so every listing there fails",
            ])
        let shipped = try WorldFixtures.scenario("default")
        #expect(!SimulatorCoverage.warnings(for: shipped).contains { $0.message.contains("no bidder") })
    }
}
