import Foundation
import SanziOutput
import Testing

@Suite("Two pieces of work at once")
struct ConcurrentlyTests {
    /// With one core both run on the calling thread, in order; with two, at once (each waits
    /// until the other has started, which would never end one after the other); either way
    /// the results come back in the order asked. Needs a machine of two cores or more, where
    /// Dispatch gives `concurrentPerform` a second thread.
    @Test func bothRunAtOnceOnlyWithTwoCores() throws {
        try #require(ProcessInfo.processInfo.activeProcessorCount >= 2, "this test needs two cores")
        let caller = pthread_self()
        var order: [String] = []
        let alone = Concurrently.both(cores: 1) {
            order.append("first")
            return pthread_equal(pthread_self(), caller) != 0
        } _: {
            order.append("second")
            return pthread_equal(pthread_self(), caller) != 0
        }
        #expect(alone == (true, true))
        #expect(order == ["first", "second"])

        let started = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let together = Concurrently.both(cores: 2) {
            started.0.signal()
            return started.1.wait(timeout: .now() + 10) == .success ? 1 : -1
        } _: {
            started.1.signal()
            return started.0.wait(timeout: .now() + 10) == .success ? "2" : "timed out"
        }
        #expect(together == (1, "2"))
    }
}
