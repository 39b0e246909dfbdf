import SanziAlerts
import SanziOutput
import SanziScenario

/// Writes a calibration's outputs: calibrated.xml (the scenario with the calibrated values,
/// every other byte as it was), calibration.json, calibration.md and calibration.html.
public enum CalibrationFiles {
    public static let names = ["calibrated.xml", "calibration.json", "calibration.md", "calibration.html"]

    /// Writes every output into `folder`; returns the paths.
    public static func write(_ summary: CalibrationSummary, scenario: [UInt8], to folder: String) throws(OutputError)
        -> [String]
    {
        let contents = [
            String(decoding: scenario, as: UTF8.self), OutputFiles.json(summary), markdown(summary), html(summary),
        ]
        return try OutputFiles.write(Array(zip(names, contents)), to: folder)
    }

    static let parameterHeader = ["parameter", "range", "start", "calibrated"]

    static func parameterRows(_ summary: CalibrationSummary) -> [[String]] {
        summary.parameters.map {
            [
                $0.name, "\(number($0.min))–\(number($0.max))", number($0.start), number($0.calibrated),
            ]
        }
    }

    static func targetHeader(_ summary: CalibrationSummary) -> [String] {
        ["target", "observed", "tolerance", "start", "calibrated (mean ± sd)", "within"]
            + (summary.checkSeeds.isEmpty ? [] : ["check seeds (mean ± sd)", "within"])
    }

    static func targetRows(_ summary: CalibrationSummary) -> [[String]] {
        summary.targets.map { target in
            [
                target.name, number(target.observed), "± " + number(target.tolerance), optional(target.startMean),
                spread(target.calibratedMean, target.calibratedSd), target.within ? "yes" : "no",
            ]
                + (summary.checkSeeds.isEmpty
                    ? [] : [spread(target.checkMean, target.checkSd), target.checkWithin == true ? "yes" : "no"])
        }
    }

    /// The run's facts and the method in sentences.
    static func facts(_ summary: CalibrationSummary) -> [String] {
        var facts = [
            "Seeds \(list(summary.seeds)); \(summary.rounds) rounds of \(summary.points) values per parameter; "
                + "\(summary.simulations) simulations.",
            "Distance (Σ ((mean − observed) / tolerance)², under 1 per target when each is met): "
                + "\(optional(summary.startDistance)) at the start, \(optional(summary.calibratedDistance)) calibrated.",
        ]
        if !summary.checkSeeds.isEmpty {
            facts.append(
                "On held-out seeds \(list(summary.checkSeeds)), which played no part in the search: distance "
                    + "\(optional(summary.checkDistance)).")
        }
        return facts
    }

    static let limits = """
        The search is coordinate descent on a shrinking grid over few seeds: it finds a good setting near the \
        grid, not a proven optimum; parameters that move no target stay where they started; targets that \
        pull against each other are traded by their tolerances. A mean within tolerance on the search's seeds \
        may still miss on others: judge by the held-out seeds and the spread.
        """

    static func markdown(_ summary: CalibrationSummary) -> String {
        var out = "# Calibration: \(Escaping.markdown(summary.scenario))\n\n"
        for fact in facts(summary) { out += "- " + fact + "\n" }
        out += "\n## Parameters\n\n" + table(parameterHeader, parameterRows(summary))
        out += "\n## Targets\n\n" + table(targetHeader(summary), targetRows(summary))
        out += "\n## Limits\n\n" + limits + "\n"
        return out
    }

    static func html(_ summary: CalibrationSummary) -> String {
        let h = Escaping.html
        var body = "<h1>Calibration: \(h(summary.scenario))</h1>\n<ul>\n"
        body += facts(summary).map { "<li>\(h($0))</li>\n" }.joined() + "</ul>\n"
        body += "<h2>Parameters</h2>\n" + HTMLPage.table(parameterHeader, parameterRows(summary))
        body += "<h2>Targets</h2>\n" + HTMLPage.table(targetHeader(summary), targetRows(summary))
        let distances = summary.steps.compactMap(\.distance)
        if distances.count > 1 {
            body += SVGChart.lines(
                labels: distances.indices.map { String($0 + 1) },
                series: [("distance of each setting tried", "#3465a4", distances)],
                title: "The search: each setting tried, in order", valueTitle: "distance", labelTitle: "setting")
        }
        body += "<h2>Limits</h2>\n<p>\(h(limits))</p>\n"
        return HTMLPage.document(title: "Calibration: \(summary.scenario)", body: body)
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        MarkdownTable.text(header, rows.map { $0.map(Escaping.markdown) })
    }

    static func number(_ value: Double) -> String { AlertSettings.decimal(value) }
    static func optional(_ value: Double?) -> String { value.map(number) ?? "–" }
    static func spread(_ mean: Double?, _ sd: Double?) -> String {
        guard let mean else { return "–" }
        return number(mean) + (sd.map { " ± " + number($0) } ?? "")
    }
    static func list(_ seeds: [UInt64]) -> String { seeds.map(String.init).joined(separator: ",") }
}
