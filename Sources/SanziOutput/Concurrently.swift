import Dispatch
import Synchronization

/// Pieces of work that do not depend on each other, done at once when a run may use more than
/// one core, else one after the other on the calling thread. The results are the same either
/// way, in the order asked; only the wall time differs.
///
/// ```swift
/// let (table, scored) = Concurrently.both(cores: jobs) { CaseTable.text(truth) } _: { Evaluation(alerts, truth) }
/// let runs = Concurrently.map(seeds, cores: jobs) { simulate(scenario, seed: $0) }
/// ```
public enum Concurrently {
    /// `transform` of each of `elements`, in their order, on up to `cores` threads at once:
    /// each thread takes the next element not yet taken, so that uneven pieces even out.
    public static func map<Element, Result>(
        _ elements: [Element], cores: Int, _ transform: (Element) -> Result
    ) -> [Result] {
        let threads = min(cores, elements.count)
        guard threads >= 2 else { return elements.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let work = Mapping(elements: elements, transform: transform)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in work.run() }
            return work.results()
        }
    }

    /// The elements, their results and the next element to take. Each result is written by the
    /// one thread that took its element and read once every thread has ended
    /// (`concurrentPerform` returns only then, which orders the writes before the reads).
    private final class Mapping<Element, Result>: @unchecked Sendable {
        let elements: [Element]
        let transform: (Element) -> Result
        let next = Atomic<Int>(0)
        let slots: UnsafeMutableBufferPointer<Result?>

        init(elements: [Element], transform: @escaping (Element) -> Result) {
            self.elements = elements
            self.transform = transform
            slots = .allocate(capacity: elements.count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func run() {
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < elements.count else { return }
                slots[index] = transform(elements[index])
            }
        }

        func results() -> [Result] {
            slots.map { result in
                guard let result else { preconditionFailure("concurrentPerform returned before every element ran") }
                return result
            }
        }
    }

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
