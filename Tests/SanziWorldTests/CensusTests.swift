import SanziScenario
import Testing

@testable import SanziWorld

/// The census counts what the world generated, within the ranges the scenario allows.
@Suite("What a run generated")
struct CensusTests {
    @Test func theCensusLiesWithinTheScenariosRanges() throws {
        let scenario = try WorldFixtures.scenario("default")
        let census = WorldFixtures.run(scenario).world.census
        let villages = scenario.geography.villages
        let profiles = Dictionary(uniqueKeysWithValues: scenario.profiles.map { ($0.id, $0) })
        let households = villages.compactMap { profiles[$0.profileID]?.households }
        #expect(
            (households.map(\.lowerBound).reduce(0, +)...households.map(\.upperBound).reduce(0, +)).contains(
                census.households))
        #expect(census.poolFirms >= scenario.bidders.pools.map(\.firms).reduce(0, +))
        #expect(census.cadres >= villages.count * 4 - villages.count && census.supervisors > 0)
        #expect(census.resources > 0 && census.assets > 0 && census.localBidders > 0)
    }
}
