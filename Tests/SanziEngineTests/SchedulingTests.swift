import Testing

@testable import SanziEngine

@Suite("Scheduling, ordering and cancellation")
struct SchedulingTests {
    @Test func eventsRunInTimeOrder() {
        var simulation = Simulation(model: Recorder())
        for (time, label) in [(30, 3), (10, 1), (20, 2), (0, 0)] {
            simulation.scheduler.schedule(label, at: Tick(time))
        }
        let outcome = simulation.run()
        #expect(simulation.model.events == [0, 1, 2, 3])
        #expect(simulation.model.log.map(\.time) == [0, 10, 20, 30])
        #expect(outcome == .init(reason: .queueEmpty, events: 4, time: 30))
    }

    /// Before each event is handled the model is shown the first event then queued, a cancelled
    /// one too (a hint: the event being handled may schedule one before it); after the last
    /// event, nothing. The hint changes nothing in what runs.
    @Test func theModelIsShownTheEventLikelyToComeNext() {
        final class Shown { var events: [Int] = [] }
        struct Prefetching: Model {
            let shown: Shown
            var handled: [Int] = []
            mutating func handle(_ event: Int, in scheduler: inout Scheduler<Int>) {
                handled.append(event)
                if event == 1 { scheduler.schedule(9, after: 0) }
            }
            func prefetch(_ event: Int) { shown.events.append(event) }
        }
        var simulation = Simulation(model: Prefetching(shown: Shown()))
        simulation.scheduler.schedule(1, at: 0)
        simulation.scheduler.schedule(2, at: 5)
        simulation.scheduler.cancel(simulation.scheduler.schedule(3, at: 7))
        simulation.scheduler.schedule(4, at: 9)
        simulation.run()
        #expect(simulation.model.handled == [1, 9, 2, 4])
        #expect(simulation.model.shown.events == [2, 2, 3])
    }

    @Test func equalTimesRunFirstInFirstOut() {
        var simulation = Simulation(model: Recorder())
        for label in 0..<100 { simulation.scheduler.schedule(label, at: 5) }
        simulation.run()
        #expect(simulation.model.events == Array(0..<100))
    }

    @Test func priorityOrdersEqualTimesBeforeSchedulingOrder() {
        var simulation = Simulation(model: Recorder())
        simulation.scheduler.schedule(1, at: 5, priority: .late)
        simulation.scheduler.schedule(2, at: 5)
        simulation.scheduler.schedule(3, at: 5, priority: .early)
        simulation.scheduler.schedule(4, at: 5, priority: .late)
        simulation.scheduler.schedule(5, at: 4, priority: .late)
        simulation.scheduler.schedule(6, at: 5, priority: Priority(-128))
        simulation.run()
        #expect(simulation.model.events == [5, 6, 3, 2, 1, 4])
    }

    @Test func eventsScheduledDuringAnEventAtTheSameTimeRunAfterIt() {
        var model = Recorder()
        model.reaction = { event, scheduler in
            if event == 1 { scheduler.schedule(3, after: 0) }
        }
        var simulation = Simulation(model: model)
        simulation.scheduler.schedule(1, at: 7)
        simulation.scheduler.schedule(2, at: 7)
        simulation.run()
        #expect(simulation.model.events == [1, 2, 3])
    }

    /// Without a calendar, with one of one-tick buckets (times up to twice its ring), and with
    /// one of eight-tick buckets.
    @Test(arguments: [nil, Tick(1), 8])
    func largeRandomScheduleMatchesAStableSort(bucketWidth: Tick?) {
        var random = RandomStream(seed: 3)
        var simulation = Simulation(model: Recorder())
        simulation.scheduler = Scheduler(bucketWidth: bucketWidth)
        var expected: [(time: Tick, priority: Int8, label: Int)] = []
        for label in 0..<50_000 {
            let time = Tick(random.integer(in: 0...2_000))
            let priority = Int8(random.integer(in: -2...2))
            simulation.scheduler.schedule(label, at: time, priority: Priority(priority))
            expected.append((time, priority, label))
        }
        expected.sort { ($0.time, $0.priority, $0.label) < ($1.time, $1.priority, $1.label) }
        simulation.run()
        #expect(simulation.model.events == expected.map(\.label))
    }

    /// Handlers that schedule more events, most of them "now", at random priorities, and
    /// cancel pending ones at random, run exactly in the order of a reference that keeps every
    /// pending event in one list and, as each event runs, takes the least (time, priority,
    /// scheduling order), and so do events scheduled later in an order reserved earlier: with
    /// every pending event in the heap, and with a calendar (a few delays go beyond its ring).
    @Test(arguments: [nil, Tick(1), 4])
    func eventsScheduledNowRunInTheOrderOfAReference(bucketWidth: Tick?) {
        final class Reference {
            var random = RandomStream(seed: 11)
            var pending: [(time: Tick, priority: Int8, order: Int, label: Int, handle: EventHandle)] = []
            var order = 0
            var next = 0
            var ran: [Int] = []

            /// Reserved orders and the events that will take them, when their reserving event runs.
            var reserved: [Int: (delay: Tick, priority: Int8, order: Int, taken: EventOrder)] = [:]
            var reservationsTaken = 0

            func schedule(_ scheduler: inout Scheduler<Int>, after delay: Tick, priority: Int8) {
                let handle = scheduler.schedule(next, after: delay, priority: Priority(priority))
                pending.append((scheduler.now + delay, priority, order, next, handle))
                order += 1
                next += 1
            }

            /// Reserves a place now for an event that `label`, when it runs, schedules `delay`
            /// after it.
            func reserve(_ scheduler: inout Scheduler<Int>, by label: Int, delay: Tick, priority: Int8) {
                reserved[label] = (delay, priority, order, scheduler.reserveOrder())
                order += 1
            }

            func takeReservation(of label: Int, _ scheduler: inout Scheduler<Int>) {
                guard let place = reserved.removeValue(forKey: label) else { return }
                let handle = scheduler.schedule(
                    next, at: scheduler.now + place.delay, priority: Priority(place.priority), order: place.taken)
                pending.append((scheduler.now + place.delay, place.priority, place.order, next, handle))
                next += 1
                reservationsTaken += 1
            }

            /// Removes and returns the label the reference runs next.
            func first() -> Int? {
                guard
                    let index = pending.indices.min(by: {
                        (pending[$0].time, pending[$0].priority, pending[$0].order)
                            < (pending[$1].time, pending[$1].priority, pending[$1].order)
                    })
                else { return nil }
                return pending.remove(at: index).label
            }
        }
        let reference = Reference()
        var model = Recorder()
        model.reaction = { label, scheduler in
            reference.ran.append(reference.first() ?? -1)
            reference.takeReservation(of: label, &scheduler)
            guard reference.next < 4_000 else { return }
            for _ in 0..<reference.random.integer(in: 0...3) {
                let delay =
                    reference.random.bernoulli(0.7)
                    ? 0 : Tick(reference.random.integer(in: 0...(reference.random.bernoulli(0.05) ? 5_000 : 5)))
                reference.schedule(&scheduler, after: delay, priority: Int8(reference.random.integer(in: -1...1)))
            }
            if reference.random.bernoulli(0.2), let owner = reference.pending.last, owner.time > scheduler.now {
                // An order reserved now for an event its owner schedules when it runs, at the
                // same time or later: it goes before every event scheduled after this one.
                reference.reserve(
                    &scheduler, by: owner.label, delay: Tick(reference.random.integer(in: 0...2)),
                    priority: Int8(reference.random.integer(in: -1...1)))
            }
            if !reference.pending.isEmpty, reference.random.bernoulli(0.1) {
                let victim = reference.random.integer(in: 0...(reference.pending.count - 1))
                scheduler.cancel(reference.pending.remove(at: victim).handle)
            }
        }
        var simulation = Simulation(model: model)
        simulation.scheduler = Scheduler(bucketWidth: bucketWidth)
        for _ in 0..<20 { reference.schedule(&simulation.scheduler, after: 0, priority: 0) }
        simulation.run()
        #expect(simulation.model.events.count > 3_000)
        #expect(simulation.model.events == reference.ran)
        #expect(reference.pending.isEmpty)
        #expect(reference.reservationsTaken > 50)
    }

    /// With a calendar, events far apart (beyond its ring, in buckets of a tick or several, or
    /// in one bucket) run in order, and the first is known before any has run.
    @Test(arguments: [Tick(1), 4, 1 << 20])
    func aCalendarKeepsTheOrderOfEventsFarApart(bucketWidth: Tick) {
        var simulation = Simulation(model: Recorder())
        simulation.scheduler = Scheduler(bucketWidth: bucketWidth)
        let times: [Tick] = [5_000_000, 3, 1 << 40, 2_000, 3, 1_025, 0]
        for (label, time) in times.enumerated() { simulation.scheduler.schedule(label, at: time) }
        #expect(simulation.scheduler.nextTime == 0)
        #expect(simulation.scheduler.pendingCount == 7)
        simulation.run(until: 1_025)
        #expect(simulation.scheduler.nextTime == 1_025)
        simulation.run()
        #expect(simulation.model.events == [6, 1, 4, 5, 3, 0, 2])
        #expect(simulation.model.log.map(\.time) == times.sorted())
    }

    @Test func cancelledEventsNeverRun() {
        var simulation = Simulation(model: Recorder())
        var handles: [EventHandle] = []
        for label in 0..<10 { handles.append(simulation.scheduler.schedule(label, at: Tick(label))) }
        let cancelledThree = simulation.scheduler.cancel(handles[3])
        let cancelledSeven = simulation.scheduler.cancel(handles[7])
        let cancelledSevenAgain = simulation.scheduler.cancel(handles[7])
        #expect(cancelledThree && cancelledSeven)
        #expect(!cancelledSevenAgain, "cancelling twice is harmless")
        #expect(simulation.scheduler.pendingCount == 8)
        simulation.run()
        #expect(simulation.model.events == [0, 1, 2, 4, 5, 6, 8, 9])
        #expect(simulation.scheduler.pendingCount == 0)
    }

    @Test func aHandlerCanCancelAFutureEvent() {
        var pending: EventHandle?
        var model = Recorder()
        model.reaction = { event, scheduler in
            if event == 0, let handle = pending { scheduler.cancel(handle) }
        }
        var simulation = Simulation(model: model)
        simulation.scheduler.schedule(0, at: 1)
        pending = simulation.scheduler.schedule(99, at: 365)
        simulation.scheduler.schedule(2, at: 400)
        simulation.run()
        #expect(simulation.model.events == [0, 2])
    }

    @Test func staleHandlesDoNothingAfterTheirSlotIsReused() {
        var simulation = Simulation(model: Recorder())
        let old = simulation.scheduler.schedule(1, at: 1)
        simulation.run(until: 2)
        let new = simulation.scheduler.schedule(2, at: 3)
        #expect(new.slot == old.slot, "the slot is recycled")
        let cancelled = simulation.scheduler.cancel(old)
        #expect(!cancelled)
        simulation.run()
        #expect(simulation.model.events == [1, 2])
    }

    /// Keys hold the time since the start: a run that starts before 0, or ends 2^48 - 1 ticks
    /// after its start, orders as any other.
    @Test(arguments: [Tick(-1_000), 0, Tick.max - (1 << 48)])
    func timesAcrossTheWholeRangeKeepTheirOrder(start: Tick) {
        var simulation = Simulation(model: Recorder(), startingAt: start)
        let last = start + (1 << 48) - 1
        for (label, time) in [last, start, start + 1, last, start].enumerated() {
            simulation.scheduler.schedule(label, at: time)
        }
        simulation.run()
        #expect(simulation.model.events == [1, 4, 2, 0, 3])
        #expect(simulation.scheduler.now == last)
    }

    @Test func schedulingTooFarAheadStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            var simulation = Simulation(model: Recorder(), startingAt: 5)
            simulation.scheduler.schedule(1, at: 5 + (1 << 48))
        }
    }

    @Test func schedulingInThePastStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            var simulation = Simulation(model: Recorder())
            simulation.scheduler.schedule(1, at: 10)
            simulation.run()
            simulation.scheduler.schedule(2, at: 5)
        }
    }
}
