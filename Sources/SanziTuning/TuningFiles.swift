import Foundation
import SanziReports
import SanziScenario

/// Writes a tuning's outputs: thresholds.xml, curves.csv, tuning.json, tuning.md, tuning.html.
public enum TuningFiles {
    public static let names = ["thresholds.xml", "curves.csv", "tuning.json", "tuning.md", "tuning.html"]

    /// Writes every output into `folder`; returns the paths.
    public static func write(_ summary: TuningSummary, outcome: Tuner.Outcome, to folder: String) throws -> [String] {
        let contents = [
            outcome.settings.thresholdsDocument, curves(outcome), try json(summary), markdown(summary),
            html(summary, outcome: outcome),
        ]
        var paths: [String] = []
        for (name, text) in zip(names, contents) {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        return paths
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
                point.rule, point.parameter, AlertSettingsText.decimal(point.value), String(m.alerts),
                ratio(m.precision), ratio(m.recall), ratio(m.alertsPerMonth), Money(fen: m.lossDetectedFen).description,
                point.isStart ? "1" : "0", chosen["\(point.rule).\(point.parameter)"] == point.value ? "1" : "0",
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    static func ratio(_ value: Double?) -> String { value.map { String(Metrics.rounded($0)) } ?? "" }

    static func json(_ summary: TuningSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
    }

    static func rows(_ summary: TuningSummary) -> [[String]] {
        func row(_ label: String, _ m: Metrics, _ objective: Double?) -> [String] {
            [
                label, percent(m.precision), percent(m.recall), percent(m.fScore(beta: 1)),
                ratio(m.alertsPerMonth), Money(fen: m.lossDetectedFen).description,
                objective.map { String(Metrics.rounded($0)) } ?? "infeasible",
            ]
        }
        return [
            row("training, start", summary.training.start, summary.training.startObjective),
            row("training, tuned", summary.training.chosen, summary.training.chosenObjective),
            row("test, start", summary.test.start, summary.test.startObjective),
            row("test, tuned", summary.test.chosen, summary.test.chosenObjective),
        ]
    }

    static let header = [
        "seeds and settings", "precision", "recall", "F1", "alerts per month", "loss caught (yuan)", "objective",
    ]

    static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    static func markdown(_ summary: TuningSummary) -> String {
        var out = "# Threshold tuning: \(Escaping.markdown(summary.scenario))\n\n"
        out += "Objective `\(summary.objective)`; training seeds \(list(summary.trainSeeds)); "
        out += "held-out test seeds \(list(summary.testSeeds)); \(summary.rounds) rounds of joint search.\n\n"
        out +=
            "## Start against tuned\n\n| " + header.joined(separator: " | ") + " |\n|"
            + header.map { _ in "---|" }.joined() + "\n"
        for row in rows(summary) { out += "| " + row.joined(separator: " | ") + " |\n" }
        out +=
            "\nThe test seeds played no part in the choice: compare their rows to see whether tuning generalises.\n\n"
        out += "## Changes\n\n"
        if summary.changes.isEmpty {
            out += "None: the starting settings were the best found.\n"
        } else {
            out += "| rule | parameter | from | to |\n|---|---|---|---|\n"
            for change in summary.changes {
                out +=
                    "| \(change.rule) | \(change.parameter) | \(AlertSettingsText.decimal(change.from)) | \(AlertSettingsText.decimal(change.to)) |\n"
            }
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
        body += "<h2>Start against tuned</h2>\n<table>\n<tr>" + header.map { "<th>\(h($0))</th>" }.joined() + "</tr>\n"
        for row in rows(summary) { body += "<tr>" + row.map { "<td>\(h($0))</td>" }.joined() + "</tr>\n" }
        body += "</table>\n<p>The test seeds played no part in the choice.</p>\n<h2>Changes</h2>\n"
        body += "<table>\n<tr><th>rule</th><th>parameter</th><th>from</th><th>to</th></tr>\n"
        for change in summary.changes {
            body +=
                "<tr><td>\(change.rule)</td><td>\(h(change.parameter))</td><td>\(AlertSettingsText.decimal(change.from))</td><td>\(AlertSettingsText.decimal(change.to))</td></tr>\n"
        }
        body +=
            "</table>\n<h2>Precision-recall curves</h2>\n<p>Each rule alone on the training seeds, one curve per parameter; the red point is the chosen value.</p>\n<div class=\"curves\">\n"
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
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>Threshold tuning: \(h(summary.scenario))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
            th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .curves svg { display: inline-block; margin: 0.3rem; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static func list(_ seeds: [UInt64]) -> String { seeds.map(String.init).joined(separator: ", ") }
}

/// Decimals as the thresholds vocabulary writes them.
enum AlertSettingsText {
    static func decimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(Metrics.rounded(value))
    }
}
