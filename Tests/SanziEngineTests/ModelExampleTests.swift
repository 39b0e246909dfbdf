import Testing

@testable import SanziEngine

/// A small platform-like model written the way world models are meant to be written: events
/// named for what happens, one handler per kind, sub-models for entities, cancellation of a
/// contract's future payments when it ends early. Its outcome is computed by hand below.
@Suite("Writing a model")
struct ModelExampleTests {
    struct Lease {
        var rentPerYear: Int64
        var paid: Int64 = 0
        var nextPayment: EventHandle?
    }

    struct Platform: Model {
        enum Event {
            case announcementEnds(listing: Int)
            case award(listing: Int)
            case rentDue(lease: Int, year: Int)
            case terminate(lease: Int)
        }

        /// Bids registered for listing 7 (events carry ids, not collections).
        let bids: [Int64] = [180_000, 185_000, 172_500]
        var leases: [Lease] = []
        var journal: [String] = []

        mutating func handle(_ event: Event, in scheduler: inout Scheduler<Event>) {
            switch event {
            case .announcementEnds(let listing):
                journal.append("day \(scheduler.now): listing \(listing) closes")
                scheduler.schedule(.award(listing: listing), after: 1)
            case .award(let listing):
                let price = bids.max() ?? 0
                leases.append(Lease(rentPerYear: price))
                journal.append("day \(scheduler.now): listing \(listing) awarded at \(price)")
                scheduler.schedule(.rentDue(lease: leases.count - 1, year: 1), after: 0)
            case .rentDue(let lease, let year):
                leases[lease].paid += leases[lease].rentPerYear
                if year < 5 {
                    leases[lease].nextPayment = scheduler.schedule(.rentDue(lease: lease, year: year + 1), after: 365)
                }
            case .terminate(let lease):
                if let next = leases[lease].nextPayment { scheduler.cancel(next) }
                journal.append("day \(scheduler.now): lease \(lease) ends early")
            }
        }
    }

    @Test func aLeaseAwardedThenEndedEarlyCollectsTwoYearsOfRent() {
        var simulation = Simulation(model: Platform())
        simulation.scheduler.schedule(.announcementEnds(listing: 7), at: 10)
        simulation.scheduler.schedule(.terminate(lease: 0), at: 11 + 365 + 100)
        let outcome = simulation.run(until: 10 * 365)
        // Award on day 11 at the best bid, 185,000; rent on days 11 and 376; ended on day 476,
        // so the payment due on day 741 never happens.
        #expect(simulation.model.leases.map(\.paid) == [370_000])
        #expect(
            simulation.model.journal == [
                "day 10: listing 7 closes", "day 11: listing 7 awarded at 185000", "day 476: lease 0 ends early",
            ])
        #expect(outcome == .init(reason: .queueEmpty, events: 5, time: 3650))
    }
}
