import SanziEvents
import SanziScenario

/// Combines signals on one subject: several yellows make an orange (E01), several oranges a
/// red (E02), within a window, in the spirit of the CRI and the Danfeng county scheme.
struct Escalator {
    let settings: AlertSettings.Escalation
    /// Signals by village and subject. (The subject first: its flag byte and the village then
    /// share 16 bytes, where the other order took 24; some 200,000 are kept at 12,000 villages.)
    struct Key: Hashable {
        var subject: AlertSubject
        var village: Int32
    }
    typealias Signal = (day: Int32, severity: Severity, id: UInt64)
    var signals = WindowedLists<Key, Signal>()

    init(_ settings: AlertSettings.Escalation) { self.settings = settings }

    mutating func add(_ alert: Alert) -> Alert? {
        // A copy: the closure below reads the settings while `signals` changes.
        let settings = settings
        let window = Int32(settings.windowDays)
        signals.forget(window: window, on: alert.day) { $0.day }
        return signals.update(Key(subject: alert.subject, village: alert.village)) { list in
            list.removeAll { alert.day - $0.day > window }
            list.append((alert.day, alert.severity, alert.id))
            switch alert.severity {
            case .yellow:
                return Self.combine(
                    .yellow, in: &list, threshold: settings.yellowToOrange, into: "E01", .orange, with: alert)
            case .orange:
                return Self.combine(.orange, in: &list, threshold: settings.orangeToRed, into: "E02", .red, with: alert)
            default: return nil
            }
        }
    }

    /// Counts an escalated orange towards a red; returns the red it completes, if any.
    mutating func record(_ escalated: Alert) -> Alert? {
        guard escalated.severity == .orange else { return nil }
        let settings = settings
        return signals.update(Key(subject: escalated.subject, village: escalated.village)) { list in
            list.append((escalated.day, .orange, escalated.id))
            return Self.combine(.orange, in: &list, threshold: settings.orangeToRed, into: "E02", .red, with: escalated)
        }
    }

    /// When `list` holds at least `threshold` signals of `severity`, takes them out of it and
    /// returns the alert `rule` of severity `raised` that combines them, raised with `last`.
    /// (Counted first: most alerts complete nothing, and a list of the signals made for each
    /// cost two arrays.)
    private static func combine(
        _ severity: Severity, in list: inout [Signal], threshold: Int, into rule: String, _ raised: Severity,
        with last: Alert
    ) -> Alert? {
        guard list.count(where: { $0.severity == severity }) >= threshold else { return nil }
        let combined = list.filter { $0.severity == severity }
        list.removeAll { $0.severity == severity }
        var alert = Alert(
            rule: rule, severity: raised, day: last.day, village: last.village, subject: last.subject,
            score: Double(combined.count), threshold: Double(threshold), evidence: [])
        alert.combines = combined.map(\.id)
        return alert
    }

    /// E01 and E02: what they combine and the `<escalation>` attributes that set them.
    static let documentation: [RuleDocumentation] = {
        let defaults = AlertSettings.Escalation()
        func count(_ name: String, _ value: Int, _ meaning: String) -> RuleDocumentation.Parameter {
            let bounds = AlertSettings.Escalation.countBounds
            return .init(
                name, default: Double(value), range: Double(bounds.lowerBound)...Double(bounds.upperBound), meaning)
        }
        let days = AlertSettings.Escalation.windowBounds
        let window = RuleDocumentation.Parameter(
            "window-days", default: Double(defaults.windowDays),
            range: Double(days.lowerBound)...Double(days.upperBound), "days within which they count")
        return [
            RuleDocumentation(
                id: "E01", name: "Yellow signals combined into an orange", group: .escalation,
                detects:
                    "Several yellow alerts on one subject (a listing, a contract, a bidder or a village) within the window: each is weak alone, together they are a pattern. Its row in alerts.csv names the alerts it combines (combines).",
                severity: "orange",
                source: "Composite risk indicators (CRI); the Danfeng county scheme's graded escalation",
                state: .village,
                parameters: [
                    count(
                        "yellow-to-orange", defaults.yellowToOrange, "yellow alerts on one subject that make an orange"),
                    window,
                ]),
            RuleDocumentation(
                id: "E02", name: "Orange signals combined into a red", group: .escalation,
                detects:
                    "Several orange alerts on one subject within the window, escalated ones included. Its row in alerts.csv names the alerts it combines (combines).",
                severity: "red",
                source: "Composite risk indicators (CRI); the Danfeng county scheme's graded escalation",
                state: .village,
                parameters: [
                    count("orange-to-red", defaults.orangeToRed, "orange alerts on one subject that make a red"),
                    window,
                ]),
        ]
    }()

    /// An escalation in plain words, or nil for an alert that is not one.
    static func sentence(for alert: Alert) -> String? {
        switch alert.rule {
        case "E01": "\(Int(alert.score)) yellow signals on this subject combined into an orange"
        case "E02": "\(Int(alert.score)) orange signals on this subject combined into a red"
        default: nil
        }
    }
}
