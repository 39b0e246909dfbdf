import Foundation
import SanziAlerts
import SanziEvents
import SanziRun
import SanziScenario
import SanziWorld
import Testing

/// Every setting the default scenario writes either changes the run or is reported as not
/// simulated: each attribute (its first use per element) is changed in turn, and the run's log,
/// ground truth and alerts must differ from the unchanged run's, or a warning must point at it.
@Suite("Every setting is used or reported")
struct SettingCoverageTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static let text: String = (try? String(contentsOfFile: "\(root)/Scenarios/default.xml", encoding: .utf8)) ?? ""

    /// Attributes that name or point at things (ids, names, references, labels) or switch
    /// outputs on and off: they change no behaviour by design.
    static let labels: Set<String> = [
        "xmlns", "schema-version", "version", "encoding", "id", "name", "name-prefix", "profile", "district", "pool",
        "of", "unit", "kind", "deal", "scope", "events", "alerts", "report", "format", "seed", "start",
    ]

    /// One attribute of one element: where it is, and the line with its value changed in a
    /// few ways (one is enough to show the setting is used).
    struct Setting: CustomTestStringConvertible, Sendable {
        var element: String
        var attribute: String
        var line: Int
        /// The changed values, and the line with each.
        var values: [String]
        var changed: [String]
        var testDescription: String { "\(element)/@\(attribute) (line \(line))" }
    }

    static let settings: [Setting] = {
        var seen: Set<String> = []
        var found: [Setting] = []
        var inComment = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            if line.contains("<!--") { inComment = true }
            defer { if line.contains("-->") { inComment = false } }
            guard !inComment, !line.contains("<?xml") else { continue }
            let element =
                line.firstMatch(of: /<([a-z-]+)/).map { String($0.1) } ?? found.last?.element ?? "scenario"
            for match in line.matches(of: /([a-z-]+)="([^"]*)"/) {
                let (attribute, value) = (String(match.1), String(match.2))
                let replacements = changed(value, attribute: attribute)
                guard !labels.contains(attribute), seen.insert("\(element)/\(attribute)").inserted,
                    !replacements.isEmpty
                else { continue }
                found.append(
                    Setting(
                        element: element, attribute: attribute, line: index + 1, values: replacements,
                        changed: replacements.map {
                            line.replacingCharacters(in: match.range, with: "\(attribute)=\"\($0)\"")
                        }))
            }
        }
        return found
    }()

    /// Different values of the same kind: larger, smaller, or another of the choices.
    static func changed(_ value: String, attribute: String) -> [String] {
        let alternatives = [
            "monthly": "yearly", "quarterly": "monthly", "none": "know-thresholds", "orange": "red",
            "true": "false", "false": "true", "ascending-auction": "sealed-tender",
            "lowest-price-tender": "negotiated", "negotiated": "ascending-auction", "finance-head": "two-committees",
            "two-committees": "representatives-meeting", "representatives-meeting": "two-committees",
        ]
        if let other = alternatives[value] { return [other] }
        if attribute == "perpetrators" { return ["cashier"] }
        if value.hasPrefix("P") { return [] }
        if let date = value.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/) {
            return ["\(date.1)-\(date.2 == "12" ? "06" : "12")-\(date.3)"]
        }
        let parts = value.split(separator: "-").map(String.init)
        if parts.count == 2 {
            return zip(scaled(parts[0]), scaled(parts[1])).map { "\($0)-\($1)" }
        }
        return scaled(value)
    }

    /// A number made larger, smaller and zero, then tenfold larger (decimals up to 1 move by
    /// 0.3 instead, then tenfold smaller): a setting that acts only in rare events (deterrence
    /// after the first sanction) may need the far values to show.
    static func scaled(_ number: String) -> [String] {
        if let integer = Int(number) {
            return [integer == 0 ? 1 : integer * 2, max(1, integer / 2), 0, integer * 10].map(String.init)
        }
        guard let decimal = Double(number) else { return [] }
        if decimal <= 1 {
            return [decimal <= 0.5 ? decimal + 0.3 : decimal - 0.3, 0, 1, decimal / 10].map { String($0) }
        }
        return [decimal * 2, decimal / 2, 0, decimal * 10].map { String($0) }
    }

    /// The run's log, ground truth and alerts as one comparable text, with the scenario's
    /// seed or another.
    static func fingerprint(_ text: String, seed: UInt64? = nil) throws -> (String, [Diagnostic]) {
        let loaded = try ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: "default.xml")
        let scenario = loaded.value
        let collector = EventCollector()
        let result = RunPipeline.simulate(
            scenario, seed: seed ?? scenario.seed, rules: try AlertEngine(settings: scenario.alerts),
            consumers: [collector])
        var print = collector.events.map { "\($0.day) \($0.record)" }
        print += result.summary.truth.cases.map { "\($0)" } + result.alerts.map { "\($0)" }
        return (print.joined(separator: "\n"), loaded.warnings + SimulatorCoverage.warnings(for: scenario))
    }

    static let unchanged = Result { try fingerprint(text).0 }
    /// Another seed, for settings that act only on what the scenario's seed happens not to
    /// bring about (deterrence once a sanction is seen, for example).
    static let otherSeed: UInt64 = 1
    static let unchangedOnOtherSeed = Result { try fingerprint(text, seed: otherSeed).0 }

    @Test func theDefaultScenarioHasSettingsToCheck() {
        #expect(Self.settings.count >= 60)
        for name in ["independence", "cadre-owned-share", "new-firms-per-year", "petition-propensity"] {
            #expect(Self.settings.contains { $0.attribute == name }, "\(name)")
        }
    }

    /// Some change of the value changes the run (with the scenario's seed, else another), or
    /// a warning names it. A change the scenario's rules reject (a range turned upside down)
    /// counts for nothing.
    @Test(arguments: settings)
    func changingASettingChangesTheRunOrIsReported(_ setting: Setting) throws {
        var lines = Self.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var tried: [String] = []
        for (seed, unchanged) in [
            (nil, try Self.unchanged.get()), (Self.otherSeed, try Self.unchangedOnOtherSeed.get()),
        ] {
            for (value, line) in zip(setting.values, setting.changed) {
                lines[setting.line - 1] = line
                guard let (changed, warnings) = try? Self.fingerprint(lines.joined(separator: "\n"), seed: seed)
                else { continue }
                tried.append(value)
                let reported = warnings.contains {
                    $0.message.contains(setting.attribute) || $0.message.contains(value)
                }
                if changed != unchanged || reported { return }
            }
        }
        Issue.record("ignored: \(setting.testDescription), tried \(tried)")
    }
}
