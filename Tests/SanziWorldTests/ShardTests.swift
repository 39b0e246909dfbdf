import SanziEngine
import SanziEvents
import SanziScenario
import Testing

@testable import SanziWorld

/// A shard of a run split by district is the world of its district: built alone from the
/// scenario cut down to it, it holds the villages, people, firms, leases and officials the whole
/// world holds there, named in the whole world's positions once its ids are renumbered.
@Suite("Shards")
struct ShardTests {
    /// The records a world emits while it is built, and the world.
    static func built(_ scenario: Scenario, place: ShardPlace? = nil) -> (records: [LogRecord], world: World) {
        let collector = EventCollector()
        var scheduler = Scheduler<World.Event>(bucketWidth: 1)
        var log = WorldLog(sink: collector)
        var world = World(scenario: scenario, seed: scenario.seed, scheduler: &scheduler, log: &log, place: place)
        world.flush(to: &log)
        return (collector.events.map(\.record), world)
    }

    /// The records renumbered as a merge would: ids in order of first mention, places in the
    /// whole scenario's positions.
    static func renumbered(_ records: [LogRecord], offsets: IDRenumbering.Offsets) -> [LogRecord] {
        var renumbering = IDRenumbering(offsets: [offsets])
        return records.map { record in
            var record = record
            renumbering.renumber(&record, fromShard: 0)
            return record
        }
    }

    @Test func aShardBuildsItsDistrictAsTheWholeWorldDoes() throws {
        var scenario = try WorldFixtures.scenario("county-districts")
        scenario.geography.newsWindowDays = 30
        let (whole, wholeWorld) = Self.built(scenario)
        var first: Int32 = 0
        for district in scenario.geography.districts.indices {
            let (cut, place) = scenario.shard(district)
            #expect(place.offsets.village == first)
            let villages = Int32(cut.geography.villages.count)
            let mine = whole.filter { $0.village >= first && $0.village < first + villages }
            let zero = IDRenumbering.Offsets(village: 0, town: 0, district: 0)
            let expected = Self.renumbered(mine, offsets: zero)
            let (records, world) = Self.built(cut, place: place)
            let shard = Self.renumbered(records.filter { $0.village >= 0 }, offsets: place.offsets)
            #expect(shard.count == expected.count, "district \(district)")
            let differing = zip(shard, expected).enumerated().first { $1.0 != $1.1 }
            #expect(differing == nil, "district \(district): first difference \(String(describing: differing))")
            first += villages
            // The officials, who are in no record: corrupt or not as in the whole world.
            func corrupt(_ world: World, _ persons: [Int32]) -> [Bool] {
                persons.map { world.people.persons[Int($0)].corrupt }
            }
            let towns = Int(place.offsets.town)..<(Int(place.offsets.town) + world.people.townOfficials.count)
            #expect(
                world.people.townOfficials.map { corrupt(world, $0) }
                    == towns.map { corrupt(wholeWorld, wholeWorld.people.townOfficials[$0]) })
            #expect(
                corrupt(world, world.people.districtOfficials[0])
                    == corrupt(wholeWorld, wholeWorld.people.districtOfficials[district]))
            #expect(corrupt(world, world.people.cityOfficials) == corrupt(wholeWorld, wholeWorld.people.cityOfficials))
        }
        #expect(wholeWorld.people.cityOfficials.contains { wholeWorld.people.persons[Int($0)].corrupt })
        #expect(whole.contains { $0.type == .contract } && whole.contains { $0.type == .office })
    }
}
