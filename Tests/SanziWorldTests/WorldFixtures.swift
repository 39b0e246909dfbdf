import SanziEvents
import SanziScenario
import SanziWorld

/// Runs scenarios into memory for the world's tests.
enum WorldFixtures {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func scenario(_ name: String) throws -> Scenario {
        try ScenarioLoader.loadScenario(contentsOf: "\(root)/Scenarios/\(name).xml").value
    }

    static func scenario(text: String) throws -> Scenario {
        try ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: "test.xml").value
    }

    struct Run: Sendable {
        var summary: WorldRun.Summary
        var world: World
        var events: [LoggedEvent]
    }

    static func run(_ scenario: Scenario, seed: UInt64? = nil) -> Run {
        let collector = EventCollector()
        let (summary, world) = WorldRun.run(scenario, seed: seed ?? scenario.seed, sink: collector)
        return Run(summary: summary, world: world, events: collector.events)
    }

    /// One village, one fish pond of 10 mu at exactly 1,850 yuan/mu/year, three villagers who
    /// may bid, no spending: every number of its first lease can be checked by hand.
    static let onePond = """
        <scenario xmlns="urn:sanzi:scenario:1" schema-version="1" name="One pond" seed="SEED" start="2013-01-01" horizon="P6Y">
          <geography>
            <district id="d" name="D"><town id="t" name="T">
              <village id="pond-village" name="Pond Village" profile="p" remoteness="0"/>
            </town></district>
          </geography>
          <profiles>
            <village-profile id="p">
              <households min="100" max="100"/>
              <people>
                <cadres committee-members="1"/>
                <supervision-committee members="3" independence="0.5"/>
                <kinship clans="1" ties-per-person="1" registered-share="1"/>
              </people>
              <resource kind="fish-pond" count="1" size="10" unit="mu" rent-median-yuan="1850" rent-spread="0"
                        term-years="5" leased-share="0"/>
              <funds><account kind="basic" opening-yuan="100000"/></funds>
              <local-bidders individuals="3" firms="0"/>
            </village-profile>
          </profiles>
          <platform listing-threshold-yuan="50000" announcement-days="10" deposit-ratio="0.02" min-bidders="2">
            <mode deal="lease" method="ascending-auction" increment-yuan="500"/>
            <mode deal="sale" method="ascending-auction" increment-yuan="1000"/>
            <mode deal="works" method="lowest-price-tender"/>
          </platform>
        </scenario>
        """
}

extension LoggedEvent {
    var type: EventType { record.type }
}
