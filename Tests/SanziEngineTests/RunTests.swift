import Testing

@testable import SanziEngine

@Suite("Running: horizon, stop, observer")
struct RunTests {
    func simulation(events times: [Tick]) -> Simulation<Recorder> {
        var simulation = Simulation(model: Recorder())
        for (label, time) in times.enumerated() { simulation.scheduler.schedule(label, at: time) }
        return simulation
    }

    @Test func horizonIsExclusiveAndTheClockEndsOnIt() {
        var simulation = simulation(events: [0, 5, 10, 15])
        let outcome = simulation.run(until: 10)
        #expect(simulation.model.events == [0, 1])
        #expect(outcome == .init(reason: .horizonReached, events: 2, time: 10))
        #expect(simulation.scheduler.now == 10)
        #expect(simulation.scheduler.pendingCount == 2)
    }

    @Test func aSecondRunContinuesWhereTheFirstStopped() {
        var simulation = simulation(events: [0, 5, 10, 15])
        simulation.run(until: 10)
        let outcome = simulation.run(until: 100)
        #expect(simulation.model.events == [0, 1, 2, 3])
        #expect(outcome == .init(reason: .queueEmpty, events: 2, time: 100))
    }

    @Test func emptyQueueWithoutHorizonLeavesTheClockAtTheLastEvent() {
        var simulation = simulation(events: [3, 8])
        let outcome = simulation.run()
        #expect(outcome == .init(reason: .queueEmpty, events: 2, time: 8))
    }

    @Test func theModelCanStopTheRun() {
        var model = Recorder()
        model.reaction = { event, scheduler in if event == 1 { scheduler.stop() } }
        var simulation = Simulation(model: model)
        for label in 0..<4 { simulation.scheduler.schedule(label, at: Tick(label)) }
        let first = simulation.run()
        let second = simulation.run()
        #expect(first == .init(reason: .stopped, events: 2, time: 1))
        #expect(second == .init(reason: .queueEmpty, events: 2, time: 3), "a stop ends one run only")
    }

    @Test func aStopConditionEndsTheRunAfterTheEventThatMetIt() {
        var simulation = simulation(events: [1, 2, 3, 4])
        var observer = NoObserver<Int>()
        let outcome = simulation.run(observer: &observer, stoppingWhen: { $0.log.count == 3 })
        #expect(outcome == .init(reason: .stopped, events: 3, time: 3))
    }

    struct Tape: EventObserver {
        var seen: [String] = []
        mutating func observe(_ event: Int, at time: Tick) { seen.append("\(time):\(event)") }
    }

    @Test func theObserverSeesEveryEventInOrder() {
        var simulation = simulation(events: [4, 2, 9])
        var tape = Tape()
        simulation.run(until: 9, observer: &tape)
        #expect(tape.seen == ["2:1", "4:0"])
    }
}
