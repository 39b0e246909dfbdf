import SanziEvents

#if canImport(Glibc)
    import Glibc
#endif

/// Writes alerts to `alerts.csv` (one row per alert) and `alerts.jsonl` (full evidence).
///
/// alerts.csv columns: alert_id, rule, severity, day, date, village, subject, score, threshold,
/// evidence (event ids separated by spaces).
public final class AlertWriter {
    public static let csvHeader = "alert_id,rule,severity,day,date,village,subject,score,threshold,evidence\n"

    private let csv: UnsafeMutablePointer<FILE>
    private let jsonl: UnsafeMutablePointer<FILE>
    private let villageIDs: [String]
    private let dateOfDay: (Int32) -> String
    public private(set) var count = 0

    public init(folder: String, villageIDs: [String], dateOfDay: @escaping (Int32) -> String) throws(EventLogWriter
        .WriteError)
    {
        guard let csv = fopen(folder + "/alerts.csv", "w") else {
            throw .cannotOpen(path: folder + "/alerts.csv", reason: String(cString: strerror(errno)))
        }
        guard let jsonl = fopen(folder + "/alerts.jsonl", "w") else {
            fclose(csv)
            throw .cannotOpen(path: folder + "/alerts.jsonl", reason: String(cString: strerror(errno)))
        }
        self.csv = csv
        self.jsonl = jsonl
        self.villageIDs = villageIDs
        self.dateOfDay = dateOfDay
        fputs(Self.csvHeader, csv)
    }

    deinit {
        fclose(csv)
        fclose(jsonl)
    }

    public func write(_ alert: Alert) {
        let village = alert.village >= 0 && Int(alert.village) < villageIDs.count ? villageIDs[Int(alert.village)] : ""
        let date = dateOfDay(alert.day)
        let evidence = alert.evidence.map(String.init).joined(separator: " ")
        let row = [
            String(alert.id), alert.rule, alert.severity.rawValue, String(alert.day), date, Self.csvField(village),
            alert.subject, Self.number(alert.score), Self.number(alert.threshold), evidence,
        ]
        fputs(row.joined(separator: ",") + "\n", csv)
        let alerts = alert.values.filter { $0.name == "alert" }.map { String(Int($0.value)) }
        let values = alert.values.filter { $0.name != "alert" }.map {
            "\(EventLogWriter.jsonString($0.name)):\(Self.number($0.value))"
        }
        var json = "{\"id\":\(alert.id),\"rule\":\"\(alert.rule)\",\"severity\":\"\(alert.severity.rawValue)\""
        json +=
            ",\"day\":\(alert.day),\"date\":\"\(date)\",\"village\":\(alert.village >= 0 ? EventLogWriter.jsonString(village) : "null")"
        json +=
            ",\"subject\":\"\(alert.subject)\",\"score\":\(Self.number(alert.score)),\"threshold\":\(Self.number(alert.threshold))"
        json += ",\"evidence\":[\(alert.evidence.map(String.init).joined(separator: ","))]"
        if !alerts.isEmpty { json += ",\"alerts\":[\(alerts.joined(separator: ","))]" }
        json += ",\"values\":{\(values.joined(separator: ","))}}\n"
        fputs(json, jsonl)
        count += 1
    }

    public func flush() {
        fflush(csv)
        fflush(jsonl)
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String((value * 1_000_000).rounded() / 1_000_000)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}

/// Runs the alert engine inline, as the event sink of a run, writing what it raises.
public final class AlertSink: EventSink {
    public private(set) var engine: AlertEngine
    public let writer: AlertWriter

    public init(engine: AlertEngine, writer: AlertWriter) {
        self.engine = engine
        self.writer = writer
    }

    public func accept(_ event: LoggedEvent) {
        for alert in engine.observe(event) { writer.write(alert) }
    }
}
