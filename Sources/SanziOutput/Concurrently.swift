import Dispatch

/// Two pieces of work that do not depend on each other, done at once when a run may use more
/// than one core, else one after the other on the calling thread. The results are the same
/// either way; only the wall time differs.
///
/// ```swift
/// let (table, scored) = Concurrently.both(cores: jobs) { CaseTable.bytes(truth) } _: { Evaluation(alerts, truth) }
/// ```
public enum Concurrently {
    /// `first()` and `second()`, on two threads when `cores` is 2 or more.
    public static func both<First, Second>(
        cores: Int, _ first: () -> First, _ second: () -> Second
    ) -> (First, Second) {
        guard cores >= 2 else { return (first(), second()) }
        var results: (First?, Second?) = (nil, nil)
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let parts = Parts(first: first, second: second)
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    if part == 0 { parts.one = parts.first() } else { parts.two = parts.second() }
                }
                results = (parts.one, parts.two)
            }
        }
        guard let one = results.0, let two = results.1 else {
            preconditionFailure("concurrentPerform returned before both parts ran")
        }
        return (one, two)
    }

    /// The work and its results, each written by one part and read once both have ended
    /// (`concurrentPerform` returns only then, which orders the writes before the reads).
    private final class Parts<First, Second>: @unchecked Sendable {
        let first: () -> First
        let second: () -> Second
        var one: First?
        var two: Second?

        init(first: @escaping () -> First, second: @escaping () -> Second) {
            self.first = first
            self.second = second
        }
    }
}
