import Foundation
import SanziAlerts
import SanziEvents
import SanziScenario

/// Builds a dataset: N replications with derived seeds, simulated `jobs` at a time, each
/// written as its own partition of every table, then the data card. The files do not depend on
/// `jobs`: a replication's partition depends on its seed alone.
public enum DatasetBuilder {
    /// Facts the data card records about the generator and its input.
    public struct Provenance: Sendable {
        public var generator: String
        public var scenarioDigest: String

        public init(generator: String, scenarioDigest: String) {
            self.generator = generator
            self.scenarioDigest = scenarioDigest
        }
    }

    /// Writes the dataset into `folder` (which must exist) and returns its data card;
    /// `progress` hears each finished replication (possibly from several threads).
    public static func build(
        _ scenario: Scenario, options: DatasetOptions, provenance: Provenance, into folder: String,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> DataCard {
        let results = Locked([Replication.Result?](repeating: nil, count: options.replications))
        let failure = Locked<String?>(nil)
        let done = Locked(0)
        let jobs = max(1, min(options.jobs, options.replications))
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var rows = DatasetCollector.Rows()
            for number in stride(from: worker, to: options.replications, by: jobs) {
                guard failure.withLock({ $0 == nil }) else { return }
                do {
                    let engine = try AlertEngine(settings: scenario.alerts)
                    let replication = Replication(
                        number: number, seed: Replication.seed(number, base: scenario.seed), scenario: scenario,
                        options: options, folder: folder, engine: engine)
                    let result = try replication.run(reusing: &rows)
                    results.withLock { $0[number] = result }
                    progress(
                        done.withLock {
                            $0 += 1
                            return $0
                        }, options.replications)
                } catch {
                    failure.withLock { $0 = $0 ?? "replication \(number): \(error)" }
                }
            }
        }
        if let message = failure.withLock({ $0 }) { throw BuildError(message: message) }
        let card = DataCard(
            scenario: scenario, options: options, provenance: provenance,
            results: results.withLock { $0.compactMap { $0 } })
        try card.write(to: folder)
        return card
    }

    /// A replication that could not be written.
    public struct BuildError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
