import Dispatch
import Synchronization

/// Independent pieces of work done on up to `jobs` threads at once, their results returned in
/// the order given, so that what is made from them does not depend on `jobs`: the renderings
/// of a run's report files, for instance, once the run is over.
///
/// ```swift
/// let texts = Concurrently.map([{ render(a) }, { render(b) }], jobs: 2)
/// ```
public enum Concurrently {
    /// Does every piece of `work` and returns their results in order; with `jobs` below 2, or
    /// a single piece, on the calling thread.
    public static func map<Result: Sendable>(_ work: [@Sendable () -> Result], jobs: Int) -> [Result] {
        let workers = min(jobs, work.count)
        guard workers > 1 else { return work.map { $0() } }
        let results = Mutex<[Result?]>(Array(repeating: nil, count: work.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: work.count, by: workers) {
                let result = work[index]()
                results.withLock { $0[index] = result }
            }
        }
        // concurrentPerform returns once every piece is done: each slot is filled.
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Starts `work` on another thread (with `jobs` below 2, does it now) and returns what
    /// waits for its result, for work the caller overlaps with its own.
    public static func start<Result: Sendable>(jobs: Int, _ work: @escaping @Sendable () -> Result) -> Pending<Result> {
        Pending(jobs: jobs, work)
    }

    /// Work started by `start(jobs:_:)`.
    public final class Pending<Result: Sendable>: Sendable {
        private let group = DispatchGroup()
        private let result = Mutex<Result?>(nil)
        private let work: @Sendable () -> Result

        fileprivate init(jobs: Int, _ work: @escaping @Sendable () -> Result) {
            self.work = work
            guard jobs > 1 else {
                result.withLock { $0 = work() }
                return
            }
            DispatchQueue.global().async(group: group) {
                let value = work()
                self.result.withLock { $0 = value }
            }
        }

        /// The work's result, waiting for it if it is not done.
        public var value: Result {
            group.wait()
            // The group is done, so the result is there; doing the work again would only be
            // needed if it were not, and gives the same value.
            return result.withLock { $0 } ?? work()
        }
    }
}
