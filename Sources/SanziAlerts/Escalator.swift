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

    /// Counts `alert` among its subject's signals; returns the escalations it completes
    /// (`escalations(on:day:_:id:)`).
    mutating func escalations(of alert: Alert) -> [Alert] {
        escalations(
            on: Key(subject: alert.subject, village: alert.village), day: alert.day, alert.severity, id: alert.id)
    }

    /// Counts the alert `id` of `severity` raised on `day` about `key`; returns the escalations
    /// it completes, numbered on from `id` as the engine raises them right after it: an orange
    /// (E01) or a red (E02), and the red an orange so made completes in its turn.
    mutating func escalations(on key: Key, day: Int32, _ severity: Severity, id: UInt64) -> [Alert] {
        guard var escalated = add(on: key, day: day, severity, id: id) else { return [] }
        escalated.id = id + 1
        guard var red = record(escalated) else { return [escalated] }
        red.id = id + 2
        return [escalated, red]
    }

    /// Counts the alert `id` of `severity` raised on `day` about `key`; returns the escalation
    /// it completes, if any, not yet numbered.
    private mutating func add(on key: Key, day: Int32, _ severity: Severity, id: UInt64) -> Alert? {
        // Only yellows and oranges combine: a red, kept, would never be read again.
        guard severity != .red else { return nil }
        // A copy: the closure below reads the settings while `signals` changes.
        let settings = settings
        let window = Int32(settings.windowDays)
        signals.forget(window: window, on: day) { $0.day }
        return signals.update(key) { list in
            list.removeAll { day - $0.day > window }
            list.append((day, severity, id))
            switch severity {
            case .yellow:
                return Self.combine(
                    .yellow, in: &list, threshold: settings.yellowToOrange, into: "E01", .orange, on: key, day: day)
            case .orange:
                return Self.combine(
                    .orange, in: &list, threshold: settings.orangeToRed, into: "E02", .red, on: key, day: day)
            default: return nil
            }
        }
    }

    /// Counts an escalated orange towards a red; returns the red it completes, if any, not yet
    /// numbered.
    private mutating func record(_ escalated: Alert) -> Alert? {
        guard escalated.severity == .orange else { return nil }
        let settings = settings
        let key = Key(subject: escalated.subject, village: escalated.village)
        return signals.update(key) { list in
            list.append((escalated.day, .orange, escalated.id))
            return Self.combine(
                .orange, in: &list, threshold: settings.orangeToRed, into: "E02", .red, on: key, day: escalated.day)
        }
    }

    /// When `list` holds at least `threshold` signals of `severity`, takes them out of it and
    /// returns the alert `rule` of severity `raised` on `key`'s subject that combines them,
    /// raised on `day`.
    /// (Counted first: most alerts complete nothing, and a list of the signals made for each
    /// cost two arrays.)
    private static func combine(
        _ severity: Severity, in list: inout [Signal], threshold: Int, into rule: String, _ raised: Severity,
        on key: Key, day: Int32
    ) -> Alert? {
        guard list.count(where: { $0.severity == severity }) >= threshold else { return nil }
        let combined = list.filter { $0.severity == severity }
        list.removeAll { $0.severity == severity }
        var alert = Alert(
            rule: rule, severity: raised, day: day, village: key.village, subject: key.subject,
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
