/// An alert as the world may take it up: the narrow interface through which the early-warning
/// system acts on the world. The rules raise alerts; the run hands them over as warnings; the
/// world's oversight bodies turn those grave enough into leads. Neither side imports the other.
public struct Warning: Sendable, Hashable, Codable {
    /// The alert's id (its line in alerts.csv).
    public var alert: UInt64
    /// The day the alert was raised.
    public var day: Int32
    /// Index of the village, or -1.
    public var village: Int32
    public var subject: AlertSubject
    public var severity: Severity
    /// The rule that raised it (E01 and E02 for escalations).
    public var rule: String

    public init(alert: UInt64, day: Int32, village: Int32, subject: AlertSubject, severity: Severity, rule: String) {
        self.rule = rule
        self.alert = alert
        self.day = day
        self.village = village
        self.subject = subject
        self.severity = severity
    }
}

/// Where a run finds the warnings raised so far over its log.
///
/// The world asks at the end of each simulated day for the warnings of every day up to one it
/// names; the source answers only once the rules have read every event of those days, so the
/// answer depends on the log alone, never on how threads happened to run.
public protocol WarningSource: AnyObject {
    /// The warnings raised on days up to and including `day` that were not handed over
    /// before, in the order they were raised.
    func warnings(through day: Int32) -> [Warning]
}
