import SanziEvents
import SanziOutput

/// The alerts of a run set aside in a file while the world runs, and read back as
/// `RaisedAlerts` once the run has let its world go, for the evaluation and the report.
///
/// Alerts pile up until the end of the simulation, where the world is largest and the run's
/// memory peaks: at 12,000 villages over five years the rules raise 606,422 of them, some 40 MB
/// even as `RaisedAlerts`. Spooled, they take a buffer of 256 KiB until then, and read back
/// they take room the world freed. The file is a `Spool` in the run's staged folder
/// (unlinked at once: nothing is left behind); the first write error is kept and thrown by
/// `readBack()`.
///
/// ```swift
/// let spool = try AlertSpool(folder: staged.path)
/// spool.append(alert)                   // on the rules' thread, as alerts are raised
/// let alerts = try spool.readBack()     // the same alerts, in order
/// ```
public final class AlertSpool {
    // One thread appends at a time (the rules'), then one reads back: no exclusivity check
    // at run time.
    @exclusivity(unchecked) private var spool: Spool
    /// The alerts appended.
    @exclusivity(unchecked) public private(set) var count = 0
    /// Rule ids and value names by their number in the file.
    @exclusivity(unchecked) private var rules: [String] = []
    @exclusivity(unchecked) private var names: [String] = []

    /// A spool whose file is in `folder`, which exists.
    public init(folder: String) throws(OutputError) {
        spool = try Spool(in: folder, name: "alerts.spool")
    }

    /// Adds `alert` after the others.
    public func append(_ alert: Alert) {
        spool.append(Header(alert, rule: RaisedAlerts.number(of: alert.rule, in: &rules)))
        for id in alert.evidence { spool.append(id) }
        for id in alert.combines { spool.append(id) }
        for value in alert.values {
            spool.append(RaisedAlerts.number(of: value.name, in: &names))
            spool.append(value.value)
        }
        spool.endItem()
        count += 1
    }

    /// The alerts appended, in their order: each the same value that was appended.
    public func readBack() throws(OutputError) -> RaisedAlerts {
        // The spool numbers rule ids and value names as `RaisedAlerts` does, in order of first
        // appearance: the alerts keep the spool's numbers.
        var alerts = RaisedAlerts(ruleIDs: rules, valueNames: names)
        try spool.readBack { alerts.appendItem(from: &$0) }
        guard alerts.count == count else {
            throw .cannotRead(path: spool.path, reason: "\(alerts.count) alerts of \(count) read back")
        }
        return alerts
    }

    /// An alert's fixed part as a spool writes it, followed by its evidence ids, its combined
    /// ids and its values (the name's number, then the value): a spool item (below). Its fields
    /// leave no padding.
    struct Header: BitwiseCopyable {
        var id: UInt64
        var score: Double
        var threshold: Double
        var subjectID: Int64
        var day: Int32
        var village: Int32
        var evidence: UInt32
        var combines: UInt32
        /// The rule's number among those the spool, or the alerts written, have met.
        var rule: UInt16
        var values: UInt16
        var severity: UInt8
        var subjectKind: UInt8
        var unused: UInt16 = 0

        /// The fixed part of `alert`, its rule numbered `rule`.
        init(_ alert: Alert, rule: UInt16) {
            let (kind, subjectID) = RaisedAlerts.parts(alert.subject)
            id = alert.id
            score = alert.score
            threshold = alert.threshold
            self.subjectID = subjectID
            day = alert.day
            village = alert.village
            evidence = UInt32(alert.evidence.count)
            combines = UInt32(alert.combines.count)
            self.rule = rule
            values = UInt16(alert.values.count)
            severity = UInt8(Severity.allCases.firstIndex(of: alert.severity) ?? 0)
            subjectKind = kind.rawValue
        }

        /// The fixed part of the alert at `position` of `alerts`, its rule and values' names by
        /// their numbers there.
        init(_ alerts: RaisedAlerts, at position: Int) {
            let row = alerts.rows[position]
            id = alerts.id(at: position)
            score = row.score
            threshold = row.threshold
            subjectID = row.subjectID
            day = row.day
            village = row.village
            evidence = UInt32(alerts.range(position, \.evidenceEnd).count)
            combines = UInt32(alerts.range(position, \.combinesEnd).count)
            rule = row.rule
            values = UInt16(alerts.range(position, \.valuesEnd).count)
            severity = UInt8(Severity.allCases.firstIndex(of: row.severity) ?? 0)
            subjectKind = row.subjectKind.rawValue
        }

        /// The alert's severity, or nil when the bytes hold none.
        var alertSeverity: Severity? {
            Int(severity) < Severity.allCases.count ? Severity.allCases[Int(severity)] : nil
        }
    }
}

/// Alerts as spool items: `AlertSpool.Header`, then the evidence ids, the combined ids and the
/// values (the name's number, then the value). `AlertSpool` reads its file back this way, and
/// tuning keeps its replays so (`ReplayStore`): no alert is built as an `Alert` either way.
extension RaisedAlerts {
    /// Alerts to be read from spool items whose rules and value names are numbered as
    /// `ruleIDs` and `valueNames` are.
    public init(ruleIDs: [String], valueNames: [String] = []) {
        self.init()
        (rules, names) = (ruleIDs, valueNames)
    }

    /// Adds the alert of the spool item `reader` is at after the others, its lists straight
    /// into their pools; false if the bytes are not an alert whose rule and value names are
    /// numbered here.
    public mutating func appendItem(from reader: inout Spool.Reader) -> Bool {
        guard let header = reader.next(AlertSpool.Header.self), let severity = header.alertSeverity,
            let kind = SubjectKind(rawValue: header.subjectKind), Int(header.rule) < rules.count
        else { return false }
        for _ in 0..<header.evidence {
            guard let id = reader.next(UInt64.self) else { return false }
            evidence.append(id)
        }
        for _ in 0..<header.combines {
            guard let id = reader.next(UInt64.self) else { return false }
            combines.append(id)
        }
        for _ in 0..<header.values {
            guard let name = reader.next(UInt16.self), Int(name) < names.count, let value = reader.next(Double.self)
            else { return false }
            valueNames.append(name)
            valueNumbers.append(value)
        }
        appendRow(
            id: header.id, score: header.score, threshold: header.threshold, subjectID: header.subjectID,
            day: header.day, village: header.village, rule: header.rule, severity: severity, subjectKind: kind)
        return true
    }

    /// Writes the alert at `position` to `buffer` as a spool item, its rule and values' names
    /// by their numbers here.
    public func appendItem(at position: Int, to buffer: inout ByteBuffer) {
        buffer.append(bytesOf: AlertSpool.Header(self, at: position))
        for entry in range(position, \.evidenceEnd) { buffer.append(bytesOf: evidence[entry]) }
        for combined in range(position, \.combinesEnd) { buffer.append(bytesOf: combines[combined]) }
        for value in range(position, \.valuesEnd) {
            buffer.append(bytesOf: valueNames[value])
            buffer.append(bytesOf: valueNumbers[value])
        }
    }
}
