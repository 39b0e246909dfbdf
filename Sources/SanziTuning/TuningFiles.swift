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

    static func changeRows(_ summary: TuningSummary) -> [[String]] {
        summary.changes.map {
            [$0.rule, $0.parameter, AlertSettings.decimal($0.from), AlertSettings.decimal($0.to)]
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
        out +=
            "## Start against tuned\n\n| " + header.joined(separator: " | ") + " |\n|"
            + header.map { _ in "---|" }.joined() + "\n"
        for row in rows(summary) { out += "| " + row.joined(separator: " | ") + " |\n" }
        out +=
            "\nThe test seeds played no part in the choice: compare their rows to see whether tuning generalises.\n\n"
        let world = worldRows(summary)
        if !world.isEmpty {
            out +=
                "## What the settings did to the world\n\nEach deployed, the closed loop simulated; sums over the seeds.\n\n"
            out +=
                "| " + worldHeader.joined(separator: " | ") + " |\n|" + worldHeader.map { _ in "---|" }.joined() + "\n"
            for row in world { out += "| " + row.joined(separator: " | ") + " |\n" }
            out += "\n"
        }
        out += "## Changes\n\n"
        if summary.changes.isEmpty {
            out += "None: the starting settings were the best found.\n"
        } else {
            out += "| rule | parameter | from | to |\n|---|---|---|---|\n"
            for row in changeRows(summary) { out += "| " + row.joined(separator: " | ") + " |\n" }
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
        body += HTMLPage.table(["rule", "parameter", "from", "to"], changeRows(summary))
        body +=
            "<h2>Precision-recall curves</h2>\n<p>Each rule alone on the training seeds, one curve per parameter; the red point is the chosen value.</p>\n<div class=\"curves\">\n"
        let chosen = outcome.settings.rules
        var seen: [String] = []
        for point in outcome.curves where !seen.contains("\(point.rule).\(point.parameter)") {
            seen.append("\(point.rule).\(point.parameter)")
            let curve = outcome.curves.filter { $0.rule == point.rule && $0.parameter == point.parameter }
            guard curve.contains(where: { $0.metrics.alerts > 0 }) else { continue }
            let value = chosen.first { $0.id == point.rule }?.parameter(point.parameter)
            body += SVGChart.precisionRecall(
                curve.map { ($0.metrics.recall ?? 0, $0.metrics.precision ?? 0) },
                chosen: curve.firstIndex { $0.value == value }, title: "\(point.rule) \(point.parameter)")
        }
        body += "</div>\n"
        return HTMLPage.document(
            title: "Threshold tuning: \(summary.scenario)",
            style: ".curves svg { display: inline-block; margin: 0.3rem; }",
            body: body)
    }

    static func list(_ seeds: [UInt64]) -> String { seeds.map(String.init).joined(separator: ", ") }
}
