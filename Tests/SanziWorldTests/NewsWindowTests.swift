import Foundation
import SanziEngine
import SanziEvents
import SanziScenario
import Testing

@testable import SanziWorld

/// News windows (`news-window-days`): what one district does reaches the others only at the
/// start of each window. Checked on county-districts (four districts, a shared pool of 20
/// firms) with windows of 30 days.
@Suite("News windows between districts")
struct NewsWindowTests {
    static func scenario(windowDays: Int?) throws -> Scenario {
        var scenario = try WorldFixtures.scenario("county-districts")
        scenario.geography.newsWindowDays = windowDays
        return scenario
    }

    /// A world built on `scheduler` (nothing run yet).
    static func built(windowDays: Int?, _ scheduler: inout Scheduler<World.Event>) throws -> World {
        var log = WorldLog(sink: EventCollector())
        return World(scenario: try scenario(windowDays: windowDays), seed: 3, scheduler: &scheduler, log: &log)
    }

    @Test func aDistrictSeesItsOwnContractsAtOnceAndTheOthersAtTheWindow() {
        var loads = SharedFirmLoads(districts: 3)
        loads.add(7, holding: 2)
        loads.change(7, by: 1, in: 0)
        loads.change(7, by: -1, in: 2)
        #expect(loads.load(of: 7, seenFrom: 0) == 3)
        #expect(loads.load(of: 7, seenFrom: 1) == 2)
        #expect(loads.load(of: 7, seenFrom: 2) == 1)
        #expect(loads.load(of: 6, seenFrom: 0) == nil, "a firm not followed")
        var bidders = Array(
            repeating: Bidder(district: -1, capacity: 5, person: 0, village: -1, foundedDay: 0, isFirm: true), count: 8)
        bidders[7].active = 2
        loads.settle(bidders)
        #expect((0..<3).map { loads.load(of: 7, seenFrom: $0) } == [2, 2, 2])
    }

    @Test func aRingOfTheSharedPoolTakesItsTurnsInEachDistrictApart() {
        var apart = Ring(drawn: [1, 2, 3], members: [1, 2, 3], district: -1, rotations: 2)
        let turns = [0, 0, 1, 1, 0, 1].map { apart.nextWinner(in: $0) }
        #expect(turns == [1, 2, 1, 2, 3, 3])
        var together = Ring(drawn: [1, 2, 3], members: [1, 2, 3], district: -1)
        let inTurn = [0, 1, 1, 0].map { together.nextWinner(in: $0) }
        #expect(inTurn == [1, 2, 3, 1])
    }

    /// A shared firm's new contract counts at once in its own district and in the others from
    /// the next window; the firm's own count is always true. Until the first window, each
    /// district sees the leases it opened itself when the world was built.
    @Test func aSharedFirmsContractReachesTheOtherDistrictsAtTheWindow() throws {
        var scheduler = Scheduler<World.Event>()
        var world = try Self.built(windowDays: 30, &scheduler)
        let firm = try #require(world.platform.sharedPool.first)
        // Until the first window each district sees the leases it opened itself.
        let districts = world.policies.indices
        #expect(
            districts.reduce(0) { $0 + world.platform.load(of: firm, seenFrom: $1) }
                == world.platform.bidders[Int(firm)].active)
        _ = world.platform.settleNews()
        let before = world.platform.bidders[Int(firm)].active
        #expect(before > 0)
        world.platform.changeLoad(of: firm, by: 1, in: 0)
        #expect(world.platform.bidders[Int(firm)].active == before + 1)
        #expect(world.platform.load(of: firm, seenFrom: 0) == before + 1)
        #expect(world.platform.load(of: firm, seenFrom: 1) == before)
        _ = world.platform.settleNews()
        #expect(world.platform.load(of: firm, seenFrom: 1) == before + 1)

        var other = Scheduler<World.Event>()
        var atOnce = try Self.built(windowDays: nil, &other)
        atOnce.platform.changeLoad(of: firm, by: 1, in: 0)
        #expect(atOnce.platform.load(of: firm, seenFrom: 1) == before + 1)
    }

    /// A shared firm full in one district is still chosen in another until the window.
    @Test func aFirmFullElsewhereIsChosenUntilTheWindow() throws {
        var scheduler = Scheduler<World.Event>()
        var world = try Self.built(windowDays: 30, &scheduler)
        let firm = try #require(world.platform.sharedPool.first)
        _ = world.platform.settleNews()
        while world.platform.bidders[Int(firm)].active < world.platform.bidders[Int(firm)].capacity {
            world.platform.changeLoad(of: firm, by: 1, in: 0)
        }
        func timesChosen(inDistrict district: Int) throws -> Int {
            let village = try #require(world.villages.firstIndex { $0.district == district })
            var random = RandomStream(seed: 1)
            var chosen = 0
            for _ in 0..<200 {
                let bidders = world.platform.chooseBidders(
                    for: Int32(village), at: world.villages[village], count: 10, random: &random)
                if bidders.contains(firm) { chosen += 1 }
            }
            return chosen
        }
        #expect(try timesChosen(inDistrict: 0) == 0)
        #expect(try timesChosen(inDistrict: 1) > 0)
        _ = world.platform.settleNews()
        #expect(try timesChosen(inDistrict: 1) == 0)
    }

    /// A ring drawn from the shared pool keeps a turn for each district with windows, one
    /// with news at once.
    @Test func aSharedPoolsRingRotatesInEachDistrictWithWindows() throws {
        let text = try String(contentsOfFile: "\(WorldFixtures.root)/Scenarios/county-districts.xml", encoding: .utf8)
            .replacing(#"<ring id="east-ring" pool="east-firms""#, with: #"<ring id="city-ring" pool="county-firms""#)
        for windowed in [true, false] {
            let scenarioText =
                windowed ? text.replacing("<geography>", with: #"<geography news-window-days="30">"#) : text
            var scheduler = Scheduler<World.Event>()
            var log = WorldLog(sink: EventCollector())
            let world = World(
                scenario: try WorldFixtures.scenario(text: scenarioText), seed: 3, scheduler: &scheduler, log: &log)
            var ring = try #require(world.misconduct.rings.first)
            #expect(ring.district == -1)
            let first = ring.nextWinner(in: 0)
            let second = ring.nextWinner(in: 1)
            #expect((first == second) == windowed, "windowed: \(windowed)")
        }
    }

    /// A shared firm's bar waits for the window (and is not decided twice meanwhile); a
    /// district firm's holds at once.
    @Test func aSharedFirmsBarTakesEffectAtTheWindow() throws {
        var scheduler = Scheduler<World.Event>()
        var world = try Self.built(windowDays: 30, &scheduler)
        let shared = try #require(world.platform.sharedPool.first)
        let local = try #require(world.platform.districtPools.first?.first)
        let sharedNow = world.platform.bar(shared)
        let localNow = world.platform.bar(local)
        #expect(!sharedNow && localNow)
        #expect(!world.platform.bidders[Int(shared)].blacklisted && world.platform.isBarredOrWaiting(shared))
        #expect(world.platform.bidders[Int(local)].blacklisted)
        let settled = world.platform.settleNews()
        #expect(settled == [shared] && world.platform.bidders[Int(shared)].blacklisted)
        let again = world.platform.settleNews()
        #expect(again.isEmpty)
    }

    /// The city's published sanctions weigh on a village's cadres from the next window; with
    /// news at once, the same day.
    @Test func theCitysPublishedSanctionsWeighFromTheNextWindow() throws {
        for windowDays in [30, nil] {
            var scheduler = Scheduler<World.Event>()
            var world = try Self.built(windowDays: windowDays, &scheduler)
            let before = world.perceivedRisk(in: 0, on: 10)
            world.discipline.publishedInCity.add(5, on: 10, memory: 365)
            let sameDay = world.perceivedRisk(in: 0, on: 10)
            world.newsWindowBegins(&scheduler)
            let afterWindow = world.perceivedRisk(in: 0, on: 10)
            #expect(afterWindow > before, "window \(windowDays ?? 0)")
            #expect(sameDay == (windowDays == nil ? afterWindow : before), "window \(windowDays ?? 0)")
        }
    }

    /// A lead for the city commission waits for the window (nothing logged, no body holds it);
    /// a township's is taken up at once. At the window the city's lead is logged, numbered after
    /// the township's.
    @Test func theCityCommissionTakesUpTheWindowsLeadsAtItsStart() throws {
        var scheduler = Scheduler<World.Event>()
        var world = try Self.built(windowDays: 30, &scheduler)
        func leadsLogged() -> [Int64] { world.unwritten.filter { $0.type == .lead }.map(\.record.subject) }
        #expect(leadsLogged().isEmpty)
        world.raiseLead(.petition, village: 0, severity: .red, level: .city, &scheduler)
        #expect(leadsLogged().isEmpty)
        #expect(world.discipline.cityNews?.leads.count == 1)
        world.raiseLead(.petition, village: 0, severity: .red, level: .township, &scheduler)
        #expect(leadsLogged() == [1])
        world.newsWindowBegins(&scheduler)
        #expect(world.discipline.cityNews?.leads.isEmpty == true)
        #expect(leadsLogged() == [1, 2])
        let city = world.discipline.bodies[Int(world.discipline.cityBody)]
        #expect(city.queue.count + city.open.count == 1)
    }

    /// The city commission gives its free investigators leads only at a window's start: not
    /// when a lead is queued, nor on the first of a month; without windows, at once.
    @Test func theCityCommissionOpensInvestigationsOnlyAtAWindowsStart() throws {
        for windowDays in [30, nil] {
            var scheduler = Scheduler<World.Event>()
            var world = try Self.built(windowDays: windowDays, &scheduler)
            let city = Int(world.discipline.cityBody)
            #expect(world.discipline.bodies[city].free > 0)
            let slot = world.discipline.leads.insert(
                Discipline.Lead(
                    id: 0, source: .petition, village: 0, subject: .village, level: .city, severity: .red, value: 0,
                    arrival: 0))
            world.admit(slot, &scheduler)
            world.disciplineMonth(&scheduler)
            #expect(world.discipline.bodies[city].open == (windowDays == nil ? [slot] : []))
            world.newsWindowBegins(&scheduler)
            #expect(world.discipline.bodies[city].open == [slot], "window \(windowDays ?? 0)")
        }
    }

    /// Whole runs with windows: the same run twice is the same, money is conserved to the fen,
    /// and the windows change the run (leads for the city wait, firms are seen later).
    @Test func aRunWithWindowsIsDeterministicAndConservesMoney() throws {
        let windowed = WorldFixtures.run(try Self.scenario(windowDays: 30))
        let again = WorldFixtures.run(try Self.scenario(windowDays: 30))
        #expect(windowed.events.count > 10_000)
        #expect(windowed.events.map(\.record) == again.events.map(\.record))
        #expect(WorldInvariantTests.replayBalances(windowed) == windowed.world.balances)
        let atOnce = WorldFixtures.run(try Self.scenario(windowDays: nil))
        #expect(windowed.events.map(\.record) != atOnce.events.map(\.record))
    }
}
