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

    /// The records renumbered as a merge would (places in the whole scenario's positions), then
    /// every numbered thing in order of first mention, so that a district's records in the
    /// whole world and in its shard, numbered from different starts, compare.
    static func renumbered(_ records: [LogRecord], offsets: IDRenumbering.Offsets) -> [LogRecord] {
        var renumbering = IDRenumbering(offsets: [offsets])
        var mentioned: [EventSchema.Reference: [Int64: Int64]] = [:]
        return records.map { record in
            var record = record
            renumbering.renumber(&record, fromShard: 0)
            for field in EventSchema.fields(of: record.type) {
                guard let named = field.refersTo.flatMap({ Self.thing($0, record) }), record[field.slot] >= 0 else {
                    continue
                }
                let value = record[field.slot]
                let first = mentioned[named, default: [:]][value] ?? Int64(mentioned[named, default: [:]].count)
                mentioned[named, default: [:]][value] = first
                record[field.slot] = first
            }
            return record
        }
    }

    /// The thing the run numbers that a field of `reference` names in `record`, if any.
    static func thing(_ reference: EventSchema.Reference, _ record: LogRecord) -> EventSchema.Reference? {
        switch reference {
        case .asset, .listing, .bidder, .person, .contract, .loan, .grievance, .lead, .investigation: reference
        case .leadTarget:
            LogRecord.LeadAbout(rawValue: UInt8(truncatingIfNeeded: record.count2)).flatMap {
                LogReferenceTests.ReferenceCheck.reference(about: $0)
            }
        default: nil
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

extension ShardTests {
    /// An official of the city removed in one district leaves his post in the others at the
    /// next window, and all appoint the same successor; news of it comes once.
    @Test func aCityPostChangesInEveryShardAtTheWindow() throws {
        var scenario = try WorldFixtures.scenario("county-districts")
        scenario.geography.newsWindowDays = 30
        var firstScheduler = Scheduler<World.Event>(bucketWidth: 1)
        var secondScheduler = Scheduler<World.Event>(bucketWidth: 1)
        var first = Self.shard(scenario, 0, &firstScheduler)
        var second = Self.shard(scenario, 1, &secondScheduler)
        let corrupt = { (world: World) in world.people.cityOfficials.map { world.people.persons[Int($0)].corrupt } }
        #expect(corrupt(first) == corrupt(second))
        let (before, others) = (first.people.cityOfficials[2], second.people.cityOfficials)
        first.appointSuccessor(to: before)
        #expect(first.people.cityOfficials[2] != before && first.people.officials[before] == nil)
        #expect(second.people.cityOfficials == others, "not before the window")
        let news = first.windowNews(&firstScheduler)
        #expect(news.cityPosts.map(\.post) == [2] && news.cityPosts.map(\.holder) == [0])
        let window = World.WindowNews(
            bars: [], loads: news.loads, published: Discipline.Seen(), opened: [], cityPosts: news.cityPosts)
        second.windowBegins(window, &secondScheduler)
        #expect(second.people.cityOfficials[2] != others[2] && second.people.cityOfficials[0] == others[0])
        #expect(corrupt(first) == corrupt(second))
        first.windowBegins(window, &firstScheduler)
        second.windowBegins(window, &secondScheduler)
        #expect(first.people.cityPostHolders == [0, 0, 1] + Array(repeating: 0, count: others.count - 3))
        #expect(second.people.cityPostHolders == first.people.cityPostHolders, "the same news once")
    }

    static func shard(_ scenario: Scenario, _ district: Int, _ scheduler: inout Scheduler<World.Event>) -> World {
        let (cut, place) = scenario.shard(district)
        var log = WorldLog(sink: EventCollector())
        return World(scenario: cut, seed: scenario.seed, scheduler: &scheduler, log: &log, place: place)
    }
}

/// A run split by district: the same bytes on any number of threads, money kept to the fen in
/// every district.
@Suite("Split runs")
struct SplitRunTests {
    static func scenario(window: Int = 30) throws -> Scenario {
        var scenario = try WorldFixtures.scenario("county-districts")
        scenario.geography.newsWindowDays = window
        return scenario
    }

    static func run(_ scenario: Scenario, threads: Int) -> (WorldRun.Summary, SplitRun.Shards, [LoggedEvent]) {
        let collector = EventCollector()
        let (summary, shards) = SplitRun.run(scenario, seed: scenario.seed, sink: collector, threads: threads)
        return (summary, shards, collector.events)
    }

    @Test func theSameOnAnyNumberOfThreads() throws {
        let scenario = try Self.scenario()
        let (one, _, events) = Self.run(scenario, threads: 1)
        #expect(events.count > 10_000)
        #expect(events.map(\.id) == Array(1...UInt64(events.count)))
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.day <= $1.day })
        for threads in [2, 3] {
            let (summary, _, other) = Self.run(scenario, threads: threads)
            #expect(other == events, "\(threads) threads")
            #expect(summary.truth == one.truth, "\(threads) threads")
        }
    }
}

extension SplitRunTests {
    /// Every district's money is kept to the fen through the merged log, and every case's events
    /// are events of the merged log in the case's village (or of none).
    @Test func moneyIsConservedAndTheTruthPointsAtTheLog() throws {
        let (summary, shards, events) = Self.run(try Self.scenario(), threads: 2)
        let opening = shards.worlds.flatMap(\.openingBalances)
        #expect(WorldInvariantTests.replayBalances(from: opening, events) == shards.worlds.flatMap(\.balances))
        #expect(summary.counts[Int(EventType.recovery.rawValue)] > 0)
        let cases = summary.truth.cases
        #expect(cases.map(\.id) == Array(1...cases.count))
        #expect(summary.truth.misconduct.count > 10)
        for entry in cases {
            for id in entry.events {
                let event = events[Int(id) - 1]
                #expect(event.id == id)
                #expect(event.record.village == entry.village || event.record.village < 0, "case \(entry.id)")
            }
        }
    }

    /// The events each case touched, moved to the run's touches as the shards' records are
    /// merged, come back the same from a spool as from memory, and as the shards saw them.
    @Test func theTruthIsTheSameWithTheTouchesSpooled() throws {
        let scenario = try Self.scenario()
        let (kept, _, _) = Self.run(scenario, threads: 1)
        try ValueSpillTests.withFolder { folder in
            let touches = try CaseTouches(spoolingIn: folder)
            let (spooled, _) = SplitRun.run(
                scenario, seed: scenario.seed, sink: EventCollector(), threads: 2, touches: touches)
            try touches.check()
            #expect(spooled.truth == kept.truth)
            #expect(spooled.truth.cases.filter { !$0.events.isEmpty }.count > 100)
        }
    }

    /// The split run and the whole world with the same windows are two runs of one model:
    /// over three seeds they deal and oversee alike (an independent check of the shards, their
    /// exchange and the merge, which the whole world has none of).
    @Test func theSplitRunAndTheWholeWorldAgree() throws {
        let scenario = try Self.scenario()
        var (split, whole) = (
            [Int](repeating: 0, count: EventType.allCases.count), [Int](repeating: 0, count: EventType.allCases.count)
        )
        for seed in [1, 2, 3] as [UInt64] {
            let (shards, worlds) = SplitRun.run(scenario, seed: seed, sink: EventCollector(), threads: 2)
            let (world, horizon) = WorldRun.run(scenario, seed: seed, sink: EventCollector())
            for type in EventType.allCases {
                split[Int(type.rawValue)] += shards.counts[Int(type.rawValue)]
                whole[Int(type.rawValue)] += world.counts[Int(type.rawValue)]
            }
            // The same households, registers and bidders, the shared firms counted once; only
            // the cadres differ, with the successors of those each run removed.
            var census = WorldAtHorizon.split(worlds).census
            census.cadres = horizon.census.cadres
            #expect(census == horizon.census, "seed \(seed)")
        }
        for type in [EventType.village, .office, .relation, .publicity, .review, .audit, .election, .ballot] {
            #expect(split[Int(type.rawValue)] == whole[Int(type.rawValue)], "\(type.name)")
        }
        for type in [
            EventType.listing, .award, .contract, .payment, .receipt, .disbursement, .petition, .lead,
            .investigationOpened, .sanction,
        ] {
            let (a, b) = (Double(split[Int(type.rawValue)]), Double(whole[Int(type.rawValue)]))
            #expect(b > 0 && abs(a - b) / b < 0.1, "\(type.name): \(a) split, \(b) whole")
        }
    }

    /// The merged log names what the schema says, as the whole world's does: the renumbering
    /// keeps every listing, contract, lead and investigation introduced by its own record and
    /// numbered in order, and every bidder and person of the record's village or of none.
    @Test func theMergedLogNamesWhatTheSchemaSays() throws {
        let scenario = try Self.scenario()
        let (_, shards, events) = Self.run(scenario, threads: 2)
        let actors = WorldAtHorizon.split(shards).actors
        #expect(actors.people.map(\.id) == Array(0..<Int64(actors.people.count)))
        #expect(actors.bidders.map(\.id) == Array(1...Int64(actors.bidders.count)))
        let people = Dictionary(uniqueKeysWithValues: actors.people.map { ($0.id, $0.village) })
        let bidders = Dictionary(uniqueKeysWithValues: actors.bidders.map { ($0.id, $0.village) })
        let population = LogReferenceTests.Population(
            assets: shards.worlds.reduce(0) { $0 + $1.platform.items.count }, bidders: actors.bidders.count,
            persons: actors.people.count, towns: scenario.geography.towns.count
        ) { value, reference in
            switch reference {
            case .bidder: bidders[value]
            case .person: people[value]
            default: nil
            }
        }
        var check = LogReferenceTests.ReferenceCheck(scenario: scenario, population: population)
        for event in events { check.read(event) }
        #expect(check.problems.isEmpty, "\(check.problems.prefix(10))")
        #expect(!check.seen[.investigation, default: []].isEmpty)
    }
}
