import Dispatch
import SanziEngine

/// D1 and D2: a world too large for the caches, worked through in two orders.
///
/// 40 districts of `villagesPerDistrict` villages, each a record of 64 words (512 bytes) and a
/// random stream of its own, over a year. A village acts every 1–59 days; each act updates its
/// own record and that of another village of its district, and schedules the next. Nothing
/// crosses districts, so the order of work changes no village's history: D1 runs the whole world
/// on one event list, day by day, as Sanzi's world runs; D2 gives each district an event list
/// of its own and runs one district after another over windows of `windowDays`, the order
/// docs/districts.md measured on the world; D3 runs D2's districts of each window on several
/// threads at once. All end in the same state (`digest`).
struct DistrictWorld: Model {
    struct Event { var village: Int32 }

    static let districts = 40
    static let days = 365
    static let words = 64
    let villagesPerDistrict: Int
    var state: [UInt64]
    var streams: [RandomStream]

    /// The villages `first ..< first + count` of a world seeded with `seed`.
    init(first: Int, count: Int, villagesPerDistrict: Int, seed: UInt64) {
        self.villagesPerDistrict = villagesPerDistrict
        state = Array(repeating: 0, count: count * Self.words)
        let root = RandomStream(seed: seed).derived("D")
        streams = (first..<(first + count)).map { root.derived("village", $0) }
    }

    mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
        let village = Int(event.village)
        let district = village / villagesPerDistrict * villagesPerDistrict
        let neighbour = district + streams[village].integer(in: 0...(villagesPerDistrict - 1))
        let own = village * Self.words
        let other = neighbour * Self.words
        state[own] &+= 1
        state[own + Self.words - 1] ^= state[other + 17] &+ UInt64(scheduler.now)
        state[other + 32] &+= state[own]
        scheduler.schedule(event, after: Tick(streams[village].integer(in: 1...59)))
    }

    /// A simulation of `model` with each village's first act scheduled.
    static func started(_ model: DistrictWorld) -> Simulation<DistrictWorld> {
        var simulation = Simulation(model: model)
        for village in model.streams.indices {
            let day = simulation.model.streams[village].integer(in: 0...58)
            simulation.scheduler.schedule(Event(village: Int32(village)), at: Tick(day))
        }
        return simulation
    }

    /// FNV-1a over the words, in 52 bits (exact in a Double, for the benchmark's JSON line).
    static func digest(_ states: [[UInt64]]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for word in states.joined() {
            hash = (hash ^ word) &* 0x100_0000_01b3
        }
        return hash & (1 << 52 - 1)
    }

    /// D1: one event list for the whole world. Returns the events and the state's digest.
    static func runWhole(villagesPerDistrict: Int, seed: UInt64) -> (Int, UInt64) {
        let model = DistrictWorld(
            first: 0, count: districts * villagesPerDistrict, villagesPerDistrict: villagesPerDistrict, seed: seed)
        var simulation = started(model)
        let events = simulation.run(until: Tick(days)).events
        return (events, digest([simulation.model.state]))
    }

    /// A district's own simulation and the events it ran, kept in a class so that an array can
    /// hold it. Unchecked: within a window each district is run by one thread, and the threads
    /// are joined before the next window (`DispatchQueue.concurrentPerform`).
    final class District: @unchecked Sendable {
        var simulation: Simulation<DistrictWorld>
        var events = 0
        init(_ model: DistrictWorld) { simulation = started(model) }

        func run(until day: Int) { events += simulation.run(until: Tick(day)).events }
    }

    /// D2 (`threads` 1) and D3: an event list per district, the districts run over windows of
    /// `windowDays`, one after another on each of `threads` threads. Returns the events and the
    /// state's digest.
    static func runByDistrict(villagesPerDistrict: Int, windowDays: Int, threads: Int = 1, seed: UInt64) -> (
        Int, UInt64
    ) {
        let shards = (0..<districts).map { district in
            District(
                DistrictWorld(
                    first: district * villagesPerDistrict, count: villagesPerDistrict,
                    villagesPerDistrict: villagesPerDistrict, seed: seed))
        }
        for end in stride(from: windowDays, through: days + windowDays - 1, by: windowDays) {
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                for shard in stride(from: thread, to: shards.count, by: threads) {
                    shards[shard].run(until: min(end, days))
                }
            }
        }
        return (shards.reduce(0) { $0 + $1.events }, digest(shards.map { $0.simulation.model.state }))
    }
}
