import SanziAlerts
import SanziEvents
import SanziOutput

/// `report.md`: the report for a person, in Markdown.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func table(_ header: [String], _ rows: [[String]]) { line(MarkdownTable.text(header, rows)) }
        let md = Escaping.markdown
        let totals = report.totals
        line("# Anomaly report: \(md(report.scenario))")
        line()
        line(
            "Seed \(report.seed), \(report.period.start) to \(report.period.end) (\(report.period.days) days), "
                + "\(report.villages.count) villages, \(totals.events) events.")
        line()
        line("## Summary")
        line()
        line(
            "- **\(totals.alerts) alerts**: \(totals.red) red, \(totals.orange) orange, \(totals.yellow) yellow; "
                + "\(totals.alertsPerVillageMonth) per village and month for investigators to read.")
        line(
            "- **\(totals.cases) misconduct cases** (and \(totals.lookAlikes) honest look-alikes), "
                + "losing \(Wording.yuan(fen: totals.lossFen)); cases the alerts caught lost \(Wording.yuan(fen: totals.lossDetectedFen)); "
                + "\(Wording.yuan(fen: totals.privateMoneyFen)) changed hands privately (kickbacks, votes bought)."
        )
        line(
            "- Against the ground truth: precision \(share(totals.precision)), recall \(share(totals.recall)), "
                + "F1 \(share(totals.f1)).")
        line()
        line("## Districts by risk")
        line()
        line("Risk weighs each alert 1 (yellow), 3 (orange) or 9 (red).")
        line()
        table(
            ["district", "risk", "alerts", "red", "orange", "yellow", "cases", "loss (yuan)"],
            report.districts.map(placeRow))
        line("## Villages by risk")
        line()
        table(
            ["village", "district", "risk", "alerts", "red", "orange", "yellow", "cases", "loss (yuan)"],
            report.villages.map { [md($0.name), md($0.district ?? "")] + placeRow($0).dropFirst() })
        line("## Strongest signals")
        line()
        for story in report.stories {
            line("### \(story.rank). \(md(story.title)) in \(md(story.villageName)), \(md(story.district))")
            line()
            line(
                "**\(story.severity)**, risk \(story.risk), \(story.firstDate) to \(story.lastDate): "
                    + md(story.sentences.joined(separator: "; ")) + ".")
            line()
            line(
                "Ground truth: \(md(story.truth)). Alerts: \(story.alertIDs.map(String.init).joined(separator: ", ")).")
            line()
        }
        line("## Timeline")
        line()
        table(
            ["month", "red", "orange", "yellow"],
            report.timeline.map { [$0.month, "\($0.red)", "\($0.orange)", "\($0.yellow)"] })
        line("## Rules against the ground truth")
        line()
        table(
            ["rule", "name", "alerts", "true", "false", "look-alike alarms", "precision", "cases caught"],
            report.rules.filter { $0.alerts > 0 }.map {
                [
                    $0.rule, md($0.name), "\($0.alerts)", "\($0.truePositives)", "\($0.falsePositives)",
                    "\($0.lookAlikeFalseAlarms)", share($0.precision), "\($0.casesDetected)",
                ]
            })
        line("## Typologies")
        line()
        table(
            [
                "typology", "cases", "caught", "recall", "loss (yuan)", "caught loss (yuan)", "median days",
                "90th pct days", "look-alikes", "alerted",
            ],
            report.typologies.map {
                [
                    $0.typology, "\($0.cases)", "\($0.detected)", share($0.recall), money($0.lossFen),
                    money($0.lossDetectedFen), days($0.medianDaysToDetection), days($0.p90DaysToDetection),
                    "\($0.lookAlikes)", "\($0.lookAlikesAlerted)",
                ]
            })
        if let effect = report.warningSystemEffect {
            line("## What the warning system changed")
            line()
            for sentence in OversightSections.effect(effect) { line("- " + sentence) }
            line()
            table(
                ["month", "loss with (yuan)", "loss without (yuan)", "petitions with", "petitions without"],
                effect.months.map {
                    [$0.month, money($0.lossOnFen), money($0.lossOffFen), "\($0.petitionsOn)", "\($0.petitionsOff)"]
                })
        }
        if let oversight = report.oversight {
            line("## Oversight bodies")
            line()
            for sentence in OversightSections.summary(oversight) { line("- " + sentence) }
            line()
            table(OversightSections.bodyHeader, OversightSections.bodyRows(oversight))
            if !oversight.rectification.isEmpty {
                line("## Rectification ledger")
                line()
                line(OversightSections.ledgerSummary(oversight.rectification))
                line()
                table(OversightSections.ledgerHeader, OversightSections.ledgerRows(oversight.rectification))
            }
            if !oversight.surveys.isEmpty {
                line("## Satisfaction surveys")
                line()
                table(OversightSections.surveyHeader, OversightSections.surveyRows(oversight.surveys))
            }
        }
        line("## Time to detection")
        line()
        table(
            ["from the first event to the first alert", "cases"],
            report.detectionDelays.map { [$0.label, "\($0.cases)"] })
        let columns = report.coverage.rules.indices.filter { column in
            report.coverage.casesDetected.contains { $0[column] > 0 }
        }
        line("## Which rules catch which typologies")
        line()
        line("Cases of each typology (rows) that an alert of each rule (columns) touched.")
        line()
        table(
            ["typology"] + columns.map { report.coverage.rules[$0] },
            report.coverage.typologies.enumerated().map { row, typology in
                [typology] + columns.map { "\(report.coverage.casesDetected[row][$0])" }
            })
        return out
    }

    static func placeRow(_ place: Report.Place) -> [String] {
        [
            Escaping.markdown(place.name), "\(place.risk)", "\(place.alerts)", "\(place.red)", "\(place.orange)",
            "\(place.yellow)", "\(place.cases)", money(place.lossFen),
        ]
    }

    static func share(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
    static func days(_ value: Double?) -> String { value.map { Wording.number($0) } ?? "–" }
    /// Money as every page of the report shows it: whole yuan with thousands separators
    /// (report.json keeps the fen).
    static func money(_ fen: Int64) -> String { Wording.grouped(Int64((Double(fen) / 100).rounded())) }
}
