import Foundation
import SanziAlerts
import SanziEvents
import Testing

@testable import SanziRun

/// `jobs` decides where the log is read, and nothing else: a busy thread a core. With one,
/// every reader takes the log on the thread that runs the world; with two, the rules take the
/// second core and a consumer reads on the world's thread, unless the rules do not need a
/// thread of their own (not run, or run inline because leads follow within two days); with
/// three, the consumer has its own. A consumer on the world's thread beside a rules' thread is
/// offered that thread's queue for its own background work, and no other is. (That the outputs are the same bytes for any `jobs` is the
/// command line's test.)
@Suite("Where a run's log is read")
struct RunJobsTests {
    /// Counts the events it takes on the thread that made it and on any other.
    final class ThreadCounter: EventSink, @unchecked Sendable {
        private let maker = pthread_self()
        private(set) var onMaker = 0
        private(set) var elsewhere = 0
        private(set) var offered = false

        func accept(_ event: LoggedEvent) {
            if pthread_equal(pthread_self(), maker) != 0 { onMaker += 1 } else { elsewhere += 1 }
        }

        func offload(to queue: DispatchQueue) { offered = true }
    }

    /// Runs side by side share the cores: as many at once as there are cores and runs, the cores
    /// left over to each (never fewer than one either way).
    @Test func runsSideBySideShareTheCores() {
        #expect(RunPipeline.sharing(2, among: 8) == (2, 1))
        #expect(RunPipeline.sharing(3, among: 2) == (2, 1))
        #expect(RunPipeline.sharing(4, among: 2) == (2, 2))
        #expect(RunPipeline.sharing(8, among: 3) == (3, 2))
        #expect(RunPipeline.sharing(4, among: 1) == (1, 4))
        #expect(RunPipeline.sharing(1, among: 5) == (1, 1))
        #expect(RunPipeline.sharing(3, among: 0) == (1, 3))
    }

    /// The rules' pipeline holds about half a day of the log (one event a village a day), and
    /// never fewer than 8 batches: as before up to 18,431 villages.
    @Test func theRulesPipelineHoldsAboutHalfADayOfTheLog() {
        #expect(RunPipeline.rulesDepth(villages: 10) == 8)
        #expect(RunPipeline.rulesDepth(villages: 12_000) == 8)
        #expect(RunPipeline.rulesDepth(villages: 18_431) == 8)
        #expect(RunPipeline.rulesDepth(villages: 18_432) == 9)
        #expect(RunPipeline.rulesDepth(villages: 120_000) == 58)
    }

    /// How the rules run: on a thread of their own (the default scenario's leads follow a week
    /// after), on the world's (leads within a day), or not at all.
    enum Rules: Sendable { case threaded, inline, off }

    @Test(arguments: [
        (jobs: 1, rules: Rules.threaded, apart: false), (jobs: 2, rules: .threaded, apart: false),
        (jobs: 3, rules: .threaded, apart: true), (jobs: 2, rules: .off, apart: true),
        (jobs: 2, rules: .inline, apart: true), (jobs: 1, rules: .off, apart: false),
    ])
    func aConsumerHasAThreadOfItsOwnOnlyWhenACoreIsLeft(jobs: Int, rules: Rules, apart: Bool) throws {
        var scenario = try WorldFixtures.scenario("default")
        if rules == .inline { scenario.oversight.discipline.leadDelayDays = 1 }
        let counter = ThreadCounter()
        let result = RunPipeline.simulate(
            scenario, seed: 1, rules: try AlertEngine(settings: scenario.alerts), runsRules: rules != .off,
            consumers: [counter], jobs: jobs)
        #expect(UInt64(counter.onMaker + counter.elsewhere) == result.summary.events)
        #expect(apart ? counter.onMaker == 0 : counter.elsewhere == 0)
        #expect(counter.offered == (jobs == 2 && rules == .threaded))
    }
}
