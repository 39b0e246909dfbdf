import SanziAlerts
import SanziOutput

/// Writes a comparison: compare.json (`RunComparison`), compare.md and compare.html (tables,
/// and petitions and loss by month on both sides).
public enum ComparisonFiles {
    public static let names = ["compare.json", "compare.md", "compare.html"]

    /// Writes every output into `folder`; returns the paths.
    public static func write(_ comparison: RunComparison, to folder: String) throws(OutputError) -> [String] {
        try OutputFiles.write(
            Array(zip(names, [OutputFiles.json(comparison), markdown(comparison), html(comparison)])), to: folder)
    }

    /// The lines that say what B changed against A, the loss first.
    public static func summary(_ comparison: RunComparison) -> [String] {
        let runs = { (side: [String]) in
            side.count == 1 ? side[0] : "\(side.count) runs (\(side.joined(separator: ", ")))"
        }
        var lines = ["A: \(runs(comparison.a)).", "B: \(runs(comparison.b))."]
        if let loss = comparison.totals.first(where: { $0.measure == "loss_fen" }) {
            let prevented = loss.a - loss.b
            lines.append(
                "Loss of the misconduct cases: \(Wording.yuan(fen: Int64(loss.a))) in A, \(Wording.yuan(fen: Int64(loss.b))) in B: "
                    + (prevented >= 0
                        ? "\(Wording.yuan(fen: Int64(prevented))) prevented in B"
                        : "\(Wording.yuan(fen: Int64(-prevented))) more lost in B")
                    + (loss.standardError.map { " (± \(Wording.yuan(fen: Int64($0))), one standard error)" } ?? "")
                    + ".")
        }
        return lines
    }

    static let header = ["measure", "where or when", "A", "B", "B − A", "± s.e."]

    static func rows(_ rows: [RunComparison.Row]) -> [[String]] {
        rows.map { row in
            let money = row.measure == "loss_fen"
            let show = { (value: Double) in money ? NumberText.grouped(Int64((value / 100).rounded())) : number(value) }
            return [
                money ? "loss (yuan)" : row.measure, row.key, show(row.a), show(row.b), show(row.difference),
                row.standardError.map(show) ?? "–",
            ]
        }
    }

    /// A mean or difference as the tables show it: grouped by thousands, to a tenth unless whole
    /// (9,155; 9,179.3; -0.3).
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        guard tenths.isFinite, tenths.magnitude < 9e17 else { return String(value) }
        let magnitude = Int64(tenths.magnitude)
        let sign = tenths < 0 ? "-" : ""
        return sign + NumberText.grouped(magnitude / 10) + (magnitude % 10 == 0 ? "" : ".\(magnitude % 10)")
    }

    static func markdown(_ comparison: RunComparison) -> String {
        var out = "# Comparison of runs\n\n" + summary(comparison).map { "- \(Escaping.markdown($0))\n" }.joined()
        for (title, rows) in [
            ("Totals", comparison.totals), ("By district", comparison.districts), ("By month", comparison.months),
        ] {
            out += "\n## \(title)\n\n" + MarkdownTable.text(header, self.rows(rows).map { $0.map(Escaping.markdown) })
        }
        return out
    }

    static func html(_ comparison: RunComparison) -> String {
        var body = "<h1>Comparison of runs</h1>\n<ul>\n"
        body += summary(comparison).map { "<li>\(Escaping.html($0))</li>\n" }.joined() + "</ul>\n"
        body += "<h2>Totals</h2>\n" + HTMLPage.table(header, rows(comparison.totals))
        for (measure, title, unit, scale) in [
            ("petitions", "Petitions a month, A and B", "petitions a month", 1.0),
            ("loss_fen", "Loss of the cases begun each month, A and B", "yuan", 100.0),
        ] {
            guard let sides = comparison.monthly[measure] else { continue }
            body += SVGChart.lines(
                labels: comparison.monthNames,
                series: [
                    ("A", "#c81e1e", (sides["a"] ?? []).map { $0 / scale }),
                    ("B", "#3465a4", (sides["b"] ?? []).map { $0 / scale }),
                ], title: title, valueTitle: unit, labelTitle: "month")
        }
        body += "<h2>By district</h2>\n" + HTMLPage.table(header, rows(comparison.districts))
        body += "<h2>By month</h2>\n" + HTMLPage.table(header, rows(comparison.months))
        return HTMLPage.document(title: "Comparison of runs", body: body)
    }
}
