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
        let id = nextID
        alerts.append(position, of: source, id: id)
        let key = Escalator.Key(subject: source.subject(at: position), village: source.village(at: position))
        let severity = source.severity(at: position)
        guard let escalation = escalator.add(on: key, day: source.day(at: position), severity, id: id) else { return }
        let escalated = numbered(escalation)
        if let red = escalator.record(escalated) { _ = numbered(red) }
    }

    private var nextID: UInt64 { UInt64(alerts.count + 1) }

    /// Appends `alert` numbered after the others and returns it so numbered.
    private mutating func numbered(_ alert: Alert) -> Alert {
        var numbered = alert
        numbered.id = nextID
        alerts.append(numbered)
        return numbered
    }
}
