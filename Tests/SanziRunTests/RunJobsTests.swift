import Foundation
import SanziAlerts
import SanziEvents
import Testing

@testable import SanziRun

/// `jobs` decides where the log is read, and nothing else: with one, every reader takes the
/// log on the thread that runs the world; with two or more, a consumer takes it on a thread
/// of its own. (That the outputs are the same bytes for any `jobs` is the command line's test.)
@Suite("Where a run's log is read")
struct RunJobsTests {
    /// Counts the events it takes on the thread that made it and on any other.
    final class ThreadCounter: EventSink, @unchecked Sendable {
        private let maker = pthread_self()
        private(set) var onMaker = 0
        private(set) var elsewhere = 0

        func accept(_ event: LoggedEvent) {
            if pthread_equal(pthread_self(), maker) != 0 { onMaker += 1 } else { elsewhere += 1 }
        }
    }

    @Test(arguments: [1, 2])
    func aConsumerReadsOnTheWorldsThreadOnlyWithOneJob(jobs: Int) throws {
        let scenario = try WorldFixtures.scenario("default")
        let counter = ThreadCounter()
        let result = RunPipeline.simulate(
            scenario, seed: 1, rules: try AlertEngine(settings: scenario.alerts), consumers: [counter], jobs: jobs)
        #expect(UInt64(counter.onMaker + counter.elsewhere) == result.summary.events)
        if jobs == 1 {
            #expect(counter.elsewhere == 0)
        } else {
            #expect(counter.onMaker == 0)
        }
    }
}
