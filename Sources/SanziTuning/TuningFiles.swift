import SanziAlerts
import SanziEvaluation
import SanziOutput
import SanziScenario

/// Writes a tuning's outputs: thresholds.xml, curves.csv, tuning.json, tuning.md, tuning.html.
public enum TuningFiles {
    public static let names = ["thresholds.xml", "curves.csv", "tuning.json", "tuning.md", "tuning.html"]

    /// Writes every output into `folder`; returns the paths.
    public static func write(_ summary: TuningSummary, outcome: Tuner.Outcome, to folder: String) throws(OutputError)
        -> [String]
    {
        let contents = [
            outcome.settings.thresholdsDocument, curves(outcome), OutputFiles.json(summary), markdown(summary),
            html(summary, outcome: outcome),
        ]
        return try OutputFiles.write(Array(zip(names, contents)), to: folder)
    }

    /// `curves.csv`: one row per rule, parameter and value tried, the rule alone on the
    /// training seeds.
    static func curves(_ outcome: Tuner.Outcome) -> String {
        var text =
            "rule,parameter,value,alerts,precision,recall,alerts_per_month,loss_caught_yuan,start,chosen\n"
        let chosen = Dictionary(
            outcome.settings.rules.flatMap { rule in rule.parameters.map { ("\(rule.id).\($0.name)", $0.value) } },
            uniquingKeysWith: { a, _ in a })
        for point in outcome.curves {
            let m = point.metrics
            let fields = [
                point.rule, point.parameter, AlertSettings.decimal(point.value), String(m.alerts),
                ratio(m.precision), ratio(m.recall), ratio(m.alertsPerMonth), Money(fen: m.lossDetectedFen).description,
                point.isStart ? "1" : "0", chosen["\(point.rule).\(point.parameter)"] == point.value ? "1" : "0",
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    static func ratio(_ value: Double?) -> String { value.map { String(Evaluation.rounded($0)) } ?? "" }

    static func rows(_ summary: TuningSummary) -> [[String]] {
        func row(_ label: String, _ m: Metrics, _ objective: Double?) -> [String] {
            [
                label, percent(m.precision), percent(m.recall), percent(m.fScore(beta: 1)),
                ratio(m.alertsPerMonth), Money(fen: m.lossDetectedFen).description,
                objective.map { String(Evaluation.rounded($0)) } ?? "infeasible",
            ]
        }
        return [
            row("training, start", summary.training.start, summary.training.startObjective),
            row("training, tuned", summary.training.chosen, summary.training.chosenObjective),
            row("test, start", summary.test.start, summary.test.startObjective),
            row("test, tuned", summary.test.chosen, summary.test.chosenObjective),
        ]
    }

    static let changeHeader = ["rule", "change"]

    /// Each change in words: "switched off", "window-days 60 → 90 days", "tier1-yuan 1,000 → 750 yuan".
    /// A rule switched off shows that alone (the values its parameters were left at do not act).
    static func changeRows(_ summary: TuningSummary) -> [[String]] {
        let off = Set(summary.changes.filter { $0.parameter == "enabled" && $0.to == 0 }.map(\.rule))
        return summary.changes.filter { $0.parameter == "enabled" || !off.contains($0.rule) }.map { change in
            guard change.parameter != "enabled" else {
                return [change.rule, change.to == 0 ? "switched off" : "switched on"]
            }
            let unit =
                change.parameter.hasSuffix("-days") ? " days" : change.parameter.hasSuffix("-yuan") ? " yuan" : ""
            let value = { (number: Double) in
                unit == " yuan" && number == number.rounded()
                    ? NumberText.grouped(Int64(number)) : AlertSettings.decimal(number)
            }
            return [change.rule, "\(change.parameter) \(value(change.from)) → \(value(change.to))\(unit)"]
        }
    }

    /// What the settings did to the world, when they were deployed (`prevented-loss`): each
    /// side summed over the seeds, and the seeds with the warning system off.
    static func worldRows(_ summary: TuningSummary) -> [[String]] {
        func row(_ label: String, _ side: WarningEffect.Side?, prevented: Int64?) -> [String]? {
            guard let side else { return nil }
            return [
                label, String(side.cases), Money(fen: side.lossFen).description,
                Money(fen: side.recoveredFen).description, prevented.map { Money(fen: $0).description } ?? "–",
                String(side.leadsFromAlerts), String(side.leadsDropped), String(side.substantiated),
                String(side.sanctions),
            ]
        }
        return [
            row("training, warning system off", summary.training.start.warningSystemOff, prevented: nil),
            row(
                "training, start", summary.training.start.warningSystemOn,
                prevented: summary.training.start.netLossPreventedFen),
            row(
                "training, tuned", summary.training.chosen.warningSystemOn,
                prevented: summary.training.chosen.netLossPreventedFen),
            row("test, warning system off", summary.test.start.warningSystemOff, prevented: nil),
            row("test, start", summary.test.start.warningSystemOn, prevented: summary.test.start.netLossPreventedFen),
            row("test, tuned", summary.test.chosen.warningSystemOn, prevented: summary.test.chosen.netLossPreventedFen),
        ].compactMap { $0 }
    }

    static let worldHeader = [
        "seeds and settings", "cases", "loss (yuan)", "recovered (yuan)", "net loss prevented (yuan)",
        "leads from alerts", "leads dropped", "substantiated", "sanctions",
    ]

    static let header = [
        "seeds and settings", "precision", "recall", "F1", "alerts per month", "loss caught (yuan)", "objective",
    ]

    static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    /// The budget the search worked to, and the warnings, in words.
    static func notes(_ summary: TuningSummary) -> [String] {
        var notes: [String] = []
        if summary.searchedObjective != summary.objective {
            notes.append(
                "The search worked to `\(summary.searchedObjective)` on the training seeds, a safety margin under `\(summary.objective)`, which the objective columns judge."
            )
        }
        return notes + summary.warnings.map { "Warning: " + $0 + "." }
    }

    static func markdown(_ summary: TuningSummary) -> String {
        var out = "# Threshold tuning: \(Escaping.markdown(summary.scenario))\n\n"
        out += "Objective `\(summary.objective)`; training seeds \(list(summary.trainSeeds)); "
        out += "held-out test seeds \(list(summary.testSeeds)); \(summary.rounds) rounds of joint search.\n\n"
        for line in notes(summary) { out += "- " + line + "\n" }
        if !notes(summary).isEmpty { out += "\n" }
        out += "## Start against tuned\n\n" + MarkdownTable.text(header, rows(summary))
        out +=
            "\nThe test seeds played no part in the choice: compare their rows to see whether tuning generalises.\n\n"
        let world = worldRows(summary)
        if !world.isEmpty {
            out +=
                "## What the settings did to the world\n\nEach deployed, the closed loop simulated; sums over the seeds.\n\n"
            out += MarkdownTable.text(worldHeader, world)
            out += "\n"
        }
        out += "## Changes\n\n"
        if summary.changes.isEmpty {
            out += "None: the starting settings were the best found.\n"
        } else {
            out += MarkdownTable.text(changeHeader, changeRows(summary))
        }
        out += "\n`thresholds.xml` holds the tuned settings: `sanzi run --thresholds thresholds.xml` accepts it as is. "
        out += "`curves.csv` holds every rule's curve.\n"
        return out
    }

    static func html(_ summary: TuningSummary, outcome: Tuner.Outcome) -> String {
        let h = Escaping.html
        var body = "<h1>Threshold tuning: \(h(summary.scenario))</h1>\n"
        body += "<p>Objective <code>\(h(summary.objective))</code>; training seeds \(list(summary.trainSeeds)); "
        body += "held-out test seeds \(list(summary.testSeeds)); \(summary.rounds) rounds of joint search.</p>\n"
        let notes = notes(summary)
        if !notes.isEmpty { body += "<ul>\n" + notes.map { "<li>\(h($0))</li>\n" }.joined() + "</ul>\n" }
        body += "<h2>Start against tuned</h2>\n" + HTMLPage.table(header, rows(summary))
        body += "<p>The test seeds played no part in the choice.</p>\n"
        let world = worldRows(summary)
        if !world.isEmpty {
            body += "<h2>What the settings did to the world</h2>\n"
            body += "<p>Each deployed, the closed loop simulated; sums over the seeds.</p>\n"
            body += HTMLPage.table(worldHeader, world)
        }
        body += "<h2>Changes</h2>\n"
        body += HTMLPage.table(changeHeader, changeRows(summary))
        body +=
            "<h2>Precision-recall curves</h2>\n<p>Each rule alone on the training seeds, one curve per parameter over the values tried (the others at their start). The ringed point is the start, the red one the rule's chosen setting.</p>\n<div class=\"curves\">\n"
        var silent: [String] = []
        for rule in RuleCatalogue.documentation {
            let points = outcome.curves.filter { $0.rule == rule.id }
            guard points.contains(where: { $0.metrics.alerts > 0 }) else {
                if !points.isEmpty { silent.append(rule.id) }
                continue
            }
            body += chart(rule, points, chosen: RuleSetting(rule, in: outcome.settings), start: summary)
        }
        body += "</div>\n"
        if !silent.isEmpty {
            body +=
                "<p>Raised no alert on the training seeds at any value tried: \(silent.joined(separator: ", ")).</p>\n"
        }
        return HTMLPage.document(
            title: "Threshold tuning: \(summary.scenario)",
            style: ".curves svg { display: inline-block; margin: 0.5rem; }",
            body: body)
    }

    /// One rule's curves, its start and its chosen setting (none when switched off, or when
    /// more than one parameter moved and no curve holds it).
    static func chart(
        _ rule: RuleDocumentation, _ points: [Tuner.CurvePoint], chosen: RuleSetting, start summary: TuningSummary
    ) -> String {
        let colours = ["#3465a4", "#e69f00", "#009e73", "#cc79a7"]
        let place = { (point: Tuner.CurvePoint) in
            (recall: point.metrics.recall ?? 0, precision: point.metrics.precision ?? 0)
        }
        let curves = rule.parameters.enumerated().map { index, parameter in
            (
                name: parameter.name, colour: colours[index % colours.count],
                points: points.filter { $0.parameter == parameter.name }.map(place)
            )
        }
        let startPoint = points.first(where: \.isStart).map(place)
        let moved = summary.changes.filter { $0.rule == rule.id && $0.parameter != "enabled" }
        var chosenPoint: (recall: Double, precision: Double)?
        if chosen.enabled, moved.count <= 1 {
            chosenPoint =
                moved.first.flatMap { change in
                    points.first { $0.parameter == change.parameter && $0.value == change.to }.map(place)
                } ?? startPoint
        }
        return SVGChart.precisionRecall(
            curves, start: startPoint, chosen: chosenPoint, title: "\(rule.id) \(rule.name)",
            subtitle: !chosen.enabled
                ? "switched off: nothing chosen"
                : moved.count > 1 ? "chosen: \(moved.count) parameters moved, off these curves" : nil)
    }

    static func list(_ seeds: [UInt64]) -> String { seeds.map(String.init).joined(separator: ", ") }
}
