import Testing

@testable import SanziEngine

/// Queueing models with known analytic results: the engine, the exponential draws and the
/// FIFO order must all be right for these to agree.
@Suite("Queueing theory")
struct QueueingTests {
    struct ServerQueue: Model {
        enum Event { case arrival, departure }
        let servers: Int
        let arrivalRate: Double
        let serviceRate: Double
        var random: RandomStream
        var busy = 0
        var waiting: [Tick] = []
        var head = 0
        var served = 0
        var totalWait: Tick = 0

        mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
            switch event {
            case .arrival:
                scheduler.schedule(.arrival, after: delay(arrivalRate))
                if busy < servers {
                    busy += 1
                    start(waitingSince: scheduler.now, &scheduler)
                } else {
                    waiting.append(scheduler.now)
                }
            case .departure:
                if head < waiting.count {
                    head += 1
                    start(waitingSince: waiting[head - 1], &scheduler)
                } else {
                    busy -= 1
                }
            }
        }

        mutating func start(waitingSince arrival: Tick, _ scheduler: inout Scheduler<Event>) {
            served += 1
            totalWait += scheduler.now - arrival
            scheduler.schedule(.departure, after: delay(serviceRate))
        }

        mutating func delay(_ rate: Double) -> Tick { Tick(random.exponential(rate: rate) * 1e6) }
    }

    func meanWait(servers: Int, arrivalRate: Double, horizon: Double, seed: UInt64) -> Double {
        var simulation = Simulation(
            model: ServerQueue(
                servers: servers, arrivalRate: arrivalRate, serviceRate: 1, random: RandomStream(seed: seed)))
        simulation.scheduler.schedule(.arrival, at: 0)
        simulation.run(until: Tick(horizon * 1e6))
        return Double(simulation.model.totalWait) / Double(simulation.model.served) / 1e6
    }

    /// Erlang C mean wait in queue for c servers, arrival rate λ, service rate 1.
    func erlangC(servers: Int, arrivalRate load: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        for k in 1..<max(servers, 1) {
            term *= load / Double(k)
            sum += term
        }
        let last = term * load / Double(servers) * Double(servers) / (Double(servers) - load)
        return last / (sum + last) / (Double(servers) - load)
    }

    @Test func mm1MeanWaitMatchesTheory() {
        // ρ = 0.5: Wq = ρ / (μ − λ) = 1.
        let wait = meanWait(servers: 1, arrivalRate: 0.5, horizon: 1_500_000, seed: 21)
        #expect(abs(wait / 1.0 - 1) < 0.02, "mean wait \(wait)")
    }

    @Test func mmcMeanWaitMatchesErlangC() {
        // c = 3, λ = 2, μ = 1: Wq = 4/9 ≈ 0.444.
        let expected = erlangC(servers: 3, arrivalRate: 2)
        #expect(abs(expected - 4.0 / 9.0) < 1e-9)
        let wait = meanWait(servers: 3, arrivalRate: 2, horizon: 600_000, seed: 22)
        #expect(abs(wait / expected - 1) < 0.02, "mean wait \(wait), Erlang C \(expected)")
    }
}
