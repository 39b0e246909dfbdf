import Foundation
import SanziAlerts
import SanziEngine
import SanziEvents
import SanziRun
import SanziScenario
import SanziTruth
import SanziWorld

/// One replication of a dataset: simulated with its own seed, then written as one partition of
/// every table (`TABLE/replication=N/part.FORMAT`, the replication number only in the
/// directory's Hive key), so that pyarrow, pandas, DuckDB or Spark read all partitions as one
/// table with an integer `replication` column.
struct Replication {
    /// What a replication wrote, for the data card.
    struct Result: Sendable, Codable {
        var replication: Int
        var seed: UInt64
        var rows: [String: Int]
        /// Rows of the transactions and ledger tables by side of the village split, then by
        /// label: a typology, `honest` or `look-alike`.
        var balance: [String: [String: [String: Int]]]
        var cases: Int
        var lookAlikes: Int
    }

    let number: Int
    let seed: UInt64
    let scenario: Scenario
    let options: DatasetOptions
    let folder: String
    let engine: AlertEngine
    /// The cores its run may use (`RunPipeline.simulate`'s `jobs`).
    let jobs: Int

    /// The seed of replication `number`: derived from the scenario's seed, never the same.
    static func seed(_ number: Int, base: UInt64) -> UInt64 {
        var stream = RandomStream(seed: base).derived("replication", number)
        return stream.next() >> 1
    }

    func partition(_ table: TableSchema) throws -> TableFile {
        let directory = "\(folder)/\(table.name)/replication=\(number)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try TableFile(
            table, format: TableFile.Format(rawValue: options.format.rawValue) ?? .csv,
            path: "\(directory)/part.\(options.format.rawValue)")
    }

    /// Simulates and writes the replication.
    func run() throws -> Result {
        let villageIDs = scenario.geography.villages.map(\.id)
        let months = MonthTable(start: scenario.start, days: scenario.horizon.dayCount(from: scenario.start))
        let events = writes(DatasetTables.events) ? try partition(DatasetTables.events) : nil
        let collector = try DatasetCollector(
            villageIDs: villageIDs, finance: scenario.finance, months: months, events: events,
            settingAsideIn: folder)
        let (summary, actors, setAside) = try simulate(collector)
        var result = Result(
            replication: number, seed: seed, rows: [:], balance: [:], cases: summary.truth.misconduct.count,
            lookAlikes: summary.truth.cases.count - summary.truth.misconduct.count)
        result.rows[DatasetTables.events.name] = try collector.closeEvents()
        let labels = Labels(truth: summary.truth, seed: seed, options: options, days: summary.days)
        let context = Context(
            replication: number, villageIDs: villageIDs, months: months, labels: labels,
            splits: Labels.villageSplits(villageIDs))
        if writes(DatasetTables.transactions) {
            result.rows[DatasetTables.transactions.name] = try writeTransactions(collector, context, &result)
        }
        if writes(DatasetTables.ledger) {
            result.rows[DatasetTables.ledger.name] = try writeLedger(collector, context, &result)
        }
        if writes(DatasetTables.actors) { try writeActors(actors, villageIDs: villageIDs, &result) }
        try writeRelations(declared: collector.relations, hidden: actors.ties.filter { !$0.registered }, &result)
        if writes(DatasetTables.alerts) {
            result.rows[DatasetTables.alerts.name] = try writeAlerts(
                try setAside.alerts.readBack(), villageIDs: villageIDs)
        }
        if writes(DatasetTables.cases) {
            result.rows[DatasetTables.cases.name] = try writeCases(summary.truth, villageIDs: villageIDs)
        }
        return result
    }

    /// Runs the world with `collector` reading its log. As in `sanzi run`, what the run gathers
    /// for later waits in files beside the tables, and the world is let go but for its actors.
    private func simulate(_ collector: DatasetCollector) throws -> (WorldRun.Summary, ActorSnapshot, SetAside) {
        let setAside = try SetAside(in: folder)
        let run = RunPipeline.simulate(
            scenario, seed: seed, rules: engine, setAside: setAside, consumers: [collector], jobs: jobs)
        let (summary, actors) = (run.summary, run.world.actors)
        _ = consume run
        try setAside.check()
        return (summary, actors, setAside)
    }

    /// Whether the dataset has `table`.
    private func writes(_ table: TableSchema) -> Bool { options.tables.contains(table.name) }

    struct Context {
        var replication: Int
        var villageIDs: [String]
        var months: MonthTable
        var labels: Labels
        /// Each village's side of the village split, as a position in `Labels.sides`.
        var splits: [Int]
    }

    /// The key and label columns the transactions and ledger tables share, written into one
    /// file, with the rows counted by class.
    struct SharedColumns {
        let context: Context
        /// The table's label noise (`Labels.noise(forTable:)`).
        let noise: RandomStream
        let villages: TableFile.Vocabulary
        let words: Labels.Words
        /// Rows written by side of the village split, then by class.
        private(set) var counts = [[Int]](
            repeating: [Int](repeating: 0, count: Labels.classNames.count), count: Labels.sides.count)

        init(_ context: Context, table: Int, file: inout TableFile) {
            self.context = context
            noise = context.labels.noise(forTable: table)
            villages = file.vocabulary(context.villageIDs)
            words = Labels.Words(&file)
        }

        func keys(_ file: inout TableFile, village: Int32, day: Int32) {
            file.word(Int(village), of: villages)
            file.int(Int64(day))
            file.int(Int64(context.months.month(day)))
        }

        mutating func labels(_ file: inout TableFile, event: UInt64, village: Int32, day: Int32) {
            let touch = context.labels.touch(event)
            context.labels.write(
                event: event, touch: touch, day: day, split: context.splits[Int(village)], noise: noise, words: words,
                to: &file)
            counts[context.splits[Int(village)]][touch.classIndex(context.labels)] += 1
        }

        /// The rows written by side and class, as the data card's balance.
        var balance: [String: [String: Int]] {
            Dictionary(
                uniqueKeysWithValues: zip(Labels.sides, counts).map { side, counts in
                    (side, Dictionary(uniqueKeysWithValues: zip(Labels.classNames, counts).filter { $0.1 > 0 }))
                })
        }
    }

    private func writeTransactions(_ collector: DatasetCollector, _ context: Context, _ result: inout Result) throws
        -> Int
    {
        var file = try partition(DatasetTables.transactions)
        var shared = SharedColumns(context, table: 1, file: &file)
        let deals = file.vocabulary(LogRecord.Deal.names)
        try collector.forEachTransaction { row in
            shared.keys(&file, village: row.village, day: row.day)
            file.int(row.contract)
            file.int(Int64(row.event))
            file.word(Int(row.deal), of: deals)
            file.int(row.asset)
            file.bool(row.listing >= 0)
            file.int(row.listing)
            file.bool(row.renewal)
            file.int(Int64(row.term))
            file.yuan(row.annual)
            file.yuan(row.total)
            file.yuan(row.appraisal)
            file.yuan(row.reserve)
            file.decimal(ratio(row.reserve, row.appraisal))
            file.decimal(ratio(row.total, row.appraisal))
            file.decimal(ratio(row.total, row.reserve).map { $0 - 1 })
            file.int(row.announcementDays.map(Int64.init))
            file.int(row.relisting)
            file.int(row.registered.map(Int64.init))
            file.int(row.bids.map(Int64.init))
            file.decimal(row.topTwoGap)
            file.int(row.awardToContract.map(Int64.init))
            file.decimal(row.decisionShare)
            file.int(row.counterparty)
            if let firm = row.counterpartyFirm { file.bool(firm) } else { file.null() }
            file.int(row.counterpartyAge.map(Int64.init))
            file.bool(row.counterpartyRelated)
            file.int(Int64(row.counterpartyWins))
            file.decimal(row.previousAnnualRatio)
            file.int(Int64(row.villageContractsBefore))
            shared.labels(&file, event: row.event, village: row.village, day: row.day)
            try file.endRow()
        }
        try file.close()
        result.balance[DatasetTables.transactions.name] = shared.balance
        return file.rows
    }

    private func ratio(_ part: Int64?, _ whole: Int64?) -> Double? {
        guard let part, let whole, whole > 0 else { return nil }
        return Double(part) / Double(whole)
    }

    private func writeLedger(_ collector: DatasetCollector, _ context: Context, _ result: inout Result) throws -> Int {
        var file = try partition(DatasetTables.ledger)
        var shared = SharedColumns(context, table: 2, file: &file)
        typealias Names = DatasetCollector.LedgerEntry
        let entries = file.vocabulary(Names.entries)
        let receiptPurposes = file.vocabulary(LogRecord.ReceiptPurpose.names)
        let disbursementPurposes = file.vocabulary(LogRecord.DisbursementPurpose.names)
        let accounts = file.vocabulary(LogRecord.Account.names)
        let approvers = file.vocabulary(LogRecord.Approver.names)
        try collector.forEachLedgerEntry { row in
            shared.keys(&file, village: row.village, day: row.day)
            file.int(Int64(row.event))
            file.word(Int(row.entry), of: entries)
            file.word(Int(row.purpose), of: row.entry == 0 ? receiptPurposes : disbursementPurposes)
            file.word(Int(row.account), of: accounts)
            file.yuan(row.amount)
            file.word(Int(row.approver), of: approvers)
            file.bool(row.belowRequired)
            file.int(row.counterparty)
            file.bool(row.counterpartyRelated)
            file.int(row.contract)
            file.bool(row.amount % 1_000_00 == 0)
            file.yuan(row.monthSpendingBefore)
            shared.labels(&file, event: row.event, village: row.village, day: row.day)
            try file.endRow()
        }
        try file.close()
        result.balance[DatasetTables.ledger.name] = shared.balance
        return file.rows
    }

    private func writeActors(_ actors: ActorSnapshot, villageIDs: [String], _ result: inout Result) throws {
        var file = try partition(DatasetTables.actors)
        let villages = file.vocabulary(villageIDs)
        for person in actors.people {
            file.string("person:\(person.id)")
            file.string("person")
            file.word(Int(person.village), of: villages)
            file.string(person.role)
            file.int(person.id)
            file.null()
            try file.endRow()
        }
        for bidder in actors.bidders {
            file.string("bidder:\(bidder.id)")
            file.string(bidder.isFirm ? "firm" : "villager")
            file.word(Int(bidder.village), of: villages)
            file.string("")
            file.int(bidder.person)
            if bidder.isFirm { file.int(Int64(bidder.foundedDay)) } else { file.null() }
            try file.endRow()
        }
        try file.close()
        result.rows[DatasetTables.actors.name] = file.rows
    }

    private func writeRelations(declared: [(Int64, Int64)], hidden: [ActorSnapshot.Tie], _ result: inout Result) throws
    {
        for (table, pairs) in [
            (DatasetTables.relations, declared),
            (DatasetTables.hiddenRelations, hidden.map { ($0.person, $0.relative) }),
        ] where writes(table) {
            var file = try partition(table)
            for (person, relative) in pairs {
                file.int(person)
                file.int(relative)
                try file.endRow()
            }
            try file.close()
            result.rows[table.name] = file.rows
        }
    }

    private func writeAlerts(_ alerts: RaisedAlerts, villageIDs: [String]) throws -> Int {
        var file = try partition(DatasetTables.alerts)
        let villages = file.vocabulary(villageIDs)
        for alert in alerts {
            file.int(Int64(alert.id))
            file.string(alert.rule)
            file.string(alert.severity.rawValue)
            file.int(Int64(alert.day))
            file.word(Int(alert.village), of: villages)
            file.string(alert.subject.description)
            file.decimal(alert.score)
            file.decimal(alert.threshold)
            file.numbers(alert.evidence)
            try file.endRow()
        }
        try file.close()
        return file.rows
    }

    private func writeCases(_ truth: GroundTruth, villageIDs: [String]) throws -> Int {
        var file = try partition(DatasetTables.cases)
        let villages = file.vocabulary(villageIDs)
        for entry in truth.cases {
            file.int(Int64(entry.id))
            file.string(entry.kind.rawValue)
            file.string(entry.typology.rawValue)
            file.word(Int(entry.village), of: villages)
            file.numbers(entry.perpetrators)
            file.int(entry.beneficiary)
            file.int(Int64(entry.startDay))
            file.int(Int64(entry.endDay))
            file.yuan(entry.loss)
            file.bool(entry.adapted)
            file.int(entry.discoveredDay >= 0 ? Int64(entry.discoveredDay) : nil)
            file.numbers(entry.events)
            file.yuan(entry.gain)
            file.yuan(entry.privateMoney)
            try file.endRow()
        }
        try file.close()
        return file.rows
    }
}
