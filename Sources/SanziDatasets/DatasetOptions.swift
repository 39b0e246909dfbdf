/// How a dataset is made.
public struct DatasetOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl
    }

    public var replications: Int
    public var format: Format
    /// Replications simulated at once; the files do not depend on it.
    public var jobs: Int
    /// Share of misconduct rows whose observed label is lost (missed by investigators).
    public var missedLabels: Double
    /// Share of honest rows observed as misconduct (wrongly suspected).
    public var falseLabels: Double
    /// The names of the tables to write (see `DatasetTables.all`).
    public var tables: Set<String>

    public init(
        replications: Int, format: Format = .csv, jobs: Int = 1, missedLabels: Double = 0, falseLabels: Double = 0,
        tables: Set<String> = Set(DatasetTables.all.map(\.name))
    ) {
        self.replications = replications
        self.format = format
        self.jobs = jobs
        self.missedLabels = missedLabels
        self.falseLabels = falseLabels
        self.tables = tables
    }
}
