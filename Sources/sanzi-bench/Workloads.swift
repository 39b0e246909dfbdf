import DequeModule
import SanziEngine

/// Ticks per unit of model time in the benchmark workloads (exponential delays are rounded to
/// whole ticks, so a fine tick keeps the rounding far below the statistics reported).
let ticksPerUnit = 1_000_000.0

/// A1 and A2: `processes` processes, each waiting Exp(1) and rescheduling itself.
struct ExponentialProcesses: Model {
    struct Event { var process: Int32 }
    var random: RandomStream

    mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
        scheduler.schedule(event, after: Tick(random.exponential(rate: 1) * ticksPerUnit))
    }

    /// Runs the workload to `horizon` units of model time and returns the events dispatched.
    static func run(processes: Int, horizon: Double, seed: UInt64) -> Int {
        var simulation = Simulation(model: ExponentialProcesses(random: RandomStream(seed: seed).derived("A")))
        for process in 0..<processes {
            let delay = Tick(simulation.model.random.exponential(rate: 1) * ticksPerUnit)
            simulation.scheduler.schedule(Event(process: Int32(process)), at: delay)
        }
        return simulation.run(until: Tick(horizon * ticksPerUnit)).events
    }
}

/// B: an M/M/c queue; reports customers served and their mean wait in queue.
struct ServerQueue: Model {
    enum Event { case arrival, departure }
    let servers: Int
    let arrivalRate: Double
    let serviceRate: Double
    var random: RandomStream
    var busy = 0
    var waiting = Deque<Tick>()
    var served = 0
    var totalWait: Tick = 0

    mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
        switch event {
        case .arrival:
            scheduler.schedule(.arrival, after: delay(rate: arrivalRate))
            if busy < servers {
                busy += 1
                startService(waitedSince: scheduler.now, in: &scheduler)
            } else {
                waiting.append(scheduler.now)
            }
        case .departure:
            if let arrived = waiting.popFirst() {
                startService(waitedSince: arrived, in: &scheduler)
            } else {
                busy -= 1
            }
        }
    }

    private mutating func startService(waitedSince arrival: Tick, in scheduler: inout Scheduler<Event>) {
        served += 1
        totalWait += scheduler.now - arrival
        scheduler.schedule(.departure, after: delay(rate: serviceRate))
    }

    private mutating func delay(rate: Double) -> Tick { Tick(random.exponential(rate: rate) * ticksPerUnit) }

    /// Runs the queue to `horizon` units; returns (events, customers served, mean wait).
    static func run(servers: Int, arrivalRate: Double, serviceRate: Double, horizon: Double, seed: UInt64)
        -> (events: Int, customers: Int, meanWait: Double)
    {
        let model = ServerQueue(
            servers: servers, arrivalRate: arrivalRate, serviceRate: serviceRate,
            random: RandomStream(seed: seed).derived("B"))
        var simulation = Simulation(model: model)
        simulation.scheduler.schedule(.arrival, at: 0)
        let events = simulation.run(until: Tick(horizon * ticksPerUnit)).events
        let queue = simulation.model
        return (events, queue.served, Double(queue.totalWait) / Double(max(queue.served, 1)) / ticksPerUnit)
    }

    /// The Erlang-C mean wait in queue of an M/M/c queue.
    static func erlangCWait(servers: Int, arrivalRate: Double, serviceRate: Double) -> Double {
        let load = arrivalRate / serviceRate
        var term = 1.0
        var sum = 1.0
        for k in 1..<servers {
            term *= load / Double(k)
            sum += term
        }
        let last = term * load / Double(servers) * Double(servers) / (Double(servers) - load)
        let probabilityOfWaiting = last / (sum + last)
        return probabilityOfWaiting / (Double(servers) * serviceRate - arrivalRate)
    }
}
