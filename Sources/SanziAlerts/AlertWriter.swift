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

    // One thread writes at a time (the rules'), so the writer's state needs no exclusivity
    // check at run time; an alert makes some forty changes to the buffers.
    @exclusivity(unchecked) private var csvFile: OutputFile?
    @exclusivity(unchecked) private var jsonlFile: OutputFile?
    /// The paths of alerts.csv and alerts.jsonl.
    public let paths: [String]
    /// Each village's id as a CSV field (at twice the village's index) and then as a JSON
    /// string, side by side: one cache line read for both, and no array retained an alert.
    private let villageLiterals: LiteralSlots
    private let dateOfDay: (Int32) -> String
    @exclusivity(unchecked) private var dates: [Int32: String] = [:]
    @exclusivity(unchecked) private var names: [String: [UInt8]] = [:]
    @exclusivity(unchecked) private var csv = ByteBuffer()
    @exclusivity(unchecked) private var json = ByteBuffer()
    @exclusivity(unchecked) public private(set) var count = 0
    /// The first write error; later alerts are dropped once writing has failed.
    @exclusivity(unchecked) public private(set) var failure: OutputError?

    public init(folder: String, villageIDs: [String], dateOfDay: @escaping (Int32) -> String) throws(OutputError) {
        paths = [OutputFiles.path("alerts.csv", in: folder), OutputFiles.path("alerts.jsonl", in: folder)]
        csvFile = try OutputFile(path: paths[0])
        jsonlFile = try OutputFile(path: paths[1])
        villageLiterals = LiteralSlots(villageIDs.flatMap { [CSV.field($0), Escaping.jsonLiteral($0)] })
        self.dateOfDay = dateOfDay
        csv.append(Self.csvHeader)
    }

    public func write(_ alert: Alert) {
        guard failure == nil else { return }
        let known = alert.village >= 0 && 2 * Int(alert.village) < villageLiterals.count
        let date = self.date(alert.day)

        csv.appendDigits(alert.id)
        csv.append(",", alert.rule, ",", alert.severity.rawValue, ",")
        csv.appendDigits(alert.day)
        csv.append(",", date, ",")
        if known { csv.append(villageLiterals[2 * Int(alert.village)]) }
        Self.appendSubjectAndScores(of: alert, after: (",", ",", ","), to: &csv)
        csv.append(",")
        csv.appendDigits(alert.evidence, separator: " ")
        csv.append(",")
        csv.appendDigits(alert.combines, separator: " ")
        csv.append("\n")

        json.append("{\"id\":")
        json.appendDigits(alert.id)
        json.append(",\"rule\":\"", alert.rule, "\",\"severity\":\"", alert.severity.rawValue, "\",\"day\":")
        json.appendDigits(alert.day)
        json.append(",\"date\":\"", date, "\",\"village\":")
        if known { json.append(villageLiterals[2 * Int(alert.village) + 1]) } else { json.append("null") }
        Self.appendSubjectAndScores(
            of: alert, after: (",\"subject\":\"", "\",\"score\":", ",\"threshold\":"), to: &json)
        json.append(",\"evidence\":[")
        json.appendDigits(alert.evidence, separator: ",")
        json.append("]")
        if !alert.combines.isEmpty {
            json.append(",\"alerts\":[")
            json.appendDigits(alert.combines, separator: ",")
            json.append("]")
        }
        json.append(",\"values\":{")
        for (index, value) in alert.values.enumerated() {
            if index > 0 { json.append(",") }
            json.append(name(value.name))
            json.append(":")
            Self.append(value.value, to: &json)
        }
        json.append("}}\n")
        count += 1
        if csv.count > 1 << 16 || json.count > 1 << 16 { flush() }
    }

    /// The date of a day, as written (kept: alerts of one day are written together).
    private func date(_ day: Int32) -> String {
        if let date = dates[day] { return date }
        let date = dateOfDay(day)
        dates[day] = date
        return date
    }

    /// A value's name as a JSON key, with its colon left to the caller (kept: rules name few).
    private func name(_ name: String) -> [UInt8] {
        if let literal = names[name] { return literal }
        let literal = Array(Escaping.jsonLiteral(name).utf8)
        names[name] = literal
        return literal
    }

    /// Writes what is buffered; a failure is kept for `finish()`.
    private func flush() {
        guard failure == nil else { return }
        do throws(OutputError) {
            try csvFile?.write(csv.bytes)
            try jsonlFile?.write(json.bytes)
        } catch {
            failure = error
        }
        csv.removeAll()
        json.removeAll()
    }

    /// Writes the rest and moves both files into place; the first error, if any.
    public func finish() throws(OutputError) {
        flush()
        if let failure { throw failure }
        try csvFile.take()?.commit()
        try jsonlFile.take()?.commit()
    }

    /// Appends the alert's subject, score and threshold, each after its prefix.
    private static func appendSubjectAndScores(
        of alert: Alert, after prefixes: (subject: String, score: String, threshold: String),
        to buffer: inout ByteBuffer
    ) {
        buffer.append(prefixes.subject)
        append(alert.subject, to: &buffer)
        buffer.append(prefixes.score)
        append(alert.score, to: &buffer)
        buffer.append(prefixes.threshold)
        append(alert.threshold, to: &buffer)
    }

    /// Appends `subject` as `AlertSubject.description` writes it, without making the string.
    private static func append(_ subject: AlertSubject, to buffer: inout ByteBuffer) {
        let (kind, id): (String, Int64)
        switch subject {
        case .listing(let number): (kind, id) = ("listing:", number)
        case .contract(let number): (kind, id) = ("contract:", number)
        case .bidder(let number): (kind, id) = ("bidder:", number)
        case .village: return buffer.append("village")
        }
        buffer.append(kind)
        buffer.appendDigits(id)
    }

    /// Appends `value` as `number(_:)` writes it, a whole value's digits without making a string.
    private static func append(_ value: Double, to buffer: inout ByteBuffer) {
        if let whole = whole(value) { return buffer.appendDigits(whole) }
        buffer.append(number(value))
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if let whole = whole(value) { return String(whole) }
        return String((value * 1_000_000).rounded() / 1_000_000)
    }

    /// `value` as a whole number, when it is one below 10^15 (written as digits, not a fraction).
    private static func whole(_ value: Double) -> Int64? {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? Int64(value) : nil
    }
}

/// Runs the alert engine over the events it is given and keeps what it raises (replay and
/// datasets, where the alerts are written afterwards), or sets it aside in a spool.
public final class AlertCollector: EventSink {
    // One pipeline thread uses a collector at a time; `finish()` hands it over.
    @exclusivity(unchecked) private var engine: AlertEngine
    /// The alerts raised, in order; none when they went to the spool.
    @exclusivity(unchecked) public private(set) var alerts = RaisedAlerts()
    private let spool: AlertSpool?
    /// What is done with each alert as it is raised (written, handed to the world), if anything.
    private let each: ((Alert) -> Void)?
    /// Where the alerts of the rules handed to a split run's districts come from, if they were.
    private let districts: DistrictAlerts?
    /// Those taken from `districts` and not yet read, from `nextFromDistricts` on.
    @exclusivity(unchecked) private var fromDistricts: [DistrictAlert] = []
    @exclusivity(unchecked) private var nextFromDistricts = 0

    /// A collector that keeps the alerts in `alerts`, or in `spool` when there is one. When
    /// the engine has handed its district rules over, their alerts come through `districts`.
    public init(
        engine: AlertEngine, spool: AlertSpool? = nil, districts: DistrictAlerts? = nil,
        each: ((Alert) -> Void)? = nil
    ) {
        self.engine = engine
        self.spool = spool
        self.districts = districts
        self.each = each
    }

    public func accept(_ event: LoggedEvent) {
        takeFromDistricts()
        read(event)
    }

    public func accept(_ events: [LoggedEvent]) {
        takeFromDistricts()
        for event in events { read(event) }
    }

    /// Takes the alerts the districts handed over since (those of every event now accepted).
    private func takeFromDistricts() {
        guard let districts else { return }
        if nextFromDistricts == fromDistricts.count {
            fromDistricts.removeAll(keepingCapacity: true)
            nextFromDistricts = 0
        }
        districts.take(into: &fromDistricts)
    }

    private func read(_ event: LoggedEvent) {
        let raised =
            nextFromDistricts < fromDistricts.count
            ? engine.observe(event, alongside: raisedInDistricts(on: event)) : engine.observe(event)
        guard !raised.isEmpty else { return }
        if let spool {
            for alert in raised { spool.append(alert) }
        } else {
            alerts.append(contentsOf: raised)
        }
        if let each { for alert in raised { each(alert) } }
    }

    /// The alerts the districts' rules raised on `event`.
    private func raisedInDistricts(on event: LoggedEvent) -> ArraySlice<DistrictAlert> {
        let start = nextFromDistricts
        while nextFromDistricts < fromDistricts.count, fromDistricts[nextFromDistricts].event == event.id {
            nextFromDistricts += 1
        }
        return fromDistricts[start..<nextFromDistricts]
    }

    /// The log has ended: the rules' state is let go (`AlertEngine.forget()`); the alerts stay.
    public func logEnded() { engine.forget() }
}
