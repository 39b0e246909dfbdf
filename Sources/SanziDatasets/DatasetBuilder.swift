import Foundation
import SanziAlerts
import SanziEvents
import SanziOutput
import SanziRun
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
    /// `progress` hears each finished replication (possibly from several threads). Replications
    /// an earlier, interrupted build of the same dataset finished in `folder` are kept.
    public static func build(
        _ scenario: Scenario, options: DatasetOptions, provenance: Provenance, into folder: String,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> DataCard {
        try simulate(
            Array(0..<options.replications), of: scenario, options: options, provenance: provenance, into: folder,
            progress: progress)
        return try finish(scenario, options: options, provenance: provenance, in: folder)
    }

    /// Simulates and writes those of replications `numbers` that `folder` does not hold
    /// finished, `options.jobs` at a time, each marked finished once its tables are written,
    /// so that several processes (or machines sharing the folder) can each take some; `progress`
    /// counts those simulated here out of those that were not finished.
    public static func simulate(
        _ numbers: [Int], of scenario: Scenario, options: DatasetOptions, provenance: Provenance, into folder: String,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws {
        let record = try FinishedReplications(in: folder, settings: settings(scenario, options, provenance))
        let pending = try numbers.filter { try record.result($0) == nil }
        let done = Locked(0)
        let failure = Locked<String?>(nil)
        // Cores left over when fewer replications than cores are simulated at once go to each
        // replication's own pipeline (its rules and tables beside its world).
        let (jobs, jobsPerReplication) = RunPipeline.sharing(options.jobs, among: pending.count)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            for number in stride(from: worker, to: pending.count, by: jobs).map({ pending[$0] }) {
                guard failure.withLock({ $0 == nil }) else { return }
                do {
                    try record.whileClaimed(number) {
                        guard try record.result(number) == nil else { return }  // another process's
                        try removePartitions(of: number, in: folder)
                        let engine = try AlertEngine(settings: scenario.alerts)
                        let replication = Replication(
                            number: number, seed: Replication.seed(number, base: scenario.seed), scenario: scenario,
                            options: options, folder: folder, engine: engine, jobs: jobsPerReplication)
                        try record.record(try replication.run())
                    }
                    progress(
                        done.withLock {
                            $0 += 1
                            return $0
                        }, pending.count)
                } catch {
                    failure.withLock { $0 = $0 ?? "replication \(number): \(error)" }
                }
            }
        }
        if let message = failure.withLock({ $0 }) { throw BuildError(message: message) }
    }

    /// Writes the data card of the dataset whose every replication `folder` holds finished,
    /// removes the record of finished replications, and returns the card.
    public static func finish(
        _ scenario: Scenario, options: DatasetOptions, provenance: Provenance, in folder: String
    ) throws -> DataCard {
        let record = try FinishedReplications(in: folder, settings: settings(scenario, options, provenance))
        var results: [Replication.Result] = []
        var missing: [Int] = []
        for number in 0..<options.replications {
            if let result = try record.result(number) { results.append(result) } else { missing.append(number) }
        }
        guard missing.isEmpty else {
            throw BuildError(
                message: "replications \(missing.map(String.init).joined(separator: ", ")) are not finished")
        }
        let card = DataCard(scenario: scenario, options: options, provenance: provenance, results: results)
        try card.write(to: folder)
        try record.remove()
        return card
    }

    /// What makes two builds the same dataset.
    static func settings(_ scenario: Scenario, _ options: DatasetOptions, _ provenance: Provenance)
        -> FinishedReplications.Settings
    {
        FinishedReplications.Settings(
            generator: provenance.generator, scenarioDigest: provenance.scenarioDigest, baseSeed: scenario.seed,
            replications: options.replications, format: options.format.rawValue,
            missedLabels: options.missedLabels, falseLabels: options.falseLabels, tables: options.tables.sorted())
    }

    /// Removes what an interrupted attempt at replication `number` may have left, so that a
    /// replication is always written into empty partitions.
    static func removePartitions(of number: Int, in folder: String) throws {
        for table in DatasetTables.all {
            let partition = "\(folder)/\(table.name)/replication=\(number)"
            if FileManager.default.fileExists(atPath: partition) {
                try FileManager.default.removeItem(atPath: partition)
            }
        }
    }

    /// A replication that could not be written.
    public struct BuildError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
