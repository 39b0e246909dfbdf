import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// A district's world on the run's own threads, on whichever one simulates it (`SplitRun`).
final class LocalShard: ShardHost, @unchecked Sendable {
    private var simulation: Simulation<World>
    private var log: WorldLog

    /// Builds the district's world from the scenario cut down to it (`Scenario.shard(_:)`),
    /// its records handed to `records` and its cases' touches to `touches`.
    init(
        _ cut: Scenario, place: ShardPlace, seed: UInt64, knowledge: OffenderKnowledge, spill: ValueSpill,
        records: any EventSink, touches: CaseTouches
    ) {
        var scheduler = Scheduler<World.Event>(bucketWidth: 1)
        log = WorldLog(sink: records, touches: touches)
        var world = World(
            scenario: cut, seed: seed, knowledge: knowledge, scheduler: &scheduler, log: &log, spill: spill,
            place: place)
        world.flush(to: &log)
        simulation = Simulation(model: consume world)
        simulation.scheduler = consume scheduler
        // The building's batches had a full batch's room; a shard's days need less.
        simulation.model.unwritten = []
    }

    /// The district's world.
    var world: World { simulation.model }

    func waitUntilBuilt() {}

    /// The events the world dispatched on the day simulated last.
    private var dispatched = 0

    func startDay(_ day: Tick) { dispatched = simulation.run(until: day + 1, flushingTo: &log) }
    func finishDay() -> Int { dispatched }

    // Each reads the world in place, field by field or lent through `change`: a copy of the
    // world, for every shard every day, retained and released every array in it.

    func replicas(firmsFrom firstFirm: Int) -> ShardReplicas {
        let pool = simulation.model.platform.sharedPool
        return ShardReplicas(
            officials: simulation.model.people.cityOfficials, holders: simulation.model.people.cityPostHolders,
            firms: pool[min(max(0, firstFirm), pool.count)...].map {
                ShardReplicas.Firm(bidder: $0, owner: simulation.model.platform.bidders[Int($0)].person)
            })
    }

    var warningSystemRuns: Bool { simulation.model.warningSystemRuns }

    func receive(_ warnings: [Warning]) { change { world, scheduler in world.receive(warnings, &scheduler) } }

    func windowNews() -> (news: World.ShardNews, now: Tick) {
        (change { world, scheduler in world.windowNews(&scheduler) }, simulation.scheduler.now)
    }

    /// Whether `news` fits the district's world (`World.fits`).
    func fits(_ news: World.WindowNews) -> Bool { simulation.model.fits(news) }

    func windowBegins(_ news: World.WindowNews) {
        change { world, scheduler in world.windowBegins(news, &scheduler) }
        simulation.model.flush(to: &log)
    }

    func surveyed(on day: Int32) -> SurveyedVillages {
        change { world, _ in
            let villages = world.villages.indices
            return SurveyedVillages(
                respondents: world.respondents(in: villages.map(Int32.init)),
                seen: villages.map { world.seenOfRectification(in: Int32($0), on: day) },
                grievances: villages.map { world.oversight.villages[$0].grievances.count })
        }
    }

    func groundTruth(touched: [CaseTouches.Events]) -> GroundTruth {
        simulation.model.groundTruth(touched: touched)
    }

    var actors: ActorSnapshot { simulation.model.actors }
    var census: Census { simulation.model.census }
    var sharedFirms: Int { simulation.model.platform.sharedPool.count }
    var failure: ShardFailure? { nil }

    /// Changes the world, with its scheduler at hand; what `body` returns.
    private func change<Result>(_ body: (inout World, inout Scheduler<World.Event>) -> Result) -> Result {
        func parts(_ simulation: inout Simulation<World>) -> Result {
            body(&simulation.model, &simulation.scheduler)
        }
        return parts(&simulation)
    }
}
