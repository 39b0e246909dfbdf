import Foundation
import SanziOutput
import SanziScenario

/// The dataset's data card: `DATACARD.md` for people, `datacard.json` for programs. It records
/// how the data was made, what is in it, and what it cannot tell.
public struct DataCard: Sendable, Encodable {
    public struct Column: Sendable, Encodable {
        public var name: String
        public var type: String
        public var unit: String?
        public var meaning: String
    }

    public struct Table: Sendable, Encodable {
        public var name: String
        public var meaning: String
        public var groundTruth: Bool
        public var files: String
        public var rows: Int
        public var columns: [Column]
    }

    public var generator: String
    public var scenario: String
    public var scenarioDigest: String
    public var baseSeed: UInt64
    public var replications: Int
    public var seeds: [UInt64]
    public var format: String
    public var missedLabels: Double
    public var falseLabels: Double
    public var cases: Int
    public var lookAlikes: Int
    /// Rows of the labelled tables by label (typology, `honest`, `look-alike`).
    public var classBalance: [String: [String: Int]]
    /// The village split: villages per side, the labelled tables' rows per side and label,
    /// and the sides that lack a typology another side has.
    public var villageSplit: VillageSplit

    public struct VillageSplit: Sendable, Encodable {
        /// Villages on each side (`train`, `valid`, `test`).
        public var villages: [String: Int]
        /// Rows by table, side and label.
        public var balance: [String: [String: [String: Int]]]
        public var warnings: [String]
    }
    public var tables: [Table]
    public var limitations: [String]

    init(
        scenario: Scenario, options: DatasetOptions, provenance: DatasetBuilder.Provenance,
        results: [Replication.Result]
    ) {
        generator = provenance.generator
        self.scenario = scenario.name
        scenarioDigest = provenance.scenarioDigest
        baseSeed = scenario.seed
        replications = options.replications
        seeds = results.map(\.seed)
        format = options.format.rawValue
        missedLabels = options.missedLabels
        falseLabels = options.falseLabels
        cases = results.reduce(0) { $0 + $1.cases }
        lookAlikes = results.reduce(0) { $0 + $1.lookAlikes }
        var bySide: [String: [String: [String: Int]]] = [:]
        var balance: [String: [String: Int]] = [:]
        for result in results {
            for (table, sides) in result.balance {
                for (side, counts) in sides {
                    for (label, count) in counts {
                        bySide[table, default: [:]][side, default: [:]][label, default: 0] += count
                        balance[table, default: [:]][label, default: 0] += count
                    }
                }
            }
        }
        classBalance = balance
        let sides = Labels.villageSplits(scenario.geography.villages.map(\.id))
        villageSplit = VillageSplit(
            villages: Dictionary(
                uniqueKeysWithValues: Labels.sides.enumerated().map { side, name in
                    (name, sides.filter { $0 == side }.count)
                }),
            balance: bySide, warnings: Self.splitWarnings(bySide, villages: sides.count))
        tables = DatasetTables.all.filter { options.tables.contains($0.name) }.map { table in
            Table(
                name: table.name, meaning: table.meaning, groundTruth: table.groundTruth,
                files: "\(table.name)/replication=*/part.\(options.format.rawValue)",
                rows: results.reduce(0) { $0 + ($1.rows[table.name] ?? 0) },
                columns: table.columns.map {
                    Column(name: $0.name, type: $0.type.rawValue, unit: $0.unit, meaning: $0.meaning)
                })
        }
        limitations = Self.limitations
    }

    /// What the village split cannot give: a side without villages, or a typology labelled on
    /// one side and absent from another (its recall there cannot be measured).
    static func splitWarnings(_ balance: [String: [String: [String: Int]]], villages: Int) -> [String] {
        var warnings: [String] = []
        if villages < 3 {
            warnings.append("\(villages) villages: too few to split, so every village is in train")
        }
        for table in balance.keys.sorted() {
            let sides = balance[table] ?? [:]
            let typologies = Set(sides.values.flatMap(\.keys)).subtracting(["honest", "look-alike"])
            for typology in typologies.sorted() {
                let counts = Labels.sides.map { sides[$0]?[typology] ?? 0 }
                guard counts.contains(0) else { continue }
                let missing = zip(Labels.sides, counts).filter { $0.1 == 0 }.map(\.0).joined(separator: " and ")
                let present = zip(Labels.sides, counts).filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
                warnings.append(
                    "\(table): no \(typology) rows on \(missing) (\(present.joined(separator: ", "))): more replications or villages"
                )
            }
        }
        return warnings
    }

    static let limitations = [
        "Synthetic: every number comes from the scenario's assumptions (see its comments and docs/calibration.md), not from real villages.",
        "Labels mark the rows a case produced or altered; a case that hides its traces (concealment) may label nothing observable.",
        "The transactions table labels contracts rigged at signing (below-market, rigging, rotation, relative award, off-platform, splitting); amendments, arrears, receipts and ledger typologies label ledger rows and events instead.",
        "Features are computed from the log up to the row's own event; the split columns must be used to keep villages (or periods) apart, or villages leak between training and test.",
        "Replications share villages' ids and profiles, so the same village appears in every replication, always on the same side of the village split.",
        "Look-alikes are honest and labelled 0; they are flagged so false alarms on them can be counted.",
        "Ground-truth tables (cases, relations_hidden) must never be used as features.",
    ]

    func write(to folder: String) throws {
        _ = try OutputFiles.write([("datacard.json", OutputFiles.json(self)), ("DATACARD.md", markdown)], to: folder)
    }

    var markdown: String {
        var out = "# Data card: \(scenario)\n\n"
        out += "Generated by \(generator) from scenario `\(scenarioDigest)` (base seed \(baseSeed)), "
        out += "\(replications) replications with seeds \(seeds.map(String.init).joined(separator: ", ")). "
        out +=
            "Format: \(format). Label noise: \(missedLabels) of misconduct rows missed, \(falseLabels) of honest rows wrongly labelled.\n\n"
        out += "\(cases) misconduct cases and \(lookAlikes) honest look-alikes in all.\n\n## Tables\n\n"
        out += "| table | rows | files | ground truth |\n|---|---|---|---|\n"
        for table in tables {
            out += "| \(table.name) | \(table.rows) | `\(table.files)` | \(table.groundTruth ? "yes" : "no") |\n"
        }
        out += "\n## Class balance\n\n"
        for table in classBalance.keys.sorted() {
            out +=
                "**\(table)**: "
                + (classBalance[table] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ") + "\n\n"
        }
        out += "## Village split\n\n"
        out +=
            "Villages: " + Labels.sides.map { "\($0) \(villageSplit.villages[$0] ?? 0)" }.joined(separator: ", ")
            + ".\n\n"
        for table in villageSplit.balance.keys.sorted() {
            let sides = villageSplit.balance[table] ?? [:]
            let labels = Set(sides.values.flatMap(\.keys)).sorted()
            out += "**\(table)**\n\n| label | " + Labels.sides.joined(separator: " | ") + " |\n|---|"
            out += Labels.sides.map { _ in "---|" }.joined() + "\n"
            for label in labels {
                out +=
                    "| \(label) | " + Labels.sides.map { "\(sides[$0]?[label] ?? 0)" }.joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        for warning in villageSplit.warnings { out += "- Warning: \(warning).\n" }
        if !villageSplit.warnings.isEmpty { out += "\n" }
        out += "## Columns\n\n"
        for table in tables {
            out += "### \(table.name)\n\n\(table.meaning)\n\n| column | type | unit | meaning |\n|---|---|---|---|\n"
            for column in table.columns {
                out += "| \(column.name) | \(column.type) | \(column.unit ?? "") | \(column.meaning) |\n"
            }
            out += "\n"
        }
        out += "## Known limitations\n\n" + limitations.map { "- \($0)" }.joined(separator: "\n") + "\n"
        return out
    }
}
