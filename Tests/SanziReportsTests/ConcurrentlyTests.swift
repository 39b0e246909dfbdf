import Foundation
import SanziOutput
import Testing

@Suite("Pieces of work at once")
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

    /// `map` gives the results in the elements' order whatever the threads: with one core on
    /// the calling thread, with two on two threads at once (each of the first two elements
    /// waits until the other has started); uneven pieces and more cores than elements too.
    @Test func mapKeepsTheOrderAndUsesTheCores() throws {
        try #require(ProcessInfo.processInfo.activeProcessorCount >= 2, "this test needs two cores")
        let caller = pthread_self()
        let onCaller = { (value: Int) in pthread_equal(pthread_self(), caller) != 0 ? value : -value }
        #expect(Concurrently.map([1, 2, 3], cores: 1, onCaller) == [1, 2, 3])

        let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let together = Concurrently.map([0, 1], cores: 2) { index in
            started[index].signal()
            return started[1 - index].wait(timeout: .now() + 10) == .success ? index : -1
        }
        #expect(together == [0, 1])

        let elements = Array(0..<300)
        let uneven = { (value: Int) in (0..<(value % 7) * 100).reduce(value) { $0 &+ $1 } }
        #expect(Concurrently.map(elements, cores: 3, uneven) == elements.map(uneven))
        #expect(Concurrently.map(Array(elements.prefix(2)), cores: 8, uneven) == [0, 4_951])
        #expect(Concurrently.map([Int](), cores: 4, uneven).isEmpty)
    }
}
