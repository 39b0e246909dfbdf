import SanziEvents
import SanziOutput

/// Writes alerts to `alerts.csv` (one row per alert) and `alerts.jsonl` (full evidence), each
/// an `OutputFile` that appears at its path only when `finish()` succeeds.
///
/// alerts.csv columns: alert_id, rule, severity, day, date, village, subject, score, threshold,
/// evidence (event ids separated by spaces), combines (for an escalation, E01 or E02: the ids of
/// the alerts it combines, separated by spaces).
public final class AlertWriter {
    public static let csvHeader =
        "alert_id,rule,severity,day,date,village,subject,score,threshold,evidence,combines\n"

    private var csv: OutputFile?
    private var jsonl: OutputFile?
    /// The paths of alerts.csv and alerts.jsonl.
    public let paths: [String]
    private let villageIDs: [[UInt8]]
    private let villageJSON: [[UInt8]]
    private let dateOfDay: (Int32) -> String
    private var dates: [Int32: [UInt8]] = [:]
    private var csvBuffer: [UInt8] = []
    private var jsonBuffer: [UInt8] = []
    public private(set) var count = 0
    /// The first write error; later alerts are dropped once writing has failed.
    public private(set) var failure: OutputError?

    public init(folder: String, villageIDs: [String], dateOfDay: @escaping (Int32) -> String) throws(OutputError) {
        paths = [OutputFiles.path("alerts.csv", in: folder), OutputFiles.path("alerts.jsonl", in: folder)]
        csv = try OutputFile(path: paths[0])
        jsonl = try OutputFile(path: paths[1])
        self.villageIDs = villageIDs.map { Array(CSV.field($0).utf8) }
        villageJSON = villageIDs.map { Array(Escaping.jsonLiteral($0).utf8) }
        self.dateOfDay = dateOfDay
        csvBuffer.append(Self.csvHeader)
    }

    public func write(_ alert: Alert) {
        guard failure == nil else { return }
        let known = alert.village >= 0 && Int(alert.village) < villageIDs.count
        let date = dates[alert.day] ?? Array(dateOfDay(alert.day).utf8)
        dates[alert.day] = date
        var row = csvBuffer
        csvBuffer = []
        row.appendDigits(alert.id)
        row.append(",", alert.rule, ",", alert.severity.rawValue, ",")
        row.appendDigits(alert.day)
        row.append(",")
        row.append(contentsOf: date)
        row.append(",")
        if known { row.append(contentsOf: villageIDs[Int(alert.village)]) }
        row.append(
            ",", alert.subject.description, ",", Self.number(alert.score), ",", Self.number(alert.threshold), ",")
        Self.append(alert.evidence, to: &row)
        row.append(",")
        Self.append(alert.combines, to: &row)
        row.append("\n")
        csvBuffer = row

        var json = jsonBuffer
        jsonBuffer = []
        json.append("{\"id\":")
        json.appendDigits(alert.id)
        json.append(",\"rule\":\"", alert.rule, "\",\"severity\":\"", alert.severity.rawValue, "\",\"day\":")
        json.appendDigits(alert.day)
        json.append(",\"date\":\"")
        json.append(contentsOf: date)
        json.append("\",\"village\":")
        if known { json.append(contentsOf: villageJSON[Int(alert.village)]) } else { json.append("null") }
        json.append(",\"subject\":\"", alert.subject.description, "\",\"score\":", Self.number(alert.score))
        json.append(",\"threshold\":", Self.number(alert.threshold), ",\"evidence\":[")
        for (index, id) in alert.evidence.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.appendDigits(id)
        }
        json.append("]")
        if !alert.combines.isEmpty {
            json.append(",\"alerts\":[")
            for (index, id) in alert.combines.enumerated() {
                if index > 0 { json.append(UInt8(ascii: ",")) }
                json.appendDigits(id)
            }
            json.append("]")
        }
        json.append(",\"values\":{")
        var first = true
        for value in alert.values {
            if !first { json.append(",") }
            first = false
            json.append(Escaping.jsonLiteral(value.name), ":", Self.number(value.value))
        }
        json.append("}}\n")
        jsonBuffer = json
        count += 1
        if csvBuffer.count > 1 << 16 || jsonBuffer.count > 1 << 16 { flush() }
    }

    /// Writes what is buffered; a failure is kept for `finish()`.
    private func flush() {
        guard failure == nil else { return }
        do throws(OutputError) {
            try csv?.write(csvBuffer)
            try jsonl?.write(jsonBuffer)
        } catch {
            failure = error
        }
        csvBuffer.removeAll(keepingCapacity: true)
        jsonBuffer.removeAll(keepingCapacity: true)
    }

    /// Writes the rest and moves both files into place; the first error, if any.
    public func finish() throws(OutputError) {
        flush()
        if let failure { throw failure }
        try csv.take()?.commit()
        try jsonl.take()?.commit()
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String((value * 1_000_000).rounded() / 1_000_000)
    }

    /// Ids separated by spaces, as a CSV cell.
    static func append(_ ids: [UInt64], to row: inout [UInt8]) {
        for (index, id) in ids.enumerated() {
            if index > 0 { row.append(UInt8(ascii: " ")) }
            row.appendDigits(id)
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of each string.
    mutating func append(_ texts: String...) {
        for text in texts { append(contentsOf: text.utf8) }
    }

    /// Appends a whole number's decimal digits without making a string.
    mutating func appendDigits<Number: BinaryInteger>(_ value: Number) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { scratch in
            var index = scratch.count
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(contentsOf: scratch[index...])
        }
    }
}

/// Runs the alert engine inline, as the event sink of a run, writing what it raises.
public final class AlertSink: EventSink {
    public private(set) var engine: AlertEngine
    public let writer: AlertWriter
    /// Every alert written, for evaluation and reports after the run.
    public private(set) var alerts: [Alert] = []

    public init(engine: AlertEngine, writer: AlertWriter) {
        self.engine = engine
        self.writer = writer
    }

    public func accept(_ event: LoggedEvent) {
        for alert in engine.observe(event) {
            writer.write(alert)
            alerts.append(alert)
        }
    }
}

/// Runs the alert engine over the events it is given and keeps what it raises (replay and
/// datasets, where the alerts are written afterwards).
public final class AlertCollector: EventSink {
    // One pipeline thread uses a collector at a time; `finish()` hands it over.
    @exclusivity(unchecked) private var engine: AlertEngine
    @exclusivity(unchecked) public private(set) var alerts: [Alert] = []
    /// What is done with each alert as it is raised (written, handed to the world), if anything.
    private let each: ((Alert) -> Void)?

    public init(engine: AlertEngine, each: ((Alert) -> Void)? = nil) {
        self.engine = engine
        self.each = each
    }

    public func accept(_ event: LoggedEvent) {
        let raised = engine.observe(event)
        guard !raised.isEmpty else { return }
        alerts += raised
        if let each { for alert in raised { each(alert) } }
    }
}
