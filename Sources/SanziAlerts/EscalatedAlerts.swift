import SanziScenario

/// Alerts of rules replayed one at a time (tuning), numbered and escalated as the engine would
/// have raised them: added in the engine's order, each is numbered after the others and
/// followed by the escalations it completes, what `AlertEngine.observe` does. The alerts stay
/// rows of a `RaisedAlerts` throughout; none is built as an `Alert` but the escalations.
public struct EscalatedAlerts {
    /// The alerts added and their escalations, numbered from 1 in order.
    public private(set) var alerts = RaisedAlerts()
    private var escalator: Escalator

    public init(_ settings: AlertSettings.Escalation) { escalator = Escalator(settings) }

    /// Adds the alert at `position` of `source`, then the escalations it completes.
    public mutating func add(_ position: Int, of source: RaisedAlerts) {
        let id = UInt64(alerts.count + 1)
        alerts.append(position, of: source, id: id)
        let key = Escalator.Key(subject: source.subject(at: position), village: source.village(at: position))
        let severity = source.severity(at: position)
        for escalation in escalator.escalations(on: key, day: source.day(at: position), severity, id: id) {
            alerts.append(escalation)
        }
    }
}
