import SanziAlerts
import SanziOutput

/// `report.html`: one self-contained page (inline CSS and SVG, no script, no external
/// resource) that opens offline. Its markup is well-formed XML, and every name is escaped.
public enum HTMLReport {
    /// Villages in the risk table before the rest fold under "the other N villages".
    static let villagesShown = 20

    public static func render(_ report: Report) -> String {
        let h = Escaping.html
        let totals = report.totals
        var body = ""
        body += "<h1>Anomaly report: \(h(report.scenario))</h1>\n"
        body +=
            "<p>Seed \(report.seed), \(report.period.start) to \(report.period.end) (\(report.period.days) days), "
            + "\(report.villages.count) villages, \(totals.events) events.</p>\n"
        body += "<ul class=\"summary\">\n"
        body +=
            "<li><b>\(totals.alerts) alerts</b>: \(totals.red) red, \(totals.orange) orange, \(totals.yellow) yellow; "
            + "\(totals.alertsPerVillageMonth) per village and month.</li>\n"
        body +=
            "<li><b>\(totals.cases) misconduct cases</b> (and \(totals.lookAlikes) honest look-alikes) losing "
            + "\(Wording.yuan(fen: totals.lossFen)); the cases caught lost \(Wording.yuan(fen: totals.lossDetectedFen)); "
            + "\(Wording.yuan(fen: totals.privateMoneyFen)) changed hands privately (kickbacks, votes bought).</li>\n"
        body +=
            "<li>Precision \(MarkdownReport.share(totals.precision)), recall \(MarkdownReport.share(totals.recall)), "
            + "F1 \(MarkdownReport.share(totals.f1)).</li>\n</ul>\n"
        body += "<h2>Alerts over time</h2>\n" + timelineChart(report)
        body += "<h2>Districts by risk</h2>\n<p>Risk weighs each alert 1 (yellow), 3 (orange) or 9 (red).</p>\n"
        body += HTMLPage.table(
            ["district", "risk", "alerts", "red", "orange", "yellow", "cases", "loss (yuan)"],
            report.districts.map { placeRow($0) })
        body += "<h2>Villages by risk</h2>\n"
        let villageHeader = [
            "village", "district", "risk", "alerts", "red", "orange", "yellow", "cases", "loss (yuan)",
        ]
        let villageRows = report.villages.map { [$0.name, $0.district ?? ""] + placeRow($0).dropFirst() }
        body += HTMLPage.table(villageHeader, Array(villageRows.prefix(Self.villagesShown)))
        if villageRows.count > Self.villagesShown {
            body +=
                "<details><summary>The other \(villageRows.count - Self.villagesShown) villages, by risk</summary>\n"
                + HTMLPage.table(villageHeader, Array(villageRows.dropFirst(Self.villagesShown))) + "</details>\n"
        }
        body += "<h2>Strongest signals</h2>\n<ol class=\"stories\">\n"
        for story in report.stories {
            body +=
                "<li class=\"\(story.severity)\"><h3>\(h(story.title)) in \(h(story.villageName)), \(h(story.district))</h3>\n"
            body +=
                "<p><b>\(story.severity)</b>, risk \(story.risk), \(story.firstDate) to \(story.lastDate): "
                + h(story.sentences.joined(separator: "; ")) + ".</p>\n"
            body += "<p class=\"truth\">Ground truth: \(h(story.truth)).</p></li>\n"
        }
        body += "</ol>\n"
        let alerted = report.rules.filter { $0.alerts > 0 }
        body += "<h2>Precision and recall per rule</h2>\n"
        body += SVGChart.shareBars(
            labels: alerted.map(\.rule),
            series: [
                (
                    "precision (true alerts of the rule's alerts)", "#3465a4", alerted.map(\.precision),
                    alerted.map { "(\($0.truePositives) of \($0.alerts) alerts)" }
                ),
                (
                    "recall (cases the rule caught, of all cases)", "#73a946",
                    alerted.map {
                        report.totals.cases > 0 ? Double($0.casesDetected) / Double(report.totals.cases) : nil
                    },
                    alerted.map { "(\($0.casesDetected) of \(report.totals.cases) cases)" }
                ),
            ], title: "Precision and recall per rule")
        body += HTMLPage.table(
            ["rule", "name", "alerts", "true", "false", "look-alike alarms", "precision", "cases caught"],
            alerted.map {
                [
                    $0.rule, $0.name, "\($0.alerts)", "\($0.truePositives)", "\($0.falsePositives)",
                    "\($0.lookAlikeFalseAlarms)", MarkdownReport.share($0.precision), "\($0.casesDetected)",
                ]
            })
        body += "<h2>Typologies</h2>\n"
        body += HTMLPage.table(
            [
                "typology", "cases", "caught", "recall", "loss (yuan)", "caught loss (yuan)", "median days",
                "90th pct days", "look-alikes", "alerted",
            ],
            report.typologies.map {
                [
                    $0.typology, "\($0.cases)", "\($0.detected)", MarkdownReport.share($0.recall),
                    MarkdownReport.money($0.lossFen), MarkdownReport.money($0.lossDetectedFen),
                    MarkdownReport.days($0.medianDaysToDetection), MarkdownReport.days($0.p90DaysToDetection),
                    "\($0.lookAlikes)", "\($0.lookAlikesAlerted)",
                ]
            })
        if let effect = report.warningSystemEffect {
            body += "<h2>What the warning system changed</h2>\n<ul>\n"
            body += OversightSections.effect(effect).map { "<li>\(h($0))</li>\n" }.joined() + "</ul>\n"
            body += "<p>Loss of the cases begun so far, in yuan, with and without the warning system:</p>\n"
            body += OversightSections.effectChart(effect)
        }
        if let oversight = report.oversight {
            body += "<h2>Oversight bodies</h2>\n<ul>\n"
            body += OversightSections.summary(oversight).map { "<li>\(h($0))</li>\n" }.joined() + "</ul>\n"
            body += HTMLPage.table(OversightSections.bodyHeader, OversightSections.bodyRows(oversight))
            if !oversight.rectification.isEmpty {
                body += "<h2>Rectification ledger</h2>\n"
                body += "<p>\(h(OversightSections.ledgerSummary(oversight.rectification)))</p>\n"
                body += HTMLPage.table(
                    OversightSections.ledgerHeader, OversightSections.ledgerRows(oversight.rectification))
            }
            if !oversight.surveys.isEmpty {
                body += "<h2>Satisfaction surveys</h2>\n"
                body += HTMLPage.table(OversightSections.surveyHeader, OversightSections.surveyRows(oversight.surveys))
            }
        }
        body += "<h2>Time to detection</h2>\n"
        body += SVGChart.stackedBars(
            labels: report.detectionDelays.map(\.label),
            series: [("cases caught", "#3465a4", report.detectionDelays.map(\.cases))],
            title: "Days from a case's first event to its first alert", valueTitle: "cases",
            labelTitle: "time from the case's first event to its first alert")
        body += "<h2>Which rules catch which typologies</h2>\n"
        body +=
            "<p>Each cell counts the cases of a typology (rows) that an alert of a rule (columns) touched; its shade is that count's share of the typology's cases (scale below the grid).</p>\n"
        body += coverageChart(report)
        return HTMLPage.document(
            title: "Anomaly report: \(report.scenario)",
            style: """
                .stories li { margin-bottom: 1rem; padding-left: 0.5rem; border-left: 4px solid #ccc; }
                .stories li.red { border-color: #c81e1e; } .stories li.orange { border-color: #e8730c; }
                .stories li.yellow { border-color: #e0b100; } .truth { color: #555; font-size: 0.9rem; }
                h3 { margin: 0.2rem 0; font-size: 1rem; } svg { display: block; margin: 0.5rem 0 1.5rem; }
                """,
            body: body)
    }

    /// Alerts a month by severity, the scenario's interventions marked on their days, and the
    /// months without a warning system shaded (no alert is raised then).
    static func timelineChart(_ report: Report) -> String {
        let months = report.timeline.map(\.month)
        let marks = report.interventions.map { intervention in
            let month = String(intervention.date.prefix(7))
            let day = Double(Int(intervention.date.suffix(2)) ?? 1)
            let label = intervention.name.count > 48 ? intervention.name.prefix(47) + "…" : intervention.name
            return SVGChart.Mark(
                at: Double(months.firstIndex(of: month) ?? 0) + (day - 1) / 31, label: "\(intervention.date) \(label)")
        }
        return SVGChart.stackedBars(
            labels: months,
            series: ["yellow", "orange", "red"].map { severity in
                (
                    severity, SVGChart.colours[severity] ?? "#888",
                    report.timeline.map { severity == "yellow" ? $0.yellow : severity == "orange" ? $0.orange : $0.red }
                )
            },
            title: "Alerts per month by severity", valueTitle: "alerts a month", labelTitle: "month", marks: marks,
            shaded: report.timeline.map { !$0.warningSystem }, shadedMeaning: "warning system off: no alert raised")
    }

    static func coverageChart(_ report: Report) -> String {
        let coverage = report.coverage
        let columns = coverage.rules.indices.filter { column in coverage.casesDetected.contains { $0[column] > 0 } }
        let totals = report.typologies.map(\.cases)
        return SVGChart.heatMap(
            rows: coverage.typologies, columns: columns.map { coverage.rules[$0] },
            shares: coverage.casesDetected.enumerated().map { row, counts in
                columns.map { totals[row] > 0 ? Double(counts[$0]) / Double(totals[row]) : 0 }
            },
            counts: coverage.casesDetected.map { counts in columns.map { counts[$0] } },
            title: "Cases of each typology caught by each rule", scale: "shade: share of the typology's cases")
    }

    static func placeRow(_ place: Report.Place) -> [String] {
        [
            place.name, "\(place.risk)", "\(place.alerts)", "\(place.red)", "\(place.orange)", "\(place.yellow)",
            "\(place.cases)", MarkdownReport.money(place.lossFen),
        ]
    }
}
