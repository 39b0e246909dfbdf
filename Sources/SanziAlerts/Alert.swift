import SanziEvents
import SanziScenario

/// One alert raised by a rule: what, how grave, when, where, about whom, and the evidence.
public struct Alert: Sendable, Hashable {
    /// Position among the run's alerts, from 1 (set by the engine).
    public var id: UInt64 = 0
    public var rule: String
    public var severity: Severity
    public var day: Int32
    /// Index of the village in the log's village list, or -1.
    public var village: Int32
    /// What the alert is about.
    public var subject: AlertSubject
    /// The value the rule compared (a ratio, a count, days…).
    public var score: Double
    /// The threshold it was compared with.
    public var threshold: Double
    /// Ids of the events that make the evidence, in log order.
    public var evidence: [UInt64]
    /// Named values behind the decision (including fences for peer-group rules).
    public var values: [Value]
    /// For an escalation: the ids of the alerts it combines.
    public var combines: [UInt64] = []

    /// The value of a named value behind the decision, if the rule gave it.
    public func value(_ name: String) -> Double? { values.first { $0.name == name }?.value }

    public struct Value: Sendable, Hashable {
        public var name: String
        public var value: Double

        public init(_ name: String, _ value: Double) {
            self.name = name
            self.value = value
        }
    }

    public init(
        rule: String, severity: Severity, day: Int32, village: Int32, subject: AlertSubject, score: Double,
        threshold: Double,
        evidence: [UInt64], values: [Value] = []
    ) {
        self.rule = rule
        self.severity = severity
        self.day = day
        self.village = village
        self.subject = subject
        self.score = score
        self.threshold = threshold
        self.evidence = evidence
        self.values = values
    }
}

extension Warning {
    /// The warning an alert gives the world (see `WarningSource`).
    public init(_ alert: Alert) {
        self.init(
            alert: alert.id, day: alert.day, village: alert.village, subject: alert.subject, severity: alert.severity,
            rule: alert.rule)
    }
}

/// Where rules put what they raise.
public struct AlertOutput {
    var alerts: [Alert] = []

    public init() {}

    /// What has been raised so far.
    public var raisedAlerts: [Alert] { alerts }

    public mutating func raise(_ alert: Alert) { alerts.append(alert) }
}
